#include "model/vitalkind.h"

#include <QTest>

using namespace chevet;

class TestVitalKind : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codingsMatchTheReference_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("key");
        auto row = [](VitalKind k, const char *code, const char *unit, const char *key) {
            QTest::newRow(key) << int(k) << QString::fromLatin1(code) << QString::fromLatin1(unit)
                               << QString::fromLatin1(key);
        };
        row(VitalKind::RespiratoryRate, "9279-1", "/min", "rr");
        row(VitalKind::HeartRate, "8867-4", "/min", "pulse");
        row(VitalKind::OxygenSaturation, "2708-6", "%", "spo2");
        row(VitalKind::BodyTemperature, "8310-5", "Cel", "temp");
        row(VitalKind::BloodPressure, "85354-9", "mm[Hg]", "bp");
        row(VitalKind::BodyWeight, "29463-7", "kg", "weight");
        row(VitalKind::BodyHeight, "8302-2", "cm", "height");
        row(VitalKind::BodyMassIndex, "39156-5", "kg/m2", "bmi");
        row(VitalKind::PainScore, "72514-3", "{score}", "pain");
        row(VitalKind::GlucoseMmol, "14743-9", "mmol/L", "glucose-mmol");
        row(VitalKind::GlucoseMgdl, "2339-0", "mg/dL", "glucose-mgdl");
        row(VitalKind::Consciousness, "1104441000000107", "", "acvpu");
        row(VitalKind::News2Score, "1104051000000101", "{score}", "news2");
    }

    void codingsMatchTheReference()
    {
        QFETCH(int, kind);
        QFETCH(QString, code);
        QFETCH(QString, unit);
        QFETCH(QString, key);
        const VitalCoding &coding = vitalCoding(VitalKind(kind));
        QCOMPARE(coding.code, code);
        QCOMPARE(coding.unit, unit);
        QCOMPARE(coding.key, key);
        QCOMPARE(vitalKindFromKey(key), std::optional<VitalKind>(VitalKind(kind)));
        QCOMPARE(vitalKindFromCode(coding.system, code), std::optional<VitalKind>(VitalKind(kind)));
    }

    void usCorePulseOximetryCodeReadsAsSpo2()
    {
        QCOMPARE(vitalKindFromCode(QStringLiteral("http://loinc.org"), QStringLiteral("59408-5")),
                 std::optional<VitalKind>(VitalKind::OxygenSaturation));
    }

    void acvpuLetters()
    {
        QCOMPARE(acvpuFromLetter(QStringLiteral("c")), std::optional<Acvpu>(Acvpu::Confusion));
        QCOMPARE(acvpuLetter(Acvpu::Unresponsive), QStringLiteral("U"));
        QVERIFY(!acvpuFromLetter(QStringLiteral("X")));
        QVERIFY(!acvpuFromLetter(QStringLiteral("AC")));
    }
};

QTEST_GUILESS_MAIN(TestVitalKind)
#include "tst_vitalkind.moc"
