#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QTime>

// Small builders for the FHIR datatypes the demo data uses.
namespace chevet::dpi::seed {

inline QString utf8(const char *text)
{
    return QString::fromUtf8(text);
}

inline QJsonObject reference(const QString &target, const QString &display = {})
{
    QJsonObject out{{QStringLiteral("reference"), target}};
    if (!display.isEmpty())
        out.insert(QStringLiteral("display"), display);
    return out;
}

inline QJsonObject coding(const char *system, const char *code, const char *display)
{
    return {{QStringLiteral("system"), utf8(system)},
            {QStringLiteral("code"), utf8(code)},
            {QStringLiteral("display"), utf8(display)}};
}

inline QJsonObject codeableConcept(const QJsonObject &codingValue, const QString &text = {})
{
    QJsonObject out{{QStringLiteral("coding"), QJsonArray{codingValue}}};
    if (!text.isEmpty())
        out.insert(QStringLiteral("text"), text);
    return out;
}

inline QJsonObject quantity(double value, const char *ucum)
{
    return {{QStringLiteral("value"), value},
            {QStringLiteral("unit"), utf8(ucum)},
            {QStringLiteral("system"), QStringLiteral("http://unitsofmeasure.org")},
            {QStringLiteral("code"), utf8(ucum)}};
}

// A wall-clock time on the ward, with the server's UTC offset for that day ("2024-05-01T08:00:00+02:00"):
// dose slots and care tasks are planned in local time, as nurses read them.
inline QString localDateTime(const QDate &date, const QTime &time)
{
    const int offset = QDateTime(date, time).offsetFromUtc();
    const QChar sign = offset < 0 ? QLatin1Char('-') : QLatin1Char('+');
    const int minutes = qAbs(offset) / 60;
    return QStringLiteral("%1T%2%3%4:%5")
        .arg(date.toString(Qt::ISODate), time.toString(QStringLiteral("HH:mm:ss")))
        .arg(sign)
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

} // namespace chevet::dpi::seed
