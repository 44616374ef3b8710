#include "core/clock.h"
#include "core/hybridlogicalclock.h"

#include <QTest>

using namespace chevet;

class TestHybridLogicalClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void strictlyIncreasingWhenTimeStands()
    {
        ManualClock clock(1000);
        HybridLogicalClock hlc(clock);
        const HlcTimestamp a = hlc.now();
        const HlcTimestamp b = hlc.now();
        QCOMPARE(a.wallMs, 1000);
        QCOMPARE(b.wallMs, 1000);
        QVERIFY(b > a);
        QCOMPARE(b.counter, quint16(1));
    }

    void deviceClockGoingBackwardsNeverReordersEvents()
    {
        ManualClock clock(5000);
        HybridLogicalClock hlc(clock);
        const HlcTimestamp before = hlc.now();
        clock.setNowMs(4000); // the tablet's clock was corrected backwards
        const HlcTimestamp after = hlc.now();
        QVERIFY(after > before);
        QCOMPARE(after.wallMs, 5000);
    }

    void observingAFutureRemoteMovesPastIt()
    {
        ManualClock clock(1000);
        HybridLogicalClock hlc(clock);
        const HlcTimestamp remote{9000, 7};
        const HlcTimestamp received = hlc.observe(remote);
        QVERIFY(received > remote);
        QVERIFY(hlc.now() > received);
    }

    void counterOverflowBorrowsTheNextMillisecond()
    {
        ManualClock clock(1000);
        HybridLogicalClock hlc(clock);
        hlc.observe(HlcTimestamp{1000, 0xfffe});
        const HlcTimestamp t = hlc.now();
        QVERIFY(t > HlcTimestamp({1000, 0xffff}));
    }

    void packAndStringRoundTrip_data()
    {
        QTest::addColumn<qint64>("wall");
        QTest::addColumn<int>("counter");
        QTest::newRow("zero") << qint64(0) << 0;
        QTest::newRow("now-ish") << qint64(1795000000000) << 42;
        QTest::newRow("max counter") << qint64(1795000000000) << 0xffff;
    }

    void packAndStringRoundTrip()
    {
        QFETCH(qint64, wall);
        QFETCH(int, counter);
        const HlcTimestamp ts{wall, quint16(counter)};
        QCOMPARE(HlcTimestamp::fromPacked(ts.packed()), ts);
        bool ok = false;
        QCOMPARE(HlcTimestamp::fromString(ts.toString(), &ok), ts);
        QVERIFY(ok);
    }

    void packedOrderMatchesTimestampOrder()
    {
        const HlcTimestamp a{1000, 65535};
        const HlcTimestamp b{1001, 0};
        QVERIFY(a < b);
        QVERIFY(a.packed() < b.packed());
    }

    void malformedStringIsRejected()
    {
        bool ok = true;
        HlcTimestamp::fromString(QStringLiteral("12.x"), &ok);
        QVERIFY(!ok);
        HlcTimestamp::fromString(QStringLiteral("12.70000"), &ok);
        QVERIFY(!ok);
    }
};

QTEST_GUILESS_MAIN(TestHybridLogicalClock)
#include "tst_hybridlogicalclock.moc"
