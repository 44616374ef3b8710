// FHIR instants and dates as the mapping reads them: every DPI timestamp goes through these two parsers,
// read by hand since a regular expression cost more than the rest of mapping an Observation.
#include "fhir/jsonreader.h"

#include <QTest>

using namespace chevet;
using namespace chevet::fhir;

class TestFhirDates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dateTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms"); // -1: refused
        const qint64 base = QDateTime(QDate(2026, 12, 4), QTime(8, 30, 15), Qt::UTC).toMSecsSinceEpoch();
        QTest::newRow("Z") << QStringLiteral("2026-12-04T08:30:15Z") << base;
        QTest::newRow("+01:00") << QStringLiteral("2026-12-04T09:30:15+01:00") << base;
        QTest::newRow("-03:30") << QStringLiteral("2026-12-04T05:00:15-03:30") << base;
        QTest::newRow("one fraction digit") << QStringLiteral("2026-12-04T08:30:15.5Z") << base + 500;
        QTest::newRow("three") << QStringLiteral("2026-12-04T08:30:15.123Z") << base + 123;
        QTest::newRow("nine, cut to ms") << QStringLiteral("2026-12-04T08:30:15.123456789Z") << base + 123;
        QTest::newRow("+14:00") << QStringLiteral("2026-12-04T22:30:15+14:00") << base;
        QTest::newRow("leap day") << QStringLiteral("2028-02-29T00:00:00Z")
                                  << QDateTime(QDate(2028, 2, 29), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        QTest::newRow("no zone") << QStringLiteral("2026-12-04T08:30:15") << qint64(-1);
        QTest::newRow("no seconds") << QStringLiteral("2026-12-04T08:30Z") << qint64(-1);
        QTest::newRow("date only") << QStringLiteral("2026-12-04") << qint64(-1);
        QTest::newRow("ten fraction digits")
            << QStringLiteral("2026-12-04T08:30:15.1234567890Z") << qint64(-1);
        QTest::newRow("empty fraction") << QStringLiteral("2026-12-04T08:30:15.Z") << qint64(-1);
        QTest::newRow("+15:00") << QStringLiteral("2026-12-04T08:30:15+15:00") << qint64(-1);
        QTest::newRow("offset minutes 60") << QStringLiteral("2026-12-04T08:30:15+01:60") << qint64(-1);
        QTest::newRow("offset without colon") << QStringLiteral("2026-12-04T08:30:15+0100") << qint64(-1);
        QTest::newRow("trailing text") << QStringLiteral("2026-12-04T08:30:15Zx") << qint64(-1);
        QTest::newRow("space for T") << QStringLiteral("2026-12-04 08:30:15Z") << qint64(-1);
        QTest::newRow("hour 24") << QStringLiteral("2026-12-04T24:00:00Z") << qint64(-1);
        QTest::newRow("30 February") << QStringLiteral("2026-02-30T08:30:15Z") << qint64(-1);
        QTest::newRow("Arabic-Indic digits") << QStringLiteral("٢٠٢٦-12-04T08:30:15Z") << qint64(-1);
        QTest::newRow("sign in year") << QStringLiteral("-026-12-04T08:30:15Z") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }
    void dateTimes()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const std::optional<qint64> parsed = parseDateTime(text);
        if (ms < 0) {
            QVERIFY2(!parsed, qPrintable(text));
        } else {
            QVERIFY2(parsed, qPrintable(text));
            QCOMPARE(*parsed, ms);
        }
    }

    void dates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("date"); // invalid: refused
        QTest::newRow("plain") << QStringLiteral("1947-03-21") << QDate(1947, 3, 21);
        QTest::newRow("leap day") << QStringLiteral("2024-02-29") << QDate(2024, 2, 29);
        QTest::newRow("not a leap year") << QStringLiteral("2023-02-29") << QDate();
        QTest::newRow("year and month") << QStringLiteral("1947-03") << QDate();
        QTest::newRow("with a time") << QStringLiteral("1947-03-21T00:00:00Z") << QDate();
        QTest::newRow("minus in year") << QStringLiteral("-947-03-21") << QDate();
        QTest::newRow("month 13") << QStringLiteral("1947-13-01") << QDate();
        QTest::newRow("slashes") << QStringLiteral("1947/03/21") << QDate();
    }
    void dates()
    {
        QFETCH(QString, text);
        QFETCH(QDate, date);
        const std::optional<QDate> parsed = parseDate(text);
        if (!date.isValid()) {
            QVERIFY2(!parsed, qPrintable(text));
        } else {
            QVERIFY2(parsed, qPrintable(text));
            QCOMPARE(*parsed, date);
        }
    }
};

QTEST_GUILESS_MAIN(TestFhirDates)
#include "tst_fhirdates.moc"
