#include "model/news2.h"

#include <QTest>

#include <limits>

using namespace chevet;

namespace {

// Every parameter present and scoring 0, so a row can change one and read its score off the total.
News2Input normalInput()
{
    News2Input input;
    input.respiratoryRate = 16;
    input.spo2 = 98;
    input.onOxygen = false;
    input.systolic = 120;
    input.pulse = 70;
    input.consciousness = Acvpu::Alert;
    input.temperature = 37.0;
    return input;
}

} // namespace

class TestNews2 : public QObject
{
    Q_OBJECT

private:
    static void checkSingle(const News2Input &input, const QString &key, int expected)
    {
        const News2Result result = computeNews2(input);
        QVERIFY(result.complete);
        QCOMPARE(result.parts.value(key, -1), expected);
        QCOMPARE(result.total, expected);
        QCOMPARE(result.anySingleThree, expected == 3);
    }

private Q_SLOTS:
    void respiratoryRate_data()
    {
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("score");
        for (auto [rate, score] :
             {std::pair{0, 3}, {8, 3}, {9, 1}, {11, 1}, {12, 0}, {20, 0}, {21, 2}, {24, 2}, {25, 3}, {60, 3}})
            QTest::addRow("rr %d", rate) << rate << score;
    }
    void respiratoryRate()
    {
        QFETCH(int, rate);
        QFETCH(int, score);
        News2Input input = normalInput();
        input.respiratoryRate = rate;
        checkSingle(input, QStringLiteral("rr"), score);
    }

    void spo2Scale1_data()
    {
        QTest::addColumn<int>("spo2");
        QTest::addColumn<int>("score");
        for (auto [spo2, score] :
             {std::pair{70, 3}, {91, 3}, {92, 2}, {93, 2}, {94, 1}, {95, 1}, {96, 0}, {100, 0}})
            QTest::addRow("spo2 %d", spo2) << spo2 << score;
    }
    void spo2Scale1()
    {
        QFETCH(int, spo2);
        QFETCH(int, score);
        News2Input input = normalInput();
        input.spo2 = spo2;
        checkSingle(input, QStringLiteral("spo2"), score);

        // On scale 1 oxygen adds its own 2 but does not change how the saturation scores.
        input.onOxygen = true;
        const News2Result result = computeNews2(input);
        QCOMPARE(result.parts.value(QStringLiteral("spo2")), score);
        QCOMPARE(result.parts.value(QStringLiteral("oxygen")), 2);
        QCOMPARE(result.total, score + 2);
    }

    void spo2Scale2_data()
    {
        QTest::addColumn<int>("spo2");
        QTest::addColumn<bool>("onOxygen");
        QTest::addColumn<int>("score");
        auto row = [](int spo2, bool oxygen, int score) {
            QTest::addRow("spo2 %d on %s", spo2, oxygen ? "oxygen" : "air") << spo2 << oxygen << score;
        };
        for (bool oxygen : {false, true}) {
            row(75, oxygen, 3);
            row(83, oxygen, 3);
            row(84, oxygen, 2);
            row(85, oxygen, 2);
            row(86, oxygen, 1);
            row(87, oxygen, 1);
            row(88, oxygen, 0);
            row(92, oxygen, 0);
        }
        for (int spo2 : {93, 94, 95, 96, 97, 100})
            row(spo2, false, 0);
        row(93, true, 1);
        row(94, true, 1);
        row(95, true, 2);
        row(96, true, 2);
        row(97, true, 3);
        row(100, true, 3);
    }
    void spo2Scale2()
    {
        QFETCH(int, spo2);
        QFETCH(bool, onOxygen);
        QFETCH(int, score);
        News2Input input = normalInput();
        input.spo2Scale = 2;
        input.spo2 = spo2;
        input.onOxygen = onOxygen;
        const News2Result result = computeNews2(input);
        QVERIFY(result.complete);
        QCOMPARE(result.parts.value(QStringLiteral("spo2"), -1), score);
        QCOMPARE(result.parts.value(QStringLiteral("oxygen"), -1), onOxygen ? 2 : 0);
        QCOMPARE(result.total, score + (onOxygen ? 2 : 0));
        QCOMPARE(result.anySingleThree, score == 3);
    }

    void spo2Scale2WithUnknownOxygenScoresAsAir()
    {
        News2Input input = normalInput();
        input.spo2Scale = 2;
        input.spo2 = 97;
        input.onOxygen.reset();
        const News2Result result = computeNews2(input);
        QVERIFY(!result.complete);
        QCOMPARE(result.missing, QStringList{QStringLiteral("oxygen")});
        QCOMPARE(result.parts.value(QStringLiteral("spo2"), -1), 0);
        QVERIFY(!result.parts.contains(QStringLiteral("oxygen")));
        QCOMPARE(result.total, 0);
    }

    void airOrOxygen()
    {
        News2Input input = normalInput();
        checkSingle(input, QStringLiteral("oxygen"), 0);
        input.onOxygen = true;
        checkSingle(input, QStringLiteral("oxygen"), 2);
    }

    void systolic_data()
    {
        QTest::addColumn<int>("systolic");
        QTest::addColumn<int>("score");
        for (auto [sbp, score] : {std::pair{60, 3},
                                  {90, 3},
                                  {91, 2},
                                  {100, 2},
                                  {101, 1},
                                  {110, 1},
                                  {111, 0},
                                  {219, 0},
                                  {220, 3},
                                  {260, 3}})
            QTest::addRow("sbp %d", sbp) << sbp << score;
    }
    void systolic()
    {
        QFETCH(int, systolic);
        QFETCH(int, score);
        News2Input input = normalInput();
        input.systolic = systolic;
        checkSingle(input, QStringLiteral("sbp"), score);
    }

    void pulse_data()
    {
        QTest::addColumn<int>("pulse");
        QTest::addColumn<int>("score");
        for (auto [pulse, score] : {std::pair{30, 3},
                                    {40, 3},
                                    {41, 1},
                                    {50, 1},
                                    {51, 0},
                                    {90, 0},
                                    {91, 1},
                                    {110, 1},
                                    {111, 2},
                                    {130, 2},
                                    {131, 3},
                                    {180, 3}})
            QTest::addRow("pulse %d", pulse) << pulse << score;
    }
    void pulse()
    {
        QFETCH(int, pulse);
        QFETCH(int, score);
        News2Input input = normalInput();
        input.pulse = pulse;
        checkSingle(input, QStringLiteral("pulse"), score);
    }

    void consciousness_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("score");
        QTest::newRow("A") << int(Acvpu::Alert) << 0;
        QTest::newRow("C") << int(Acvpu::Confusion) << 3;
        QTest::newRow("V") << int(Acvpu::Voice) << 3;
        QTest::newRow("P") << int(Acvpu::Pain) << 3;
        QTest::newRow("U") << int(Acvpu::Unresponsive) << 3;
    }
    void consciousness()
    {
        QFETCH(int, level);
        QFETCH(int, score);
        News2Input input = normalInput();
        input.consciousness = Acvpu(level);
        checkSingle(input, QStringLiteral("acvpu"), score);
    }

    // Rounding is half away from zero at one decimal on the value as typed: 38.05 reads 38.1.
    void temperature_data()
    {
        QTest::addColumn<double>("celsius");
        QTest::addColumn<int>("score");
        auto row = [](double celsius, int score) { QTest::addRow("temp %g", celsius) << celsius << score; };
        row(33.0, 3);
        row(35.0, 3);
        row(35.1, 1);
        row(36.0, 1);
        row(36.1, 0);
        row(38.0, 0);
        row(38.1, 1);
        row(39.0, 1);
        row(39.1, 2);
        row(41.0, 2);
        // Rounding at the band edges.
        row(34.96, 3);
        row(35.04, 3);
        row(35.05, 1);
        row(36.04, 1);
        row(36.05, 0);
        row(38.04, 0);
        row(38.05, 1);
        row(39.04, 1);
        row(39.05, 2);
    }
    void temperature()
    {
        QFETCH(double, celsius);
        QFETCH(int, score);
        News2Input input = normalInput();
        input.temperature = celsius;
        checkSingle(input, QStringLiteral("temp"), score);
    }

    void nonFiniteTemperatureCountsAsMissing()
    {
        News2Input input = normalInput();
        input.temperature = std::numeric_limits<double>::quiet_NaN();
        const News2Result result = computeNews2(input);
        QVERIFY(!result.complete);
        QCOMPARE(result.missing, QStringList{QStringLiteral("temp")});
    }

    void totalsAndRisk_data()
    {
        QTest::addColumn<int>("rr");
        QTest::addColumn<bool>("oxygen");
        QTest::addColumn<int>("pulse");
        QTest::addColumn<double>("temp");
        QTest::addColumn<int>("total");
        QTest::addColumn<bool>("single3");
        QTest::addColumn<QString>("risk");
        auto row = [](const char *name, int rr, bool oxygen, int pulse, double temp, int total, bool single3,
                      const char *risk) {
            QTest::newRow(name) << rr << oxygen << pulse << temp << total << single3
                                << QString::fromLatin1(risk);
        };
        row("0", 16, false, 70, 37.0, 0, false, "low");
        row("1", 16, false, 95, 37.0, 1, false, "low");
        row("4 without a 3", 22, false, 95, 38.5, 4, false, "low");
        row("3 from a single 3", 8, false, 70, 37.0, 3, true, "low-medium");
        row("4 with a 3", 25, false, 95, 37.0, 4, true, "low-medium");
        row("5", 22, true, 95, 37.0, 5, false, "medium");
        row("5 with a 3", 25, true, 70, 37.0, 5, true, "medium");
        row("6", 22, true, 111, 37.0, 6, false, "medium");
        row("7", 22, true, 111, 38.5, 7, false, "high");
        row("8 with a 3", 25, true, 111, 38.5, 8, true, "high");
    }
    void totalsAndRisk()
    {
        QFETCH(int, rr);
        QFETCH(bool, oxygen);
        QFETCH(int, pulse);
        QFETCH(double, temp);
        QFETCH(int, total);
        QFETCH(bool, single3);
        QFETCH(QString, risk);
        News2Input input = normalInput();
        input.respiratoryRate = rr;
        input.onOxygen = oxygen;
        input.pulse = pulse;
        input.temperature = temp;
        const News2Result result = computeNews2(input);
        QVERIFY(result.complete);
        QVERIFY(result.missing.isEmpty());
        QCOMPARE(result.parts.size(), 7);
        QCOMPARE(result.total, total);
        QCOMPARE(result.anySingleThree, single3);
        QCOMPARE(news2RiskKey(result.risk), risk);
    }

    void maximumIsTwenty_data()
    {
        QTest::addColumn<int>("scale");
        QTest::addColumn<int>("spo2");
        QTest::newRow("scale 1") << 1 << 85;
        QTest::newRow("scale 2") << 2 << 98;
    }
    void maximumIsTwenty()
    {
        QFETCH(int, scale);
        QFETCH(int, spo2);
        News2Input input;
        input.respiratoryRate = 5;
        input.spo2Scale = scale;
        input.spo2 = spo2;
        input.onOxygen = true;
        input.systolic = 80;
        input.pulse = 150;
        input.consciousness = Acvpu::Unresponsive;
        input.temperature = 34.0;
        const News2Result result = computeNews2(input);
        QCOMPARE(result.total, 20);
        QVERIFY(result.complete);
        QVERIFY(result.anySingleThree);
        QCOMPARE(result.risk, News2Risk::High);
    }

    void emptyInputListsEveryParameterAsMissing()
    {
        const News2Result result = computeNews2(News2Input{});
        QVERIFY(!result.complete);
        QCOMPARE(result.missing,
                 (QStringList{QStringLiteral("rr"), QStringLiteral("spo2"), QStringLiteral("oxygen"),
                              QStringLiteral("sbp"), QStringLiteral("pulse"), QStringLiteral("acvpu"),
                              QStringLiteral("temp")}));
        QVERIFY(result.parts.isEmpty());
        QCOMPARE(result.total, 0);
        QCOMPARE(result.risk, News2Risk::Low);
    }

    // Callers show the score as incomplete, but the risk from what is present must already show.
    void incompleteInputStillRatesRisk_data()
    {
        QTest::addColumn<int>("pulse");
        QTest::addColumn<bool>("oxygen");
        QTest::addColumn<int>("total");
        QTest::addColumn<QString>("risk");
        QTest::newRow("pulse only, normal") << 70 << false << 0 << QStringLiteral("low");
        QTest::newRow("pulse only, a 3") << 131 << false << 3 << QStringLiteral("low-medium");
        QTest::newRow("pulse 3 and oxygen") << 131 << true << 5 << QStringLiteral("medium");
    }
    void incompleteInputStillRatesRisk()
    {
        QFETCH(int, pulse);
        QFETCH(bool, oxygen);
        QFETCH(int, total);
        QFETCH(QString, risk);
        News2Input input;
        input.pulse = pulse;
        input.onOxygen = oxygen;
        const News2Result result = computeNews2(input);
        QVERIFY(!result.complete);
        QCOMPARE(result.missing,
                 (QStringList{QStringLiteral("rr"), QStringLiteral("spo2"), QStringLiteral("sbp"),
                              QStringLiteral("acvpu"), QStringLiteral("temp")}));
        QCOMPARE(result.parts.keys(), (QStringList{QStringLiteral("oxygen"), QStringLiteral("pulse")}));
        QCOMPARE(result.total, total);
        QCOMPARE(news2RiskKey(result.risk), risk);
    }

    void riskKeys()
    {
        QCOMPARE(news2RiskKey(News2Risk::Low), QStringLiteral("low"));
        QCOMPARE(news2RiskKey(News2Risk::LowMedium), QStringLiteral("low-medium"));
        QCOMPARE(news2RiskKey(News2Risk::Medium), QStringLiteral("medium"));
        QCOMPARE(news2RiskKey(News2Risk::High), QStringLiteral("high"));
    }

    void responses_data()
    {
        QTest::addColumn<int>("total");
        QTest::addColumn<int>("risk");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("french");
        auto row = [](const char *name, int total, News2Risk risk, const char *english, const char *french) {
            QTest::newRow(name) << total << int(risk) << QString::fromUtf8(english)
                                << QString::fromUtf8(french);
        };
        row("0", 0, News2Risk::Low, "Minimum monitoring every 12 h; continue routine NEWS2 monitoring.",
            "Surveillance toutes les 12 h ; poursuivre la surveillance NEWS2 habituelle.");
        row("1-4", 3, News2Risk::Low,
            "Minimum monitoring every 4–6 h; a registered nurse assesses the patient.",
            "Surveillance toutes les 4 à 6 h ; évaluation par l’infirmier(ère).");
        row("single 3", 3, News2Risk::LowMedium, "Minimum monitoring hourly; urgent ward-based review.",
            "Surveillance horaire ; avis médical urgent dans le service.");
        row("5-6", 5, News2Risk::Medium,
            "Minimum monitoring hourly; urgent response by a clinician with acute-care competencies.",
            "Surveillance horaire ; intervention urgente d’un médecin compétent en soins aigus.");
        row("7+", 7, News2Risk::High, "Continuous monitoring; emergency response by the critical-care team.",
            "Surveillance continue ; appel en urgence de l’équipe de réanimation.");
    }
    void responses()
    {
        QFETCH(int, total);
        QFETCH(int, risk);
        QFETCH(QString, english);
        QFETCH(QString, french);
        News2Result result;
        result.total = total;
        result.risk = News2Risk(risk);
        QCOMPARE(news2Response(result), english);
        QCOMPARE(news2ResponseFr(result), french);
    }

    void responseFollowsComputedScore()
    {
        QVERIFY(news2Response(computeNews2(normalInput())).contains(QStringLiteral("every 12 h")));
        News2Input input = normalInput();
        input.pulse = 95;
        QVERIFY(news2Response(computeNews2(input)).contains(QStringLiteral("every 4–6 h")));
        QVERIFY(news2ResponseFr(computeNews2(input)).contains(QStringLiteral("4 à 6 h")));
    }
};

QTEST_GUILESS_MAIN(TestNews2)
#include "tst_news2.moc"
