#pragma once

#include "news2.h"

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
