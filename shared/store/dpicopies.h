#pragma once

#include "core/result.h"
#include "resealing.h"

#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

class Database;
namespace crypto {
class Sealer;
}

// The DPI's last known full JSON of a record, sealed at rest. An update to the DPI starts from it and
// changes only what the nurse changed (a PUT replaces the whole resource: elements we do not model must
// survive), and it is the base of the three-way merge when the DPI moved on meanwhile.
struct DpiCopy
{
    QString serverVersion;
    QJsonObject resource;
};

class DpiCopies
{
public:
    DpiCopies(Database &db, const crypto::Sealer &sealer);

    // Replaces the record's copy. The sealed blob names the record and the version, so a blob moved
    // onto another record or relabelled with another version does not open.
    Status put(const QUuid &recordId, const QUuid &patientId, const QJsonObject &resource);
    Result<std::optional<DpiCopy>> find(const QUuid &recordId);
    Status remove(const QUuid &recordId);
    // Every copy sealed again under the current key, from `from` (the store's key rotation).
    Result<resealing::Carried> resealAll(const crypto::Sealer &from);

private:
    Database &m_db;
    const crypto::Sealer &m_sealer;
};

} // namespace chevet
