#include "historyquery.h"

#include "fhirtime.h"
#include "searchquery.h"

namespace chevet::dpi {

Expected<HistoryQuery> HistoryQuery::parse(const QString &type, const QString &id, const QueryItems &items,
                                           bool newestFirst)
{
    HistoryQuery query;
    query.filter.type = type;
    query.filter.id = id;
    query.filter.newestFirst = newestFirst;
    query.filter.count = kDefaultPageSize;
    for (const auto &[name, value] : items) {
        if (name == QLatin1String("_since")) {
            const auto range = fhirtime::parseRange(value);
            if (!range) {
                return fhirError(
                    400, Issue::Value,
                    QStringLiteral("_since needs an instant such as 2024-05-01T08:00:00.000Z, not '%1'")
                        .arg(value));
            }
            query.filter.sinceMs = range->start;
            query.applied.append({name, value});
        } else if (name == QLatin1String("_count")) {
            bool ok = false;
            const int count = value.toInt(&ok);
            if (!ok || count < 0)
                return fhirError(400, Issue::Value, QStringLiteral("_count must be a whole number >= 0"));
            query.filter.count = qMin(count, kMaxPageSize);
        } else if (name == QLatin1String("_cursor")) {
            query.filter.cursorSeq = value.toLongLong();
        } else if (name == QLatin1String("_at") || name == QLatin1String("_list")) {
            return fhirError(400, Issue::NotSupported,
                             QStringLiteral("history parameter %1 is not supported").arg(name));
        }
        // Anything else (_format, _pretty, ...) changes nothing here.
    }
    return query;
}

} // namespace chevet::dpi
