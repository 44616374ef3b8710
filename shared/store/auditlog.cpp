#include "auditlog.h"

#include "crypto/digest.h"
#include "database.h"

#include <QCborArray>
#include <QCborValue>

namespace chevet {

namespace {

const QByteArray kGenesis(32, '\0');
const QString kHeadKey = QStringLiteral("audit_head");

} // namespace

AuditLog::AuditLog(Database &db, QByteArray chainKey)
    : m_db(db)
    , m_chainKey(std::move(chainKey))
{}

// The head is MACed too: without it, dropping the newest entries and rewriting the head to the
// remaining last entry would go unnoticed.
Result<QByteArray> AuditLog::headSeal(qint64 seq, const QByteArray &hash) const
{
    return crypto::hmacSha256(m_chainKey,
                              QByteArrayLiteral("audit-head|") + QCborValue(QCborArray{seq, hash}).toCbor());
}

Result<QByteArray> AuditLog::chainHash(const AuditEntry &e) const
{
    const QCborArray canonical{e.seq,
                               e.atMs,
                               qint64(e.hlc.packed()),
                               e.author,
                               e.device,
                               e.action,
                               e.recordType,
                               e.recordId.isNull() ? QString() : e.recordId.toString(QUuid::WithoutBraces),
                               e.version,
                               e.detail};
    return crypto::hmacSha256(m_chainKey, e.prevHash + QCborValue(canonical).toCbor());
}

Status AuditLog::append(AuditEntry entry)
{
    Result<Statement *> last = m_db.cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!last)
        return last.error();
    Result<bool> hasLast = (*last)->step();
    if (!hasLast)
        return hasLast.error();
    entry.seq = *hasLast ? (*last)->int64(0) + 1 : 1;
    entry.prevHash = *hasLast ? (*last)->blob(1) : kGenesis;
    (*last)->reset();

    Result<QByteArray> hash = chainHash(entry);
    if (!hash)
        return hash.error();
    entry.hash = *hash;

    Result<Statement *> insert =
        m_db.cached("INSERT INTO audit (seq, at_ms, hlc, author, device, action, record_type, record_id, "
                    "version, detail, "
                    "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!insert)
        return insert.error();
    (*insert)
        ->bind(1, entry.seq)
        .bind(2, entry.atMs)
        .bind(3, qint64(entry.hlc.packed()))
        .bind(4, entry.author)
        .bind(5, entry.device)
        .bind(6, entry.action)
        .bind(7, entry.recordType)
        .bind(8, entry.recordId.isNull() ? QString() : entry.recordId.toString(QUuid::WithoutBraces))
        .bind(9, entry.version)
        .bind(10, entry.detail)
        .bind(11, entry.prevHash)
        .bind(12, entry.hash);
    if (Status s = (*insert)->exec(); !s)
        return s;

    Result<Statement *> head = m_db.cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    if (!head)
        return head.error();
    Result<QByteArray> sealedHead = headSeal(entry.seq, entry.hash);
    if (!sealedHead)
        return sealedHead.error();
    (*head)->bind(1, kHeadKey).bind(2, *sealedHead);
    return (*head)->exec();
}

Result<QList<AuditEntry>> AuditLog::entries(qint64 afterSeq, int limit)
{
    Result<Statement *> stmt = m_db.cached(
        "SELECT seq, at_ms, hlc, author, device, action, record_type, record_id, version, detail, "
        "prev_hash, hash FROM audit WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bind(1, afterSeq).bind(2, limit);
    QList<AuditEntry> out;
    while (true) {
        Result<bool> more = s.step();
        if (!more)
            return more.error();
        if (!*more)
            break;
        AuditEntry e;
        e.seq = s.int64(0);
        e.atMs = s.int64(1);
        e.hlc = HlcTimestamp::fromPacked(quint64(s.int64(2)));
        e.author = s.text(3);
        e.device = s.text(4);
        e.action = s.text(5);
        e.recordType = s.text(6);
        e.recordId = QUuid::fromString(s.text(7));
        e.version = int(s.int64(8));
        e.detail = s.text(9);
        e.prevHash = s.blob(10);
        e.hash = s.blob(11);
        out.append(e);
    }
    s.reset();
    return out;
}

Result<AuditVerification> AuditLog::verify()
{
    AuditVerification result;
    QByteArray prev = kGenesis;
    qint64 expectedSeq = 1;
    auto broken = [&](qint64 seq, const QString &why) {
        result.intact = false;
        result.firstBadSeq = seq;
        result.reason = why;
        return result;
    };
    while (true) {
        Result<QList<AuditEntry>> page = entries(expectedSeq - 1, 5000);
        if (!page)
            return page.error();
        if (page->isEmpty())
            break;
        for (const AuditEntry &e : std::as_const(*page)) {
            if (e.seq != expectedSeq)
                return broken(expectedSeq, QStringLiteral("entry %1 is missing").arg(expectedSeq));
            if (e.prevHash != prev)
                return broken(e.seq, QStringLiteral("entry %1 does not follow the previous one").arg(e.seq));
            Result<QByteArray> hash = chainHash(e);
            if (!hash)
                return hash.error();
            if (*hash != e.hash)
                return broken(e.seq, QStringLiteral("entry %1 was altered").arg(e.seq));
            prev = e.hash;
            ++expectedSeq;
            ++result.entries;
        }
    }

    Result<Statement *> head = m_db.cached("SELECT value FROM meta WHERE key = ?1");
    if (!head)
        return head.error();
    (*head)->bind(1, kHeadKey);
    Result<bool> found = (*head)->step();
    if (!found)
        return found.error();
    const QByteArray expectedHead = *found ? (*head)->blob(0) : QByteArray();
    (*head)->reset();
    Result<QByteArray> actualHead = headSeal(result.entries, prev);
    if (!actualHead)
        return actualHead.error();
    if (result.entries > 0 && expectedHead != *actualHead)
        return broken(result.entries, QStringLiteral("entries after %1 were removed").arg(result.entries));
    if (result.entries == 0 && !expectedHead.isEmpty())
        return broken(1, QStringLiteral("the log was emptied"));
    return result;
}

} // namespace chevet
