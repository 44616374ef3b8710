#pragma once

#include "core/result.h"
#include "model/encounter.h"

#include <QList>

#include <optional>

namespace chevet {

struct StoreContext;

class EncounterRepository
{
public:
    explicit EncounterRepository(StoreContext &context);

    // Stays are managed by the DPI's admissions: stored and audited, not queued back.
    Result<Encounter> save(Encounter encounter);
    Result<QList<Encounter>> forPatient(const QUuid &patientId);
    Result<std::optional<Encounter>> current(const QUuid &patientId);

private:
    StoreContext &m_context;
};

} // namespace chevet
