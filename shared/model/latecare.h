#pragma once

#include "news2.h"

#include <QList>
#include <QString>

#include <optional>

namespace chevet {

// How often a patient's vitals must be taken, from the last NEWS2 (RCP 2017, the "minimum monitoring"
// column of clinical/REFERENCE.md).
enum class Monitoring {
    FirstSet,   // no vitals on record (or none recent): a first set is due now
    Every12h,   // aggregate 0
    Every4h,    // aggregate 1–4 ("every 4–6 h": the tablet asks at the earliest)
    Hourly,     // 5–6, or a 3 in any single parameter
    Continuous, // 7 or more: a nurse stays with the patient; the tablet asks again every 15 min
};

// When the next set of vitals is due and how late it is.
struct VitalsDue
{
    Monitoring monitoring = Monitoring::FirstSet;
    qint64 dueAtMs = 0;  // the last set's time plus the interval; `now` for a first set
    qint64 lateByMs = 0; // past due at `now` (0 when not yet due)
    bool late() const { return lateByMs > 0; }
};

Monitoring monitoringFor(const News2Result &news2);
// A stable key for the screens: "first", "12h", "4h", "hourly", "continuous".
QString monitoringKey(Monitoring monitoring);
qint64 monitoringIntervalMs(Monitoring monitoring);

// An incomplete NEWS2 is a lower bound: the interval is the lower bound's, never longer than 4 h (the
// missing parameters could raise it), so an incomplete set of vitals never waits 12 h.
VitalsDue vitalsDue(const std::optional<News2Result> &last, qint64 takenAtMs, qint64 nowMs);

// A NEWS2 older than this is not "current": the worklist and the chart look back this far.
inline constexpr qint64 kNews2LookbackMs = 72LL * 60 * 60 * 1000;

// One bedside entry's NEWS2 and when it was taken.
struct ScoredSet
{
    News2Result news2;
    qint64 takenAtMs = 0;
};

// The score that decides monitoring and escalation, and the newest entry's time.
struct DecidingNews2
{
    News2Result news2;
    qint64 scoredAtMs = 0;       // when the deciding set was taken
    qint64 lastEntryAtMs = 0;    // the newest entry, complete or not: the next vitals count from it
    bool fromEarlierSet = false; // the newest entry is incomplete and scores lower than this one
    std::optional<News2Result> newestIncomplete; // that newest entry, when set aside
    qsizetype index = 0;                         // the deciding set's place in the list given
};

// The newest entry decides, unless it is incomplete and scores lower than the newest complete entry
// before it: values not measured cannot be taken as normal, so a partial set of vitals never hides a
// known risk (a nurse's walkthrough: FR and pulse alone turned a NEWS2 of 10 into a grey "≥0" and the
// call to the doctor went away). `sets` in any order; empty gives nothing.
std::optional<DecidingNews2> decidingNews2(const QList<ScoredSet> &sets);

// The clinical response the RCP asks for at this score: who the nurse calls, and how fast.
enum class Escalation {
    None,           // 0–4 without a 3 in one parameter
    UrgentReview,   // a 3 in one parameter: urgent ward-based review by a doctor
    UrgentResponse, // 5–6: urgent response by a clinician with acute-care competencies
    Emergency,      // 7 or more: emergency response, critical-care team
};

Escalation escalationFor(const News2Result &news2);
// "" (none), "urgent-review", "urgent-response", "emergency".
QString escalationKey(Escalation escalation);

} // namespace chevet
