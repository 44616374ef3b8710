#pragma once

#include "core/result.h"
#include "model/medication.h"

#include <QList>

#include <optional>

namespace chevet {

struct StoreContext;

class MedicationRepository
{
public:
    explicit MedicationRepository(StoreContext &context);

    // Prescriptions come from the DPI (or a seed): stored, audited, never queued back.
    Result<MedicationRequest> saveRequest(MedicationRequest request);
    Result<std::optional<MedicationRequest>> findRequest(const QUuid &id);
    Result<QList<MedicationRequest>> requestsForPatient(const QUuid &patientId);

    // Given or not given. Always stored (it happened); safety-critical in the outbox.
    // A dose already given for a slot cannot then be recorded as not given ("already-given"). On an
    // as-needed order the slot is when the dose was given, and the reason it was given is required.
    Result<MedicationAdministration> recordAdministration(MedicationAdministration administration);
    // The correction of a dose recorded by mistake: a new version, entered in error, with the reason;
    // audited and sent to the DPI as such. The record is kept; it is final.
    Result<MedicationAdministration> enterAdministrationInError(const QUuid &id, const QString &reason);
    Result<QList<MedicationAdministration>> administrationsFor(const QUuid &requestId);

private:
    void addScheduledSlots(MedicationRequest &request) const;

    StoreContext &m_context;
};

} // namespace chevet
