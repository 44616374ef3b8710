// OfflineSessionWindow: the PIN reopens a session only within the window after a full sign-in.

#include "storefixture.h"

#include "session/offlinesessionwindow.h"
#include "store/sessionrecords.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

class TestOfflineSessionWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<StoreFixture> m_f;
    std::unique_ptr<SessionRecords> m_records;

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }
    void init()
    {
        m_f = std::make_unique<StoreFixture>();
        CHEVET_VERIFY_OK(m_f->create());
        CHEVET_VERIFY_OK(m_f->store()->enrolNurse(QStringLiteral("nurse-b"), QByteArrayLiteral("739155")));
        m_f->close();
        Result<std::unique_ptr<SessionRecords>> r = SessionRecords::open(m_f->path(), m_f->deviceSecret());
        CHEVET_VERIFY_OK(r);
        m_records = std::move(r).value();
    }
    void cleanup()
    {
        m_records.reset();
        m_f.reset();
    }

    void theCreatorIsSignedInAtCreation()
    {
        OfflineSessionWindow w(*m_records, SessionPolicy{}, m_f->clock());
        QCOMPARE(*w.remainingMs(kTestAuthor), 12 * SessionPolicy::kHour);
        m_f->clock().advanceMs(12 * SessionPolicy::kHour - 1);
        QVERIFY(*w.allowsPinUnlock(kTestAuthor));
        m_f->clock().advanceMs(1);
        QVERIFY(!*w.allowsPinUnlock(kTestAuthor));
        CHEVET_VERIFY_OK(w.recordSignIn(kTestAuthor));
        QVERIFY(*w.allowsPinUnlock(kTestAuthor));
    }

    void anEnrolledNurseNeedsHerOwnSignIn()
    {
        OfflineSessionWindow w(*m_records, SessionPolicy{}, m_f->clock());
        QVERIFY(!*w.allowsPinUnlock(QStringLiteral("nurse-b")));
        CHEVET_VERIFY_OK(w.recordSignIn(QStringLiteral("nurse-b")));
        QVERIFY(*w.allowsPinUnlock(QStringLiteral("nurse-b")));
    }

    void thePolicyWindowIsUsed()
    {
        SessionPolicy shortWindow;
        shortWindow.offlineReopenWindowMs = SessionPolicy::kHour;
        OfflineSessionWindow w(*m_records, shortWindow, m_f->clock());
        m_f->clock().advanceMs(SessionPolicy::kHour);
        QVERIFY(!*w.allowsPinUnlock(kTestAuthor));
    }

    void aClockSetBeforeTheSignInNeedsASignIn()
    {
        OfflineSessionWindow w(*m_records, SessionPolicy{}, m_f->clock());
        m_f->clock().advanceMs(-SessionPolicy::kMinute);
        QVERIFY(!*w.allowsPinUnlock(kTestAuthor));
    }

    // Security review F12: setting the date back to within 12 h of the sign-in reopened PIN-only access.
    // Within one boot the boot clock, which nobody sets, says the window is over.
    void aDateSetBackWithinOneBootDoesNotReopenTheWindow()
    {
        OfflineSessionWindow w(*m_records, SessionPolicy{}, m_f->clock());
        const qint64 signedInAt = m_f->clock().nowMs();
        m_f->clock().advanceMs(13 * SessionPolicy::kHour);
        QVERIFY(!*w.allowsPinUnlock(kTestAuthor));
        m_f->clock().setNowMs(signedInAt + SessionPolicy::kHour);
        QVERIFY(!*w.allowsPinUnlock(kTestAuthor));
    }

    void theWindowCountsOnTheBootClockWhileTheDateStandsStill()
    {
        OfflineSessionWindow w(*m_records, SessionPolicy{}, m_f->clock());
        const qint64 signedInAt = m_f->clock().nowMs();
        m_f->clock().advanceMs(11 * SessionPolicy::kHour);
        m_f->clock().setNowMs(signedInAt + SessionPolicy::kMinute);
        QCOMPARE(*w.remainingMs(kTestAuthor), SessionPolicy::kHour);
    }

    void aRemovedRecordMeansSignInNotAFreshStart()
    {
        m_records.reset();
        Result<std::unique_ptr<Database>> db = Database::open(m_f->path(), Database::OpenMode::ExistingOnly);
        CHEVET_VERIFY_OK(db);
        CHEVET_VERIFY_OK(
            (*db)->exec(QStringLiteral("DELETE FROM meta WHERE key = 'session.%1'").arg(kTestAuthor)));
        db = Result<std::unique_ptr<Database>>(std::unique_ptr<Database>());
        Result<std::unique_ptr<SessionRecords>> r = SessionRecords::open(m_f->path(), m_f->deviceSecret());
        CHEVET_VERIFY_OK(r);
        OfflineSessionWindow w(**r, SessionPolicy{}, m_f->clock());
        QVERIFY(!*w.allowsPinUnlock(kTestAuthor));
    }
};

QTEST_GUILESS_MAIN(TestOfflineSessionWindow)
#include "tst_offlinesessionwindow.moc"
