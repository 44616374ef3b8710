#pragma once

#include "core/result.h"

#include <QList>
#include <QUuid>

namespace chevet {

class Database;

// Which patients have had a complete pull (every type the device keeps), recorded only once every type
// has arrived for them. A patient without a mark is pulled in full on the next run: an admission whose
// first pull failed halfway, or a patient registered here whom the DPI already knew.
class FullPulls
{
public:
    explicit FullPulls(Database &db);

    Result<bool> isDone(const QUuid &patientId);
    Status markDone(const QList<QUuid> &patientIds, qint64 atMs);

private:
    Database &m_db;
};

} // namespace chevet
