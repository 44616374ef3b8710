// SessionPolicy: the waits between wrong PINs grow after the free attempts, then lockout.

#include "session/enrolment.h"
#include "session/sessionpolicy.h"

#include <QTest>

using namespace chevet;

class TestSessionPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        const SessionPolicy p;
        QCOMPARE(p.offlineReopenWindowMs, 12 * SessionPolicy::kHour);
        QCOMPARE(p.inactivityLockMs, 2 * SessionPolicy::kMinute);
        QCOMPARE(p.offlineDataMaxAgeMs, 30 * SessionPolicy::kDay);
        QCOMPARE(p.lockoutAfterFailures, 8);
    }

    void delayAfterFailures_data()
    {
        QTest::addColumn<int>("failures");
        QTest::addColumn<qint64>("delayMs");
        QTest::addColumn<int>("left");
        QTest::newRow("none") << 0 << qint64(0) << 8;
        QTest::newRow("1, free") << 1 << qint64(0) << 7;
        QTest::newRow("2, free") << 2 << qint64(0) << 6;
        QTest::newRow("3: 30 s") << 3 << 30 * SessionPolicy::kSecond << 5;
        QTest::newRow("4: 1 min") << 4 << SessionPolicy::kMinute << 4;
        QTest::newRow("5: 5 min") << 5 << 5 * SessionPolicy::kMinute << 3;
        QTest::newRow("6: 15 min") << 6 << 15 * SessionPolicy::kMinute << 2;
        QTest::newRow("7: 30 min") << 7 << 30 * SessionPolicy::kMinute << 1;
        QTest::newRow("9: the last delay repeats") << 9 << 30 * SessionPolicy::kMinute << 0;
    }

    void delayAfterFailures()
    {
        QFETCH(int, failures);
        QFETCH(qint64, delayMs);
        QFETCH(int, left);
        const SessionPolicy p;
        QCOMPARE(p.delayAfterFailures(failures), delayMs);
        QCOMPARE(p.attemptsLeft(failures), left);
    }

    void noDelaysConfiguredMeansNoWait()
    {
        SessionPolicy p;
        p.attemptDelaysMs.clear();
        QCOMPARE(p.delayAfterFailures(6), qint64(0));
    }

    // Security review F3: enrolling a colleague starts her offline window only in a development build
    // that has no identity provider to sign in with (the demo ward).
    void enrolmentIsNotASignInOnTheWards()
    {
        using chevet::BuildMode;
        QVERIFY(!chevet::enrolmentCountsAsSignIn(BuildMode::Production, true));
        QVERIFY(!chevet::enrolmentCountsAsSignIn(BuildMode::Production, false));
        QVERIFY(!chevet::enrolmentCountsAsSignIn(BuildMode::Development, true));
        QVERIFY(chevet::enrolmentCountsAsSignIn(BuildMode::Development, false));
    }
};

QTEST_GUILESS_MAIN(TestSessionPolicy)
#include "tst_sessionpolicy.moc"
