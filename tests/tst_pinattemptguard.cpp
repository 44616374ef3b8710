// PinAttemptGuard: the wrong-PIN counter per nurse, persisted in the store file under a MAC, read
// before anything is unlocked; tampering is detected and fails closed.

#include "storefixture.h"

#include "session/pinattemptguard.h"
#include "store/sessionrecords.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {
const QString kNurseB = QStringLiteral("nurse-b");

Status setMeta(const QString &path, const QString &key, const QByteArray &value)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    Result<Statement> stmt =
        (*db)->prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, key).bind(2, value);
    return stmt->exec();
}

QByteArray metaValue(const QString &path, const QString &key)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return {};
    Result<Statement> stmt = (*db)->prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?1"));
    if (!stmt)
        return {};
    stmt->bind(1, key);
    const Result<bool> row = stmt->step();
    return row && *row ? stmt->blob(0) : QByteArray();
}
} // namespace

class TestPinAttemptGuard : public QObject
{
    Q_OBJECT

    std::unique_ptr<StoreFixture> m_f;
    std::unique_ptr<SessionRecords> m_records;

    std::unique_ptr<PinAttemptGuard> guard()
    {
        return std::make_unique<PinAttemptGuard>(*m_records, SessionPolicy{}, m_f->clock());
    }
    void reopenRecords()
    {
        m_records.reset();
        Result<std::unique_ptr<SessionRecords>> r = SessionRecords::open(m_f->path(), m_f->deviceSecret());
        QVERIFY(r);
        m_records = std::move(r).value();
    }

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }
    void init()
    {
        m_f = std::make_unique<StoreFixture>();
        CHEVET_VERIFY_OK(m_f->create());
        CHEVET_VERIFY_OK(m_f->store()->enrolNurse(kNurseB, QByteArrayLiteral("739155")));
        m_f->close();
        reopenRecords();
    }
    void cleanup()
    {
        m_records.reset();
        m_f.reset();
    }

    void threeFreeAttemptsThenGrowingWaits()
    {
        auto g = guard();
        for (int i = 1; i <= 2; ++i) {
            const Result<PinAttemptStatus> s = g->beginAttempt(kTestAuthor);
            CHEVET_VERIFY_OK(s);
            QCOMPARE(s->waitMs, qint64(0));
            QCOMPARE(s->attemptsLeft, 8 - i);
        }
        Result<PinAttemptStatus> third = g->beginAttempt(kTestAuthor);
        QCOMPARE(third->waitMs, 30 * SessionPolicy::kSecond);
        m_f->clock().advanceMs(10'000);
        QCOMPARE(*g->delayBeforeNextAttempt(kTestAuthor), 20 * SessionPolicy::kSecond);
        m_f->clock().advanceMs(20'000);
        QCOMPARE(*g->delayBeforeNextAttempt(kTestAuthor), qint64(0));
        const Result<PinAttemptStatus> fourth = g->beginAttempt(kTestAuthor);
        QCOMPARE(fourth->waitMs, SessionPolicy::kMinute);
        // Per nurse: her colleague is not slowed down.
        QCOMPARE(*g->delayBeforeNextAttempt(kNurseB), qint64(0));
        QCOMPARE(g->status(kNurseB)->failures, 0);
    }

    void theCounterSurvivesARestart()
    {
        CHEVET_VERIFY_OK(guard()->beginAttempt(kTestAuthor));
        CHEVET_VERIFY_OK(guard()->beginAttempt(kTestAuthor));
        CHEVET_VERIFY_OK(guard()->beginAttempt(kTestAuthor));
        reopenRecords();
        const Result<PinAttemptStatus> s = guard()->status(kTestAuthor);
        CHEVET_VERIFY_OK(s);
        QCOMPARE(s->failures, 3);
        QCOMPARE(s->waitMs, 30 * SessionPolicy::kSecond);
    }

    void lockoutAfterEightAndOnlyASignInClearsIt()
    {
        auto g = guard();
        for (int i = 0; i < 8; ++i) {
            m_f->clock().advanceMs(SessionPolicy::kHour);
            CHEVET_VERIFY_OK(g->beginAttempt(kTestAuthor));
        }
        Result<PinAttemptStatus> s = g->status(kTestAuthor);
        QVERIFY(s->lockedOut);
        QCOMPARE(s->attemptsLeft, 0);
        m_f->clock().advanceMs(30 * SessionPolicy::kDay); // time alone does not help
        QVERIFY(g->status(kTestAuthor)->lockedOut);
        CHEVET_VERIFY_OK(g->clearLockout(kTestAuthor));
        s = g->status(kTestAuthor);
        QVERIFY(!s->lockedOut);
        QCOMPARE(s->failures, 0);
    }

    void successResetsTheCount()
    {
        auto g = guard();
        CHEVET_VERIFY_OK(g->beginAttempt(kTestAuthor));
        CHEVET_VERIFY_OK(g->beginAttempt(kTestAuthor));
        CHEVET_VERIFY_OK(g->recordSuccess(kTestAuthor));
        QCOMPARE(g->status(kTestAuthor)->failures, 0);
        CHEVET_VERIFY_OK(g->beginAttempt(kTestAuthor));
        CHEVET_VERIFY_OK(g->undoAttempt(kTestAuthor));
        QCOMPARE(g->status(kTestAuthor)->failures, 0);
    }

    void aClockSetBackDoesNotShortenTheWait()
    {
        auto g = guard();
        for (int i = 0; i < 3; ++i)
            CHEVET_VERIFY_OK(g->beginAttempt(kTestAuthor));
        m_f->clock().advanceMs(-SessionPolicy::kHour);
        QCOMPARE(*g->delayBeforeNextAttempt(kTestAuthor), 30 * SessionPolicy::kSecond);
    }

    // Security review F2: waits followed the date, and moving it forward in the settings skipped them.
    // They follow the boot clock now.
    void aDateMovedForwardDoesNotEndTheWait()
    {
        auto g = guard();
        for (int i = 0; i < 3; ++i)
            QVERIFY(g->beginAttempt(kTestAuthor)->counted);
        m_f->clock().setNowMs(m_f->clock().nowMs() + SessionPolicy::kDay);
        QCOMPARE(*g->delayBeforeNextAttempt(kTestAuthor), 30 * SessionPolicy::kSecond);
        QVERIFY(!g->beginAttempt(kTestAuthor)->counted);
        m_f->clock().advanceMs(30 * SessionPolicy::kSecond);
        QCOMPARE(*g->delayBeforeNextAttempt(kTestAuthor), qint64(0));
    }

    // After a restart the boot clock starts again: the time since the restart has surely passed, and
    // no more than that is counted, whatever the date says.
    void aRestartCountsOnlyTheTimeSinceIt()
    {
        auto g = guard();
        for (int i = 0; i < 3; ++i)
            QVERIFY(g->beginAttempt(kTestAuthor)->counted);
        m_f->clock().reboot();
        m_f->clock().setNowMs(m_f->clock().nowMs() + SessionPolicy::kDay);
        QCOMPARE(*g->delayBeforeNextAttempt(kTestAuthor), 30 * SessionPolicy::kSecond);
        m_f->clock().advanceMs(10 * SessionPolicy::kSecond);
        QCOMPARE(*g->delayBeforeNextAttempt(kTestAuthor), 20 * SessionPolicy::kSecond);
    }

    void editingTheCounterInTheFileIsDetected_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("counter bytes changed") << QStringLiteral("flip");
        QTest::newRow("colleague's clean record copied over") << QStringLiteral("copy");
        QTest::newRow("garbage") << QStringLiteral("garbage");
    }

    void editingTheCounterInTheFileIsDetected()
    {
        QFETCH(QString, how);
        auto g = guard();
        for (int i = 0; i < 5; ++i) {
            m_f->clock().advanceMs(SessionPolicy::kHour);
            QVERIFY(g->beginAttempt(kTestAuthor)->counted);
        }
        CHEVET_VERIFY_OK(g->beginAttempt(kNurseB));
        CHEVET_VERIFY_OK(g->recordSuccess(kNurseB));
        m_records.reset();
        const QString key = QStringLiteral("session.") + kTestAuthor;
        QByteArray value = metaValue(m_f->path(), key);
        QVERIFY(!value.isEmpty());
        if (how == QLatin1String("flip")) {
            // The failure count is the first integer of the CBOR body: 5 -> 0.
            const qsizetype at = value.indexOf(char(0x05));
            QVERIFY(at > 0);
            value[at] = char(0x00);
        } else if (how == QLatin1String("copy")) {
            value = metaValue(m_f->path(), QStringLiteral("session.") + kNurseB);
        } else {
            value = QByteArrayLiteral("\x84\x00\x00\xf4\x00");
        }
        CHEVET_VERIFY_OK(setMeta(m_f->path(), key, value));
        reopenRecords();
        const Result<PinAttemptStatus> s = guard()->status(kTestAuthor);
        CHEVET_VERIFY_OK(s);
        QVERIFY(s->tampered);
        QVERIFY(s->lockedOut);
        // A full sign-in rewrites it.
        CHEVET_VERIFY_OK(guard()->clearLockout(kTestAuthor));
        QVERIFY(!guard()->status(kTestAuthor)->lockedOut);
    }

    void anotherDeviceSecretCannotForgeIt()
    {
        CHEVET_VERIFY_OK(guard()->beginAttempt(kTestAuthor));
        m_records.reset();
        QByteArray other = kTestDeviceSecret;
        other[3] = char(other.at(3) ^ 0x40);
        Result<std::unique_ptr<SessionRecords>> foreign = SessionRecords::open(m_f->path(), other);
        CHEVET_VERIFY_OK(foreign);
        CHEVET_VERIFY_ERROR((*foreign)->read(kTestAuthor), StoreError::SessionTampered);
    }
};

QTEST_GUILESS_MAIN(TestPinAttemptGuard)
#include "tst_pinattemptguard.moc"
