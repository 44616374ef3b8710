#include "model/vitalranges.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace chevet;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr int kKindCount = int(VitalKind::News2Score) + 1;

} // namespace

class TestVitalRanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("unusual");
        auto row = [](VitalKind kind, double value, bool unusual) {
            QTest::addRow("%s %g", qPrintable(vitalCoding(kind).key), value) << int(kind) << value << unusual;
        };
        row(VitalKind::RespiratoryRate, 0, true);
        row(VitalKind::RespiratoryRate, 16, false);
        row(VitalKind::RespiratoryRate, 45, true);
        row(VitalKind::HeartRate, 20, true);
        row(VitalKind::HeartRate, 70, false);
        row(VitalKind::HeartRate, 150, false);
        row(VitalKind::HeartRate, 180, true);
        row(VitalKind::HeartRate, 300, true);
        row(VitalKind::OxygenSaturation, 40, true);
        row(VitalKind::OxygenSaturation, 97, false);
        row(VitalKind::OxygenSaturation, 100, false);
        row(VitalKind::BodyTemperature, 25, true);
        row(VitalKind::BodyTemperature, 37.2, false);
        row(VitalKind::BodyTemperature, 41.5, true);
        row(VitalKind::BodyTemperature, 45, true);
        row(VitalKind::BloodPressure, 120, false);
        row(VitalKind::BloodPressure, 230, true);
        row(VitalKind::BodyWeight, 70.5, false);
        row(VitalKind::BodyWeight, 250, true);
        row(VitalKind::BodyHeight, 172, false);
        row(VitalKind::BodyMassIndex, 24.2, false);
        row(VitalKind::BodyMassIndex, 55, true);
        row(VitalKind::PainScore, 0, false);
        row(VitalKind::PainScore, 10, false);
        row(VitalKind::GlucoseMmol, 5.5, false);
        row(VitalKind::GlucoseMmol, 2.5, true);
        row(VitalKind::GlucoseMgdl, 100, false);
        row(VitalKind::GlucoseMgdl, 400, true);
        row(VitalKind::Consciousness, 0, false);
        row(VitalKind::Consciousness, 4, false);
        row(VitalKind::News2Score, 0, false);
        row(VitalKind::News2Score, 20, false);
    }
    void accepted()
    {
        QFETCH(int, kind);
        QFETCH(double, value);
        QFETCH(bool, unusual);
        const Result<MeasureCheck> check = checkMeasure(VitalKind(kind), value);
        QVERIFY2(check.ok(), qPrintable(check.ok() ? QString() : check.error().toString()));
        QCOMPARE(check->plausibility, unusual ? Plausibility::Unusual : Plausibility::Normal);
        QCOMPARE(check->note.isEmpty(), !unusual);
    }

    void unusualNoteExplains()
    {
        const Result<MeasureCheck> check = checkMeasure(VitalKind::HeartRate, 180);
        QVERIFY(check.ok());
        QCOMPARE(check->note,
                 QStringLiteral("pulse 180 /min is unusual (expected 40–150 /min); check the measurement"));
    }

    void refused_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("value");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("message"); // a part of the message that must appear
        auto row = [](VitalKind kind, double value, ValidationError code, const QString &message) {
            QTest::addRow("%s %g", qPrintable(vitalCoding(kind).key), value)
                << int(kind) << value << ErrorCode(code) << message;
        };
        const ErrorCode range = ValidationError::OutOfRange;
        row(VitalKind::HeartRate, 900, ValidationError::OutOfRange,
            QStringLiteral("pulse 900 /min is impossible (accepted range 20–300 /min)"));
        row(VitalKind::HeartRate, 19, ValidationError::OutOfRange, QStringLiteral("pulse 19 /min"));
        row(VitalKind::RespiratoryRate, 81, ValidationError::OutOfRange, QStringLiteral("rr 81 /min"));
        row(VitalKind::OxygenSaturation, 140, ValidationError::OutOfRange,
            QStringLiteral("spo2 140 % is impossible"));
        row(VitalKind::OxygenSaturation, 101, ValidationError::OutOfRange, QStringLiteral("spo2 101 %"));
        row(VitalKind::OxygenSaturation, 39, ValidationError::OutOfRange, QStringLiteral("spo2 39 %"));
        row(VitalKind::BodyTemperature, 98.6, ValidationError::OutOfRange,
            QStringLiteral("it looks like Fahrenheit (98.6 °F = 37.0 °C)"));
        row(VitalKind::BodyTemperature, 24.9, ValidationError::OutOfRange,
            QStringLiteral("temp 24.9 °C is impossible"));
        row(VitalKind::BloodPressure, 400, ValidationError::OutOfRange,
            QStringLiteral("systolic 400 mmHg is impossible"));
        row(VitalKind::BodyWeight, 0, ValidationError::OutOfRange, QStringLiteral("weight 0 kg"));
        row(VitalKind::BodyHeight, 300, ValidationError::OutOfRange, QStringLiteral("height 300 cm"));
        row(VitalKind::PainScore, 11, ValidationError::OutOfRange,
            QStringLiteral("pain 11 is impossible (accepted range 0–10)"));
        row(VitalKind::PainScore, 2.5, ValidationError::BadValue,
            QStringLiteral("pain 2.5 must be a whole number from 0–10"));
        row(VitalKind::GlucoseMmol, 70, ValidationError::OutOfRange,
            QStringLiteral("glucose-mmol 70 mmol/L"));
        row(VitalKind::GlucoseMgdl, 2000, ValidationError::OutOfRange,
            QStringLiteral("glucose-mgdl 2000 mg/dL"));
        row(VitalKind::Consciousness, 5, ValidationError::OutOfRange, QStringLiteral("acvpu 5"));
        row(VitalKind::Consciousness, 1.5, ValidationError::BadValue,
            QStringLiteral("acvpu 1.5 must be a whole number"));
        row(VitalKind::News2Score, 21, ValidationError::OutOfRange, QStringLiteral("news2 21"));
        // Negative values, NaN and infinity are refused for every kind.
        for (int kind = 0; kind < kKindCount; ++kind) {
            const QString key = vitalCoding(VitalKind(kind)).key;
            // Messages name a blood pressure by the component checked.
            const QString label =
                VitalKind(kind) == VitalKind::BloodPressure ? QStringLiteral("systolic") : key;
            const QString noValue = label + QStringLiteral(" has no numeric value");
            QTest::addRow("%s negative", qPrintable(key))
                << kind << -1.0 << range << label + QStringLiteral(" -1");
            QTest::addRow("%s NaN", qPrintable(key))
                << kind << kNaN << ErrorCode(ValidationError::BadValue) << noValue;
            QTest::addRow("%s infinity", qPrintable(key))
                << kind << kInfinity << ErrorCode(ValidationError::BadValue) << noValue;
        }
    }
    void refused()
    {
        QFETCH(int, kind);
        QFETCH(double, value);
        QFETCH(ErrorCode, code);
        QFETCH(QString, message);
        const Result<MeasureCheck> check = checkMeasure(VitalKind(kind), value);
        QVERIFY(!check.ok());
        QCOMPARE(check.error().domain, ErrorDomain::Validation);
        QCOMPARE(check.error().code, code);
        QCOMPARE(check.error().field, vitalCoding(VitalKind(kind)).key);
        QVERIFY2(check.error().message.contains(message), qPrintable(check.error().message));
    }

    void fahrenheitHintOnlyWhenItFits()
    {
        const Result<MeasureCheck> check = checkMeasure(VitalKind::BodyTemperature, 60);
        QVERIFY(!check.ok());
        QVERIFY(!check.error().message.contains(QStringLiteral("Fahrenheit")));
    }

    void bloodPressure_data()
    {
        QTest::addColumn<double>("systolic");
        QTest::addColumn<double>("diastolic");
        QTest::addColumn<ErrorCode>("code"); // the default code (CoreError::Unknown) when accepted
        QTest::addColumn<bool>("unusual");
        QTest::addColumn<QString>("message");
        QTest::newRow("120/80") << 120.0 << 80.0 << ErrorCode() << false << QString();
        QTest::newRow("210/80") << 210.0 << 80.0 << ErrorCode() << true
                                << QStringLiteral("systolic 210 mmHg is unusual");
        QTest::newRow("150/130") << 150.0 << 130.0 << ErrorCode() << true
                                 << QStringLiteral("diastolic 130 mmHg is unusual");
        QTest::newRow("swapped") << 80.0 << 120.0 << ErrorCode(ValidationError::OutOfRange) << false
                                 << QStringLiteral("diastolic 120 mmHg must be lower than systolic 80 mmHg");
        QTest::newRow("equal") << 100.0 << 100.0 << ErrorCode(ValidationError::OutOfRange) << false
                               << QStringLiteral("must be lower than systolic");
        QTest::newRow("systolic 400") << 400.0 << 80.0 << ErrorCode(ValidationError::OutOfRange) << false
                                      << QStringLiteral("systolic 400 mmHg is impossible");
        QTest::newRow("diastolic 10") << 120.0 << 10.0 << ErrorCode(ValidationError::OutOfRange) << false
                                      << QStringLiteral("diastolic 10 mmHg is impossible");
        QTest::newRow("diastolic NaN") << 120.0 << kNaN << ErrorCode(ValidationError::BadValue) << false
                                       << QStringLiteral("diastolic has no numeric value");
        QTest::newRow("negative") << -120.0 << 80.0 << ErrorCode(ValidationError::OutOfRange) << false
                                  << QStringLiteral("systolic -120 mmHg");
    }
    void bloodPressure()
    {
        QFETCH(double, systolic);
        QFETCH(double, diastolic);
        QFETCH(ErrorCode, code);
        QFETCH(bool, unusual);
        QFETCH(QString, message);
        const Result<MeasureCheck> check = checkBloodPressure(systolic, diastolic);
        if (code == ErrorCode()) {
            QVERIFY2(check.ok(), qPrintable(check.ok() ? QString() : check.error().toString()));
            QCOMPARE(check->plausibility, unusual ? Plausibility::Unusual : Plausibility::Normal);
            QVERIFY2(check->note.contains(message), qPrintable(check->note));
            return;
        }
        QVERIFY(!check.ok());
        QCOMPARE(check.error().domain, ErrorDomain::Validation);
        QCOMPARE(check.error().code, code);
        QCOMPARE(check.error().field, QStringLiteral("bp"));
        QVERIFY2(check.error().message.contains(message), qPrintable(check.error().message));
    }

    void convert_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<double>("expected");
        auto row = [](VitalKind kind, double value, const char *unit, double expected) {
            QTest::addRow("%s %g %s", qPrintable(vitalCoding(kind).key), value, unit)
                << int(kind) << value << QString::fromLatin1(unit) << expected;
        };
        row(VitalKind::BodyTemperature, 37.2, "Cel", 37.2);
        row(VitalKind::BodyTemperature, 98.6, "[degF]", 37.0);
        row(VitalKind::BodyTemperature, 212, "[degF]", 100.0);
        row(VitalKind::HeartRate, 70, "/min", 70);
        row(VitalKind::OxygenSaturation, 97, "%", 97);
        row(VitalKind::BloodPressure, 120, "mm[Hg]", 120);
        row(VitalKind::BodyWeight, 70, "kg", 70);
        row(VitalKind::BodyWeight, 3250, "g", 3.25);
        row(VitalKind::BodyWeight, 100, "[lb_av]", 45.359237);
        row(VitalKind::BodyHeight, 1.72, "m", 172);
        row(VitalKind::BodyHeight, 10, "[in_i]", 25.4);
        row(VitalKind::BodyMassIndex, 24, "kg/m2", 24);
        row(VitalKind::PainScore, 4, "{score}", 4);
        row(VitalKind::PainScore, 4, "1", 4);
        row(VitalKind::GlucoseMmol, 5.5, "mmol/L", 5.5);
        row(VitalKind::GlucoseMmol, 90.08, "mg/dL", 5.0);
        row(VitalKind::GlucoseMgdl, 5.0, "mmol/L", 90.08);
        row(VitalKind::Consciousness, 2, "", 2);
        row(VitalKind::News2Score, 7, "{score}", 7);
        row(VitalKind::HeartRate, 70, " /min ", 70);
    }
    void convert()
    {
        QFETCH(int, kind);
        QFETCH(double, value);
        QFETCH(QString, unit);
        QFETCH(double, expected);
        const Result<double> converted = convertToUnit(VitalKind(kind), value, unit);
        QVERIFY2(converted.ok(), qPrintable(converted.ok() ? QString() : converted.error().toString()));
        QVERIFY2(std::abs(*converted - expected) < 1e-9, qPrintable(QString::number(*converted, 'g', 17)));
    }

    void badUnit_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("unit");
        auto row = [](VitalKind kind, const char *unit) {
            QTest::addRow("%s %s", qPrintable(vitalCoding(kind).key), unit)
                << int(kind) << QString::fromLatin1(unit);
        };
        row(VitalKind::BodyTemperature, "F");
        row(VitalKind::BodyTemperature, "[degF]x");
        row(VitalKind::HeartRate, "bpm");
        row(VitalKind::OxygenSaturation, "mmol/L");
        row(VitalKind::BloodPressure, "mmHg"); // not UCUM
        row(VitalKind::BodyWeight, "lb");
        row(VitalKind::BodyHeight, "[degF]");
        row(VitalKind::PainScore, "%");
        row(VitalKind::GlucoseMmol, "g/L");
        row(VitalKind::Consciousness, "{score}");
        row(VitalKind::News2Score, "1");
    }
    void badUnit()
    {
        QFETCH(int, kind);
        QFETCH(QString, unit);
        const QString key = vitalCoding(VitalKind(kind)).key;
        const Result<double> converted = convertToUnit(VitalKind(kind), 1.0, unit);
        QVERIFY(!converted.ok());
        QCOMPARE(converted.error().domain, ErrorDomain::Validation);
        QCOMPARE(converted.error().code, ErrorCode(ValidationError::BadUnit));
        QCOMPARE(converted.error().field, key);
        QVERIFY2(converted.error().message.contains(QLatin1Char('"') + unit + QLatin1Char('"')),
                 qPrintable(converted.error().message));
        QVERIFY2(converted.error().message.contains(key), qPrintable(converted.error().message));
    }

    void badUnitListsTheAcceptedOnes()
    {
        const Result<double> converted = convertToUnit(VitalKind::BodyWeight, 150, QStringLiteral("lb"));
        QVERIFY(!converted.ok());
        QCOMPARE(converted.error().message,
                 QStringLiteral("unit \"lb\" is not accepted for weight (accepted: kg, g, [lb_av])"));
    }

    void convertRefusesNonFinite()
    {
        const Result<double> converted =
            convertToUnit(VitalKind::BodyTemperature, kNaN, QStringLiteral("[degF]"));
        QVERIFY(!converted.ok());
        QCOMPARE(converted.error().code, ErrorCode(ValidationError::BadValue));
        QCOMPARE(converted.error().field, QStringLiteral("temp"));
    }

    // A Fahrenheit reading converted first is then an ordinary temperature.
    void convertedFahrenheitPassesTheCheck()
    {
        const Result<double> celsius =
            convertToUnit(VitalKind::BodyTemperature, 98.6, QStringLiteral("[degF]"));
        QVERIFY(celsius.ok());
        const Result<MeasureCheck> check = checkMeasure(VitalKind::BodyTemperature, *celsius);
        QVERIFY(check.ok());
        QCOMPARE(check->plausibility, Plausibility::Normal);
    }
};

QTEST_GUILESS_MAIN(TestVitalRanges)
#include "tst_vitalranges.moc"
