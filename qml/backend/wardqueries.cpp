#include "wardqueries.h"

#include "model/caretask.h"
#include "model/observation.h"
#include "model/vitalsentry.h"
#include "store/alertlog.h"
#include "store/allergyrepository.h"
#include "store/conflictqueue.h"
#include "store/encounterrepository.h"
#include "store/medicationrepository.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/store.h"
#include "store/taskrepository.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace chevet::app {

namespace {

constexpr qint64 kHour = 60 * 60 * 1000;

struct UnitPatient
{
    Patient patient;
    Encounter encounter;
};

Result<QList<UnitPatient>> patientsOf(Store &store, const QString &unit, const QUuid &only = {})
{
    Result<QList<Patient>> patients = store.patients().all();
    if (!patients)
        return patients.error();
    QList<UnitPatient> out;
    for (const Patient &p : *patients) {
        if (!only.isNull() && p.id != only)
            continue;
        Result<std::optional<Encounter>> stay = store.encounters().current(p.id);
        if (!stay)
            return stay.error();
        if (*stay && (unit.isEmpty() || (*stay)->unit == unit))
            out.append({p, **stay});
    }
    // Rooms are numbers printed on doors: "9" comes before "10".
    std::sort(out.begin(), out.end(), [](const UnitPatient &a, const UnitPatient &b) {
        const int ra = a.encounter.room.toInt(), rb = b.encounter.room.toInt();
        if (ra != rb)
            return ra < rb;
        if (a.encounter.room != b.encounter.room)
            return a.encounter.room < b.encounter.room;
        return a.encounter.bed < b.encounter.bed;
    });
    return out;
}

Result<QList<DoseSlot>> doseSlotsOf(Store &store, const QList<UnitPatient> &patients, qint64 fromMs,
                                    qint64 toMs, qint64 documentedFromMs);

bool isDone(const MedicationAdministration &a)
{
    return a.status != AdministrationStatus::EnteredInError;
}

} // namespace

QString displayName(const Patient &patient)
{
    return patient.family.toUpper() + u' ' + patient.given;
}

QString currentIpp(const Patient &patient)
{
    for (const PatientIdentifier &id : patient.identifiers) {
        if (id.kind == IdentifierKind::Ipp && !id.old)
            return id.value;
    }
    return {};
}

std::optional<DecidingNews2> latestNews2(const QList<Observation> &observations)
{
    // One NEWS2 per bedside entry (its panel), timed by its first measure.
    QHash<QUuid, QList<Observation>> panels;
    for (const Observation &o : observations) {
        if (carriesResult(o.status) && o.kind != VitalKind::News2Score)
            panels[o.panelId].append(o);
    }
    QList<ScoredSet> sets;
    for (auto it = panels.cbegin(); it != panels.cend(); ++it) {
        qint64 at = 0;
        for (const Observation &o : it.value())
            at = std::max(at, o.meta.clinicalTimeMs);
        sets.append({computeNews2(news2InputFrom(it.value())), at});
    }
    return decidingNews2(sets);
}

Result<QList<WorklistRow>> loadWorklist(Store &store, const QString &unit, qint64 nowMs)
{
    Result<QList<UnitPatient>> patients = patientsOf(store, unit);
    if (!patients)
        return patients.error();

    Result<QList<QUuid>> undelivered = store.outbox().patientsWithUndelivered();
    Result<QList<ParkedConflict>> conflicts = store.conflicts().open();
    Result<QList<ClinicalAlert>> alerts = store.alerts().list(true);
    if (!undelivered)
        return undelivered.error();
    if (!conflicts)
        return conflicts.error();
    if (!alerts)
        return alerts.error();
    const QSet<QUuid> unsent(undelivered->cbegin(), undelivered->cend());
    QSet<QUuid> inConflict, alerted;
    for (const ParkedConflict &c : *conflicts)
        inConflict.insert(c.patientId);
    for (const ClinicalAlert &a : *alerts)
        alerted.insert(a.patientId);

    const qint64 endOfDay =
        QDateTime(QDateTime::fromMSecsSinceEpoch(nowMs).date().addDays(1), QTime(0, 0)).toMSecsSinceEpoch();
    Result<QList<DoseSlot>> slots = doseSlotsOf(store, *patients, nowMs - kMissedDoseLookBackMs,
                                                nowMs + kDoseWindowMs, nowMs - kDoseWindowMs);
    if (!slots)
        return slots.error();
    QHash<QUuid, int> due, late;
    QHash<QUuid, qint64> oldestLate;
    for (const DoseSlot &s : *slots) {
        // A suspended prescription's slot is on the round, but not due (sync-audit §5).
        if (s.asNeeded() || !givesDoses(s.request.status) || s.documented())
            continue;
        if (s.slotMs >= nowMs - kDoseWindowMs) {
            ++due[s.patient.id];
        } else {
            // Missed: past its window and never documented; it stays until it is (review "ux" 4f).
            ++late[s.patient.id];
            const qint64 oldest = oldestLate.value(s.patient.id, 0);
            oldestLate[s.patient.id] = oldest == 0 ? s.slotMs : std::min(oldest, s.slotMs);
        }
    }

    QList<WorklistRow> rows;
    rows.reserve(patients->size());
    for (const UnitPatient &up : *patients) {
        WorklistRow row;
        row.patient = up.patient;
        row.encounter = up.encounter;
        Result<QList<Observation>> recent =
            store.observations().forPatient(up.patient.id, nowMs - kNews2LookbackMs, nowMs + kHour);
        if (!recent)
            return recent.error();
        if (auto news2 = latestNews2(*recent)) {
            row.news2 = news2->news2;
            row.news2AtMs = news2->scoredAtMs;
            row.news2FromEarlierSet = news2->fromEarlierSet;
            row.vitalsDue = vitalsDue(news2->news2, news2->lastEntryAtMs, nowMs);
        } else {
            row.vitalsDue = vitalsDue(std::nullopt, 0, nowMs);
        }
        Result<QList<CareTask>> tasks = store.tasks().forPatient(up.patient.id);
        if (!tasks)
            return tasks.error();
        for (const CareTask &t : *tasks) {
            if (!isToDo(t.status))
                continue;
            if (t.dueMs < endOfDay)
                ++row.openTasks;
            if (t.dueMs > 0 && t.dueMs < nowMs) {
                ++row.lateTasks;
                row.oldestLateTaskMs =
                    row.oldestLateTaskMs == 0 ? t.dueMs : std::min(row.oldestLateTaskMs, t.dueMs);
            }
        }
        row.dueDoses = due.value(up.patient.id);
        row.lateDoses = late.value(up.patient.id);
        row.oldestLateDoseMs = oldestLate.value(up.patient.id);
        row.undelivered = unsent.contains(up.patient.id);
        row.conflict = inConflict.contains(up.patient.id);
        row.alert = alerted.contains(up.patient.id);
        rows.append(row);
    }
    return rows;
}

bool DoseSlot::documented() const
{
    return std::any_of(recorded.cbegin(), recorded.cend(), isDone);
}

Result<QList<DoseSlot>> loadDoseSlots(Store &store, const QString &unit, const QUuid &patientId,
                                      qint64 fromMs, qint64 toMs, qint64 documentedFromMs)
{
    Result<QList<UnitPatient>> patients = patientsOf(store, unit, patientId);
    if (!patients)
        return patients.error();
    return doseSlotsOf(store, *patients, fromMs, toMs, documentedFromMs);
}

namespace {

Result<QList<DoseSlot>> doseSlotsOf(Store &store, const QList<UnitPatient> &patients, qint64 fromMs,
                                    qint64 toMs, qint64 documentedFromMs)
{
    QList<DoseSlot> slots;
    QList<DoseSlot> onDemand;
    for (const UnitPatient &up : patients) {
        Result<QList<MedicationRequest>> requests = store.medications().requestsForPatient(up.patient.id);
        if (!requests)
            return requests.error();
        Result<QList<AllergyIntolerance>> allergies = store.allergies().forPatient(up.patient.id);
        if (!allergies)
            return allergies.error();
        for (const MedicationRequest &r : *requests) {
            Result<QList<MedicationAdministration>> given = store.medications().administrationsFor(r.id);
            if (!given)
                return given.error();
            // The as-needed part of an order (alone, or beside scheduled doses): every dose given on the
            // order counts towards its interval and maximum.
            if (r.asNeeded && givesDoses(r.status))
                onDemand.append(DoseSlot{up.patient, up.encounter, r, 0, *given, *allergies});
            for (qint64 slot : r.slotsMs) {
                if (slot < fromMs || slot > toMs)
                    continue;
                // A stopped, completed, cancelled or voided prescription still shows the slots already
                // recorded, never new ones; a suspended one (on hold, draft, unknown status) shows them,
                // not to be given (sync-audit §5).
                DoseSlot s{up.patient, up.encounter, r, slot, {}, *allergies};
                for (const MedicationAdministration &a : *given) {
                    if (a.slotMs == slot)
                        s.recorded.append(a);
                }
                if (slot < documentedFromMs && (s.documented() || !givesDoses(r.status)))
                    continue; // documented earlier, or cancelled by the DPI: no longer the round's business
                if (givesDoses(r.status) || isSuspended(r.status) || !s.recorded.isEmpty())
                    slots.append(s);
            }
        }
    }
    std::stable_sort(slots.begin(), slots.end(),
                     [](const DoseSlot &a, const DoseSlot &b) { return a.slotMs < b.slotMs; });
    return slots + onDemand;
}

} // namespace

Result<QStringList> knownUnits(Store &store)
{
    Result<QList<Patient>> patients = store.patients().all();
    if (!patients)
        return patients.error();
    QStringList units;
    for (const Patient &p : *patients) {
        Result<std::optional<Encounter>> stay = store.encounters().current(p.id);
        if (!stay)
            return stay.error();
        if (*stay && !(*stay)->unit.isEmpty() && !units.contains((*stay)->unit))
            units.append((*stay)->unit);
    }
    units.sort();
    return units;
}

Result<QHash<QString, QString>> knownUnitNames(Store &store)
{
    Result<QList<Patient>> patients = store.patients().all();
    if (!patients)
        return patients.error();
    QHash<QString, QString> names;
    for (const Patient &p : *patients) {
        Result<std::optional<Encounter>> stay = store.encounters().current(p.id);
        if (!stay)
            return stay.error();
        if (*stay && !(*stay)->unit.isEmpty() && !(*stay)->unitName.isEmpty())
            names.insert((*stay)->unit, (*stay)->unitName);
    }
    return names;
}

} // namespace chevet::app
