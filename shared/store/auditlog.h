#pragma once

#include "core/hybridlogicalclock.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

namespace chevet {

class Database;

// Who did what, on which device, when. Never patient data: record ids and codes only.
struct AuditEntry
{
    qint64 seq = 0;
    qint64 atMs = 0;
    HlcTimestamp hlc;
    QString author;
    QString device;
    QString action; // "record.create", "record.amend", "record.entered-in-error", "store.create", ...
    QString recordType;
    QUuid recordId;
    int version = 0;
    QString detail;
    QByteArray prevHash;
    QByteArray hash;
};

struct AuditVerification
{
    bool intact = true;
    qint64 entries = 0;
    qint64 firstBadSeq = 0; // 0 when intact
    QString reason;
};

// Append-only log, each entry chained to the previous one by a keyed hash (HMAC-SHA256 with a key
// derived from the data key), and the head (last seq and hash) kept in `meta`: editing, removing,
// reordering or truncating entries breaks verification, and nobody without the PIN can re-chain it.
class AuditLog
{
public:
    AuditLog(Database &db, QByteArray chainKey);

    // Call inside the transaction that makes the change being audited.
    Status append(AuditEntry entry);
    Result<AuditVerification> verify();
    Result<QList<AuditEntry>> entries(qint64 afterSeq = 0, int limit = 1000);

private:
    Result<QByteArray> chainHash(const AuditEntry &entry) const;
    Result<QByteArray> headSeal(qint64 seq, const QByteArray &hash) const;

    Database &m_db;
    QByteArray m_chainKey;
};

} // namespace chevet
