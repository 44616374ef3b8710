#include "fhirtime.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

namespace chevet::dpi::fhirtime {

QString instant(qint64 msSinceEpoch)
{
    // An explicit format: Qt::ISODateWithMs writes "+00:00" for a QTimeZone-based UTC, FHIR servers "Z".
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
}

QByteArray httpDate(qint64 msSinceEpoch)
{
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc());
    return QLocale::c().toString(utc, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

// Plain arithmetic rather than QDateTime constructors taking a Qt::TimeSpec, whose overloads are being
// deprecated across Qt 6 releases.
static qint64 utcMs(const QDate &date, qint64 msOfDay)
{
    static const qint64 epochDay = QDate(1970, 1, 1).toJulianDay();
    return (date.toJulianDay() - epochDay) * 86'400'000 + msOfDay;
}

std::optional<Range> parseRange(const QString &text)
{
    // YYYY[-MM[-DD[Thh:mm[:ss[.fff]][Z|+hh:mm]]]]
    static const QRegularExpression pattern(QStringLiteral(R"(^(\d{4})(?:-(\d{2})(?:-(\d{2}))"
                                                           R"((?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)"
                                                           R"((Z|[+\- ]\d{2}:\d{2})?)?)?)?$)"));
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const int year = m.captured(1).toInt();
    if (!m.hasCaptured(2)) {
        const QDate start(year, 1, 1);
        return Range{utcMs(start, 0), utcMs(start.addYears(1), 0)};
    }
    const int month = m.captured(2).toInt();
    if (!m.hasCaptured(3)) {
        const QDate start(year, month, 1);
        if (!start.isValid())
            return std::nullopt;
        return Range{utcMs(start, 0), utcMs(start.addMonths(1), 0)};
    }
    const QDate date(year, month, m.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    if (!m.hasCaptured(4))
        return Range{utcMs(date, 0), utcMs(date.addDays(1), 0)};

    const int hour = m.captured(4).toInt();
    const int minute = m.captured(5).toInt();
    const int second = m.hasCaptured(6) ? m.captured(6).toInt() : 0;
    if (hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    qint64 width = 60'000;
    int millis = 0;
    if (m.hasCaptured(6))
        width = 1000;
    if (m.hasCaptured(7)) {
        const QString fraction = m.captured(7);
        millis = (fraction.left(3) + QStringLiteral("00")).left(3).toInt();
        width = fraction.size() >= 3 ? 1 : (fraction.size() == 2 ? 10 : 100);
    }
    qint64 offsetMs = 0;
    const QString zone = m.captured(8);
    if (!zone.isEmpty() && zone != QLatin1String("Z")) {
        const int sign = zone.startsWith(QLatin1Char('-')) ? -1 : 1;
        const int zoneHours = zone.mid(1, 2).toInt();
        const int zoneMinutes = zone.mid(4, 2).toInt();
        if (zoneHours > 14 || zoneMinutes > 59)
            return std::nullopt;
        offsetMs = sign * (zoneHours * 3'600'000LL + zoneMinutes * 60'000LL);
    }
    const qint64 msOfDay = ((hour * 60LL + minute) * 60 + second) * 1000 + millis;
    const qint64 start = utcMs(date, msOfDay) - offsetMs;
    return Range{start, start + width};
}

} // namespace chevet::dpi::fhirtime
