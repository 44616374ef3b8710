#include "medicationrepository.h"

#include "core/clock.h"
#include "model/recordvalidation.h"
#include "recordcodec.h"
#include "recordrevision.h"
#include "storecontext.h"

#include <algorithm>

namespace chevet {

MedicationRepository::MedicationRepository(StoreContext &context)
    : m_context(context)
{}

Result<MedicationRequest> MedicationRepository::saveRequest(MedicationRequest request)
{
    if (Status s = m_context.requirePatient(request.patientId); !s)
        return s.error();
    if (request.id.isNull())
        request.id = QUuid::createUuid();
    RecordChange change;
    change.row = requestRow(request);
    change.queueForDpi = false;
    change.action = QStringLiteral("prescription.import");
    if (Status s = m_context.write({change}); !s)
        return s.error();
    return request;
}

// The round's window: yesterday to tomorrow around now. Explicit dates outside it stay listed (they
// are the order's own); what the schedules give is computed for the window, never frozen.
void MedicationRepository::addScheduledSlots(MedicationRequest &request) const
{
    constexpr qint64 kHalfWindowMs = 36LL * 3600 * 1000;
    if (request.timings.isEmpty())
        return;
    const qint64 now = m_context.clock.nowMs();
    QList<qint64> slots = request.slotsMs;
    slots.append(
        scheduledSlots(request, m_context.administrationTimes, now - kHalfWindowMs, now + kHalfWindowMs));
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    request.slotsMs = slots;
}

Result<std::optional<MedicationRequest>> MedicationRepository::findRequest(const QUuid &id)
{
    Result<std::optional<RecordRow>> row = m_context.records.find(id);
    if (!row)
        return row.error();
    if (!*row || (*row)->type != RecordType::MedicationRequest)
        return std::optional<MedicationRequest>();
    Result<MedicationRequest> request = requestFromRow(**row);
    if (!request)
        return request.error();
    addScheduledSlots(*request);
    return std::optional<MedicationRequest>(std::move(request).value());
}

Result<QList<MedicationRequest>> MedicationRepository::requestsForPatient(const QUuid &patientId)
{
    Result<QList<RecordRow>> rows =
        m_context.records.forPatient(patientId, RecordType::MedicationRequest,
                                     std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
    if (!rows)
        return rows.error();
    QList<MedicationRequest> requests;
    for (const RecordRow &row : std::as_const(*rows)) {
        Result<MedicationRequest> r = requestFromRow(row);
        if (!r)
            return r.error();
        addScheduledSlots(*r);
        requests.append(std::move(r).value());
    }
    return requests;
}

Result<MedicationAdministration> MedicationRepository::recordAdministration(MedicationAdministration a)
{
    if (Status s = m_context.requirePatient(a.meta.patientId); !s)
        return s.error();
    Result<std::optional<MedicationRequest>> request = findRequest(a.requestId);
    if (!request)
        return request.error();
    if (!*request || (*request)->patientId != a.meta.patientId)
        return refuse(QStringLiteral("request"), ValidationError::UnknownPrescription,
                      QStringLiteral("no such prescription for this patient"));
    m_context.stamp(a.meta);
    const bool onDemand = (*request)->asNeeded && a.slotMs == 0;
    if (onDemand) {
        // A dose on demand is its own slot: when it was given. Why it was given is part of the record.
        a.slotMs = a.meta.clinicalTimeMs;
        if (a.status == AdministrationStatus::Completed && a.reasonGiven.trimmed().isEmpty())
            return refuse(QStringLiteral("reasonGiven"), ValidationError::MissingValue,
                          QStringLiteral("a dose given on demand needs the reason it was given"));
    } else if (a.slotMs > 0 && !(*request)->slotsMs.contains(a.slotMs)) {
        return refuse(QStringLiteral("slot"), ValidationError::UnknownSlot,
                      QStringLiteral("the prescription has no dose scheduled at this time"));
    }
    if (Status s = validateAdministration(a); !s)
        return s.error();
    if (!onDemand) {
        // A dose given cannot also be "not given", nor the reverse: both would reach the DPI and nobody
        // could tell whether the patient had it. The first record is corrected explicitly
        // (enterAdministrationInError), with a reason.
        Result<QList<MedicationAdministration>> recorded = administrationsFor(a.requestId);
        if (!recorded)
            return recorded.error();
        for (const MedicationAdministration &other : std::as_const(*recorded)) {
            if (other.slotMs != a.slotMs)
                continue;
            if (a.status == AdministrationStatus::NotDone && doseReachedPatient(other.status))
                return refuse(QStringLiteral("status"), ValidationError::AlreadyGiven,
                              QStringLiteral("this dose was already given; mark that record entered in "
                                             "error if it was a mistake"));
            if (doseReachedPatient(a.status) && other.status == AdministrationStatus::NotDone)
                return refuse(QStringLiteral("status"), ValidationError::DocumentedNotGiven,
                              QStringLiteral("this dose is documented as not given; mark that record "
                                             "entered in error before recording it given"));
        }
    }
    if (a.dose.unit.isEmpty())
        a.dose = (*request)->dose;
    if (a.route.isEmpty())
        a.route = (*request)->route;
    RecordChange change;
    change.row = administrationRow(a);
    change.priority = OutboxPriority::SafetyCritical;
    change.action = QStringLiteral("record.create");
    change.detail = administrationStatusKey(a.status);
    if (Status s = m_context.write({change}); !s)
        return s.error();
    return a;
}

Result<MedicationAdministration> MedicationRepository::enterAdministrationInError(const QUuid &id,
                                                                                  const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return refuse(QStringLiteral("reason"), ValidationError::MissingValue,
                      QStringLiteral("a correction needs its reason"));
    return reviseRecord<MedicationAdministration>(
        m_context, id, RecordType::Administration, &administrationFromRow, &administrationRow,
        [&](MedicationAdministration &a) -> Status {
            a.status = AdministrationStatus::EnteredInError;
            a.statusReason = reason.trimmed();
            return {};
        },
        QStringLiteral("record.entered-in-error"), OutboxPriority::SafetyCritical);
}

Result<QList<MedicationAdministration>> MedicationRepository::administrationsFor(const QUuid &requestId)
{
    Result<QList<RecordRow>> rows = m_context.records.administrationsFor(requestId);
    if (!rows)
        return rows.error();
    QList<MedicationAdministration> out;
    for (const RecordRow &row : std::as_const(*rows)) {
        Result<MedicationAdministration> a = administrationFromRow(row);
        if (!a)
            return a.error();
        out.append(std::move(a).value());
    }
    return out;
}

} // namespace chevet
