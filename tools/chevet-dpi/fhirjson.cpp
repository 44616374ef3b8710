#include "fhirjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace chevet::dpi {

namespace {

void writeValue(QByteArray &out, const QJsonValue &value, bool pretty, int depth);

void newline(QByteArray &out, bool pretty, int depth)
{
    if (!pretty)
        return;
    out.append('\n');
    out.append(QByteArray(depth * 2, ' '));
}

// Strings and numbers exactly as Qt escapes and formats them.
void writeScalar(QByteArray &out, const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    out.append(wrapped.mid(1, wrapped.size() - 2));
}

QStringList orderedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    QStringList first;
    for (const QString &key :
         {QStringLiteral("resourceType"), QStringLiteral("id"), QStringLiteral("meta")}) {
        if (keys.removeOne(key))
            first.append(key);
    }
    return first + keys;
}

void writeObject(QByteArray &out, const QJsonObject &object, bool pretty, int depth)
{
    if (object.isEmpty()) {
        out.append("{}");
        return;
    }
    out.append('{');
    bool firstKey = true;
    for (const QString &key : orderedKeys(object)) {
        if (!firstKey)
            out.append(',');
        firstKey = false;
        newline(out, pretty, depth + 1);
        writeScalar(out, key);
        out.append(pretty ? ": " : ":");
        writeValue(out, object.value(key), pretty, depth + 1);
    }
    newline(out, pretty, depth);
    out.append('}');
}

void writeArray(QByteArray &out, const QJsonArray &array, bool pretty, int depth)
{
    if (array.isEmpty()) {
        out.append("[]");
        return;
    }
    out.append('[');
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (i > 0)
            out.append(',');
        newline(out, pretty, depth + 1);
        writeValue(out, array.at(i), pretty, depth + 1);
    }
    newline(out, pretty, depth);
    out.append(']');
}

void writeValue(QByteArray &out, const QJsonValue &value, bool pretty, int depth)
{
    if (value.isObject())
        writeObject(out, value.toObject(), pretty, depth);
    else if (value.isArray())
        writeArray(out, value.toArray(), pretty, depth);
    else
        writeScalar(out, value);
}

} // namespace

QByteArray toFhirJson(const QJsonObject &resource, bool pretty)
{
    QByteArray out;
    writeObject(out, resource, pretty, 0);
    if (pretty)
        out.append('\n');
    return out;
}

} // namespace chevet::dpi
