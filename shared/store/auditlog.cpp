#include "auditlog.h"

#include "core/clock.h"

#include "headmark.h"

#include "core/logging.h"
#include "crypto/digest.h"
#include "database.h"

#include <QCborStreamWriter>
#include <QtEndian>

#include <algorithm>

namespace chevet {

AuditEntry auditEntryNow(const QString &action, const Clock &clock, HybridLogicalClock &hlc,
                         const QString &author, const QString &device)
{
    AuditEntry entry;
    entry.atMs = clock.nowMs();
    entry.hlc = hlc.now();
    entry.author = author;
    entry.device = device;
    entry.action = action;
    return entry;
}

namespace {

const QByteArray kGenesis(32, '\0');
// The link of the first entry written after the head was found missing or forged: no chain hash, so the
// break shows at that entry for as long as the log exists.
const QByteArray kBrokenLink(32, '\xff');
const QString kHeadKey = QStringLiteral("audit_head");

// meta.audit_head: seq (8 bytes, big-endian) | newest HLC (8) | last hash (32) | MAC of the first 48 (32).
constexpr qsizetype kHeadBodySize = 8 + 8 + 32;
constexpr qsizetype kHeadSize = kHeadBodySize + 32;
const QByteArray kHeadLabel = QByteArrayLiteral("audit-head-v1|");

// The entry as a CBOR array, written directly: the same bytes as QCborValue(QCborArray{...}).toCbor()
// (definite lengths, shortest integers, text strings), without building the containers.
QByteArray canonicalEntry(const AuditEntry &e)
{
    QByteArray bytes;
    bytes.reserve(256);
    QCborStreamWriter writer(&bytes);
    writer.startArray(10);
    writer.append(e.seq);
    writer.append(e.atMs);
    writer.append(qint64(e.hlc.packed()));
    writer.append(e.author);
    writer.append(e.device);
    writer.append(e.action);
    writer.append(e.recordType);
    writer.append(e.recordId.isNull() ? QString() : e.recordId.toString(QUuid::WithoutBraces));
    writer.append(qint64(e.version));
    writer.append(e.detail);
    writer.endArray();
    return bytes;
}

} // namespace

AuditLog::AuditLog(Database &db, const QByteArray &chainKey)
    : m_db(db)
{
    m_epochs.push_back(Epoch{1, std::make_unique<crypto::HmacSha256>(chainKey)});
}

AuditLog::~AuditLog() = default;

Result<QByteArray> AuditLog::chainHash(const AuditEntry &e)
{
    return macFor(e.seq).mac({e.prevHash, canonicalEntry(e)});
}

crypto::HmacSha256 &AuditLog::macFor(qint64 seq)
{
    for (auto epoch = m_epochs.rbegin(); epoch != m_epochs.rend(); ++epoch) {
        if (epoch->firstSeq <= seq)
            return *epoch->mac;
    }
    return *m_epochs.front().mac;
}

void AuditLog::useKeyEpochs(const QList<KeyEpoch> &epochs)
{
    if (epochs.isEmpty())
        return;
    m_epochs.clear();
    for (const KeyEpoch &epoch : epochs)
        m_epochs.push_back(Epoch{epoch.firstSeq, std::make_unique<crypto::HmacSha256>(epoch.key)});
    m_trustedHead.clear();
}

Result<qint64> AuditLog::nextSeq()
{
    Result<std::optional<Head>> head = readHead();
    if (!head)
        return head.error();
    if (*head)
        return (*head)->seq + 1;
    Result<qint64> last = scalar("SELECT coalesce(max(seq), 0) FROM audit");
    if (!last)
        return last.error();
    return *last + 1;
}

// The head is MACed too: without it, dropping the newest entries and rewriting the head to the
// remaining last entry would go unnoticed.
Result<QByteArray> AuditLog::encodeHead(const Head &head)
{
    QByteArray bytes(kHeadBodySize, Qt::Uninitialized);
    qToBigEndian(quint64(head.seq), bytes.data());
    qToBigEndian(head.newestHlc, bytes.data() + 8);
    if (head.hash.size() != 32)
        return makeError(StoreError::AuditBroken, QStringLiteral("the audit chain hash has the wrong size"));
    std::copy_n(head.hash.constData(), 32, bytes.data() + 16);
    Result<QByteArray> mac = macFor(head.seq).mac({kHeadLabel, bytes});
    if (!mac)
        return mac.error();
    bytes.append(*mac);
    return bytes;
}

Result<std::optional<AuditLog::Head>> AuditLog::readHead(QByteArray *raw)
{
    Result<Statement *> stmt = m_db.cached("SELECT value FROM meta WHERE key = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, kHeadKey);
    Result<bool> found = (*stmt)->step();
    if (!found)
        return found.error();
    const QByteArray value = *found ? (*stmt)->blob(0) : QByteArray();
    (*stmt)->reset();
    if (raw)
        *raw = value;
    if (value.size() != kHeadSize)
        return std::optional<Head>();
    Head head;
    head.seq = qint64(qFromBigEndian<quint64>(value.constData()));
    head.newestHlc = qFromBigEndian<quint64>(value.constData() + 8);
    head.hash = value.mid(16, 32);
    // The head this object last wrote or checked needs no second MAC: the bytes are the same.
    if (value != m_trustedHead) {
        Result<QByteArray> expected = encodeHead(head);
        if (!expected)
            return expected.error();
        if (*expected != value)
            return std::optional<Head>();
        m_trustedHead = value;
    }
    return std::optional<Head>(head);
}

Result<qint64> AuditLog::scalar(const char *sql)
{
    Result<Statement *> stmt = m_db.cached(sql);
    if (!stmt)
        return stmt.error();
    Result<bool> row = (*stmt)->step();
    if (!row)
        return row.error();
    const qint64 value = *row ? (*stmt)->int64(0) : 0;
    (*stmt)->reset();
    return value;
}

Result<AuditLog::Head> AuditLog::headAfterBreak()
{
    // An empty log without a head is a new store: the chain starts at the genesis link.
    Result<qint64> lastSeq = scalar("SELECT coalesce(max(seq), 0) FROM audit");
    if (!lastSeq)
        return lastSeq.error();
    if (*lastSeq == 0)
        return Head{0, kGenesis, 0};
    // Entries without a head that matches them: someone removed, rewrote or replaced it, perhaps to hide
    // a truncation. Refusing to write would stop the ward, so writing goes on after the last entry,
    // linked to a mark that no chain hash equals: verify() reports the break from there on. One scan,
    // this one time.
    qCWarning(lcStore) << "audit head missing, forged or stale; the log is marked broken after entry"
                       << *lastSeq;
    Result<qint64> newest = scalar("SELECT coalesce(max(hlc), 0) FROM audit");
    if (!newest)
        return newest.error();
    return Head{*lastSeq, kBrokenLink, quint64(*newest)};
}

Status AuditLog::writeHead(const Head &head)
{
    Result<QByteArray> value = encodeHead(head);
    if (!value)
        return value.error();
    // An upsert rewrites the head row in place: one page of `meta` per transaction.
    Result<Statement *> stmt = m_db.cached("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) "
                                           "DO UPDATE SET value = excluded.value");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, kHeadKey).bind(2, *value);
    if (Status s = (*stmt)->exec(); !s)
        return s;
    m_trustedHead = *value;
    m_headMoved = true;
    return {};
}

void AuditLog::keepHeadMark(std::unique_ptr<HeadMark> mark)
{
    m_mark = std::move(mark);
}

void AuditLog::committed()
{
    if (!m_headMoved || !m_mark)
        return;
    m_headMoved = false;
    // The head is read back, not remembered from writeHead: a savepoint rolled back inside the committed
    // transaction may have undone that write, and a mark ahead of the database reads as damage.
    // The mark failing to be written leaves it behind, which the check at open accepts: the write that
    // was just committed must not be reported as failed for it.
    if (Status s = refreshMark(); !s)
        qCWarning(lcStore) << "head mark not written:" << s.error().code;
}

Status AuditLog::refreshMark()
{
    if (!m_mark)
        return {};
    QByteArray raw;
    Result<std::optional<Head>> head = readHead(&raw);
    if (!head)
        return head.error();
    if (!*head)
        return {}; // a missing or forged head is the chain's to report (verify), not the mark's to copy
    return m_mark->write(raw);
}

Result<AuditLog::MarkState> AuditLog::compareWithMark()
{
    if (!m_mark)
        return MarkState::Consistent;
    Result<std::optional<QByteArray>> mark = m_mark->read();
    if (!mark)
        return mark.error();
    if (!*mark)
        return MarkState::Missing;
    const QByteArray &value = **mark;
    if (value.size() != kHeadSize)
        return MarkState::Unreadable;
    Head marked;
    marked.seq = qint64(qFromBigEndian<quint64>(value.constData()));
    marked.newestHlc = qFromBigEndian<quint64>(value.constData() + 8);
    marked.hash = value.mid(16, 32);
    Result<QByteArray> expected = encodeHead(marked);
    if (!expected)
        return expected.error();
    if (*expected != value)
        return MarkState::Unreadable;
    QByteArray raw;
    Result<std::optional<Head>> stored = readHead(&raw);
    if (!stored)
        return stored.error();
    qint64 storedSeq = 0;
    if (*stored) {
        storedSeq = (*stored)->seq;
    } else {
        Result<qint64> last = scalar("SELECT coalesce(max(seq), 0) FROM audit");
        if (!last)
            return last.error();
        storedSeq = *last;
    }
    if (marked.seq > storedSeq)
        return MarkState::Ahead;
    if (marked.seq < storedSeq)
        return MarkState::Behind;
    return *stored && raw != value ? MarkState::Forked : MarkState::Consistent;
}

Status AuditLog::append(AuditEntry entry)
{
    return append(QList<AuditEntry>{std::move(entry)});
}

Status AuditLog::append(QList<AuditEntry> entries)
{
    if (entries.isEmpty())
        return {};
    // The head is read and moved under the write lock, so two connections never chain from the same one.
    std::optional<Transaction> own;
    if (!m_db.inTransaction()) {
        own.emplace(m_db);
        if (Status s = own->begin(); !s)
            return s;
    }
    Result<std::optional<Head>> stored = readHead();
    if (!stored)
        return stored.error();
    Head head;
    if (*stored) {
        head = **stored;
    } else {
        if (m_keysCurrent) {
            if (Status s = m_keysCurrent(); !s)
                return s;
        }
        Result<Head> restarted = headAfterBreak();
        if (!restarted)
            return restarted.error();
        head = *restarted;
    }

    for (qsizetype i = 0; i < entries.size(); ++i) {
        Status inserted = insertEntry(entries[i], head);
        if (!inserted && i == 0 && inserted.error().message.contains(QLatin1String("UNIQUE"))) {
            // An authentic head older than the log: an earlier head put back, perhaps to hide what came
            // after it. As for a missing head, writing goes on after the last entry, marked as a break.
            Result<Head> after = headAfterBreak();
            if (!after)
                return after.error();
            after->newestHlc = std::max(after->newestHlc, head.newestHlc);
            head = *after;
            inserted = insertEntry(entries[i], head);
        }
        if (!inserted)
            return inserted;
    }
    if (Status s = writeHead(head); !s)
        return s;
    return own ? own->commit() : Status();
}

Status AuditLog::insertEntry(AuditEntry &entry, Head &head)
{
    Result<Statement *> insert = m_db.cached(
        "INSERT INTO audit (seq, at_ms, hlc, author, device, action, record_type, record_id, "
        "version, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!insert)
        return insert.error();
    entry.seq = head.seq + 1;
    entry.prevHash = head.hash;
    Result<QByteArray> hash = chainHash(entry);
    if (!hash)
        return hash.error();
    entry.hash = *hash;
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
    head.seq = entry.seq;
    head.hash = entry.hash;
    head.newestHlc = std::max(head.newestHlc, entry.hlc.packed());
    return {};
}

Result<HlcTimestamp> AuditLog::newestHlc()
{
    Result<std::optional<Head>> head = readHead();
    if (!head)
        return head.error();
    if (*head)
        return HlcTimestamp::fromPacked((*head)->newestHlc);
    // No trustworthy head (a damaged store): the slow way, still correct.
    Result<qint64> newest = scalar("SELECT coalesce(max(hlc), 0) FROM audit");
    if (!newest)
        return newest.error();
    return HlcTimestamp::fromPacked(quint64(*newest));
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
    return s.collect<AuditEntry>([](const Statement &row) -> Result<AuditEntry> {
        // Types first (reading converts them): an action rewritten as a BLOB hashes the same but no SQL
        // filter finds it (action = 'store.create'); such an entry is reported as altered (its hash is
        // left out, so verify() cannot match it).
        const bool typed = row.isIntegerOrNull(0) && row.isIntegerOrNull(1) && row.isIntegerOrNull(2) &&
                           row.isTextOrNull(3) && row.isTextOrNull(4) && row.isTextOrNull(5) &&
                           row.isTextOrNull(6) && row.isTextOrNull(7) && row.isIntegerOrNull(8) &&
                           row.isTextOrNull(9);
        AuditEntry e;
        e.seq = row.int64(0);
        e.atMs = row.int64(1);
        e.hlc = HlcTimestamp::fromPacked(quint64(row.int64(2)));
        e.author = row.text(3);
        e.device = row.text(4);
        e.action = row.text(5);
        e.recordType = row.text(6);
        e.recordId = QUuid::fromString(row.text(7));
        e.version = int(row.int64(8));
        e.detail = row.text(9);
        e.prevHash = row.blob(10);
        e.hash = typed ? row.blob(11) : QByteArray();
        return e;
    });
}

Result<AuditVerification> AuditLog::verify()
{
    AuditVerification result;
    QByteArray prev = kGenesis;
    quint64 newestHlc = 0;
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
            newestHlc = std::max(newestHlc, e.hlc.packed());
            ++expectedSeq;
            ++result.entries;
        }
    }

    QByteArray storedHead;
    Result<std::optional<Head>> head = readHead(&storedHead);
    if (!head)
        return head.error();
    if (result.entries == 0) {
        if (!storedHead.isEmpty())
            return broken(1, QStringLiteral("the log was emptied"));
        return result;
    }
    Result<QByteArray> expectedHead = encodeHead(Head{result.entries, prev, newestHlc});
    if (!expectedHead)
        return expectedHead.error();
    if (storedHead == *expectedHead)
        return result;
    if (*head && (*head)->seq < result.entries)
        return broken((*head)->seq + 1,
                      QStringLiteral("entries after %1 are not covered by the log's head").arg((*head)->seq));
    // The first bad entry is the first one missing, as for a gap or an emptied log.
    if (*head && (*head)->seq > result.entries)
        return broken(result.entries + 1,
                      QStringLiteral("entries after %1 were removed").arg(result.entries));
    return broken(result.entries + 1, QStringLiteral("the head of the log is missing or altered"));
}

} // namespace chevet
