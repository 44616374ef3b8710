#pragma once

#include "core/result.h"
#include "model/caretask.h"

#include <QList>

#include <optional>

namespace chevet {

struct StoreContext;

class TaskRepository
{
public:
    explicit TaskRepository(StoreContext &context);

    // Tasks are planned in the DPI (or a seed): stored and audited, not queued back.
    Result<CareTask> save(CareTask task);
    Result<std::optional<CareTask>> find(const QUuid &id);
    Result<QList<CareTask>> forPatient(const QUuid &patientId);
    // Ticked at the bedside by the signed-in nurse: a new version, queued for the DPI.
    Result<CareTask> complete(const QUuid &id, qint64 completedMs = 0);

private:
    StoreContext &m_context;
};

} // namespace chevet
