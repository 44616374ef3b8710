#include "resourceindex.h"

#include "searchparameters.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace chevet::dpi {

namespace {

// Every value at a dotted path; arrays at any step are flattened, as FHIRPath does.
QList<QJsonValue> valuesAt(const QJsonObject &resource, const QString &path)
{
    QList<QJsonValue> current{resource};
    for (const QString &step : path.split(QLatin1Char('.'))) {
        QList<QJsonValue> next;
        for (const QJsonValue &value : current) {
            const QJsonValue child = value.toObject().value(step);
            if (child.isArray()) {
                for (const QJsonValue &item : child.toArray())
                    next.append(item);
            } else if (!child.isUndefined() && !child.isNull()) {
                next.append(child);
            }
        }
        current = next;
    }
    return current;
}

void addTokens(const QString &param, const QJsonValue &value, QList<TokenEntry> &out)
{
    if (value.isString()) {
        out.append({param, {}, value.toString()});
        return;
    }
    const QJsonObject object = value.toObject();
    if (object.contains(QLatin1String("coding"))) { // a CodeableConcept reached without ".coding"
        for (const QJsonValue &coding : object.value(QLatin1String("coding")).toArray())
            addTokens(param, coding, out);
        return;
    }
    const QString system = object.value(QLatin1String("system")).toString();
    if (object.contains(QLatin1String("code")))
        out.append({param, system, object.value(QLatin1String("code")).toString()});
    else if (object.contains(QLatin1String("value"))) // Identifier
        out.append({param, system, object.value(QLatin1String("value")).toString()});
}

} // namespace

bool isValidId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9\\-.]{1,64}$"));
    return pattern.match(id).hasMatch();
}

std::optional<ResourceRef> parseReference(const QString &reference)
{
    static const QRegularExpression typePattern(QStringLiteral("^[A-Z][A-Za-z]+$"));
    if (reference.startsWith(QLatin1String("urn:")) || reference.startsWith(QLatin1Char('#')))
        return std::nullopt;
    QString path = reference;
    path.truncate(path.indexOf(QLatin1Char('?')) < 0 ? path.size() : path.indexOf(QLatin1Char('?')));
    QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const qsizetype history = segments.lastIndexOf(QStringLiteral("_history"));
    if (history >= 0)
        segments = segments.mid(0, history);
    if (segments.size() < 2)
        return std::nullopt;
    const QString type = segments.at(segments.size() - 2);
    const QString id = segments.last();
    if (!typePattern.match(type).hasMatch() || !isValidId(id))
        return std::nullopt;
    return ResourceRef{type, id};
}

IndexEntries indexResource(const QString &type, const QJsonObject &resource)
{
    IndexEntries entries;
    for (const SearchParameter &parameter : searchParameters(type)) {
        for (const QString &path : parameter.paths) {
            for (const QJsonValue &value : valuesAt(resource, path)) {
                if (parameter.kind == ParamKind::Token) {
                    addTokens(parameter.name, value, entries.tokens);
                    continue;
                }
                const auto target =
                    parseReference(value.toObject().value(QLatin1String("reference")).toString());
                if (!target || (!parameter.targetType.isEmpty() && target->type != parameter.targetType))
                    continue;
                entries.references.append({parameter.name, target->type, target->id});
            }
        }
    }
    return entries;
}

} // namespace chevet::dpi
