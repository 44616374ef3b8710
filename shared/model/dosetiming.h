#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTime>
#include <QTimeZone>

#include <optional>

namespace chevet {

// When the doses of one dosage instruction fall, as FHIR R4 Timing states it: explicit `event` dates,
// `repeat` (frequency per period, times of day, EventTiming codes with an offset, days of the week,
// bounds, count) or a `code` (GTSAbbreviation: BID, TID, Q8H...). Parsed from the DPI's prescription;
// the slots themselves are computed for a window (doseSlots), never stored as a frozen list.
struct DoseTiming
{
    QList<qint64> eventsMs;
    QString code; // GTSAbbreviation, upper case
    int frequency = 0;
    double period = 0;
    QString periodUnit; // UCUM: "min", "h", "d", "wk", "mo"
    QList<QTime> timeOfDay;
    QStringList when; // EventTiming codes, upper case (MORN, ACM, HS...)
    int offsetMinutes = 0;
    QList<int> daysOfWeek; // 1 = Monday ... 7 = Sunday (Qt::DayOfWeek)
    std::optional<qint64> boundsStartMs;
    std::optional<qint64> boundsEndMs;
    double boundsDuration = 0;
    QString boundsDurationUnit;
    int count = 0; // at most this many doses, from the start
    // From an "as needed" dosage instruction: it bounds how often a dose may be given (asneeded.h),
    // never when. An order may mix scheduled and as-needed instructions.
    bool asNeeded = false;
};

// An establishment's standard administration times: what "morning", "BID" or "every 8 hours" mean on
// its wards, in its time zone. Defaults follow common French practice (docs/medication.md); each
// establishment may replace any entry.
struct AdministrationTimes
{
    QTimeZone zone;
    QMap<QString, QList<QTime>> whenTimes; // EventTiming code -> local times
    QMap<int, QList<QTime>> perDay;        // n doses a day -> local times
    QTime intervalAnchor;                  // "every N hours" starts from this time of day

    static AdministrationTimes frenchDefaults();
};

// The scheduled doses of `timing` in [fromMs, toMs], in order. `startMs` is when the order starts (its
// authoredOn, or the first dose it knew of) when the Timing gives no bounds; 0 when unknown. An order
// with no schedule (as-needed, or a Timing this model cannot read) has none.
QList<qint64> doseSlots(const DoseTiming &timing, const AdministrationTimes &times, qint64 fromMs,
                        qint64 toMs, qint64 startMs = 0);

struct MedicationRequest;

// Milliseconds in one UCUM time unit ("min", "h", "d", "wk", "mo", "a"); 0 for any other unit.
qint64 ucumDurationMs(const QString &unit);

// Every scheduled dose of an order in [fromMs, toMs]: its explicit dates and what each of its schedules
// gives (none from an as-needed order's schedule: it bounds how often, see asneeded.h).
QList<qint64> scheduledSlots(const MedicationRequest &request, const AdministrationTimes &times,
                             qint64 fromMs, qint64 toMs);

} // namespace chevet
