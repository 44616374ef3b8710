#pragma once

#include "core/result.h"
#include "model/observation.h"
#include "model/vitalsentry.h"

#include <QList>

namespace chevet {

struct StoreContext;

class ObservationRepository
{
public:
    explicit ObservationRepository(StoreContext &context);

    // Validates, then stores every measure of the entry with its outbox and audit entries in one
    // transaction. clinicalTimeMs 0 means "now".
    Result<VitalsEntry> recordVitals(const QUuid &patientId, const VitalsInput &input,
                                     qint64 clinicalTimeMs = 0);
    Result<std::optional<Observation>> find(const QUuid &id);
    Result<QList<Observation>> forPatient(const QUuid &patientId, qint64 fromMs, qint64 toMs);
    // A correction is a new version with status amended; the previous version is kept.
    Result<Observation> amend(const QUuid &id, double value, std::optional<double> diastolic,
                              const QString &reason);
    Result<Observation> enterInError(const QUuid &id, const QString &reason);
    Result<QList<Observation>> history(const QUuid &id);

private:
    StoreContext &m_context;
};

} // namespace chevet
