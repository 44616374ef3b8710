#pragma once

#include "core/hybridlogicalclock.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace chevet {

class Clock;
class HeadMark;

class Database;
namespace crypto {
class HmacSha256;
}

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

// An entry for `action` taken now on this device by `author`: time, HLC, author and device filled in;
// the caller adds what it names (record, version, detail). StoreContext::auditEntry() for an open store.
AuditEntry auditEntryNow(const QString &action, const Clock &clock, HybridLogicalClock &hlc,
                         const QString &author, const QString &device);

struct AuditVerification
{
    bool intact = true;
    qint64 entries = 0;
    qint64 firstBadSeq = 0; // 0 when intact
    QString reason;
};

// Append-only log, each entry chained to the previous one by a keyed hash (HMAC-SHA256 with a key
// derived from the data key). The head (last seq and hash, and the newest HLC of the log) is kept in
// `meta` under a MAC of its own, and new entries chain from the head, not from the last row found:
// editing, removing, reordering or truncating entries breaks verification for good, later writes do not
// mend it, and nobody without the PIN can re-chain it.
class AuditLog
{
public:
    AuditLog(Database &db, const QByteArray &chainKey);
    ~AuditLog();
    AuditLog(const AuditLog &) = delete;
    AuditLog &operator=(const AuditLog &) = delete;

    // Appends the entries in order and moves the head once. Call inside the transaction that makes the
    // change being audited; outside one, the entries get a transaction of their own.
    Status append(QList<AuditEntry> entries);
    Status append(AuditEntry entry);
    Result<AuditVerification> verify();
    Result<QList<AuditEntry>> entries(qint64 afterSeq = 0, int limit = 1000);
    // The newest HLC in the log, from the head rather than a scan: a reopened store resumes after it.
    Result<HlcTimestamp> newestHlc();

    // The chain's keys when the store's data key was replaced: each key MACs the entries from its
    // first sequence number on, and the head whose sequence falls in its range. The constructor's key is
    // the one epoch until this is called; `epochs` is ordered and starts at 1.
    struct KeyEpoch
    {
        qint64 firstSeq = 1;
        QByteArray key;
    };
    void useKeyEpochs(const QList<KeyEpoch> &epochs);
    // Where the next entry will go: the first sequence of an epoch started now.
    Result<qint64> nextSeq();
    // Asked before a head that does not verify is taken for a break: an error (the store's key was
    // replaced by another connection) refuses the write instead of marking the log broken.
    void checkKeysWith(std::function<Status()> keysCurrent) { m_keysCurrent = std::move(keysCurrent); }

    // Keeps a copy of the head in `mark` after every commit that moved it (HeadMark).
    void keepHeadMark(std::unique_ptr<HeadMark> mark);
    // Called by the connection after each durable commit.
    void committed();
    // The database's head against the mark kept outside it.
    enum class MarkState {
        Consistent, // the same head
        Behind,     // the mark is older (a crash before it was written, another connection): fine
        Ahead,      // the database lost committed entries: a journal or file rolled back
        Forked,     // same sequence, another hash: the database holds another history
        Missing,    // no mark file
        Unreadable, // not a mark of this store's key
    };
    Result<MarkState> compareWithMark();
    // Writes the mark from the stored head now.
    Status refreshMark();

private:
    struct Head
    {
        qint64 seq = 0;
        QByteArray hash;
        quint64 newestHlc = 0;
    };
    // The stored head when present and authentic; nullopt when missing, malformed or forged.
    Result<std::optional<Head>> readHead(QByteArray *raw = nullptr);
    // What a head missing or forged while the log has entries is replaced with (see append()).
    Result<Head> headAfterBreak();
    Status writeHead(const Head &head);
    // Chains `entry` after `head`, stores it, and moves `head` onto it.
    Status insertEntry(AuditEntry &entry, Head &head);
    Result<QByteArray> encodeHead(const Head &head);
    Result<QByteArray> chainHash(const AuditEntry &entry);
    Result<qint64> scalar(const char *sql);

    Database &m_db;
    // The MAC of the epoch that holds `seq`.
    crypto::HmacSha256 &macFor(qint64 seq);

    struct Epoch
    {
        qint64 firstSeq = 1;
        std::unique_ptr<crypto::HmacSha256> mac;
    };
    std::vector<Epoch> m_epochs;
    std::function<Status()> m_keysCurrent;
    QByteArray m_trustedHead; // a head value known to carry a valid MAC
    std::unique_ptr<HeadMark> m_mark;
    bool m_headMoved = false; // since the last commit
};

} // namespace chevet
