// Issue "the app" item 3: at NEWS2 5 or more, 7 or more, or a 3 in one parameter, the chart offers a
// call to the doctor with an SBAR summary to read out; it is built from the chart's own facts and asks
// for what the RCP response column asks (clinical/REFERENCE.md).
#include "backend/sbarsummary.h"

#include <QDateTime>
#include <QTest>

using namespace chevet;
using namespace chevet::app;

namespace {

SbarFacts unwellPatient()
{
    SbarFacts facts;
    facts.nurse = QStringLiteral("ide.martin");
    facts.patient = QStringLiteral("TRAORÉ Awa");
    facts.ageYears = 81;
    facts.room = QStringLiteral("12");
    facts.bed = QStringLiteral("A");
    facts.stayStartMs = QDateTime(QDate(2026, 12, 1), QTime(9, 0)).toMSecsSinceEpoch();
    facts.allergiesRecorded = true;
    facts.allergies = {QStringLiteral("Pénicillines")};
    facts.vitals.respiratoryRate = 26; // 3
    facts.vitals.spo2 = 93;            // 2 on scale 1
    facts.vitals.onOxygen = true;      // 2
    facts.vitals.systolic = 98;        // 2
    facts.vitals.pulse = 118;          // 2
    facts.vitals.consciousness = Acvpu::Alert;
    facts.vitals.temperature = 38.4; // 1
    facts.news2 = computeNews2(facts.vitals);
    facts.takenAtMs = QDateTime(QDate(2026, 12, 4), QTime(14, 5)).toMSecsSinceEpoch();
    return facts;
}

} // namespace

class TestSbar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theSummaryCarriesTheChartsFacts()
    {
        const SbarFacts facts = unwellPatient();
        QCOMPARE(facts.news2.total, 12);
        const Sbar sbar = composeSbar(facts);
        QVERIFY2(sbar.situation.contains(QStringLiteral("TRAORÉ Awa, 81 ans, chambre 12 A")),
                 qPrintable(sbar.situation));
        QVERIFY2(sbar.situation.contains(QStringLiteral("NEWS2 à 12 (risque élevé), constantes de 14:05")),
                 qPrintable(sbar.situation));
        QVERIFY(sbar.situation.startsWith(QStringLiteral("ide.martin")));
        QVERIFY2(sbar.background.contains(QStringLiteral("depuis le 01/12/2026")),
                 qPrintable(sbar.background));
        QVERIFY(sbar.background.contains(QStringLiteral("Allergies : Pénicillines.")));
        for (const QString &part : {QStringLiteral("FR 26/min (3)"), QStringLiteral("SpO2 93 % (2)"),
                                    QStringLiteral("sous oxygène (2)"), QStringLiteral("PAS 98 mmHg (2)"),
                                    QStringLiteral("pouls 118/min (2)"), QStringLiteral("conscience A (0)"),
                                    QStringLiteral("Paramètre(s) à 3 : FR.")})
            QVERIFY2(sbar.assessment.contains(part),
                     qPrintable(part + QStringLiteral(" in ") + sbar.assessment));
        QVERIFY2(sbar.assessment.contains(QStringLiteral("T° 38")), qPrintable(sbar.assessment));
        QVERIFY(sbar.recommendation.contains(QStringLiteral("équipe de réanimation")));

        const QStringList lines = sbar.text().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.at(0).startsWith(QStringLiteral("S — ")));
        QVERIFY(lines.at(3).startsWith(QStringLiteral("R — ")));
    }

    void theRequestFollowsTheScore_data()
    {
        QTest::addColumn<int>("respiratoryRate");
        QTest::addColumn<int>("pulse");
        QTest::addColumn<QString>("asked");
        // RR 26 alone is a 3 in one parameter; with pulse 118 (2) the total is 5; pulse 135 (3) makes 6.
        QTest::newRow("a 3 in one parameter") << 26 << 70 << QStringLiteral("évaluation médicale urgente");
        QTest::newRow("5") << 26 << 118 << QStringLiteral("médecin formé aux soins aigus");
        QTest::newRow("6") << 26 << 135 << QStringLiteral("médecin formé aux soins aigus");
    }

    void theRequestFollowsTheScore()
    {
        QFETCH(int, respiratoryRate);
        QFETCH(int, pulse);
        QFETCH(QString, asked);
        SbarFacts facts = unwellPatient();
        facts.vitals = News2Input{};
        facts.vitals.respiratoryRate = respiratoryRate;
        facts.vitals.spo2 = 97;
        facts.vitals.onOxygen = false;
        facts.vitals.systolic = 130;
        facts.vitals.pulse = pulse;
        facts.vitals.consciousness = Acvpu::Alert;
        facts.vitals.temperature = 37.0;
        facts.news2 = computeNews2(facts.vitals);
        QVERIFY(escalationFor(facts.news2) != Escalation::None);
        QVERIFY2(composeSbar(facts).recommendation.contains(asked),
                 qPrintable(composeSbar(facts).recommendation));
    }

    // A nurse's walkthrough: the summary read 4-hour-old values as current. It says how old they are.
    void theSummarySaysHowOldTheValuesAre()
    {
        SbarFacts facts = unwellPatient();
        facts.nowMs = facts.takenAtMs + (4 * 60 + 1) * 60 * 1000;
        QVERIFY2(composeSbar(facts).situation.contains(QStringLiteral("constantes de 14:05 (il y a 4 h 01)")),
                 qPrintable(composeSbar(facts).situation));
        facts.nowMs = facts.takenAtMs + 25 * 60 * 1000;
        QVERIFY(composeSbar(facts).situation.contains(QStringLiteral("(il y a 25 min)")));
    }

    // An incomplete set says so: the score is a lower bound and the missing parameters are named.
    void anIncompleteScoreSaysWhatWasNotMeasured()
    {
        SbarFacts facts = unwellPatient();
        facts.vitals.temperature.reset();
        facts.vitals.consciousness.reset();
        facts.allergies.clear();
        facts.allergiesRecorded = false;
        facts.news2 = computeNews2(facts.vitals);
        const Sbar sbar = composeSbar(facts);
        QVERIFY2(sbar.situation.contains(QStringLiteral("NEWS2 à au moins 11")), qPrintable(sbar.situation));
        QVERIFY2(sbar.assessment.contains(QStringLiteral("Non mesuré(s) : ")), qPrintable(sbar.assessment));
        QVERIFY(sbar.assessment.contains(QStringLiteral("T°")));
        QVERIFY(sbar.assessment.contains(QStringLiteral("conscience")));
        QVERIFY(sbar.background.contains(QStringLiteral("Allergies non renseignées.")));
    }
};

QTEST_GUILESS_MAIN(TestSbar)
#include "tst_sbar.moc"
