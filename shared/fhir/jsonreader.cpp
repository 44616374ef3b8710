#include "jsonreader.h"

#include "fhirtypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

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

std::optional<qint64> parseDateTime(const QString &text)
{
    // FHIR requires seconds and a zone whenever a time is given; fractions may have any length.
    static const QRegularExpression re(QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})"
                                                      "(?:\\.(\\d{1,9}))?(Z|([+-])(\\d{2}):(\\d{2}))$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const int ms = m.captured(7).leftJustified(3, QLatin1Char('0')).left(3).toInt();
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), ms);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    int offsetSeconds = 0;
    if (m.captured(8) != QLatin1String("Z")) {
        const int hours = m.captured(10).toInt();
        const int minutes = m.captured(11).toInt();
        if (hours > 14 || minutes > 59)
            return std::nullopt;
        offsetSeconds = (hours * 3600 + minutes * 60) * (m.captured(9) == QLatin1String("-") ? -1 : 1);
    }
    return QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch() - qint64(offsetSeconds) * 1000;
}

QString formatDateTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

std::optional<QDate> parseDate(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    return date;
}

QString formatDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

} // namespace chevet::fhir
