// Issue "the app" item 3 and the nurse's review (ux §c "what is late"): when the next vitals are due
// follows the RCP's minimum monitoring for the last NEWS2, an incomplete score never waits 12 h, and the
// escalation asked for follows the RCP response column (clinical/REFERENCE.md).
#include "model/latecare.h"

#include <QTest>

using namespace chevet;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kTaken = 1'764'000'000'000;

News2Result scored(int total, bool complete, bool anySingleThree)
{
    News2Input in;
    // Built from real values so the result is what computeNews2 gives, not a hand-made struct.
    in.respiratoryRate = 16;
    in.spo2 = 97;
    in.onOxygen = false;
    in.systolic = 120;
    in.pulse = 70;
    in.consciousness = Acvpu::Alert;
    in.temperature = 37.0;
    if (anySingleThree)
        in.respiratoryRate = 26; // 3 points
    int rest = total - (anySingleThree ? 3 : 0);
    // pulse 91–110 scores 1, 111–130 scores 2; temperature 38.1–39.0 scores 1, ≥39.1 scores 2.
    if (rest >= 2) {
        in.pulse = 120;
        rest -= 2;
    }
    if (rest >= 2) {
        in.temperature = 39.5;
        rest -= 2;
    }
    if (rest >= 2) {
        in.systolic = 95; // 2 points
        rest -= 2;
    }
    if (rest == 1)
        in.spo2 = 95; // 1 point on scale 1
    if (!complete)
        in.temperature.reset();
    News2Result result = computeNews2(in);
    return result;
}

} // namespace

class TestLateCare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theIntervalFollowsTheRcpTable_data()
    {
        QTest::addColumn<int>("total");
        QTest::addColumn<bool>("singleThree");
        QTest::addColumn<int>("monitoring");
        QTest::addColumn<qint64>("intervalMs");
        QTest::newRow("0: every 12 h") << 0 << false << int(Monitoring::Every12h) << 12 * kHour;
        QTest::newRow("1: every 4 h") << 1 << false << int(Monitoring::Every4h) << 4 * kHour;
        QTest::newRow("4: every 4 h") << 4 << false << int(Monitoring::Every4h) << 4 * kHour;
        QTest::newRow("3 in one parameter: hourly") << 3 << true << int(Monitoring::Hourly) << kHour;
        QTest::newRow("5: hourly") << 5 << false << int(Monitoring::Hourly) << kHour;
        QTest::newRow("6: hourly") << 6 << false << int(Monitoring::Hourly) << kHour;
        QTest::newRow("7: continuous") << 7 << false << int(Monitoring::Continuous) << 15 * kMinute;
    }

    void theIntervalFollowsTheRcpTable()
    {
        QFETCH(int, total);
        QFETCH(bool, singleThree);
        QFETCH(int, monitoring);
        QFETCH(qint64, intervalMs);
        const News2Result news2 = scored(total, true, singleThree);
        QCOMPARE(news2.total, total);
        QCOMPARE(news2.anySingleThree, singleThree);
        const VitalsDue due = vitalsDue(news2, kTaken, kTaken + kMinute);
        QCOMPARE(int(due.monitoring), monitoring);
        QCOMPARE(due.dueAtMs, kTaken + intervalMs);
        QVERIFY(!due.late());
    }

    void lateBySaysHowLate()
    {
        const News2Result five = scored(5, true, false);
        const VitalsDue onTime = vitalsDue(five, kTaken, kTaken + kHour);
        QCOMPARE(onTime.lateByMs, qint64(0));
        const VitalsDue late = vitalsDue(five, kTaken, kTaken + kHour + 25 * kMinute);
        QVERIFY(late.late());
        QCOMPARE(late.lateByMs, 25 * kMinute);
    }

    // An incomplete set scoring 0 is a lower bound: the missing parameters could score, so it is asked
    // again within 4 h, never left for 12.
    void anIncompleteZeroIsNotLeftForTwelveHours()
    {
        const News2Result partial = scored(0, false, false);
        QCOMPARE(partial.total, 0);
        QVERIFY(!partial.complete);
        const VitalsDue due = vitalsDue(partial, kTaken, kTaken);
        QCOMPARE(int(due.monitoring), int(Monitoring::Every4h));
        QCOMPARE(due.dueAtMs, kTaken + 4 * kHour);
    }

    void noVitalsMeansAFirstSetIsDueNow()
    {
        const VitalsDue due = vitalsDue(std::nullopt, 0, kTaken);
        QCOMPARE(int(due.monitoring), int(Monitoring::FirstSet));
        QCOMPARE(due.dueAtMs, kTaken);
        QVERIFY(!due.late());
    }

    // A nurse's walkthrough: FR and pulse alone, entered after a complete NEWS2 of 10, turned the patient
    // into a grey "≥0" due in 4 h and the call to the doctor went away. A partial entry never lowers a
    // known risk; the next vitals still count from it.
    void aPartialEntryNeverLowersAKnownRisk()
    {
        const News2Result ten = scored(10, true, true);
        QCOMPARE(ten.total, 10);
        News2Input partialInput;
        partialInput.respiratoryRate = 16;
        partialInput.pulse = 88;
        const News2Result partial = computeNews2(partialInput);
        QCOMPARE(partial.total, 0);
        QVERIFY(!partial.complete);

        const std::optional<DecidingNews2> deciding =
            decidingNews2({{partial, kTaken + 4 * kHour}, {ten, kTaken}}); // any order
        QVERIFY(deciding);
        QCOMPARE(deciding->news2.total, 10);
        QVERIFY(deciding->fromEarlierSet);
        QCOMPARE(deciding->scoredAtMs, kTaken);
        QCOMPARE(deciding->lastEntryAtMs, kTaken + 4 * kHour);
        QVERIFY(deciding->newestIncomplete);
        QCOMPARE(deciding->newestIncomplete->total, 0);
        QCOMPARE(deciding->index, qsizetype(1)); // its place in the list given, for its values
        QCOMPARE(int(escalationFor(deciding->news2)), int(Escalation::Emergency));
        const VitalsDue due =
            vitalsDue(deciding->news2, deciding->lastEntryAtMs, kTaken + 4 * kHour + kMinute);
        QCOMPARE(int(due.monitoring), int(Monitoring::Continuous));
        QCOMPARE(due.dueAtMs, kTaken + 4 * kHour + 15 * kMinute);
    }

    void aCompleteOrHigherNewerEntryDecides()
    {
        const News2Result ten = scored(10, true, true);
        const News2Result two = scored(2, true, false);
        std::optional<DecidingNews2> deciding = decidingNews2({{ten, kTaken}, {two, kTaken + kHour}});
        QCOMPARE(deciding->news2.total, 2); // a complete newer entry is the truth, even lower
        QVERIFY(!deciding->fromEarlierSet);

        News2Input partialInput;
        partialInput.respiratoryRate = 26; // 3
        partialInput.pulse = 135;          // 3
        const News2Result partialSix = computeNews2(partialInput);
        deciding = decidingNews2({{two, kTaken}, {partialSix, kTaken + kHour}});
        QCOMPARE(deciding->news2.total, 6); // already above the complete one: the partial decides
        QVERIFY(!deciding->fromEarlierSet);
        QVERIFY(!decidingNews2({}));
    }

    void escalationFollowsTheResponseColumn_data()
    {
        QTest::addColumn<int>("total");
        QTest::addColumn<bool>("singleThree");
        QTest::addColumn<int>("escalation");
        QTest::newRow("4") << 4 << false << int(Escalation::None);
        QTest::newRow("3 in one parameter") << 3 << true << int(Escalation::UrgentReview);
        QTest::newRow("5") << 5 << false << int(Escalation::UrgentResponse);
        QTest::newRow("6") << 6 << false << int(Escalation::UrgentResponse);
        QTest::newRow("7") << 7 << false << int(Escalation::Emergency);
        QTest::newRow("9 with a 3") << 9 << true << int(Escalation::Emergency);
    }

    void escalationFollowsTheResponseColumn()
    {
        QFETCH(int, total);
        QFETCH(bool, singleThree);
        QFETCH(int, escalation);
        const News2Result news2 = scored(total, true, singleThree);
        QCOMPARE(news2.total, total);
        QCOMPARE(int(escalationFor(news2)), escalation);
    }
};

QTEST_GUILESS_MAIN(TestLateCare)
#include "tst_latecare.moc"
