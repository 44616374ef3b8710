#include "fhirjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>
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

void appendEscapedUnit(QByteArray &out, char16_t unit)
{
    static const char hex[] = "0123456789abcdef";
    out.append("\\u");
    for (int shift = 12; shift >= 0; shift -= 4)
        out.append(hex[(unit >> shift) & 0xf]);
}

void appendEscapedUtf8(QByteArray &out, const QByteArray &utf8)
{
    for (const char c : utf8) {
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
            // UTF-8 continuation bytes are never below 0x20: only control characters are escaped here.
            if (static_cast<unsigned char>(c) < 0x20)
                appendEscapedUnit(out, char16_t(static_cast<unsigned char>(c)));
            else
                out.append(c);
        }
    }
}

void writeString(QByteArray &out, const QString &text)
{
    out.append('"');
    const bool hasSurrogates =
        std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isSurrogate(); });
    if (!hasSurrogates) {
        appendEscapedUtf8(out, text.toUtf8());
    } else {
        // UTF-8 has no form for a lone surrogate (toUtf8() would write '?'): escaped as Qt's writer does,
        // so the text reads back as it was stored.
        qsizetype from = 0;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                ++i;
                continue;
            }
            if (!c.isSurrogate())
                continue;
            appendEscapedUtf8(out, QStringView(text).mid(from, i - from).toUtf8());
            appendEscapedUnit(out, c.unicode());
            from = i + 1;
        }
        appendEscapedUtf8(out, QStringView(text).mid(from).toUtf8());
    }
    out.append('"');
}

// Numbers as Qt writes them: whole numbers (Qt keeps them as integers, -0 included) without a fraction,
// others in their shortest exact form.
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
