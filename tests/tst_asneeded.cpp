// "As needed" (PRN) orders (issue "real DPIs (2)", item 2): their repeat bounds how often a dose may
// be given, never when; maxDosePerPeriod caps the doses in a period; a limit only in the dosage text
// is not parsed and says so.
#include "model/asneeded.h"
#include "model/dosetiming.h"

#include <QTest>

using namespace chevet;

namespace {

constexpr qint64 kHour = 3600 * 1000;
constexpr qint64 kNoon = 1796299200000; // 2026-12-03 12:00 UTC

MedicationRequest paracetamolIfNeeded()
{
    MedicationRequest r;
    r.asNeeded = true;
    r.asNeededReason = QStringLiteral("douleur");
    r.dose = Dose{1, QStringLiteral("g")};
    return r;
}

DoseTiming every(double period, const char *unit, int frequency = 1, bool asNeeded = true)
{
    DoseTiming t;
    t.asNeeded = asNeeded;
    t.frequency = frequency;
    t.period = period;
    t.periodUnit = QString::fromLatin1(unit);
    return t;
}

MedicationAdministration givenAt(qint64 ms, AdministrationStatus status = AdministrationStatus::Completed)
{
    MedicationAdministration a;
    a.meta.clinicalTimeMs = ms;
    a.slotMs = ms;
    a.status = status;
    return a;
}

} // namespace

class TestAsNeeded : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // "Toutes les 6 h si besoin" is a minimum interval, not four doses a day to give.
    void theRepeatIsAnIntervalNotASchedule()
    {
        MedicationRequest r = paracetamolIfNeeded();
        r.timings = {every(6, "h")};
        QVERIFY(
            scheduledSlots(r, AdministrationTimes::frenchDefaults(), kNoon - 24 * kHour, kNoon).isEmpty());
        QCOMPARE(asNeededLimit(r).minIntervalMs, 6 * kHour);

        r.timings = {every(1, "d", 4)}; // four times a day at most: every 6 h
        QCOMPARE(asNeededLimit(r).minIntervalMs, 6 * kHour);
    }

    void tooSoonAfterTheLastDose()
    {
        MedicationRequest r = paracetamolIfNeeded();
        r.timings = {every(6, "h")};
        const QList<MedicationAdministration> given{givenAt(kNoon - 5 * kHour)};
        const std::optional<AsNeededWarning> w = asNeededWarning(r, given, kNoon);
        QVERIFY(w);
        QCOMPARE(w->kind, AsNeededWarning::Kind::TooSoon);
        QCOMPARE(w->previousMs, kNoon - 5 * kHour);
        QCOMPARE(w->allowedFromMs, kNoon + kHour);
        QVERIFY(!asNeededWarning(r, {givenAt(kNoon - 6 * kHour)}, kNoon));
        // A dose not given, or voided, does not count.
        QVERIFY(!asNeededWarning(r, {givenAt(kNoon - kHour, AdministrationStatus::NotDone)}, kNoon));
        QVERIFY(!asNeededWarning(r, {givenAt(kNoon - kHour, AdministrationStatus::EnteredInError)}, kNoon));
    }

    // Review findings: the most recent dose sets when the next is allowed; a dose recorded later (a
    // wrong clock elsewhere) does not block this one.
    void theMostRecentDoseSetsTheNext()
    {
        MedicationRequest r = paracetamolIfNeeded();
        r.timings = {every(4, "h")};
        const QList<MedicationAdministration> given{givenAt(kNoon - 4 * kHour), givenAt(kNoon - 3 * kHour)};
        const std::optional<AsNeededWarning> w = asNeededWarning(r, given, kNoon);
        QVERIFY(w);
        QCOMPARE(w->previousMs, kNoon - 3 * kHour);
        QCOMPARE(w->allowedFromMs, kNoon + kHour);
        QVERIFY(!asNeededWarning(r, {givenAt(kNoon + 2 * kHour)}, kNoon));
    }

    // "4 g per 24 h" of 1 g doses: a fifth dose in any 24 h is one too many; "3 doses per day" counts.
    void maxDosePerPeriod_data()
    {
        QTest::addColumn<double>("amount");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<int>("maxDoses");
        QTest::newRow("4 g a day of 1 g doses") << 4.0 << QStringLiteral("g") << 4;
        QTest::newRow("3 doses a day") << 3.0 << QString() << 3;
        QTest::newRow("in mg, of 1 g doses") << 4000.0 << QStringLiteral("mg") << 4;
        QTest::newRow("in mL, of 1 g doses: not comparable") << 40.0 << QStringLiteral("mL") << 0;
    }
    void maxDosePerPeriod()
    {
        QFETCH(double, amount);
        QFETCH(QString, unit);
        QFETCH(int, maxDoses);
        MedicationRequest r = paracetamolIfNeeded();
        r.maxDosePerPeriod = DoseLimit{amount, unit, 24, QStringLiteral("h")};
        QCOMPARE(asNeededLimit(r).maxDoses, maxDoses);
        if (maxDoses == 0)
            return;
        QList<MedicationAdministration> given;
        for (int i = 0; i < maxDoses; ++i)
            given.append(givenAt(kNoon - (i + 1) * 4 * kHour));
        const std::optional<AsNeededWarning> w = asNeededWarning(r, given, kNoon);
        QVERIFY(w);
        QCOMPARE(w->kind, AsNeededWarning::Kind::TooMany);
        QCOMPARE(w->dosesInPeriod, maxDoses);
        given.removeLast();
        QVERIFY(!asNeededWarning(r, given, kNoon));
    }

    // "1 g toutes les 6 h max" written only as text: nothing parsed, and the limit says so.
    void aLimitInTheTextOnlyIsNotGuessed()
    {
        MedicationRequest r = paracetamolIfNeeded();
        r.instructions = QStringLiteral("1 g toutes les 6 h maximum si douleur");
        const AsNeededLimit limit = asNeededLimit(r);
        QVERIFY(!limit.stated());
        QVERIFY(limit.textOnly);
        QVERIFY(!asNeededWarning(r, {givenAt(kNoon - kHour)}, kNoon));
    }

    // Review finding: an order with a scheduled instruction (three a day) and an as-needed one (every
    // 6 h at most) lost its scheduled doses and took the schedule as the interval.
    void anOrderMayMixScheduledAndAsNeeded()
    {
        MedicationRequest r = paracetamolIfNeeded();
        r.timings = {every(1, "d", 3, false), every(6, "h")};
        QCOMPARE(scheduledSlots(r, AdministrationTimes::frenchDefaults(), kNoon - 24 * kHour, kNoon).size(),
                 3);
        QCOMPARE(asNeededLimit(r).minIntervalMs, 6 * kHour);
    }

    void aScheduledOrderHasNoAsNeededLimit()
    {
        MedicationRequest r;
        r.timings = {every(6, "h", 1, false)};
        QVERIFY(!asNeededLimit(r).stated());
        QVERIFY(!asNeededWarning(r, {givenAt(kNoon - kHour)}, kNoon));
    }
};

QTEST_GUILESS_MAIN(TestAsNeeded)
#include "tst_asneeded.moc"
