#include "conflictqueue.h"

#include "crypto/sealer.h"
#include "database.h"
#include "resealing.h"

#include <QCborMap>
#include <QCborValue>

namespace chevet {

namespace {

QByteArray aad(const QUuid &id)
{
    return QByteArrayLiteral("chevet-conflict-v1|") + id.toString(QUuid::WithoutBraces).toUtf8();
}

} // namespace

ConflictQueue::ConflictQueue(Database &db, const crypto::Sealer &sealer)
    : m_db(db)
    , m_sealer(sealer)
{}

Status ConflictQueue::park(ParkedConflict c)
{
    if (c.id.isNull())
        c.id = QUuid::createUuid();
    const QCborMap content{{QLatin1String("remote"), c.remote},
                           {QLatin1String("remoteVersion"), c.remoteVersion},
                           {QLatin1String("reason"), c.reason}};
    Result<QByteArray> sealed = m_sealer.seal(content.toCborValue().toCbor(), aad(c.id));
    if (!sealed)
        return sealed.error();
    Result<Statement *> stmt = m_db.cached(
        "INSERT INTO conflicts (id, record_id, record_type, patient_id, rule, local_version, created_ms, "
        "sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!stmt)
        return stmt.error();
    (*stmt)
        ->bind(1, c.id.toString(QUuid::WithoutBraces))
        .bind(2, c.recordId.toString(QUuid::WithoutBraces))
        .bind(3, c.recordType)
        .bind(4, c.patientId.isNull() ? QString() : c.patientId.toString(QUuid::WithoutBraces))
        .bind(5, c.rule)
        .bind(6, c.localVersion)
        .bind(7, c.createdMs)
        .bind(8, *sealed);
    return (*stmt)->exec();
}

Result<QList<ParkedConflict>> ConflictQueue::open()
{
    return select(
        "SELECT id, record_id, record_type, patient_id, rule, local_version, created_ms, state, sealed "
        "FROM conflicts WHERE state = 'open' AND ?1 = ?1 ORDER BY seq",
        QStringLiteral("open"));
}

Result<std::optional<ParkedConflict>> ConflictQueue::find(const QUuid &id)
{
    Result<QList<ParkedConflict>> found = select(
        "SELECT id, record_id, record_type, patient_id, rule, local_version, created_ms, state, sealed "
        "FROM conflicts WHERE id = ?1",
        id.toString(QUuid::WithoutBraces));
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<ParkedConflict>();
    return std::optional<ParkedConflict>(found->first());
}

Status ConflictQueue::close(const QUuid &id, const QString &state, const QString &by, qint64 atMs)
{
    Result<Statement *> stmt = m_db.cached("UPDATE conflicts SET state = ?2, resolved_by = ?3, resolved_ms = "
                                           "?4 WHERE id = ?1 AND state = 'open'");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, id.toString(QUuid::WithoutBraces)).bind(2, state).bind(3, by).bind(4, atMs);
    if (Status s = (*stmt)->exec(); !s)
        return s;
    if (m_db.changes() == 0)
        return makeError(StoreError::NotFound, QStringLiteral("no open conflict with this id"));
    return {};
}

Result<QList<ParkedConflict>> ConflictQueue::select(const char *sql, const QString &arg)
{
    Result<Statement *> stmt = m_db.cached(sql);
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bind(1, arg);
    return s.collect<ParkedConflict>([this](const Statement &row) -> Result<ParkedConflict> {
        ParkedConflict c;
        c.id = QUuid::fromString(row.text(0));
        c.recordId = QUuid::fromString(row.text(1));
        c.recordType = row.text(2);
        c.patientId = QUuid::fromString(row.text(3));
        c.rule = row.text(4);
        c.localVersion = int(row.int64(5));
        c.createdMs = row.int64(6);
        c.state = row.text(7);
        Result<QByteArray> content = m_sealer.open(row.blob(8), aad(c.id));
        if (!content)
            return content.error();
        const QCborMap map = QCborValue::fromCbor(*content).toMap();
        c.remote = map.value(QLatin1String("remote")).toByteArray();
        c.remoteVersion = map.value(QLatin1String("remoteVersion")).toString();
        c.reason = map.value(QLatin1String("reason")).toString();
        return c;
    });
}

Result<qint64> ConflictQueue::openCount()
{
    Result<Statement *> stmt = m_db.cached("SELECT count(*) FROM conflicts WHERE state = 'open'");
    if (!stmt)
        return stmt.error();
    Result<bool> row = (*stmt)->step();
    if (!row)
        return row.error();
    const qint64 n = (*stmt)->int64(0);
    (*stmt)->reset();
    return n;
}

Result<resealing::Carried> ConflictQueue::resealAll(const crypto::Sealer &from)
{
    return resealing::resealColumn(
        m_db,
        {"SELECT seq, id, sealed FROM conflicts WHERE seq > ?1 ORDER BY seq LIMIT 500",
         "UPDATE conflicts SET sealed = ?2 WHERE seq = ?1", 2},
        [](const Statement &row) -> Result<QByteArray> { return aad(QUuid::fromString(row.text(1))); }, from,
        m_sealer);
}

} // namespace chevet
