#include "dosetiming.h"

#include "medication.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>
#include <climits>

namespace chevet {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
// An order is never followed further back than this to count its doses (`count`) or its days.
constexpr qint64 kLongestLookBackMs = 400 * kDayMs;
// Shorter intervals are a pump's business, not a round's.
constexpr qint64 kShortestIntervalMs = 15 * kMinuteMs;

QList<QTime> times(std::initializer_list<const char *> hhmm)
{
    QList<QTime> out;
    for (const char *t : hhmm)
        out.append(QTime::fromString(QString::fromLatin1(t), QStringLiteral("HH:mm")));
    return out;
}

} // namespace

qint64 ucumDurationMs(const QString &unit)
{
    if (unit == QLatin1String("min"))
        return kMinuteMs;
    if (unit == QLatin1String("h"))
        return kHourMs;
    if (unit == QLatin1String("d"))
        return kDayMs;
    if (unit == QLatin1String("wk"))
        return 7 * kDayMs;
    if (unit == QLatin1String("mo"))
        return 30 * kDayMs;
    if (unit == QLatin1String("a"))
        return 365 * kDayMs;
    return 0;
}

namespace {

// What a Timing means on the wall clock: times each day, every `everyDays` days (counted from the
// order's start), on some days of the week; or a fixed interval that does not divide a day.
struct Plan
{
    QList<QTime> clock;
    int everyDays = 1;
    qint64 stepMs = 0; // absolute stepping from the start, when the interval does not fit a day
};

QList<QTime> clockTimesEvery(qint64 intervalMs, QTime anchor)
{
    QList<QTime> out;
    for (qint64 at = 0; at < kDayMs; at += intervalMs)
        out.append(anchor.addMSecs(int(at)));
    return out;
}

// An EventTiming code's times. R4 offset: minutes before the meal for AC codes, after it for PC codes,
// after the event otherwise (tim-9 forbids it on the meal codes themselves). Without an offset the
// establishment's own "before/after meals" times apply.
QList<QTime> whenClock(const QString &when, int offsetMinutes, const AdministrationTimes &times)
{
    QList<QTime> out;
    const bool beforeMeal = when.startsWith(QLatin1String("AC"));
    const bool afterMeal = when.startsWith(QLatin1String("PC"));
    if (offsetMinutes != 0 && (beforeMeal || afterMeal)) {
        const QString meal = QLatin1Char('C') + when.mid(2); // ACM -> CM, PC -> C
        for (const QTime &at : times.whenTimes.value(meal))
            out.append(at.addSecs((beforeMeal ? -offsetMinutes : offsetMinutes) * 60));
        return out;
    }
    for (const QTime &at : times.whenTimes.value(when))
        out.append(at.addSecs(offsetMinutes * 60));
    return out;
}

Plan planFor(const DoseTiming &t, const AdministrationTimes &times)
{
    Plan plan;
    qint64 intervalMs = 0;
    if (!t.timeOfDay.isEmpty()) {
        plan.clock = t.timeOfDay;
    } else if (!t.when.isEmpty()) {
        for (const QString &w : t.when)
            plan.clock.append(whenClock(w, t.offsetMinutes, times));
    }
    if (!t.code.isEmpty() && plan.clock.isEmpty()) {
        static const QRegularExpression everyHours(QStringLiteral("^Q(\\d+)H$"));
        const QRegularExpressionMatch hours = everyHours.match(t.code);
        if (hours.hasMatch())
            intervalMs = hours.captured(1).toLongLong() * kHourMs;
        else if (t.code == QLatin1String("QD") || t.code == QLatin1String("AM"))
            plan.clock = times.whenTimes.value(QStringLiteral("MORN"));
        else if (t.code == QLatin1String("PM"))
            plan.clock = times.whenTimes.value(QStringLiteral("EVE"));
        else if (t.code == QLatin1String("BID"))
            plan.clock = times.perDay.value(2);
        else if (t.code == QLatin1String("TID"))
            plan.clock = times.perDay.value(3);
        else if (t.code == QLatin1String("QID"))
            plan.clock = times.perDay.value(4);
        else if (t.code == QLatin1String("QOD")) {
            plan.clock = times.perDay.value(1);
            plan.everyDays = 2;
        } else if (t.code == QLatin1String("WK")) {
            plan.clock = times.perDay.value(1);
            plan.everyDays = 7;
        }
    } else if (plan.clock.isEmpty() && t.frequency > 0 && t.period > 0) {
        const qint64 periodMs = qint64(t.period * double(ucumDurationMs(t.periodUnit)));
        if (periodMs >= kDayMs) {
            // n times a day, every day or every few days (a week with named days: those days).
            const int days = int(periodMs / kDayMs);
            plan.clock = times.perDay.value(days == 1 || !t.daysOfWeek.isEmpty() ? t.frequency : 1);
            if (t.daysOfWeek.isEmpty() && days > 1)
                plan.everyDays = t.frequency > 1 ? std::max(1, days / t.frequency) : days;
        } else if (periodMs > 0) {
            intervalMs = periodMs / t.frequency;
        }
    } else if (plan.clock.isEmpty() && !t.daysOfWeek.isEmpty()) {
        plan.clock = times.perDay.value(1);
    }
    if (intervalMs >= kShortestIntervalMs) {
        if (kDayMs % intervalMs == 0)
            plan.clock = clockTimesEvery(intervalMs, times.intervalAnchor);
        else
            plan.stepMs = intervalMs;
    }
    std::sort(plan.clock.begin(), plan.clock.end());
    plan.clock.erase(std::unique(plan.clock.begin(), plan.clock.end()), plan.clock.end());
    return plan;
}

// The local time `at` on `date`, resolved the same way whatever Qt's own choice: a time the
// spring-forward night skips is taken one hour later, as a ward clock reads it; a time the fall-back
// night has twice is its first occurrence (the dose is given once, at the first 02:00).
qint64 localMs(QDate date, QTime at, const QTimeZone &zone)
{
    QDateTime dt(date, at, zone);
    if (!dt.isValid() || dt.time() != at)
        dt = QDateTime(date, at.addSecs(3600), zone);
    qint64 ms = dt.toMSecsSinceEpoch();
    const QDateTime hourBefore = QDateTime::fromMSecsSinceEpoch(ms - 3600 * 1000, zone);
    if (hourBefore.date() == date && hourBefore.time() == at)
        ms -= 3600 * 1000;
    return ms;
}

QList<qint64> generate(const DoseTiming &t, const Plan &plan, const AdministrationTimes &times, qint64 fromMs,
                       qint64 toMs, qint64 startMs)
{
    QList<qint64> out;
    if (plan.stepMs > 0) {
        const qint64 origin = startMs > 0 ? startMs : fromMs;
        qint64 k = fromMs > origin ? (fromMs - origin) / plan.stepMs : 0;
        for (qint64 at = origin + k * plan.stepMs; at <= toMs; at = origin + (++k) * plan.stepMs)
            if (at >= fromMs)
                out.append(at);
        return out;
    }
    if (plan.clock.isEmpty())
        return out;
    const QDate firstDay = QDateTime::fromMSecsSinceEpoch(fromMs, times.zone).date().addDays(-1);
    const QDate lastDay = QDateTime::fromMSecsSinceEpoch(toMs, times.zone).date().addDays(1);
    const QDate startDay = startMs > 0 ? QDateTime::fromMSecsSinceEpoch(startMs, times.zone).date() : QDate();
    for (QDate day = firstDay; day <= lastDay; day = day.addDays(1)) {
        if (!t.daysOfWeek.isEmpty() && !t.daysOfWeek.contains(day.dayOfWeek()))
            continue;
        if (plan.everyDays > 1 && startDay.isValid() && startDay.daysTo(day) % plan.everyDays != 0)
            continue;
        for (const QTime &at : plan.clock) {
            const qint64 ms = localMs(day, at, times.zone);
            if (ms >= fromMs && ms <= toMs)
                out.append(ms);
        }
    }
    return out;
}

} // namespace

AdministrationTimes AdministrationTimes::frenchDefaults()
{
    AdministrationTimes t;
    t.zone = QTimeZone(QByteArrayLiteral("Europe/Paris"));
    // EventTiming: meals at 08:00, 12:00 and 19:00; "before" 30 minutes earlier, "after" 30 later.
    t.whenTimes = {
        {QStringLiteral("WAKE"), times({"07:00"})},
        {QStringLiteral("MORN"), times({"08:00"})},
        {QStringLiteral("MORN.early"), times({"07:00"})},
        {QStringLiteral("MORN.late"), times({"10:00"})},
        {QStringLiteral("NOON"), times({"12:00"})},
        {QStringLiteral("AFT"), times({"14:00"})},
        {QStringLiteral("AFT.early"), times({"13:00"})},
        {QStringLiteral("AFT.late"), times({"16:00"})},
        {QStringLiteral("EVE"), times({"18:00"})},
        {QStringLiteral("EVE.early"), times({"17:00"})},
        {QStringLiteral("EVE.late"), times({"20:00"})},
        {QStringLiteral("NIGHT"), times({"22:00"})},
        {QStringLiteral("HS"), times({"21:00"})},
        {QStringLiteral("C"), times({"08:00", "12:00", "19:00"})},
        {QStringLiteral("CM"), times({"08:00"})},
        {QStringLiteral("CD"), times({"12:00"})},
        {QStringLiteral("CV"), times({"19:00"})},
        {QStringLiteral("AC"), times({"07:30", "11:30", "18:30"})},
        {QStringLiteral("ACM"), times({"07:30"})},
        {QStringLiteral("ACD"), times({"11:30"})},
        {QStringLiteral("ACV"), times({"18:30"})},
        {QStringLiteral("PC"), times({"08:30", "12:30", "19:30"})},
        {QStringLiteral("PCM"), times({"08:30"})},
        {QStringLiteral("PCD"), times({"12:30"})},
        {QStringLiteral("PCV"), times({"19:30"})},
    };
    t.perDay = {
        {1, times({"08:00"})},
        {2, times({"08:00", "20:00"})},
        {3, times({"08:00", "12:00", "18:00"})},
        {4, times({"06:00", "12:00", "18:00", "00:00"})},
        {5, times({"06:00", "10:00", "14:00", "18:00", "22:00"})},
        {6, times({"02:00", "06:00", "10:00", "14:00", "18:00", "22:00"})},
    };
    t.intervalAnchor = QTime(6, 0);
    return t;
}

QList<qint64> doseSlots(const DoseTiming &timing, const AdministrationTimes &times, qint64 fromMs,
                        qint64 toMs, qint64 startMs)
{
    QList<qint64> out;
    for (qint64 event : timing.eventsMs)
        if (event >= fromMs && event <= toMs)
            out.append(event);

    const qint64 start = timing.boundsStartMs.value_or(startMs);
    qint64 end = timing.boundsEndMs.value_or(LLONG_MAX);
    if (timing.boundsDuration > 0 && start > 0)
        end = std::min(
            end, start + qint64(timing.boundsDuration * double(ucumDurationMs(timing.boundsDurationUnit))));
    const Plan plan = planFor(timing, times);
    qint64 from = std::max(fromMs, start);
    const qint64 to = std::min(toMs, end);
    if (timing.count > 0 && start > 0)
        from = std::max(start, toMs - kLongestLookBackMs); // the first `count` doses, from the start
    if (from <= to) {
        QList<qint64> scheduled = generate(timing, plan, times, from, to, start);
        std::sort(scheduled.begin(), scheduled.end());
        if (timing.count > 0 && start > 0 && scheduled.size() > timing.count)
            scheduled.resize(timing.count);
        for (qint64 at : std::as_const(scheduled))
            if (at >= fromMs && at <= toMs)
                out.append(at);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

QList<qint64> scheduledSlots(const MedicationRequest &request, const AdministrationTimes &times,
                             qint64 fromMs, qint64 toMs)
{
    QList<qint64> out;
    for (qint64 at : request.slotsMs)
        if (at >= fromMs && at <= toMs)
            out.append(at);
    const qint64 start = request.authoredMs > 0 ? request.authoredMs : 0;
    for (const DoseTiming &t : request.timings) {
        // An as-needed instruction's repeat states how often a dose may be given, not when (asneeded.h).
        if (!t.asNeeded)
            out.append(doseSlots(t, times, fromMs, toMs, start));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace chevet
