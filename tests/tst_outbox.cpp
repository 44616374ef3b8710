#include "storefixture.h"

#include "crypto/sealer.h"
#include "store/migrations.h"
#include "store/outbox.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

OutboxEntry entry(int priority, const QUuid &recordId = QUuid::createUuid(), int version = 1)
{
    OutboxEntry e;
    e.recordId = recordId;
    e.recordType = QStringLiteral("observation");
    e.version = version;
    e.operation = version == 1 ? QStringLiteral("create") : QStringLiteral("update");
    e.priority = priority;
    e.createdHlc = HlcTimestamp{kTestStartMs, quint16(version)};
    return e;
}

QList<qint64> seqs(const QList<OutboxEntry> &entries)
{
    QList<qint64> out;
    for (const OutboxEntry &e : entries)
        out.append(e.seq);
    return out;
}

} // namespace

Q_DECLARE_METATYPE(chevet::OutboxState)

class TestOutbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;
    std::unique_ptr<Database> m_db;
    crypto::Sealer m_sealer{QByteArray(32, '\x11')};
    std::unique_ptr<Outbox> m_outbox;

    OutboxCounts counts()
    {
        const Result<OutboxCounts> c = m_outbox->counts();
        // pendingCount() is the pending figure alone: the two must always agree.
        const Result<qint64> pending = m_outbox->pendingCount();
        if (!pending || (c && *pending != c->pending))
            return OutboxCounts{-2, -2, -2};
        return c ? *c : OutboxCounts{-1, -1, -1};
    }

    QList<OutboxEntry> pending(int limit = 500)
    {
        const Result<QList<OutboxEntry>> p = m_outbox->pending(limit);
        return p ? *p : QList<OutboxEntry>();
    }

    // Enqueues entries with the given priorities; their seqs are 1, 2, 3... in this order.
    bool enqueueAll(const QList<int> &priorities)
    {
        for (int priority : priorities) {
            if (!m_outbox->enqueue(entry(priority)))
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        quietStoreInfoLogs();
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        Result<std::unique_ptr<Database>> db = Database::open(
            m_dir.filePath(QStringLiteral("outbox-%1.db").arg(++m_files)), Database::OpenMode::CreateNew);
        CHEVET_VERIFY_OK(db);
        m_db = std::move(db).value();
        CHEVET_VERIFY_OK(migrate(*m_db, schemaMigrations()));
        m_outbox = std::make_unique<Outbox>(*m_db, m_sealer);
    }

    void cleanup()
    {
        m_outbox.reset();
        m_db.reset();
    }

    void pendingIsInPriorityThenSeqOrder_data()
    {
        const int identity = int(OutboxPriority::Identity);
        const int critical = int(OutboxPriority::SafetyCritical);
        const int routine = int(OutboxPriority::Routine);
        QTest::addColumn<QList<int>>("priorities");
        QTest::addColumn<QList<qint64>>("order");
        QTest::newRow("empty") << QList<int>{} << QList<qint64>{};
        QTest::newRow("same priority keeps entry order")
            << QList<int>{routine, routine, routine} << QList<qint64>{1, 2, 3};
        QTest::newRow("critical before routine")
            << QList<int>{routine, critical, routine, critical} << QList<qint64>{2, 4, 1, 3};
        QTest::newRow("identities first")
            << QList<int>{routine, critical, identity, routine, identity} << QList<qint64>{3, 5, 2, 1, 4};
        QTest::newRow("already in order")
            << QList<int>{identity, critical, routine} << QList<qint64>{1, 2, 3};
    }

    void pendingIsInPriorityThenSeqOrder()
    {
        QFETCH(QList<int>, priorities);
        QFETCH(QList<qint64>, order);
        QVERIFY(enqueueAll(priorities));
        const QList<OutboxEntry> queued = pending();
        QCOMPARE(seqs(queued), order);
        for (const OutboxEntry &e : queued) {
            QCOMPARE(e.state, OutboxState::Pending);
            QCOMPARE(e.priority, priorities.at(e.seq - 1));
        }
        QCOMPARE(counts().pending, qint64(priorities.size()));
    }

    void pendingHonoursItsLimit()
    {
        QVERIFY(enqueueAll({2, 2, 1, 0, 2, 1}));
        QCOMPARE(seqs(pending(2)), (QList<qint64>{4, 3}));
        QCOMPARE(seqs(pending(0)), QList<qint64>{});
        QCOMPARE(pending().size(), 6);
    }

    void entriesKeepTheirFields()
    {
        const QUuid id = QUuid::createUuid();
        OutboxEntry e = entry(int(OutboxPriority::SafetyCritical), id, 3);
        e.recordType = QStringLiteral("administration");
        CHEVET_VERIFY_OK(m_outbox->enqueue(e));
        const QList<OutboxEntry> queued = pending();
        QCOMPARE(queued.size(), 1);
        const OutboxEntry &got = queued.first();
        QCOMPARE(got.seq, qint64(1));
        QCOMPARE(got.recordId, id);
        QCOMPARE(got.recordType, QStringLiteral("administration"));
        QCOMPARE(got.version, 3);
        QCOMPARE(got.operation, QStringLiteral("update"));
        QCOMPARE(got.priority, int(OutboxPriority::SafetyCritical));
        QCOMPARE(got.attempts, 0);
        QVERIFY(got.lastError.isEmpty());
        QCOMPARE(got.createdHlc, e.createdHlc);
    }

    void stateChangesMoveCounts()
    {
        QVERIFY(enqueueAll({2, 2, 1, 2, 0}));
        OutboxCounts c = counts();
        QCOMPARE(c.pending, qint64(5));
        QCOMPARE(c.delivered, qint64(0));
        QCOMPARE(c.quarantined, qint64(0));

        CHEVET_VERIFY_OK(
            m_outbox->recordFailedAttempt(3, QStringLiteral("503 Service Unavailable"), kTestStartMs));
        CHEVET_VERIFY_OK(m_outbox->recordFailedAttempt(3, QStringLiteral("timeout"), kTestStartMs + 1000));
        c = counts();
        QCOMPARE(c.pending, qint64(5)); // a failed attempt stays queued
        QList<OutboxEntry> queued = pending();
        QCOMPARE(queued.at(1).seq, qint64(3));
        QCOMPARE(queued.at(1).attempts, 2);
        QCOMPARE(queued.at(1).lastError, QStringLiteral("timeout"));

        CHEVET_VERIFY_OK(m_outbox->markDelivered(3, kTestStartMs + 2000));
        CHEVET_VERIFY_OK(m_outbox->markDelivered(5, kTestStartMs + 2000));
        c = counts();
        QCOMPARE(c.pending, qint64(3));
        QCOMPARE(c.delivered, qint64(2));
        QCOMPARE(c.quarantined, qint64(0));
        QCOMPARE(seqs(pending()), (QList<qint64>{1, 2, 4}));

        CHEVET_VERIFY_OK(
            m_outbox->quarantine(2, QStringLiteral("422: Observation.subject unknown"), kTestStartMs));
        c = counts();
        QCOMPARE(c.pending, qint64(2));
        QCOMPARE(c.delivered, qint64(2));
        QCOMPARE(c.quarantined, qint64(1));
        QCOMPARE(seqs(pending()), (QList<qint64>{1, 4}));

        // Unknown entries change nothing.
        CHEVET_VERIFY_OK(m_outbox->markDelivered(99, kTestStartMs));
        c = counts();
        QCOMPARE(c.pending + c.delivered + c.quarantined, qint64(5));
    }

    void forRecordListsEveryStateInOrder()
    {
        const QUuid id = QUuid::createUuid();
        const QUuid other = QUuid::createUuid();
        CHEVET_VERIFY_OK(m_outbox->enqueue(entry(2, id, 1)));
        CHEVET_VERIFY_OK(m_outbox->enqueue(entry(2, other, 1)));
        CHEVET_VERIFY_OK(m_outbox->enqueue(entry(1, id, 2)));
        CHEVET_VERIFY_OK(m_outbox->enqueue(entry(2, id, 3)));
        CHEVET_VERIFY_OK(m_outbox->recordFailedAttempt(1, QStringLiteral("timeout"), kTestStartMs));
        CHEVET_VERIFY_OK(m_outbox->markDelivered(1, kTestStartMs));
        CHEVET_VERIFY_OK(m_outbox->quarantine(3, QStringLiteral("412"), kTestStartMs));

        const Result<QList<OutboxEntry>> entries = m_outbox->forRecord(id);
        CHEVET_VERIFY_OK(entries);
        QCOMPARE(seqs(*entries), (QList<qint64>{1, 3, 4}));
        QCOMPARE(entries->at(0).state, OutboxState::Delivered);
        QCOMPARE(entries->at(0).attempts, 1);
        QVERIFY(entries->at(0).lastError.isEmpty()); // delivered: the old error is cleared
        QCOMPARE(entries->at(1).state, OutboxState::Quarantined);
        QCOMPARE(entries->at(1).lastError, QStringLiteral("412"));
        QCOMPARE(entries->at(1).version, 2);
        QCOMPARE(entries->at(2).state, OutboxState::Pending);
        QCOMPARE(entries->at(2).version, 3);
        for (const OutboxEntry &e : *entries)
            QCOMPARE(e.recordId, id);

        const Result<QList<OutboxEntry>> none = m_outbox->forRecord(QUuid::createUuid());
        CHEVET_VERIFY_OK(none);
        QVERIFY(none->isEmpty());
    }

    void stateKeys_data()
    {
        QTest::addColumn<OutboxState>("state");
        QTest::addColumn<QString>("key");
        QTest::newRow("pending") << OutboxState::Pending << QStringLiteral("pending");
        QTest::newRow("delivered") << OutboxState::Delivered << QStringLiteral("delivered");
        QTest::newRow("quarantined") << OutboxState::Quarantined << QStringLiteral("quarantined");
    }

    void stateKeys()
    {
        QFETCH(OutboxState, state);
        QFETCH(QString, key);
        QCOMPARE(outboxStateKey(state), key);
    }

    void reasonsAreSealedAtRest()
    {
        // A DPI may echo a patient's name in its diagnostics: it must not reach the disk in clear.
        OutboxEntry entry;
        entry.recordId = QUuid::createUuid();
        entry.recordType = QStringLiteral("observation");
        entry.version = 1;
        entry.operation = QStringLiteral("create");
        CHEVET_VERIFY_OK(m_outbox->enqueue(entry));
        const QString reason = QStringLiteral("refused: patient Zyxwvutsrq unknown");
        Result<QList<OutboxEntry>> pending = m_outbox->pending();
        CHEVET_VERIFY_OK(pending);
        CHEVET_VERIFY_OK(m_outbox->quarantine(pending->first().seq, reason, 1));
        Result<QList<OutboxEntry>> stored = m_outbox->forRecord(entry.recordId);
        CHEVET_VERIFY_OK(stored);
        QCOMPARE(stored->first().lastError, reason);
        const QString path = m_db->path();
        m_outbox.reset();
        m_db.reset();
        const QByteArray raw = readFile(path) + readFile(path + QStringLiteral("-wal"));
        QVERIFY(!raw.isEmpty());
        QVERIFY(!raw.contains("Zyxwvutsrq"));
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
