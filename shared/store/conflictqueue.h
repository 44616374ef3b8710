#pragma once

#include "core/result.h"
#include "resealing.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

class Database;
namespace crypto {
class Sealer;
}

// A disagreement between this device and the DPI that sync must not settle alone. Both sides are
// kept: the local record stays in `records` (and its outbox entries wait in state "conflict"), the
// remote version is sealed here.
struct ParkedConflict
{
    QUuid id;
    QUuid recordId;
    QString recordType;
    QUuid patientId;
    QString rule; // why it was parked: "version-mismatch", "edited-while-pulled", "deleted-in-dpi", ...
    int localVersion = 0;
    QByteArray remote;     // the DPI's version as FHIR JSON (empty when deleted there)
    QString remoteVersion; // its versionId
    QString reason;        // the server's words, if any (no patient data is added by us)
    qint64 createdMs = 0;
    QString state = QStringLiteral("open");
};

class ConflictQueue
{
public:
    ConflictQueue(Database &db, const crypto::Sealer &sealer);

    Status park(ParkedConflict conflict);
    Result<QList<ParkedConflict>> open();
    Result<std::optional<ParkedConflict>> find(const QUuid &id);
    // Closes a conflict: "resolved" by a person, or "auto-resolved" by a rule (the losing side kept here).
    Status close(const QUuid &id, const QString &state, const QString &by, qint64 atMs);
    Result<qint64> openCount();
    // Every conflict sealed again under the current key, from `from` (the store's key rotation).
    Result<resealing::Carried> resealAll(const crypto::Sealer &from);

private:
    Result<QList<ParkedConflict>> select(const char *sql, const QString &arg);

    Database &m_db;
    const crypto::Sealer &m_sealer;
};

} // namespace chevet
