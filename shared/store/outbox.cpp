#include "outbox.h"

#include "crypto/sealer.h"
#include "database.h"

namespace chevet {

QString outboxStateKey(OutboxState state)
{
    switch (state) {
    case OutboxState::Pending:
        return QStringLiteral("pending");
    case OutboxState::Delivered:
        return QStringLiteral("delivered");
    case OutboxState::Quarantined:
        return QStringLiteral("quarantined");
    case OutboxState::Conflict:
        return QStringLiteral("conflict");
    case OutboxState::Superseded:
        return QStringLiteral("superseded");
    }
    return {};
}

static OutboxState stateFromKey(const QString &key)
{
    if (key == QLatin1String("delivered"))
        return OutboxState::Delivered;
    if (key == QLatin1String("quarantined"))
        return OutboxState::Quarantined;
    if (key == QLatin1String("conflict"))
        return OutboxState::Conflict;
    if (key == QLatin1String("superseded"))
        return OutboxState::Superseded;
    return OutboxState::Pending;
}

Outbox::Outbox(Database &db, const crypto::Sealer &sealer)
    : m_db(db)
    , m_sealer(sealer)
{}

namespace {
const QByteArray kReasonAad = QByteArrayLiteral("chevet-outbox-reason-v1");
}

QByteArray Outbox::sealReason(const QString &reason) const
{
    if (reason.isEmpty())
        return {};
    Result<QByteArray> sealed = m_sealer.seal(reason.toUtf8(), kReasonAad);
    // Sealing cannot fail with a valid key; if it did, no reason is better than one in clear.
    return sealed ? *sealed : QByteArray();
}

QString Outbox::openReason(const QByteArray &sealed) const
{
    if (sealed.isEmpty())
        return {};
    Result<QByteArray> plain = m_sealer.open(sealed, kReasonAad);
    return plain ? QString::fromUtf8(*plain) : QStringLiteral("(unreadable)");
}

Status Outbox::enqueue(const OutboxEntry &entry)
{
    Result<Statement *> stmt =
        m_db.cached("INSERT INTO outbox (record_id, record_type, version, operation, priority, created_hlc) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt)
        return stmt.error();
    (*stmt)
        ->bind(1, entry.recordId.toString(QUuid::WithoutBraces))
        .bind(2, entry.recordType)
        .bind(3, entry.version)
        .bind(4, entry.operation)
        .bind(5, entry.priority)
        .bind(6, qint64(entry.createdHlc.packed()));
    return (*stmt)->exec();
}

Result<QList<OutboxEntry>> Outbox::select(const char *sql, const QString &arg, int limit)
{
    Result<Statement *> stmt = m_db.cached(sql);
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bind(1, arg).bind(2, limit);
    return s.collect<OutboxEntry>([this](const Statement &row) -> Result<OutboxEntry> {
        OutboxEntry e;
        e.seq = row.int64(0);
        e.recordId = QUuid::fromString(row.text(1));
        e.recordType = row.text(2);
        e.version = int(row.int64(3));
        e.operation = row.text(4);
        e.priority = int(row.int64(5));
        e.state = stateFromKey(row.text(6));
        e.attempts = int(row.int64(7));
        e.lastError = openReason(row.blob(8));
        e.createdHlc = HlcTimestamp::fromPacked(quint64(row.int64(9)));
        return e;
    });
}

Result<QList<OutboxEntry>> Outbox::pending(int limit)
{
    return inState(OutboxState::Pending, limit);
}

Result<QList<OutboxEntry>> Outbox::inState(OutboxState state, int limit)
{
    return select(
        "SELECT seq, record_id, record_type, version, operation, priority, state, attempts, last_error, "
        "created_hlc FROM outbox WHERE state = ?1 ORDER BY priority, seq LIMIT ?2",
        outboxStateKey(state), limit);
}

Result<QList<OutboxEntry>> Outbox::forRecord(const QUuid &recordId)
{
    return select(
        "SELECT seq, record_id, record_type, version, operation, priority, state, attempts, last_error, "
        "created_hlc FROM outbox WHERE record_id = ?1 ORDER BY seq LIMIT ?2",
        recordId.toString(QUuid::WithoutBraces), 1000);
}

Result<OutboxCounts> Outbox::counts()
{
    Result<Statement *> stmt = m_db.cached("SELECT state, count(*) FROM outbox GROUP BY state");
    if (!stmt)
        return stmt.error();
    OutboxCounts counts;
    while (true) {
        Result<bool> more = (*stmt)->step();
        if (!more)
            return more.error();
        if (!*more)
            break;
        const qint64 n = (*stmt)->int64(1);
        switch (stateFromKey((*stmt)->text(0))) {
        case OutboxState::Pending:
            counts.pending = n;
            break;
        case OutboxState::Delivered:
            counts.delivered = n;
            break;
        case OutboxState::Quarantined:
            counts.quarantined = n;
            break;
        case OutboxState::Conflict:
            counts.conflicts = n;
            break;
        case OutboxState::Superseded:
            break;
        }
    }
    (*stmt)->reset();
    return counts;
}

Result<qint64> Outbox::pendingCount()
{
    Result<Statement *> stmt = m_db.cached("SELECT count(*) FROM outbox WHERE state = 'pending'");
    if (!stmt)
        return stmt.error();
    Result<bool> row = (*stmt)->step();
    const qint64 n = row && *row ? (*stmt)->int64(0) : 0;
    (*stmt)->reset();
    if (!row)
        return row.error();
    return n;
}

Result<QList<QUuid>> Outbox::patientsWithUndelivered()
{
    Result<Statement *> stmt =
        m_db.cached("SELECT DISTINCT r.patient_id FROM outbox o JOIN records r ON r.id = o.record_id "
                    "WHERE o.state IN ('pending', 'conflict', 'quarantined') AND r.patient_id IS NOT NULL");
    if (!stmt)
        return stmt.error();
    return (*stmt)->collect<QUuid>([](const Statement &row) -> Result<QUuid> { return QUuid(row.text(0)); });
}

Status Outbox::setState(qint64 seq, OutboxState state, const QString &reason, qint64 atMs)
{
    Result<Statement *> stmt =
        m_db.cached("UPDATE outbox SET state = ?2, last_error = ?3, updated_ms = ?4 WHERE seq = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, seq).bind(2, outboxStateKey(state)).bind(3, sealReason(reason)).bind(4, atMs);
    return (*stmt)->exec();
}

Status Outbox::markDelivered(qint64 seq, qint64 atMs)
{
    return setState(seq, OutboxState::Delivered, QString(), atMs);
}

Status Outbox::quarantine(qint64 seq, const QString &reason, qint64 atMs)
{
    return setState(seq, OutboxState::Quarantined, reason, atMs);
}

Status Outbox::recordFailedAttempt(qint64 seq, const QString &reason, qint64 atMs)
{
    Result<Statement *> stmt = m_db.cached(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, updated_ms = ?3 WHERE seq = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, seq).bind(2, sealReason(reason)).bind(3, atMs);
    return (*stmt)->exec();
}

Status Outbox::settle(const QUuid &recordId, int upToVersion, OutboxState state, const QString &reason,
                      qint64 atMs)
{
    Result<Statement *> stmt = m_db.cached("UPDATE outbox SET state = ?3, last_error = ?4, updated_ms = ?5 "
                                           "WHERE record_id = ?1 AND version <= ?2 AND state = 'pending'");
    if (!stmt)
        return stmt.error();
    (*stmt)
        ->bind(1, recordId.toString(QUuid::WithoutBraces))
        .bind(2, upToVersion)
        .bind(3, outboxStateKey(state))
        .bind(4, sealReason(reason))
        .bind(5, atMs);
    return (*stmt)->exec();
}

Status Outbox::recordFailedAttempts(const QUuid &recordId, const QString &reason, qint64 atMs)
{
    Result<Statement *> stmt =
        m_db.cached("UPDATE outbox SET attempts = attempts + 1, last_error = ?2, updated_ms = ?3 "
                    "WHERE record_id = ?1 AND state = 'pending'");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, recordId.toString(QUuid::WithoutBraces)).bind(2, sealReason(reason)).bind(3, atMs);
    return (*stmt)->exec();
}

Result<bool> Outbox::hasPending(const QUuid &recordId)
{
    Result<Statement *> stmt = m_db.cached("SELECT 1 FROM outbox WHERE record_id = ?1 AND state IN "
                                           "('pending', 'conflict', 'quarantined') LIMIT 1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, recordId.toString(QUuid::WithoutBraces));
    Result<bool> found = (*stmt)->step();
    (*stmt)->reset();
    return found;
}

Result<bool> Outbox::hasConflict(const QUuid &recordId)
{
    return hasState(recordId, OutboxState::Conflict);
}

Result<bool> Outbox::hasState(const QUuid &recordId, OutboxState state)
{
    Result<Statement *> stmt =
        m_db.cached("SELECT 1 FROM outbox WHERE record_id = ?1 AND state = ?2 LIMIT 1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, recordId.toString(QUuid::WithoutBraces)).bind(2, outboxStateKey(state));
    Result<bool> found = (*stmt)->step();
    (*stmt)->reset();
    return found;
}

Result<int> Outbox::retryQuarantined(const QUuid &recordId, qint64 atMs)
{
    Result<Statement *> stmt =
        m_db.cached("UPDATE outbox SET state = 'pending', attempts = 0, last_error = NULL, updated_ms = ?2 "
                    "WHERE state = 'quarantined' AND (?1 IS NULL OR record_id = ?1)");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, recordId.isNull() ? QString() : recordId.toString(QUuid::WithoutBraces)).bind(2, atMs);
    if (Status s = (*stmt)->exec(); !s)
        return s.error();
    return int(m_db.changes());
}

Result<int> Outbox::firstOpenVersion(const QUuid &recordId)
{
    Result<Statement *> stmt = m_db.cached("SELECT min(version) FROM outbox WHERE record_id = ?1 AND state "
                                           "IN ('pending', 'conflict', 'quarantined')");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, recordId.toString(QUuid::WithoutBraces));
    Result<bool> row = (*stmt)->step();
    if (!row)
        return row.error();
    const int version = *row ? int((*stmt)->int64(0)) : 0;
    (*stmt)->reset();
    return version;
}

Status Outbox::move(const QUuid &recordId, OutboxState from, OutboxState to, const QString &reason,
                    qint64 atMs)
{
    Result<Statement *> stmt = m_db.cached(
        "UPDATE outbox SET state = ?3, last_error = ?4, updated_ms = ?5 WHERE record_id = ?1 AND state = ?2");
    if (!stmt)
        return stmt.error();
    (*stmt)
        ->bind(1, recordId.toString(QUuid::WithoutBraces))
        .bind(2, outboxStateKey(from))
        .bind(3, outboxStateKey(to))
        .bind(4, sealReason(reason))
        .bind(5, atMs);
    return (*stmt)->exec();
}

} // namespace chevet
