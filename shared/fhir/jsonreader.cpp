#include "jsonreader.h"

#include "fhirtypes.h"

#include <QDateTime>
#include <QJsonArray>

#include <cmath>

namespace chevet::fhir {

namespace {

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString expected(const char *what, const QJsonValue &got)
{
    return QStringLiteral("expected %1, got %2").arg(QLatin1String(what), describe(got));
}

} // namespace

JsonReader::JsonReader(const QJsonObject &object, const QString &path, std::shared_ptr<State> state)
    : m_object(object)
    , m_path(path)
    , m_state(std::move(state))
{}

JsonReader JsonReader::resource(const QJsonObject &json, const QString &type)
{
    JsonReader reader(json, type, std::make_shared<State>());
    const QJsonValue actual = json.value(QLatin1String("resourceType"));
    if (!actual.isString())
        reader.failAt(QStringLiteral("resourceType"), QStringLiteral("expected \"%1\"").arg(type));
    else if (actual.toString() != type)
        reader.failAt(QStringLiteral("resourceType"),
                      QStringLiteral("expected \"%1\", got \"%2\"").arg(type, actual.toString().left(40)));
    return reader;
}

QString JsonReader::pathOf(const QString &key) const
{
    return m_path + QLatin1Char('.') + key;
}

bool JsonReader::has(const QString &key) const
{
    const QJsonValue v = m_object.value(key);
    return !v.isUndefined() && !v.isNull();
}

std::optional<QJsonValue> JsonReader::present(const QString &key, Need need)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())) {
        if (need == Need::Required)
            failAt(key, QStringLiteral("required element missing"));
        return std::nullopt;
    }
    return v;
}

QString JsonReader::string(const QString &key, Need need)
{
    const std::optional<QJsonValue> v = present(key, need);
    if (!v)
        return {};
    if (!v->isString()) {
        failAt(key, expected("a string", *v));
        return {};
    }
    return v->toString();
}

std::optional<double> JsonReader::number(const QString &key, Need need)
{
    const std::optional<QJsonValue> v = present(key, need);
    if (!v)
        return std::nullopt;
    if (!v->isDouble()) {
        failAt(key, expected("a number", *v));
        return std::nullopt;
    }
    return v->toDouble();
}

std::optional<qint64> JsonReader::integer(const QString &key, Need need)
{
    const std::optional<double> n = number(key, need);
    if (!n)
        return std::nullopt;
    // 2^53: beyond it a double no longer holds every integer.
    if (std::trunc(*n) != *n || std::abs(*n) > 9007199254740992.0) {
        failAt(key, QStringLiteral("expected an integer"));
        return std::nullopt;
    }
    return qint64(*n);
}

std::optional<bool> JsonReader::boolean(const QString &key, Need need)
{
    const std::optional<QJsonValue> v = present(key, need);
    if (!v)
        return std::nullopt;
    if (!v->isBool()) {
        failAt(key, expected("a boolean", *v));
        return std::nullopt;
    }
    return v->toBool();
}

std::optional<qint64> JsonReader::dateTime(const QString &key, Need need)
{
    const QString text = string(key, need);
    if (text.isEmpty())
        return std::nullopt;
    std::optional<qint64> ms = parseDateTime(text);
    if (!ms)
        failAt(key, QStringLiteral("expected a dateTime with time and zone (YYYY-MM-DDThh:mm:ss+zz:zz)"));
    return ms;
}

std::optional<QDate> JsonReader::date(const QString &key, Need need)
{
    const QString text = string(key, need);
    if (text.isEmpty())
        return std::nullopt;
    std::optional<QDate> d = parseDate(text);
    if (!d)
        failAt(key, QStringLiteral("expected a full date (YYYY-MM-DD)"));
    return d;
}

JsonReader JsonReader::object(const QString &key, Need need)
{
    const std::optional<QJsonValue> v = present(key, need);
    if (v && !v->isObject())
        failAt(key, expected("an object", *v));
    return JsonReader(v && v->isObject() ? v->toObject() : QJsonObject(), pathOf(key), m_state);
}

QList<JsonReader> JsonReader::objects(const QString &key, Need need)
{
    QList<JsonReader> items;
    const std::optional<QJsonValue> v = present(key, need);
    if (!v)
        return items;
    if (!v->isArray()) {
        failAt(key, expected("an array", *v));
        return items;
    }
    const QJsonArray array = v->toArray();
    if (array.isEmpty() && need == Need::Required)
        failAt(key, QStringLiteral("required element missing"));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = pathOf(key) + QStringLiteral("[%1]").arg(i);
        const QJsonValue item = array.at(i);
        if (!item.isObject()) {
            fail(itemPath, expected("an object", item));
            return {};
        }
        items.append(JsonReader(item.toObject(), itemPath, m_state));
    }
    return items;
}

QStringList JsonReader::strings(const QString &key)
{
    QStringList items;
    const std::optional<QJsonValue> v = present(key, Need::Optional);
    if (!v)
        return items;
    if (!v->isArray()) {
        failAt(key, expected("an array", *v));
        return items;
    }
    const QJsonArray array = v->toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            fail(pathOf(key) + QStringLiteral("[%1]").arg(i), expected("a string", array.at(i)));
            return {};
        }
        items.append(array.at(i).toString());
    }
    return items;
}

void JsonReader::fail(const QString &path, const QString &what)
{
    if (!m_state->error)
        m_state->error = malformed(path, what);
}

Error JsonReader::error() const
{
    return m_state->error.value_or(malformed(m_path, QStringLiteral("unknown error")));
}

namespace {

// `count` ASCII digits at `at`, or -1. (Read by hand: a regular expression cost more than the rest of
// mapping an Observation, and its \d also took digits of other scripts.)
int digitsAt(const QString &text, qsizetype at, int count)
{
    if (at + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = text.at(at + i).unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

bool charAt(const QString &text, qsizetype at, char16_t expected)
{
    return at < text.size() && text.at(at).unicode() == expected;
}

} // namespace

std::optional<qint64> parseDateTime(const QString &text)
{
    // FHIR requires seconds and a zone whenever a time is given; fractions may have any length (up to 9
    // digits here): YYYY-MM-DDThh:mm:ss[.fffffffff](Z|+hh:mm|-hh:mm)
    const int year = digitsAt(text, 0, 4);
    const int month = charAt(text, 4, u'-') ? digitsAt(text, 5, 2) : -1;
    const int day = charAt(text, 7, u'-') ? digitsAt(text, 8, 2) : -1;
    const int hour = charAt(text, 10, u'T') ? digitsAt(text, 11, 2) : -1;
    const int minute = charAt(text, 13, u':') ? digitsAt(text, 14, 2) : -1;
    const int second = charAt(text, 16, u':') ? digitsAt(text, 17, 2) : -1;
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return std::nullopt;
    qsizetype at = 19;
    int ms = 0;
    if (charAt(text, at, u'.')) {
        int fractionDigits = 0;
        for (++at; fractionDigits < 10 && digitsAt(text, at, 1) >= 0; ++at, ++fractionDigits) {
            if (fractionDigits < 3)
                ms = ms * 10 + digitsAt(text, at, 1);
        }
        if (fractionDigits == 0 || fractionDigits > 9)
            return std::nullopt;
        for (int i = fractionDigits; i < 3; ++i)
            ms *= 10;
    }
    int offsetSeconds = 0;
    if (charAt(text, at, u'Z')) {
        ++at;
    } else if (charAt(text, at, u'+') || charAt(text, at, u'-')) {
        const int sign = charAt(text, at, u'-') ? -1 : 1;
        const int hours = digitsAt(text, at + 1, 2);
        const int minutes = charAt(text, at + 3, u':') ? digitsAt(text, at + 4, 2) : -1;
        if (hours < 0 || minutes < 0 || hours > 14 || minutes > 59)
            return std::nullopt;
        offsetSeconds = sign * (hours * 3600 + minutes * 60);
        at += 6;
    } else {
        return std::nullopt;
    }
    if (at != text.size())
        return std::nullopt;
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, ms);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch() - qint64(offsetSeconds) * 1000;
}

QString formatDateTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

std::optional<QDate> parseDate(const QString &text)
{
    if (text.size() != 10 || !charAt(text, 4, u'-') || !charAt(text, 7, u'-'))
        return std::nullopt;
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    if (year < 0 || month < 0 || day < 0)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

QString formatDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

} // namespace chevet::fhir
