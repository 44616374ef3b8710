#pragma once

#include "core/hybridlogicalclock.h"
#include "core/result.h"
#include "resealing.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <functional>

#include <optional>

namespace chevet {

class Database;
class Statement;
namespace crypto {
class Sealer;
}

// Superseded: a local edit a person or a clinical rule replaced by the DPI's version; kept in the
// record's history, never sent.
enum class OutboxState { Pending, Delivered, Quarantined, Conflict, Superseded };
QString outboxStateKey(OutboxState state);

// Send order: identities before the records that point to them, then what is safety-critical.
enum class OutboxPriority { Identity = 0, SafetyCritical = 1, Routine = 2 };

struct OutboxEntry
{
    qint64 seq = 0;
    QUuid recordId;
    QString recordType;
    int version = 0;
    QString operation; // "create" or "update"
    int priority = int(OutboxPriority::Routine);
    OutboxState state = OutboxState::Pending;
    int attempts = 0;
    QString lastError;
    HlcTimestamp createdHlc;
};

struct OutboxCounts
{
    qint64 pending = 0;
    qint64 delivered = 0;
    qint64 quarantined = 0;
    qint64 conflicts = 0;
};

// Changes waiting for the DPI, written in the same transaction as the record they carry. Each entry is
// sealed (its reason encrypted, every column the sync decides on as associated data): an entry marked
// delivered, moved to another record or given another entry's reason in the file is refused (security
// review F1).
class Outbox
{
public:
    // Reasons (often the DPI's own words, which may name a patient) are sealed at rest.
    Outbox(Database &db, const crypto::Sealer &sealer);

    Status enqueue(const OutboxEntry &entry);
    Result<QList<OutboxEntry>> pending(int limit = 500);
    // Entries in one state, in send order (e.g. the quarantined ones, with the DPI's reason).
    Result<QList<OutboxEntry>> inState(OutboxState state, int limit = 500);
    Result<QList<OutboxEntry>> forRecord(const QUuid &recordId);
    Result<OutboxCounts> counts();
    // The local ids of the patients with a record not yet confirmed by the DPI (pending, in conflict or
    // quarantined): the worklist marks them. Reads only ids, nothing sealed.
    Result<QList<QUuid>> patientsWithUndelivered();
    // counts().pending alone, read from outbox_by_state: cheap enough to ask after every chunk.
    Result<qint64> pendingCount();
    Status markDelivered(qint64 seq, qint64 atMs);
    Status quarantine(qint64 seq, const QString &reason, qint64 atMs);
    Status recordFailedAttempt(qint64 seq, const QString &reason, qint64 atMs);

    // Sync works per record: every pending entry of the record up to `upToVersion` moves together.
    Status settle(const QUuid &recordId, int upToVersion, OutboxState state, const QString &reason,
                  qint64 atMs);
    Status recordFailedAttempts(const QUuid &recordId, const QString &reason, qint64 atMs);
    // Not yet confirmed by the DPI: pending, in conflict or quarantined. A pulled version never silently
    // replaces such a record (a quarantined edit waits for "retry", it is not lost).
    Result<bool> hasPending(const QUuid &recordId);
    Result<bool> hasConflict(const QUuid &recordId);
    Result<bool> hasState(const QUuid &recordId, OutboxState state);
    // Quarantine is reversible: moves a record's quarantined entries (or every record's, when `recordId`
    // is null) back to pending with their attempts reset. Returns how many entries moved.
    Result<int> retryQuarantined(const QUuid &recordId, qint64 atMs);
    // The oldest local version not yet confirmed by the DPI (pending, in conflict or quarantined); 0 when
    // none.
    Result<int> firstOpenVersion(const QUuid &recordId);
    // Moves a record's entries from one state to another (e.g. conflict back to pending once resolved).
    Status move(const QUuid &recordId, OutboxState from, OutboxState to, const QString &reason, qint64 atMs);
    // The lifetime purge keeps a patient's entries (proof of delivery) but not the DPI's words about them.
    Status forgetReasonsOfPatient(const QUuid &patientId, qint64 atMs);

    // Opens every entry: one whose state, record, version or reason was changed in the file is found
    // even where no query would list it (a pending entry marked delivered). "outbox-tampered".
    Status verifyAll();
    // Seals the entries written before schema 7, inside the caller's transaction; returns how many. Only for
    // a store that may hold such entries (Store::open decides from the audit trail): elsewhere an entry
    // without a seal was stripped of it in the file, and sealing it would launder the change.
    Result<int> sealLegacyEntries();
    // Every entry sealed again under the current key, from `from` (the store's key rotation).
    Result<resealing::Carried> resealAll(const crypto::Sealer &from);

    // What an entry's seal binds: every column the sync decides on.
    static QByteArray associatedData(const OutboxEntry &entry);

private:
    Result<QList<OutboxEntry>> select(const char *sql, const QString &arg, int limit);
    Status setState(qint64 seq, OutboxState state, const QString &reason, qint64 atMs);
    // Every column but the reason, types checked; readRow() opens the seal too.
    static Result<OutboxEntry> readColumns(const Statement &row);
    Result<OutboxEntry> readRow(const Statement &row) const;
    Result<QByteArray> seal(const OutboxEntry &entry) const;
    Status write(const OutboxEntry &entry, qint64 atMs);
    // Reads (and so checks) the entries `selectSql` finds, lets `apply` change each (false: leave it) and
    // writes the changed ones sealed again. Returns how many changed.
    Result<int> change(const char *selectSql, const std::function<void(Statement &)> &bind,
                       const std::function<bool(OutboxEntry &)> &apply, qint64 atMs);

    Database &m_db;
    const crypto::Sealer &m_sealer;
};

} // namespace chevet
