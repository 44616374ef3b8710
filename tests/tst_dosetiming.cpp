// Dose slots from prescriptions as DPIs write them (issue "real DPIs (2)"): FHIR R4 Timing.repeat
// (frequency/period, timeOfDay, when + offset, dayOfWeek, bounds, count), Timing.code and explicit
// events, on the wards' clock in Europe/Paris, through both nights the clocks change.
#include "model/administrationtimesconfig.h"
#include "model/dosetiming.h"
#include "model/medication.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace chevet;

namespace {

const QTimeZone kParis(QByteArrayLiteral("Europe/Paris"));

qint64 paris(const char *localDateTime)
{
    const QDateTime parsed = QDateTime::fromString(QString::fromLatin1(localDateTime), Qt::ISODate);
    return QDateTime(parsed.date(), parsed.time(), kParis).toMSecsSinceEpoch();
}

qint64 parisAt(QDate day, int hour, int minute = 0)
{
    return QDateTime(day, QTime(hour, minute), kParis).toMSecsSinceEpoch();
}

qint64 utc(const char *isoZ)
{
    return QDateTime::fromString(QString::fromLatin1(isoZ), Qt::ISODate).toMSecsSinceEpoch();
}

QStringList local(const QList<qint64> &slots)
{
    QStringList out;
    for (qint64 s : slots)
        out.append(QDateTime::fromMSecsSinceEpoch(s, kParis).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    return out;
}

// One local day, 00:00 to 23:59:59.
QList<qint64> onDay(const DoseTiming &t, QDate day, qint64 startMs = 0)
{
    const qint64 from = QDateTime(day, QTime(0, 0), kParis).toMSecsSinceEpoch();
    const qint64 to = QDateTime(day.addDays(1), QTime(0, 0), kParis).toMSecsSinceEpoch() - 1;
    return doseSlots(t, AdministrationTimes::frenchDefaults(), from, to, startMs);
}

const QDate kDay(2026, 12, 3);

QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList out;
    for (const char *t : texts)
        out.append(QString::fromUtf8(t));
    return out;
}

} // namespace

class TestDoseTiming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timesOfDay()
    {
        DoseTiming t;
        t.frequency = 2;
        t.period = 1;
        t.periodUnit = QStringLiteral("d");
        t.timeOfDay = {QTime(9, 0), QTime(21, 0)};
        QCOMPARE(local(onDay(t, kDay)), (strings({"2026-12-03 09:00", "2026-12-03 21:00"})));
    }

    void eventTimingWithOffset()
    {
        DoseTiming t;
        t.frequency = 1;
        t.period = 1;
        t.periodUnit = QStringLiteral("d");
        // R4: the offset is minutes after the event, before the meal for AC codes and after it for PC
        // codes (tim-9 forbids an offset on the meal codes C, CM, CD, CV themselves).
        t.when = {QStringLiteral("PCM")}; // breakfast (08:00)...
        t.offsetMinutes = 30;             // ...plus 30 minutes
        QCOMPARE(local(onDay(t, kDay)), (strings({"2026-12-03 08:30"})));
        t.when = {QStringLiteral("ACM")}; // an hour before breakfast
        t.offsetMinutes = 60;
        QCOMPARE(local(onDay(t, kDay)), (strings({"2026-12-03 07:00"})));
        t.when = {QStringLiteral("HS")}; // bedtime (21:00) plus 45 minutes
        t.offsetMinutes = 45;
        QCOMPARE(local(onDay(t, kDay)), (strings({"2026-12-03 21:45"})));
        t.when = {QStringLiteral("ACM"), QStringLiteral("HS")};
        t.offsetMinutes = 0;
        QCOMPARE(local(onDay(t, kDay)), (strings({"2026-12-03 07:30", "2026-12-03 21:00"})));
    }

    void codes_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("times");
        QTest::newRow("QD") << QStringLiteral("QD") << strings({"08:00"});
        QTest::newRow("AM") << QStringLiteral("AM") << strings({"08:00"});
        QTest::newRow("PM") << QStringLiteral("PM") << strings({"18:00"});
        QTest::newRow("BID") << QStringLiteral("BID") << strings({"08:00", "20:00"});
        QTest::newRow("TID") << QStringLiteral("TID") << strings({"08:00", "12:00", "18:00"});
        QTest::newRow("QID") << QStringLiteral("QID") << strings({"00:00", "06:00", "12:00", "18:00"});
        QTest::newRow("Q4H") << QStringLiteral("Q4H")
                             << strings({"02:00", "06:00", "10:00", "14:00", "18:00", "22:00"});
        QTest::newRow("Q6H") << QStringLiteral("Q6H") << strings({"00:00", "06:00", "12:00", "18:00"});
        QTest::newRow("Q8H") << QStringLiteral("Q8H") << strings({"06:00", "14:00", "22:00"});
        QTest::newRow("Q12H") << QStringLiteral("Q12H") << strings({"06:00", "18:00"});
        QTest::newRow("unknown code: no slot, never a guess") << QStringLiteral("XYZ") << QStringList();
    }

    void codes()
    {
        QFETCH(QString, code);
        QFETCH(QStringList, times);
        DoseTiming t;
        t.code = code;
        QStringList expected;
        for (const QString &at : times)
            expected.append(QStringLiteral("2026-12-03 ") + at);
        QCOMPARE(local(onDay(t, kDay)), expected);
    }

    void frequencyPerPeriod_data()
    {
        QTest::addColumn<int>("frequency");
        QTest::addColumn<double>("period");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QStringList>("times");
        QTest::newRow("1/d") << 1 << 1.0 << QStringLiteral("d") << strings({"08:00"});
        QTest::newRow("3/d") << 3 << 1.0 << QStringLiteral("d") << strings({"08:00", "12:00", "18:00"});
        QTest::newRow("1 per 8 h") << 1 << 8.0 << QStringLiteral("h") << strings({"06:00", "14:00", "22:00"});
        QTest::newRow("2 per 12 h (every 6 h)")
            << 2 << 12.0 << QStringLiteral("h") << strings({"00:00", "06:00", "12:00", "18:00"});
    }

    void frequencyPerPeriod()
    {
        QFETCH(int, frequency);
        QFETCH(double, period);
        QFETCH(QString, unit);
        QFETCH(QStringList, times);
        DoseTiming t;
        t.frequency = frequency;
        t.period = period;
        t.periodUnit = unit;
        QStringList expected;
        for (const QString &at : times)
            expected.append(QStringLiteral("2026-12-03 ") + at);
        QCOMPARE(local(onDay(t, kDay)), expected);
    }

    void intervalThatDoesNotDivideADayStepsFromTheStart()
    {
        DoseTiming t;
        t.frequency = 1;
        t.period = 5;
        t.periodUnit = QStringLiteral("h");
        const qint64 start = paris("2026-12-03T07:00:00");
        QCOMPARE(local(onDay(t, kDay, start)),
                 (strings({"2026-12-03 07:00", "2026-12-03 12:00", "2026-12-03 17:00", "2026-12-03 22:00"})));
    }

    void everyOtherDayFromTheStart()
    {
        DoseTiming t;
        t.frequency = 1;
        t.period = 2;
        t.periodUnit = QStringLiteral("d");
        const qint64 start = paris("2026-12-01T10:00:00");
        QCOMPARE(local(onDay(t, QDate(2026, 12, 3), start)), (strings({"2026-12-03 08:00"})));
        QCOMPARE(local(onDay(t, QDate(2026, 12, 4), start)), QStringList());
        t = DoseTiming{};
        t.code = QStringLiteral("QOD");
        QCOMPARE(local(onDay(t, QDate(2026, 12, 4), start)), QStringList());
        QCOMPARE(local(onDay(t, QDate(2026, 12, 5), start)), (strings({"2026-12-05 08:00"})));
    }

    void daysOfWeek()
    {
        DoseTiming t;
        t.frequency = 1;
        t.period = 1;
        t.periodUnit = QStringLiteral("wk");
        t.daysOfWeek = {Qt::Monday, Qt::Thursday};
        // 2026-12-03 is a Thursday, 2026-12-04 a Friday, 2026-12-07 a Monday.
        QCOMPARE(local(onDay(t, QDate(2026, 12, 3))), (strings({"2026-12-03 08:00"})));
        QCOMPARE(local(onDay(t, QDate(2026, 12, 4))), QStringList());
        QCOMPARE(local(onDay(t, QDate(2026, 12, 7))), (strings({"2026-12-07 08:00"})));
    }

    void boundsAndCount()
    {
        DoseTiming t;
        t.code = QStringLiteral("BID");
        t.boundsStartMs = paris("2026-12-02T12:00:00");
        t.boundsEndMs = paris("2026-12-03T12:00:00");
        const AdministrationTimes times = AdministrationTimes::frenchDefaults();
        const qint64 from = paris("2026-12-01T00:00:00");
        const qint64 to = paris("2026-12-06T00:00:00");
        QCOMPARE(local(doseSlots(t, times, from, to)), (strings({"2026-12-02 20:00", "2026-12-03 08:00"})));

        t.boundsEndMs.reset();
        t.boundsDuration = 2;
        t.boundsDurationUnit = QStringLiteral("d");
        QCOMPARE(local(doseSlots(t, times, from, to)),
                 (strings({"2026-12-02 20:00", "2026-12-03 08:00", "2026-12-03 20:00", "2026-12-04 08:00"})));

        // At most three doses from the start, whatever the window.
        t.boundsDuration = 0;
        t.count = 3;
        QCOMPARE(local(doseSlots(t, times, from, to)),
                 (strings({"2026-12-02 20:00", "2026-12-03 08:00", "2026-12-03 20:00"})));
        QCOMPARE(local(doseSlots(t, times, paris("2026-12-03T12:00:00"), to)),
                 (strings({"2026-12-03 20:00"})));
    }

    void explicitEvents()
    {
        DoseTiming t;
        t.eventsMs = {paris("2026-12-03T09:15:00"), paris("2026-12-05T09:15:00")};
        QCOMPARE(local(onDay(t, kDay)), (strings({"2026-12-03 09:15"})));
    }

    // Sunday 29 March 2026: 02:00 becomes 03:00. A daily dose stays at 08:00 on the wall clock (23 hours
    // after the last); a dose due at 02:00, a time that night does not have, is due at 03:00.
    void springForwardNight()
    {
        DoseTiming daily;
        daily.code = QStringLiteral("QD");
        const QDate sunday(2026, 3, 29);
        QCOMPARE(onDay(daily, sunday.addDays(-1)), (QList<qint64>{utc("2026-03-28T07:00:00Z")}));
        QCOMPARE(onDay(daily, sunday), (QList<qint64>{utc("2026-03-29T06:00:00Z")}));
        DoseTiming q4h;
        q4h.code = QStringLiteral("Q4H");
        QCOMPARE(onDay(q4h, sunday),
                 (QList<qint64>{utc("2026-03-29T01:00:00Z"), utc("2026-03-29T04:00:00Z"),
                                utc("2026-03-29T08:00:00Z"), utc("2026-03-29T12:00:00Z"),
                                utc("2026-03-29T16:00:00Z"), utc("2026-03-29T20:00:00Z")}));
    }

    // Sunday 25 October 2026: 03:00 becomes 02:00 again. The 02:00 dose is given once, not twice.
    void fallBackNight()
    {
        DoseTiming q4h;
        q4h.code = QStringLiteral("Q4H");
        const QDate sunday(2026, 10, 25);
        const QList<qint64> slots = onDay(q4h, sunday);
        QCOMPARE(slots.size(), 6);
        QCOMPARE(slots.first(), utc("2026-10-25T00:00:00Z")); // 02:00 summer time, the first one
        QCOMPARE(slots.at(1), utc("2026-10-25T05:00:00Z"));   // 06:00 winter time
        DoseTiming daily;
        daily.code = QStringLiteral("QD");
        QCOMPARE(onDay(daily, sunday), (QList<qint64>{utc("2026-10-25T07:00:00Z")}));
    }

    // An as-needed order has no schedule; an order's dates and every dosage instruction's schedule add up.
    void ordersAddTheirInstructions()
    {
        MedicationRequest prn;
        prn.asNeeded = true;
        const AdministrationTimes times = AdministrationTimes::frenchDefaults();
        const qint64 from = parisAt(kDay, 0);
        const qint64 to = parisAt(kDay.addDays(1), 0) - 1;
        QVERIFY(scheduledSlots(prn, times, from, to).isEmpty());

        MedicationRequest two;
        DoseTiming morning;
        morning.when = {QStringLiteral("MORN")};
        DoseTiming night;
        night.when = {QStringLiteral("NIGHT")};
        two.timings = {morning, night};
        two.slotsMs = {parisAt(kDay, 13)};
        QCOMPARE(local(scheduledSlots(two, times, from, to)),
                 (strings({"2026-12-03 08:00", "2026-12-03 13:00", "2026-12-03 22:00"})));
    }

    // Each establishment may replace any default; what it leaves out stays French practice.
    void anEstablishmentSetsItsOwnTimes()
    {
        QJsonObject json{{QStringLiteral("when"),
                          QJsonObject{{QStringLiteral("MORN"), QJsonArray{QStringLiteral("07:30")}}}},
                         {QStringLiteral("perDay"),
                          QJsonObject{{QStringLiteral("2"),
                                       QJsonArray{QStringLiteral("09:00"), QStringLiteral("21:00")}}}}};
        const Result<AdministrationTimes> times = administrationTimesFromJson(json);
        QVERIFY(times);
        DoseTiming morning;
        morning.when = {QStringLiteral("MORN")};
        const qint64 from = parisAt(kDay, 0);
        const qint64 to = parisAt(kDay.addDays(1), 0) - 1;
        QCOMPARE(local(doseSlots(morning, *times, from, to)), (strings({"2026-12-03 07:30"})));
        DoseTiming bid;
        bid.code = QStringLiteral("BID");
        QCOMPARE(local(doseSlots(bid, *times, from, to)),
                 (strings({"2026-12-03 09:00", "2026-12-03 21:00"})));
        DoseTiming noon;
        noon.when = {QStringLiteral("NOON")};
        QCOMPARE(local(doseSlots(noon, *times, from, to)), (strings({"2026-12-03 12:00"})));
        // Round trip.
        const Result<AdministrationTimes> again =
            administrationTimesFromJson(administrationTimesToJson(*times));
        QVERIFY(again);
        QCOMPARE(again->whenTimes, times->whenTimes);
        QCOMPARE(again->perDay, times->perDay);
    }

    void badAdministrationTimesAreRefusedByName_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("not a time") << QByteArray("{\"when\": {\"MORN\": [\"7h30\"]}}")
                                    << QStringLiteral("when.MORN");
        QTest::newRow("unknown code")
            << QByteArray("{\"when\": {\"BREAKFAST\": [\"07:30\"]}}") << QStringLiteral("when");
        QTest::newRow("count and times differ")
            << QByteArray("{\"perDay\": {\"3\": [\"08:00\", \"20:00\"]}}") << QStringLiteral("perDay.3");
        QTest::newRow("unknown zone")
            << QByteArray("{\"zone\": \"Europe/Nowhere\"}") << QStringLiteral("zone");
        QTest::newRow("unknown entry") << QByteArray("{\"morning\": \"08:00\"}") << QStringLiteral("morning");
    }
    void badAdministrationTimesAreRefusedByName()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const Result<AdministrationTimes> times =
            administrationTimesFromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!times);
        QCOMPARE(times.error().field, field);
    }
};

QTEST_GUILESS_MAIN(TestDoseTiming)
#include "tst_dosetiming.moc"
