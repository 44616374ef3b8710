#pragma once

#include "core/result.h"
#include "model/allergy.h"
#include "model/encounter.h"
#include "model/latecare.h"
#include "model/medication.h"
#include "model/news2.h"
#include "model/observation.h"
#include "model/patient.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace chevet {
class Store;
}

namespace chevet::app {

// What a nurse needs to see of a patient at a glance on the round. Built on the store thread.
struct WorklistRow
{
    Patient patient;
    Encounter encounter;
    std::optional<News2Result> news2; // the deciding entry's (latestNews2)
    qint64 news2AtMs = 0;
    bool news2FromEarlierSet = false; // a newer, incomplete entry scored lower
    VitalsDue vitalsDue;              // the next vitals, from the NEWS2 monitoring frequency
    int dueDoses = 0;                 // dose slots due now and not yet recorded
    int lateDoses = 0; // dose slots past the window, never documented (missed until documented)
    qint64 oldestLateDoseMs = 0;
    int openTasks = 0; // due today or overdue
    int lateTasks = 0; // to do and past their time
    qint64 oldestLateTaskMs = 0;
    bool undelivered = false;
    bool conflict = false;
    bool alert = false;
};

// One dose slot of the round: a prescription and its scheduled time, with what was recorded for it. An
// as-needed order has one slot with no time (slotMs 0): every dose given on it is in `recorded`.
struct DoseSlot
{
    Patient patient;
    Encounter encounter;
    MedicationRequest request;
    qint64 slotMs = 0;
    QList<MedicationAdministration> recorded;
    QList<AllergyIntolerance> allergies; // the patient's, for the dose panel

    bool asNeeded() const { return slotMs == 0; }
    // Given, not given with a reason, or given by mistake then voided and documented again.
    bool documented() const;
};

// Slots this far either side of now count as due: the common hospital rule for "on time".
inline constexpr qint64 kDoseWindowMs = 60 * 60 * 1000;
// A dose never documented stays on the round and the worklist this long (a 3-day weekend).
inline constexpr qint64 kMissedDoseLookBackMs = 72LL * 60 * 60 * 1000;

// The patients whose current stay is in `unit` (a ward or a home-care round), by room and bed.
Result<QList<WorklistRow>> loadWorklist(Store &store, const QString &unit, qint64 nowMs);
// Dose slots between `fromMs` and `toMs` for the unit's patients (or one patient), by time then room,
// then the as-needed orders. Slots before `documentedFromMs` are listed only while undocumented: a
// missed dose stays on the round until it is given, not given with a reason, or cancelled by the DPI.
Result<QList<DoseSlot>> loadDoseSlots(Store &store, const QString &unit, const QUuid &patientId,
                                      qint64 fromMs, qint64 toMs, qint64 documentedFromMs);
// The units the store knows stays in.
Result<QStringList> knownUnits(Store &store);
// Their names as the DPI gives them (the stays' Location display), by unit id; units without one are left
// out.
Result<QHash<QString, QString>> knownUnitNames(Store &store);
// The NEWS2 that decides, among these observations' bedside entries (any order): the newest entry's,
// unless it is incomplete and lower than the complete one before it (decidingNews2).
std::optional<DecidingNews2> latestNews2(const QList<Observation> &observations);

QString displayName(const Patient &patient); // "DUPONT Marie"
// The IPP a wristband of today carries (not one retired by an identity merge); empty when none.
QString currentIpp(const Patient &patient);

} // namespace chevet::app
