#include "recordtable.h"

#include "crypto/sealer.h"
#include "database.h"
#include "resealing.h"

namespace chevet {

namespace {

// A literal, so that statements built from it are cached by address.
#define SELECT_RECORDS                                                                                       \
    "SELECT id, type, patient_id, version, status, effective_ms, entered_ms, hlc, author, ref_id, slot_ms, " \
    "server_id, server_version, server_ms, sealed FROM records "

// meta `record_aad`: "2" bound the clear columns but the DPI's id and version, "3" binds them too.
constexpr char kCurrentSeal[] = "3";

QString uuidText(const QUuid &id)
{
    return id.isNull() ? QString() : id.toString(QUuid::WithoutBraces);
}

} // namespace

RecordTable::RecordTable(Database &db, const crypto::Sealer &sealer)
    : m_db(db)
    , m_sealer(sealer)
{}

QByteArray RecordTable::versionAssociatedData(const QString &type, const QUuid &id, int version)
{
    return QStringLiteral("chevet-record-v1|%1|%2|%3").arg(type, uuidText(id)).arg(version).toUtf8();
}

namespace {

// The clear columns every seal since v2 binds, after its label; v3 adds the DPI's id, version and time.
QString clearColumns(const char *label, const RecordRow &row, bool withServerState)
{
    const auto optional = [](const std::optional<qint64> &value) {
        return value ? QString::number(*value) : QStringLiteral("-");
    };
    QString tail = QStringLiteral("%1|%2|%3").arg(row.author, uuidText(row.refId), optional(row.slotMs));
    if (withServerState)
        tail += QStringLiteral("|%1|%2|%3").arg(row.serverId, row.serverVersion, optional(row.serverMs));
    return QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8|%9")
               .arg(QLatin1String(label), row.type, uuidText(row.id))
               .arg(row.version)
               .arg(uuidText(row.patientId), row.status, optional(row.effectiveMs))
               .arg(row.enteredMs)
               .arg(row.hlc.packed()) +
           QLatin1Char('|') + tail;
}

} // namespace

QByteArray RecordTable::associatedData(const RecordRow &row)
{
    return clearColumns("chevet-record-v3", row, true).toUtf8();
}

QByteArray RecordTable::unboundServerAssociatedData(const RecordRow &row)
{
    return clearColumns("chevet-record-v2", row, false).toUtf8();
}

void RecordTable::bindRow(Statement &s, const RecordRow &row, const QByteArray &sealed)
{
    s.bind(1, uuidText(row.id))
        .bind(2, row.type)
        .bind(3, uuidText(row.patientId))
        .bind(4, row.version)
        .bind(5, row.status)
        .bind(6, row.effectiveMs)
        .bind(7, row.enteredMs)
        .bind(8, qint64(row.hlc.packed()))
        .bind(9, row.author)
        .bind(10, uuidText(row.refId))
        .bind(11, row.slotMs)
        .bind(12, row.serverId)
        .bind(13, row.serverVersion)
        .bind(14, row.serverMs)
        .bind(15, sealed);
}

Status RecordTable::insert(const RecordRow &row)
{
    Result<QByteArray> sealed = m_sealer.seal(row.payload, associatedData(row));
    if (!sealed)
        return sealed.error();
    Result<Statement *> stmt = m_db.cached("INSERT INTO records (id, type, patient_id, version, status, "
                                           "effective_ms, entered_ms, hlc, author, ref_id, "
                                           "slot_ms, server_id, server_version, server_ms, sealed) VALUES "
                                           "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                                           "?11, ?12, ?13, ?14, ?15)");
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    bindRow(s, row, *sealed);
    Status done = s.exec();
    if (!done && done.error().message.contains(QLatin1String("UNIQUE")))
        return makeError(StoreError::DuplicateId, QStringLiteral("a record with this id is already stored"));
    return done;
}

Status RecordTable::supersede(const RecordRow &row)
{
    // The version kept is sealed under its type, id and version: history rows keep only some columns.
    Result<std::optional<RecordRow>> previous = find(row.id);
    if (!previous)
        return previous.error();
    if (!*previous || (*previous)->version != row.version - 1)
        return makeError(StoreError::StaleVersion,
                         QStringLiteral("the record changed meanwhile; nothing was written"), true);
    const RecordRow &old = **previous;
    Result<QByteArray> kept =
        m_sealer.seal(old.payload, versionAssociatedData(old.type, old.id, old.version));
    if (!kept)
        return kept.error();
    Result<Statement *> keep = m_db.cached("INSERT INTO record_history (record_id, version, status, hlc, "
                                           "author, sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!keep)
        return keep.error();
    (*keep)
        ->bind(1, uuidText(old.id))
        .bind(2, old.version)
        .bind(3, old.status)
        .bind(4, qint64(old.hlc.packed()));
    (*keep)->bind(5, old.author).bind(6, *kept);
    if (Status s = (*keep)->exec(); !s)
        return s;

    // A version that moved meanwhile (another connection wrote first) matches no row and is reported,
    // never silently lost.
    return rewrite(
        "UPDATE records SET version = ?4, status = ?5, effective_ms = ?6, entered_ms = ?7, hlc = ?8, "
        "author = ?9, ref_id = ?10, slot_ms = ?11, server_id = ?12, server_version = ?13, "
        "server_ms = ?14, sealed = ?15, patient_id = ?3 WHERE id = ?1 AND type = ?2 AND version = ?4 - 1",
        row,
        makeError(StoreError::StaleVersion,
                  QStringLiteral("the record changed meanwhile; nothing was written"), true));
}

Status RecordTable::rewrite(const char *sql, const RecordRow &row, const Error &whenNoRow)
{
    // Same parameter numbers as the insert (bindRow).
    Result<QByteArray> sealed = m_sealer.seal(row.payload, associatedData(row));
    if (!sealed)
        return sealed.error();
    Result<Statement *> update = m_db.cached(sql);
    if (!update)
        return update.error();
    bindRow(**update, row, *sealed);
    if (Status s = (**update).exec(); !s)
        return s;
    if (m_db.changes() != 1)
        return whenNoRow;
    return {};
}

Status RecordTable::reseal(const RecordRow &row)
{
    return rewrite(
        "UPDATE records SET type = ?2, patient_id = ?3, version = ?4, status = ?5, effective_ms = ?6, "
        "entered_ms = ?7, hlc = ?8, author = ?9, ref_id = ?10, slot_ms = ?11, server_id = ?12, "
        "server_version = ?13, server_ms = ?14, sealed = ?15 WHERE id = ?1",
        row,
        makeError(StoreError::MissingRecord,
                  QStringLiteral("record %1 is not stored").arg(uuidText(row.id))));
}

Status RecordTable::forEachSlice(const std::function<Status(QList<RecordRow> &)> &slice)
{
    // By rowid, 2,000 rows at a time: a store of a million records is never held in memory at once.
    constexpr qint64 kSlice = 2000;
    Result<qint64> maxSeq = m_db.queryInt("SELECT coalesce(max(seq), 0) FROM records");
    if (!maxSeq)
        return maxSeq.error();
    for (qint64 from = 0; from < *maxSeq; from += kSlice) {
        Result<QList<RecordRow>> rows =
            readRows(SELECT_RECORDS "WHERE seq > ?1 AND seq <= ?2",
                     [&](Statement &s) { s.bind(1, from).bind(2, from + kSlice); });
        if (!rows)
            return rows.error();
        if (Status s = slice(*rows); !s)
            return s;
    }
    return {};
}

Result<QList<RecordRow>> RecordTable::ofPatient(const QUuid &patientId)
{
    return readRows(SELECT_RECORDS "WHERE patient_id = ?1 AND type <> 'patient' ORDER BY seq",
                    [&](Statement &s) { s.bind(1, uuidText(patientId)); });
}

Status RecordTable::migrateSeals(bool legacyAllowed)
{
    m_legacySeals = false;
    Result<Statement *> flag = m_db.cached("SELECT value FROM meta WHERE key = 'record_aad'");
    if (!flag)
        return flag.error();
    Result<bool> found = (*flag)->step();
    const bool done = found && *found && (*flag)->blob(0) == kCurrentSeal;
    (*flag)->reset();
    if (!found)
        return found.error();
    if (done || !legacyAllowed) {
        if (!done)
            return markSealed();
        return {};
    }
    // Until every row is re-sealed, rows sealed the old way are read too. Slices commit one by one: a full
    // disk or a crash halfway leaves a store that reads and goes on re-sealing at its next open.
    m_legacySeals = true;
    Status resealed = forEachSlice([this](QList<RecordRow> &rows) -> Status {
        Transaction tx(m_db);
        if (Status s = tx.begin(); !s)
            return s;
        for (const RecordRow &row : std::as_const(rows)) {
            if (Status s = reseal(row); !s)
                return s;
        }
        return tx.commit();
    });
    if (!resealed)
        return resealed;
    m_legacySeals = false;
    return markSealed();
}

Status RecordTable::markSealed()
{
    Result<Statement *> mark = m_db.cached("INSERT INTO meta (key, value) VALUES ('record_aad', ?1) "
                                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!mark)
        return mark.error();
    (*mark)->bind(1, QByteArray(kCurrentSeal));
    return (*mark)->exec();
}

Status RecordTable::verifyAll()
{
    return forEachSlice([](QList<RecordRow> &) { return Status(); }); // reading a row opens it
}

Status RecordTable::setServerState(const QUuid &id, const QString &serverId, const QString &serverVersion,
                                   std::optional<qint64> serverMs)
{
    // The DPI's id and version are sealed with the row (a swapped server id would send an edit onto
    // another patient's resource, or pull one onto another chart): the row is opened and sealed again.
    Result<std::optional<RecordRow>> found = find(id);
    if (!found)
        return found.error();
    if (!*found)
        return makeError(StoreError::MissingRecord,
                         QStringLiteral("record %1 is not stored").arg(uuidText(id)));
    RecordRow row = std::move(**found);
    row.serverId = serverId;
    row.serverVersion = serverVersion;
    row.serverMs = serverMs;
    return reseal(row);
}

Status RecordTable::clearServerState(const QUuid &id)
{
    return setServerState(id, QString(), QString(), std::nullopt);
}

Result<RecordRow> RecordTable::readColumns(const Statement &s)
{
    // Before any column is read as text (which converts it): see Statement::isTextOrNull.
    for (int text : {0, 1, 2, 4, 8, 9, 11, 12}) {
        if (!s.isTextOrNull(text))
            return makeError(
                CryptoError::RecordUnreadable,
                QStringLiteral("record %1 cannot be trusted: a column was rewritten with another "
                               "type outside the app")
                    .arg(s.text(0)));
    }
    for (int integer : {3, 5, 6, 7, 10, 13}) {
        if (!s.isIntegerOrNull(integer))
            return makeError(
                CryptoError::RecordUnreadable,
                QStringLiteral("record %1 cannot be trusted: a column was rewritten with another "
                               "type outside the app")
                    .arg(s.text(0)));
    }
    RecordRow row;
    row.id = QUuid::fromString(s.text(0));
    row.type = s.text(1);
    row.patientId = QUuid::fromString(s.text(2));
    row.version = int(s.int64(3));
    row.status = s.text(4);
    if (!s.isNull(5))
        row.effectiveMs = s.int64(5);
    row.enteredMs = s.int64(6);
    row.hlc = HlcTimestamp::fromPacked(quint64(s.int64(7)));
    row.author = s.text(8);
    row.refId = QUuid::fromString(s.text(9));
    if (!s.isNull(10))
        row.slotMs = s.int64(10);
    row.serverId = s.text(11);
    row.serverVersion = s.text(12);
    if (!s.isNull(13))
        row.serverMs = s.int64(13);
    return row;
}

Result<RecordRow> RecordTable::readRow(const Statement &s)
{
    Result<RecordRow> columns = readColumns(s);
    if (!columns)
        return columns;
    RecordRow &row = *columns;
    Result<QByteArray> payload = m_sealer.open(s.blob(14), associatedData(row));
    if (!payload && m_legacySeals)
        payload = m_sealer.open(s.blob(14), unboundServerAssociatedData(row));
    if (!payload && m_legacySeals)
        payload = m_sealer.open(s.blob(14), versionAssociatedData(row.type, row.id, row.version));
    if (!payload)
        return makeError(CryptoError::RecordUnreadable, QStringLiteral("record %1 cannot be decrypted: %2")
                                                            .arg(uuidText(row.id), payload.error().message));
    row.payload = std::move(payload).value();
    return row;
}

Result<QList<RecordRow>> RecordTable::readRows(const char *sql, const std::function<void(Statement &)> &bind)
{
    Result<Statement *> stmt = m_db.cached(sql);
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    bind(s);
    return s.collect<RecordRow>([this](const Statement &row) { return readRow(row); });
}

Result<std::optional<RecordRow>> RecordTable::find(const QUuid &id)
{
    Result<QList<RecordRow>> rows =
        readRows(SELECT_RECORDS "WHERE id = ?1", [&](Statement &s) { s.bind(1, uuidText(id)); });
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<RecordRow>();
    return std::optional<RecordRow>(rows->takeFirst());
}

Result<std::optional<RecordRow>> RecordTable::findByServerId(const QString &type, const QString &serverId)
{
    // A bound `type = ?N` is matched against the partial index records_by_ref (type = 'administration'):
    // the planner then ties the statement to that value and SQLite prepares it again at every bind.
    // Naming the index (or NOT INDEXED) leaves the partial index out of the plan, and the statement cached.
    Result<QList<RecordRow>> rows =
        readRows(SELECT_RECORDS "INDEXED BY records_by_server_id WHERE type = ?1 AND server_id = ?2",
                 [&](Statement &s) { s.bind(1, type).bind(2, serverId); });
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<RecordRow>();
    return std::optional<RecordRow>(rows->takeFirst());
}

Result<QUuid> RecordTable::idByServerId(const QString &type, const QString &serverId)
{
    Result<Statement *> stmt = m_db.cached(
        "SELECT id FROM records INDEXED BY records_by_server_id WHERE type = ?1 AND server_id = ?2");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, type).bind(2, serverId);
    Result<bool> found = (*stmt)->step();
    const QUuid id = found && *found ? QUuid::fromString((*stmt)->text(0)) : QUuid();
    (*stmt)->reset();
    if (!found)
        return found.error();
    return id;
}

Result<bool> RecordTable::exists(const QUuid &id, const QString &type)
{
    Result<Statement *> stmt = m_db.cached("SELECT 1 FROM records WHERE id = ?1 AND type = ?2");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, uuidText(id)).bind(2, type);
    Result<bool> found = (*stmt)->step();
    (*stmt)->reset();
    return found;
}

Result<QList<RecordRow>> RecordTable::forPatient(const QUuid &patientId, const QString &type, qint64 fromMs,
                                                 qint64 toMs)
{
    return readRows(
        SELECT_RECORDS
        "INDEXED BY records_by_patient "
        "WHERE patient_id = ?1 AND type = ?2 AND effective_ms BETWEEN ?3 AND ?4 AND status <> 'deleted' "
        "ORDER BY effective_ms, hlc",
        [&](Statement &s) { s.bind(1, uuidText(patientId)).bind(2, type).bind(3, fromMs).bind(4, toMs); });
}

Result<QList<RecordRow>> RecordTable::byType(const QString &type)
{
    // No index has the type first for every row: the table is read in order (see findByServerId).
    return readRows(SELECT_RECORDS "NOT INDEXED WHERE type = ?1 ORDER BY seq",
                    [&](Statement &s) { s.bind(1, type); });
}

Result<QList<RecordRow>> RecordTable::administrationsFor(const QUuid &requestId)
{
    // The type is spelt out, not bound: the planner only uses the partial index when the query repeats
    // its condition literally.
    return readRows(SELECT_RECORDS "WHERE type = 'administration' AND ref_id = ?1 ORDER BY slot_ms, hlc",
                    [&](Statement &s) { s.bind(1, uuidText(requestId)); });
}

Result<QList<RecordRow>> RecordTable::history(const QUuid &id)
{
    Result<std::optional<RecordRow>> current = find(id);
    if (!current)
        return current.error();
    if (!*current)
        return QList<RecordRow>();
    const RecordRow &now = **current;
    Result<Statement *> stmt = m_db.cached("SELECT version, status, hlc, author, sealed FROM record_history "
                                           "WHERE record_id = ?1 ORDER BY version");
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bind(1, uuidText(id));
    Result<QList<RecordRow>> versions = s.collect<RecordRow>([&](const Statement &row) -> Result<RecordRow> {
        RecordRow old = now;
        old.version = int(row.int64(0));
        old.status = row.text(1);
        old.hlc = HlcTimestamp::fromPacked(quint64(row.int64(2)));
        old.author = row.text(3);
        Result<QByteArray> payload =
            m_sealer.open(row.blob(4), versionAssociatedData(now.type, id, old.version));
        if (!payload)
            return payload.error();
        old.payload = std::move(payload).value();
        return old;
    });
    if (!versions)
        return versions.error();
    versions->append(now);
    return versions;
}

Result<resealing::Carried> RecordTable::resealAll(const crypto::Sealer &from)
{
    Result<resealing::Carried> rows = resealing::resealColumn(
        m_db,
        {"SELECT id, type, patient_id, version, status, effective_ms, entered_ms, hlc, author, ref_id, "
         "slot_ms, "
         "server_id, server_version, server_ms, sealed, seq FROM records WHERE seq > ?1 ORDER BY seq LIMIT "
         "500",
         "UPDATE records SET sealed = ?2 WHERE seq = ?1", 14, 15},
        [](const Statement &row) -> Result<QByteArray> {
            Result<RecordRow> columns = readColumns(row);
            if (!columns)
                return columns.error();
            return associatedData(*columns);
        },
        from, m_sealer);
    if (!rows)
        return rows.error();
    // Earlier versions are sealed under their record's type, id and version. One whose record is gone
    // (erased with its patient) can never be shown: it goes rather than stay under the key replaced.
    if (Status s = m_db.exec(QStringLiteral(
            "DELETE FROM record_history WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = record_id)"));
        !s)
        return s.error();
    Result<resealing::Carried> versions = resealing::resealColumn(
        m_db,
        {"SELECT h.rowid, r.type, h.record_id, h.version, h.sealed FROM record_history h JOIN records r "
         "ON r.id = h.record_id WHERE h.rowid > ?1 ORDER BY h.rowid LIMIT 500",
         "UPDATE record_history SET sealed = ?2 WHERE rowid = ?1", 4},
        [](const Statement &row) -> Result<QByteArray> {
            return versionAssociatedData(row.text(1), QUuid::fromString(row.text(2)), int(row.int64(3)));
        },
        from, m_sealer);
    if (!versions)
        return versions.error();
    return *rows += *versions;
}

} // namespace chevet
