#pragma once

#include "core/result.h"
#include "model/allergy.h"

#include <QList>

#include <optional>

namespace chevet {

struct StoreContext;

class AllergyRepository
{
public:
    explicit AllergyRepository(StoreContext &context);

    // Allergies are owned by the DPI (or a seed): stored sealed and audited, never queued back.
    Result<AllergyIntolerance> save(AllergyIntolerance allergy);
    // Recorded at the bedside by the signed-in nurse (recordedBy; recordedMs now unless given): stored
    // and queued for the DPI with the safety-critical records, as a conditional create on its client id.
    Result<AllergyIntolerance> record(AllergyIntolerance allergy);
    Result<std::optional<AllergyIntolerance>> find(const QUuid &id);
    // The patient's allergies for the chart: active first (a missing clinical status counts as active),
    // then high criticality first, then the most recently recorded. Refuted ones stay (the DPI says the
    // patient is not allergic); those entered in error, and those the DPI deleted, are left out.
    Result<QList<AllergyIntolerance>> forPatient(const QUuid &patientId);

private:
    Status write(AllergyIntolerance &allergy, bool fromBedside);

    StoreContext &m_context;
};

} // namespace chevet
