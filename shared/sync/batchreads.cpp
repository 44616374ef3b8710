#include "batchreads.h"

#include <QJsonArray>

namespace chevet::batchreads {

QJsonObject bundleOf(const QStringList &targets)
{
    QJsonArray entries;
    for (const QString &target : targets) {
        entries.append(QJsonObject{
            {QLatin1String("request"),
             QJsonObject{{QLatin1String("method"), QLatin1String("GET")}, {QLatin1String("url"), target}}}});
    }
    return {{QLatin1String("resourceType"), QLatin1String("Bundle")},
            {QLatin1String("type"), QLatin1String("batch")},
            {QLatin1String("entry"), entries}};
}

Fit judge(const QString &target, const QJsonObject &answer)
{
    const QString type = answer.value(QLatin1String("type")).toString();
    if (answer.value(QLatin1String("resourceType")).toString() != QLatin1String("Bundle") ||
        (type != QLatin1String("searchset") && type != QLatin1String("history")))
        return Fit::Foreign;
    // "Observation?patient=…", "Observation/_history?_since=…": the type the read asks for.
    const QString wantedType = target.section(QLatin1Char('?'), 0, 0).section(QLatin1Char('/'), 0, 0);
    int matches = 0;
    for (const QJsonValue &value : answer.value(QLatin1String("entry")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString mode =
            entry.value(QLatin1String("search")).toObject().value(QLatin1String("mode")).toString();
        if (!mode.isEmpty() && mode != QLatin1String("match"))
            continue; // included resources (a Medication), outcomes
        ++matches;
        const QJsonObject resource = entry.value(QLatin1String("resource")).toObject();
        if (!resource.isEmpty() && resource.value(QLatin1String("resourceType")).toString() != wantedType)
            return Fit::Foreign;
    }
    for (const QJsonValue &link : answer.value(QLatin1String("link")).toArray()) {
        if (link.toObject().value(QLatin1String("relation")).toString() == QLatin1String("next"))
            return Fit::Whole; // the rest is read page by page, as for any read
    }
    const QJsonValue total = answer.value(QLatin1String("total"));
    return total.isDouble() && total.toInt() == matches ? Fit::Whole : Fit::Partial;
}

} // namespace chevet::batchreads
