#include "searchquery.h"

#include "fhirtime.h"
#include "resourceindex.h"
#include "searchparameters.h"

namespace chevet::dpi {

namespace {

// FHIR search values escape ',', '|', '$' and '\' with a backslash. Splits on the unescaped
// separator, keeping escapes so a later split still sees them.
QStringList splitUnescaped(const QString &text, QChar separator)
{
    QStringList parts;
    QString current;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            current.append(c);
            current.append(text.at(++i));
        } else if (c == separator) {
            parts.append(current);
            current.clear();
        } else {
            current.append(c);
        }
    }
    parts.append(current);
    return parts;
}

QString unescape(const QString &text)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\\') && i + 1 < text.size())
            ++i;
        out.append(text.at(i));
    }
    return out;
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QLatin1Char(','));
}

// Token and reference conditions select the matching ids through the lookup index, uncorrelated:
// `h.id IN (…)` runs the subquery once, where a correlated EXISTS would be tried for every current
// resource of the type (a conditional create would cost time linear in the resources held).
void addToken(SqlFilter &filter, const QString &type, const QString &param, const QStringList &values)
{
    QStringList alternatives;
    QVariantList binds{type, param};
    for (const QString &value : values) {
        const QStringList parts = splitUnescaped(value, QLatin1Char('|'));
        if (parts.size() == 1) {
            alternatives.append(QStringLiteral("t.code = ?"));
            binds.append(unescape(parts.first()));
        } else if (parts.at(1).isEmpty()) { // "system|": any code in that system
            alternatives.append(QStringLiteral("t.system = ?"));
            binds.append(unescape(parts.first()));
        } else { // "system|code", and "|code" for a code without system
            alternatives.append(QStringLiteral("(t.system = ? AND t.code = ?)"));
            binds.append(unescape(parts.first()));
            binds.append(unescape(parts.mid(1).join(QLatin1Char('|'))));
        }
    }
    filter.conditions.append(
        QStringLiteral("h.id IN (SELECT t.id FROM search_token t WHERE t.type = ? AND t.param = ? AND (%1))")
            .arg(alternatives.join(QLatin1String(" OR "))));
    filter.binds += binds;
    filter.narrowsIds = true;
}

Expected<void> addReference(SqlFilter &filter, const QString &type, const SearchParameter &param,
                            const QStringList &values)
{
    QStringList alternatives;
    QVariantList binds{type, param.name};
    for (const QString &raw : values) {
        const QString value = unescape(raw);
        if (const auto target = parseReference(value)) {
            alternatives.append(QStringLiteral("(r.target_type = ? AND r.target_id = ?)"));
            binds.append(target->type);
            binds.append(target->id);
        } else if (isValidId(value)) {
            alternatives.append(QStringLiteral("r.target_id = ?"));
            binds.append(value);
        } else {
            return fhirError(
                400, Issue::Value,
                QStringLiteral("search parameter '%1' needs a reference such as Type/id or an id")
                    .arg(param.name));
        }
    }
    filter.conditions.append(
        QStringLiteral(
            "h.id IN (SELECT r.id FROM search_reference r WHERE r.type = ? AND r.param = ? AND (%1))")
            .arg(alternatives.join(QLatin1String(" OR "))));
    filter.binds += binds;
    filter.narrowsIds = true;
    return {};
}

Expected<void> addLastUpdated(SqlFilter &filter, const QString &value)
{
    static const QStringList prefixes = {QStringLiteral("eq"), QStringLiteral("ne"), QStringLiteral("gt"),
                                         QStringLiteral("lt"), QStringLiteral("ge"), QStringLiteral("le"),
                                         QStringLiteral("sa"), QStringLiteral("eb")};
    QString prefix = QStringLiteral("eq");
    QString date = value;
    if (value.size() > 2 && prefixes.contains(value.left(2))) {
        prefix = value.left(2);
        date = value.mid(2);
    }
    const auto range = fhirtime::parseRange(date);
    if (!range) {
        return fhirError(400, Issue::Value,
                         QStringLiteral("_lastUpdated needs a FHIR date or instant such as "
                                        "ge2024-05-01T08:00:00Z, not '%1'")
                             .arg(value));
    }
    // Comparisons against the span the value names, as FHIR defines them for dates.
    if (prefix == QLatin1String("eq")) {
        filter.conditions.append(QStringLiteral("(h.last_updated >= ? AND h.last_updated < ?)"));
        filter.binds << range->start << range->end;
    } else if (prefix == QLatin1String("ne")) {
        filter.conditions.append(QStringLiteral("(h.last_updated < ? OR h.last_updated >= ?)"));
        filter.binds << range->start << range->end;
    } else if (prefix == QLatin1String("gt") || prefix == QLatin1String("sa")) {
        filter.conditions.append(QStringLiteral("h.last_updated >= ?"));
        filter.binds << range->end;
    } else if (prefix == QLatin1String("ge")) {
        filter.conditions.append(QStringLiteral("h.last_updated >= ?"));
        filter.binds << range->start;
    } else if (prefix == QLatin1String("lt") || prefix == QLatin1String("eb")) {
        filter.conditions.append(QStringLiteral("h.last_updated < ?"));
        filter.binds << range->start;
    } else { // le
        filter.conditions.append(QStringLiteral("h.last_updated < ?"));
        filter.binds << range->end;
    }
    return {};
}

Expected<int> parseCount(const QString &value)
{
    bool ok = false;
    const int count = value.toInt(&ok);
    if (!ok || count < 0)
        return fhirError(400, Issue::Value, QStringLiteral("_count must be a whole number >= 0"));
    return qMin(count, kMaxPageSize); // larger requests are served in pages of the maximum
}

} // namespace

Expected<SearchQuery> SearchQuery::parse(const QString &type, const QueryItems &items, bool strict)
{
    SearchQuery query;
    query.type = type;
    for (const auto &[fullName, value] : items) {
        const QString name = fullName.section(QLatin1Char(':'), 0, 0);
        const QString modifier = fullName.section(QLatin1Char(':'), 1);
        if (name == QLatin1String("_count")) {
            const auto count = parseCount(value);
            if (!count)
                return count.error();
            query.count = *count;
            continue;
        }
        if (name == QLatin1String("_cursor")) {
            query.afterSeq = value.toLongLong();
            continue;
        }
        if (name == QLatin1String("_summary") && value == QLatin1String("count")) {
            query.count = 0;
            continue;
        }
        if (name == QLatin1String("_format") || name == QLatin1String("_pretty"))
            continue; // JSON is the only format; pretty printing changes nothing that matters
        if (value.isEmpty())
            continue; // FHIR: a parameter without a value is ignored

        const SearchParameter *parameter = findSearchParameter(type, name);
        const bool common = name == QLatin1String("_id") || name == QLatin1String("_lastUpdated");
        if (!parameter && !common) {
            if (strict) {
                return fhirError(
                    400, Issue::NotSupported,
                    QStringLiteral("search parameter '%1' is not supported for %2").arg(name, type));
            }
            query.ignored.append(fullName);
            continue;
        }
        if (!modifier.isEmpty()) {
            return fhirError(400, Issue::NotSupported,
                             QStringLiteral("modifier ':%1' is not supported on '%2'").arg(modifier, name));
        }
        const QStringList values = splitUnescaped(value, QLatin1Char(','));
        if (name == QLatin1String("_id")) {
            query.filter.conditions.append(QStringLiteral("h.id IN (%1)").arg(placeholders(values.size())));
            for (const QString &id : values)
                query.filter.binds.append(unescape(id));
            query.filter.narrowsIds = true;
        } else if (name == QLatin1String("_lastUpdated")) {
            if (values.size() > 1)
                return fhirError(400, Issue::NotSupported,
                                 QStringLiteral("_lastUpdated takes one value; repeat it to AND"));
            if (const auto added = addLastUpdated(query.filter, value); !added)
                return added.error();
        } else if (parameter->kind == ParamKind::Token) {
            addToken(query.filter, type, name, values);
        } else if (const auto added = addReference(query.filter, type, *parameter, values); !added) {
            return added.error();
        }
        query.applied.append({fullName, value});
    }
    return query;
}

} // namespace chevet::dpi
