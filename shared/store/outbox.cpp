#include "outbox.h"

#include "crypto/sealer.h"
#include "database.h"
#include "resealing.h"

#include <optional>

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

static std::optional<OutboxState> stateFromKey(const QString &key)
{
    for (OutboxState state : {OutboxState::Pending, OutboxState::Delivered, OutboxState::Quarantined,
                              OutboxState::Conflict, OutboxState::Superseded}) {
        if (key == outboxStateKey(state))
            return state;
    }
    return std::nullopt;
}

Outbox::Outbox(Database &db, const crypto::Sealer &sealer)
    : m_db(db)
    , m_sealer(sealer)
{}

namespace {

// Before schema 7 a reason was sealed on its own, under a constant: reasons could be swapped between rows.
const QByteArray kLegacyReasonAad = QByteArrayLiteral("chevet-outbox-reason-v1");

// Every column of an entry that the sync decides on; `attempts` and `updated_ms` only pace retries.
#define SELECT_OUTBOX                                                                                        \
    "SELECT seq, record_id, record_type, version, operation, priority, state, attempts, seal, created_hlc "  \
    "FROM outbox "

Status statusOf(const Result<int> &changed)
{
    return changed ? Status() : Status(changed.error());
}

// What change() applies to move every entry it reads to `state`, with `reason`.
std::function<bool(OutboxEntry &)> movesTo(OutboxState state, const QString &reason)
{
    return [state, reason](OutboxEntry &e) {
        e.state = state;
        e.lastError = reason;
        return true;
    };
}

Error tampered(qint64 seq, const QString &why)
{
    return makeError(StoreError::OutboxTampered,
                     QStringLiteral("outbox entry %1 was changed outside the app (%2)").arg(seq).arg(why));
}

} // namespace

QByteArray Outbox::associatedData(const OutboxEntry &e)
{
    return QStringLiteral("chevet-outbox-v2|%1|%2|%3|%4|%5|%6|%7|%8")
        .arg(e.seq)
        .arg(e.recordId.toString(QUuid::WithoutBraces), e.recordType)
        .arg(e.version)
        .arg(e.operation)
        .arg(e.priority)
        .arg(outboxStateKey(e.state))
        .arg(e.createdHlc.packed())
        .toUtf8();
}

Result<QByteArray> Outbox::seal(const OutboxEntry &entry) const
{
    return m_sealer.seal(entry.lastError.toUtf8(), associatedData(entry));
}

Result<OutboxEntry> Outbox::readColumns(const Statement &row)
{
    // Types first (reading converts them): a state stored as a BLOB still opens but no longer matches
    // state = 'pending' (a hostile review of F1). Versions and priorities must fit what is sealed.
    const bool typed = row.isIntegerOrNull(0) && row.isTextOrNull(1) && row.isTextOrNull(2) &&
                       row.isIntegerOrNull(3) && row.isTextOrNull(4) && row.isIntegerOrNull(5) &&
                       row.isTextOrNull(6) && row.isIntegerOrNull(7) && row.isIntegerOrNull(9);
    if (!typed)
        return tampered(row.int64(0), QStringLiteral("a column was rewritten with another type"));
    if (row.int64(3) != int(row.int64(3)) || row.int64(5) != int(row.int64(5)))
        return tampered(row.int64(0), QStringLiteral("a version or priority out of range"));
    OutboxEntry e;
    e.seq = row.int64(0);
    e.recordId = QUuid::fromString(row.text(1));
    e.recordType = row.text(2);
    e.version = int(row.int64(3));
    e.operation = row.text(4);
    e.priority = int(row.int64(5));
    std::optional<OutboxState> known = stateFromKey(row.text(6));
    if (!known)
        return tampered(e.seq, QStringLiteral("unknown state"));
    e.state = *known;
    e.attempts = int(row.int64(7));
    e.createdHlc = HlcTimestamp::fromPacked(quint64(row.int64(9)));
    return e;
}

Result<OutboxEntry> Outbox::readRow(const Statement &row) const
{
    Result<OutboxEntry> e = readColumns(row);
    if (!e)
        return e;
    if (row.isNull(8))
        return tampered(e->seq, QStringLiteral("no seal"));
    Result<QByteArray> reason = m_sealer.open(row.blob(8), associatedData(*e));
    if (!reason)
        return tampered(e->seq, QStringLiteral("its seal does not match its columns"));
    e->lastError = QString::fromUtf8(*reason);
    return e;
}

Status Outbox::enqueue(const OutboxEntry &entry)
{
    // The seq is sealed with the row, so it is chosen here rather than by SQLite at the insert: inside the
    // write's transaction, no other writer can take it meanwhile.
    Result<qint64> maxSeq = m_db.queryInt("SELECT coalesce(max(seq), 0) FROM outbox");
    if (!maxSeq)
        return maxSeq.error();
    OutboxEntry e = entry;
    e.seq = *maxSeq + 1;
    e.state = OutboxState::Pending;
    e.attempts = 0;
    e.lastError.clear();
    Result<QByteArray> sealed = seal(e);
    if (!sealed)
        return sealed.error();
    Result<Statement *> stmt = m_db.cached(
        "INSERT INTO outbox (seq, record_id, record_type, version, operation, priority, created_hlc, "
        "seal) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!stmt)
        return stmt.error();
    (*stmt)
        ->bind(1, e.seq)
        .bind(2, e.recordId.toString(QUuid::WithoutBraces))
        .bind(3, e.recordType)
        .bind(4, e.version)
        .bind(5, e.operation)
        .bind(6, e.priority)
        .bind(7, qint64(e.createdHlc.packed()))
        .bind(8, *sealed);
    return (*stmt)->exec();
}

Result<QList<OutboxEntry>> Outbox::select(const char *sql, const QString &arg, int limit)
{
    Result<Statement *> stmt = m_db.cached(sql);
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bind(1, arg).bind(2, limit);
    return s.collect<OutboxEntry>([this](const Statement &row) { return readRow(row); });
}

Status Outbox::write(const OutboxEntry &entry, qint64 atMs)
{
    Result<QByteArray> sealed = seal(entry);
    if (!sealed)
        return sealed.error();
    Result<Statement *> stmt = m_db.cached("UPDATE outbox SET state = ?2, attempts = ?3, seal = ?4, "
                                           "last_error = NULL, updated_ms = ?5 WHERE seq = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)
        ->bind(1, entry.seq)
        .bind(2, outboxStateKey(entry.state))
        .bind(3, entry.attempts)
        .bind(4, *sealed)
        .bind(5, atMs);
    return (*stmt)->exec();
}

Result<int> Outbox::change(const char *selectSql, const std::function<void(Statement &)> &bind,
                           const std::function<bool(OutboxEntry &)> &apply, qint64 atMs)
{
    // Read and written in one write transaction: another connection (the app's sync beside its UI) cannot
    // change an entry between the two, so a retry never revives an entry the sync just superseded.
    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s.error();
    Result<Statement *> stmt = m_db.cached(selectSql);
    if (!stmt)
        return stmt.error();
    bind(**stmt);
    Result<QList<OutboxEntry>> rows =
        (*stmt)->collect<OutboxEntry>([this](const Statement &row) { return readRow(row); });
    if (!rows)
        return rows.error();
    int changed = 0;
    for (OutboxEntry &entry : *rows) {
        if (!apply(entry))
            continue;
        if (Status s = write(entry, atMs); !s)
            return s.error();
        ++changed;
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return changed;
}

Result<QList<OutboxEntry>> Outbox::pending(int limit)
{
    return inState(OutboxState::Pending, limit);
}

Result<QList<OutboxEntry>> Outbox::inState(OutboxState state, int limit)
{
    return select(SELECT_OUTBOX "WHERE state = ?1 ORDER BY priority, seq LIMIT ?2", outboxStateKey(state),
                  limit);
}

Result<QList<OutboxEntry>> Outbox::forRecord(const QUuid &recordId)
{
    return select(SELECT_OUTBOX "WHERE record_id = ?1 ORDER BY seq LIMIT ?2",
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
        std::optional<OutboxState> state = stateFromKey((*stmt)->text(0));
        if (!state) {
            (*stmt)->reset();
            return tampered(0, QStringLiteral("unknown state"));
        }
        switch (*state) {
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
    Result<int> changed = change(
        SELECT_OUTBOX "WHERE seq = ?1", [&](Statement &s) { s.bind(1, seq); }, movesTo(state, reason), atMs);
    return statusOf(changed);
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
    Result<int> changed = change(
        SELECT_OUTBOX "WHERE seq = ?1", [&](Statement &s) { s.bind(1, seq); },
        [&](OutboxEntry &e) {
            ++e.attempts;
            e.lastError = reason;
            return true;
        },
        atMs);
    return statusOf(changed);
}

Status Outbox::settle(const QUuid &recordId, int upToVersion, OutboxState state, const QString &reason,
                      qint64 atMs)
{
    Result<int> changed = change(
        SELECT_OUTBOX "WHERE record_id = ?1 AND state = 'pending'",
        [&](Statement &s) { s.bind(1, recordId.toString(QUuid::WithoutBraces)); },
        [&](OutboxEntry &e) {
            if (e.version > upToVersion)
                return false;
            e.state = state;
            e.lastError = reason;
            return true;
        },
        atMs);
    return statusOf(changed);
}

Status Outbox::recordFailedAttempts(const QUuid &recordId, const QString &reason, qint64 atMs)
{
    Result<int> changed = change(
        SELECT_OUTBOX "WHERE record_id = ?1 AND state = 'pending'",
        [&](Statement &s) { s.bind(1, recordId.toString(QUuid::WithoutBraces)); },
        [&](OutboxEntry &e) {
            ++e.attempts;
            e.lastError = reason;
            return true;
        },
        atMs);
    return statusOf(changed);
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
    return change(
        SELECT_OUTBOX "WHERE state = 'quarantined' AND (?1 IS NULL OR record_id = ?1)",
        [&](Statement &s) {
            s.bind(1, recordId.isNull() ? QString() : recordId.toString(QUuid::WithoutBraces));
        },
        [](OutboxEntry &e) {
            e.state = OutboxState::Pending;
            e.attempts = 0;
            e.lastError.clear();
            return true;
        },
        atMs);
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
    Result<int> changed = change(
        SELECT_OUTBOX "WHERE record_id = ?1 AND state = ?2",
        [&](Statement &s) {
            s.bind(1, recordId.toString(QUuid::WithoutBraces)).bind(2, outboxStateKey(from));
        },
        movesTo(to, reason), atMs);
    return statusOf(changed);
}

Status Outbox::forgetReasonsOfPatient(const QUuid &patientId, qint64 atMs)
{
    Result<int> changed = change(
        SELECT_OUTBOX "WHERE record_id IN (SELECT id FROM records WHERE patient_id = ?1)",
        [&](Statement &s) { s.bind(1, patientId.toString(QUuid::WithoutBraces)); },
        [](OutboxEntry &e) {
            if (e.lastError.isEmpty())
                return false;
            e.lastError.clear();
            return true;
        },
        atMs);
    return statusOf(changed);
}

Status Outbox::verifyAll()
{
    // By seq, 2,000 entries at a time: delivered entries stay until their patient is erased.
    constexpr qint64 kSlice = 2000;
    Result<qint64> maxSeq = m_db.queryInt("SELECT coalesce(max(seq), 0) FROM outbox");
    if (!maxSeq)
        return maxSeq.error();
    for (qint64 from = 0; from < *maxSeq; from += kSlice) {
        Result<QList<OutboxEntry>> rows =
            select(SELECT_OUTBOX "WHERE seq > ?1 LIMIT ?2", QString::number(from), int(kSlice));
        if (!rows)
            return rows.error();
    }
    // Vitals, notes and doses are written at the bedside, each with its entry, or come from the DPI
    // with its id. One without either had its entry deleted in the file: it would never be sent, then be
    // purged as if it had been (security review F1). The DPI id is sealed with the record, so it cannot
    // be made up instead. (Stays, orders and tasks are the DPI's: stored without an entry.)
    Result<qint64> orphan = m_db.queryInt("SELECT coalesce((SELECT r.seq FROM records r WHERE r.type IN "
                                          "('observation', 'note', 'administration') "
                                          "AND r.server_id IS NULL AND NOT EXISTS (SELECT 1 FROM outbox o "
                                          "WHERE o.record_id = r.id) LIMIT 1), 0)");
    if (!orphan)
        return orphan.error();
    if (*orphan > 0)
        return makeError(
            StoreError::OutboxTampered,
            QStringLiteral("record %1 was never sent and its outbox entry is gone").arg(*orphan));
    return {};
}

Result<int> Outbox::sealLegacyEntries()
{
    // Entries written before schema 7 have no seal: sealed once, their reason opened the old way.
    Result<Statement *> stmt = m_db.cached(
        "SELECT seq, record_id, record_type, version, operation, priority, state, attempts, last_error, "
        "created_hlc FROM outbox WHERE seal IS NULL");
    if (!stmt)
        return stmt.error();
    Result<QList<OutboxEntry>> rows =
        (*stmt)->collect<OutboxEntry>([this](const Statement &row) -> Result<OutboxEntry> {
            Result<OutboxEntry> e = readColumns(row);
            if (!e || row.isNull(8))
                return e;
            Result<QByteArray> reason = m_sealer.open(row.blob(8), kLegacyReasonAad);
            if (!reason)
                return tampered(e->seq, QStringLiteral("its reason does not open"));
            e->lastError = QString::fromUtf8(*reason);
            return e;
        });
    if (!rows)
        return rows.error();
    for (const OutboxEntry &e : std::as_const(*rows)) {
        Result<QByteArray> sealed = seal(e);
        if (!sealed)
            return sealed.error();
        Result<Statement *> update =
            m_db.cached("UPDATE outbox SET seal = ?2, last_error = NULL WHERE seq = ?1 AND seal IS NULL");
        if (!update)
            return update.error();
        (*update)->bind(1, e.seq).bind(2, *sealed);
        if (Status s = (*update)->exec(); !s)
            return s.error();
    }
    return int(rows->size());
}

Result<resealing::Carried> Outbox::resealAll(const crypto::Sealer &from)
{
    return resealing::resealColumn(
        m_db,
        {SELECT_OUTBOX "WHERE seq > ?1 ORDER BY seq LIMIT 500", "UPDATE outbox SET seal = ?2 WHERE seq = ?1",
         8},
        [](const Statement &row) -> Result<QByteArray> {
            Result<OutboxEntry> entry = readColumns(row);
            if (!entry)
                return entry.error();
            return associatedData(*entry);
        },
        from, m_sealer);
}

} // namespace chevet
