#include "referencerewriter.h"

#include <QJsonArray>

namespace chevet::dpi {

// Only Reference.reference values are rewritten: an identifier whose value happens to equal an
// entry's fullUrl (a client using its record ids as both) is data, not a reference.
static QJsonValue rewriteValue(const QJsonValue &value, const QHash<QString, QString> &names,
                               bool isReference)
{
    if (value.isString()) {
        if (!isReference)
            return value;
        const auto it = names.constFind(value.toString());
        return it == names.constEnd() ? value : QJsonValue(*it);
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array[i] = rewriteValue(array.at(i), names, false);
        return array;
    }
    if (value.isObject())
        return rewriteReferences(value.toObject(), names);
    return value;
}

QJsonObject rewriteReferences(const QJsonObject &resource, const QHash<QString, QString> &names)
{
    if (names.isEmpty())
        return resource;
    QJsonObject out = resource;
    for (auto it = out.begin(); it != out.end(); ++it)
        it.value() = rewriteValue(it.value(), names, it.key() == QLatin1String("reference"));
    return out;
}

} // namespace chevet::dpi
