// How long ago a PIN failure or a sign-in happened, when the date on the tablet may have been moved
// (security review F2, F12): the boot clock within a boot, the time since a restart after one.
#include "session/elapsedtime.h"

#include <QTest>
#include <QThread>

using namespace chevet;

class TestElapsedTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theSystemBootClock()
    {
#if defined(Q_OS_LINUX)
        const BootTime first = SystemClock::instance().bootTime();
        QCOMPARE(first.bootId.size(), 36); // the kernel's boot UUID
        QVERIFY(first.sinceBootMs > 0);
        QThread::msleep(20);
        const BootTime second = SystemClock::instance().bootTime();
        QCOMPARE(second.bootId, first.bootId);
        QVERIFY(second.sinceBootMs >= first.sinceBootMs + 20);
#else
        QSKIP("the boot clock is read on Linux and Android only");
#endif
    }

    void withinOneBoot()
    {
        ManualClock clock(1'000'000);
        const Moment then = momentNow(clock);
        clock.advanceMs(5'000);
        QCOMPARE(surelyElapsedMs(then, clock), qint64(5'000));
        QCOMPARE(longestElapsedMs(then, clock), qint64(5'000));
        clock.setNowMs(clock.nowMs() + 3'600'000); // the date moved forward: no wait ends sooner...
        QCOMPARE(surelyElapsedMs(then, clock), qint64(5'000));
        QCOMPARE(longestElapsedMs(then, clock), qint64(3'605'000)); // ...and a window closes
        clock.setNowMs(1'000'000 - 3'600'000);                      // set back: the window does not reopen
        QCOMPARE(longestElapsedMs(then, clock), qint64(5'000));
    }

    void afterARestart()
    {
        ManualClock clock(1'000'000);
        const Moment then = momentNow(clock);
        clock.advanceMs(60'000);
        clock.reboot();
        clock.advanceMs(7'000);
        QCOMPARE(surelyElapsedMs(then, clock), qint64(7'000));   // only the time since the restart is sure
        QCOMPARE(longestElapsedMs(then, clock), qint64(67'000)); // the date still counts
    }

    void recordsWithoutBootTimesUseTheDate()
    {
        ManualClock clock(1'000'000);
        const Moment old{900'000, QByteArray(), 0};
        QCOMPARE(surelyElapsedMs(old, clock), qint64(100'000));
        clock.setNowMs(800'000);
        QCOMPARE(surelyElapsedMs(old, clock), qint64(0)); // set back: the wait starts again
    }
};

QTEST_GUILESS_MAIN(TestElapsedTime)
#include "tst_elapsedtime.moc"
