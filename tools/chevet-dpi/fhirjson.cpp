#include "fhirjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <cmath>
#include <limits>

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

void writeString(QByteArray &out, const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.append('"');
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (byte < 0x20) {
                out.append("\\u00");
                out.append(hex[byte >> 4]);
                out.append(hex[byte & 0xf]);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
}

// Numbers as Qt formats them: whole numbers without a fraction, others in their shortest exact form.
void writeScalar(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        writeString(out, value.toString());
        break;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (!std::isfinite(number))
            out.append("null");
        else if (const qint64 whole = value.toInteger(std::numeric_limits<qint64>::min());
                 whole != std::numeric_limits<qint64>::min() || number == double(whole))
            out.append(QByteArray::number(whole));
        else
            out.append(QByteArray::number(number, 'g', QLocale::FloatingPointShortest));
        break;
    }
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        break;
    default:
        out.append("null");
    }
}

void writeObject(QByteArray &out, const QJsonObject &object, bool pretty, int depth)
{
    if (object.isEmpty()) {
        out.append("{}");
        return;
    }
    out.append('{');
    bool firstKey = true;
    const auto member = [&](const QString &key, const QJsonValue &value) {
        if (!firstKey)
            out.append(',');
        firstKey = false;
        newline(out, pretty, depth + 1);
        writeString(out, key);
        out.append(pretty ? ": " : ":");
        writeValue(out, value, pretty, depth + 1);
    };
    // FHIR's order for the elements readers look at first; the rest as Qt keeps them, sorted.
    static const QString leading[] = {QStringLiteral("resourceType"), QStringLiteral("id"),
                                      QStringLiteral("meta")};
    for (const QString &key : leading) {
        if (const auto it = object.constFind(key); it != object.constEnd())
            member(key, it.value());
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key() != leading[0] && it.key() != leading[1] && it.key() != leading[2])
            member(it.key(), it.value());
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
