#include "clinicalrules.h"

#include "core/clock.h"
#include "core/logging.h"
#include "model/asneeded.h"
#include "store/alertlog.h"
#include "store/medicationrepository.h"
#include "store/recordtable.h"
#include "store/store.h"
#include "store/storecontext.h"

#include <QDateTime>

#include <limits>

namespace chevet {

ClinicalRules::ClinicalRules(Store &store)
    : m_store(store)
{}

Result<int> ClinicalRules::checkDoseSlot(const QUuid &requestId, qint64 slotMs)
{
    Result<QList<MedicationAdministration>> all = m_store.medications().administrationsFor(requestId);
    if (!all)
        return all.error();
    Result<std::optional<MedicationRequest>> request = m_store.medications().findRequest(requestId);
    if (!request)
        return request.error();
    // A dose on demand (its slot is no scheduled time of the order): the order's interval and maximum.
    if (*request && (*request)->asNeeded && !(*request)->slotsMs.contains(slotMs))
        return checkAsNeededLimit(**request, *all, slotMs);
    QList<QUuid> given;
    QList<QUuid> notGiven;
    QUuid patient;
    for (const MedicationAdministration &a : std::as_const(*all)) {
        if (a.slotMs != slotMs)
            continue;
        patient = a.meta.patientId;
        if (doseReachedPatient(a.status))
            given.append(a.meta.id);
        else if (a.status == AdministrationStatus::NotDone)
            notGiven.append(a.meta.id);
    }
    int contradictions = 0;
    if (!given.isEmpty() && !notGiven.isEmpty()) {
        // One device says given, another not given (both offline): nobody knows which is true.
        ClinicalAlert alert;
        alert.kind = QStringLiteral("given-and-not-given");
        alert.patientId = patient;
        alert.records = given + notGiven;
        alert.raisedMs = m_store.context().clock.nowMs();
        alert.message =
            QStringLiteral("The dose of %1 is recorded both as given and as not given. Check with "
                           "the nurses who recorded it and correct the wrong record.")
                .arg(QDateTime::fromMSecsSinceEpoch(slotMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        Result<bool> raised =
            m_store.alerts().raise(alert, requestId.toString(QUuid::WithoutBraces) + QLatin1Char('@') +
                                              QString::number(slotMs) + QStringLiteral("@contradiction"));
        if (!raised)
            return raised.error();
        contradictions = *raised ? 1 : 0;
    }
    if (given.size() < 2)
        return contradictions;
    ClinicalAlert alert;
    alert.kind = QStringLiteral("possible-double-dose");
    alert.patientId = patient;
    alert.records = given;
    alert.raisedMs = m_store.context().clock.nowMs();
    alert.message =
        QStringLiteral("Possible double dose: %1 administrations recorded for the dose of %2. "
                       "Check the patient and the prescriber.")
            .arg(given.size())
            .arg(QDateTime::fromMSecsSinceEpoch(slotMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    // One alert per dose slot: a third dose updates and reopens it.
    const QString slot =
        requestId.toString(QUuid::WithoutBraces) + QLatin1Char('@') + QString::number(slotMs);
    Result<bool> raised = m_store.alerts().raise(alert, slot);
    if (!raised)
        return raised.error();
    if (*raised)
        qCWarning(lcSync) << "clinical alert raised: possible double dose";
    return contradictions + (*raised ? 1 : 0);
}

Result<int> ClinicalRules::checkAsNeededLimit(const MedicationRequest &request,
                                              const QList<MedicationAdministration> &all, qint64 givenMs)
{
    QList<MedicationAdministration> others;
    QList<QUuid> records;
    QUuid patient;
    for (const MedicationAdministration &a : all) {
        if (a.slotMs == givenMs && doseReachedPatient(a.status) && records.isEmpty()) {
            records.append(a.meta.id);
            patient = a.meta.patientId;
        } else {
            others.append(a);
        }
    }
    if (records.isEmpty())
        return 0;
    std::optional<AsNeededWarning> warning = asNeededWarning(request, others, givenMs);
    // A dose that arrives late (offline, or an older DPI record) is also too close to the doses after it.
    const AsNeededLimit limit = asNeededLimit(request);
    for (const MedicationAdministration &a : std::as_const(others)) {
        const qint64 at = a.meta.clinicalTimeMs;
        if (!warning && limit.minIntervalMs > 0 && doseReachedPatient(a.status) && at > givenMs &&
            at - givenMs < limit.minIntervalMs) {
            warning =
                AsNeededWarning{AsNeededWarning::Kind::TooSoon, at, givenMs + limit.minIntervalMs, 0, limit};
        }
    }
    if (!warning)
        return 0;
    const qint64 clusterStart =
        warning->kind == AsNeededWarning::Kind::TooSoon ? std::min(warning->previousMs, givenMs) : givenMs;
    for (const MedicationAdministration &a : std::as_const(others))
        if (doseReachedPatient(a.status) && a.meta.clinicalTimeMs == warning->previousMs)
            records.append(a.meta.id);
    ClinicalAlert alert;
    alert.kind = QStringLiteral("as-needed-limit");
    alert.patientId = patient;
    alert.records = records;
    alert.raisedMs = m_store.context().clock.nowMs();
    const auto at = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    };
    alert.message =
        warning->kind == AsNeededWarning::Kind::TooSoon
            ? QStringLiteral("Doses given on demand at %1 and %2: closer than the order's minimum "
                             "interval of %3 min. Check the patient and the prescriber.")
                  .arg(at(std::min(warning->previousMs, givenMs)), at(std::max(warning->previousMs, givenMs)))
                  .arg(warning->limit.minIntervalMs / 60000)
            : QStringLiteral("%1 doses given on demand within the order's period: more than its "
                             "maximum of %2. Check the patient and the prescriber.")
                  .arg(warning->dosesInPeriod + 1)
                  .arg(warning->limit.maxDoses);
    const QString key = request.id.toString(QUuid::WithoutBraces) + QStringLiteral("@as-needed@") +
                        QString::number(clusterStart);
    Result<bool> raised = m_store.alerts().raise(alert, key);
    if (!raised)
        return raised.error();
    if (*raised)
        qCWarning(lcSync) << "clinical alert raised: as-needed doses beyond the order's limit";
    return *raised ? 1 : 0;
}

Result<int> ClinicalRules::checkStoppedPrescription(const QUuid &requestId)
{
    Result<std::optional<MedicationRequest>> request = m_store.medications().findRequest(requestId);
    if (!request)
        return request.error();
    // Any prescription that gives no doses: stopped, cancelled, voided (entered in error), on hold, a
    // draft, or of a status the device cannot read (sync-audit §5). Completed is the course's end.
    if (!*request || givesDoses((*request)->status) || (*request)->status == PrescriptionStatus::Completed)
        return 0;
    // When the DPI stopped it: the version's time.
    Result<std::optional<RecordRow>> row = m_store.context().records.find(requestId);
    if (!row)
        return row.error();
    const qint64 stoppedMs = (*row && (*row)->serverMs) ? *(*row)->serverMs : 0;
    Result<QList<MedicationAdministration>> all = m_store.medications().administrationsFor(requestId);
    if (!all)
        return all.error();
    int raisedCount = 0;
    for (const MedicationAdministration &a : std::as_const(*all)) {
        // Only doses this device recorded: the DPI knows about its own.
        if (!doseReachedPatient(a.status) || a.meta.device != m_store.deviceId())
            continue;
        // Given after the stop, or given before it but still offline then (the DPI learnt of it later).
        const qint64 reachedDpiMs = a.meta.serverTimeMs.value_or(std::numeric_limits<qint64>::max());
        if (a.meta.clinicalTimeMs < stoppedMs && reachedDpiMs < stoppedMs)
            continue;
        ClinicalAlert alert;
        alert.kind = QStringLiteral("prescription-stopped");
        alert.patientId = a.meta.patientId;
        alert.records = {a.meta.id, requestId};
        alert.raisedMs = m_store.context().clock.nowMs();
        alert.message =
            QStringLiteral("A dose was given on a prescription the DPI has %1. It was recorded and sent; "
                           "tell the prescriber.")
                .arg(statusCode((*request)->status, (*request)->otherStatus, &prescriptionStatusKey));
        Result<bool> raised = m_store.alerts().raise(alert);
        if (!raised)
            return raised.error();
        raisedCount += *raised ? 1 : 0;
    }
    return raisedCount;
}

} // namespace chevet
