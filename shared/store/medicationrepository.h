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
    Result<MedicationAdministration> recordAdministration(MedicationAdministration administration);
    Result<QList<MedicationAdministration>> administrationsFor(const QUuid &requestId);

private:
    void addScheduledSlots(MedicationRequest &request) const;

    StoreContext &m_context;
};

} // namespace chevet
