// InactivityLock: pure logic the app drives from user input and a timer.

#include "session/inactivitylock.h"

#include <QTest>

using namespace chevet;

namespace {
constexpr qint64 kTimeout = 120'000;
constexpr qint64 kStart = 1'000'000;
} // namespace

class TestInactivityLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void locksAfterTheTimeoutOnly()
    {
        InactivityLock lock(kTimeout, kStart);
        QVERIFY(!lock.shouldLock(kStart));
        QVERIFY(!lock.shouldLock(kStart + kTimeout - 1));
        QCOMPARE(lock.remainingMs(kStart + kTimeout - 1), qint64(1));
        QVERIFY(lock.shouldLock(kStart + kTimeout));
        QCOMPARE(lock.remainingMs(kStart + kTimeout), qint64(0));
    }

    void touchRestartsTheCount()
    {
        InactivityLock lock(kTimeout, kStart);
        lock.touch(kStart + 100'000);
        QVERIFY(!lock.shouldLock(kStart + kTimeout));
        QVERIFY(!lock.shouldLock(kStart + 100'000 + kTimeout - 1));
        QVERIFY(lock.shouldLock(kStart + 100'000 + kTimeout));
    }

    void aClockSetBackLocks()
    {
        InactivityLock lock(kTimeout, kStart);
        lock.touch(kStart + 50'000);
        // A touch stamped earlier does not move the last touch back...
        lock.touch(kStart);
        QVERIFY(lock.shouldLock(kStart + 50'000 + kTimeout));
        // ...and a clock that went back behind the last touch is not read as "just touched".
        QVERIFY(lock.shouldLock(kStart + 10'000));
    }
};

QTEST_GUILESS_MAIN(TestInactivityLock)
#include "tst_inactivitylock.moc"
