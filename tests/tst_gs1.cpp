#include "model/gs1.h"

#include <QTest>

using namespace chevet;

class TestGs1 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("gtin");
        QTest::addColumn<QString>("batch");
        QTest::addColumn<QDate>("expiry");
        QTest::addColumn<QString>("serial");
        const QString gs(QChar(0x1d));
        QTest::newRow("scanner, batch last")
            << QStringLiteral("]d2010340093000012017271231") + QStringLiteral("10LOT42") << "03400930000120"
            << "LOT42" << QDate(2027, 12, 31) << "";
        QTest::newRow("serial then batch with GS") << QStringLiteral("01034009300001202112345AB") + gs +
                                                          QStringLiteral("17260600") + QStringLiteral("10B7")
                                                   << "03400930000120"
                                                   << "B7" << QDate(2026, 6, 30) << "12345AB";
        QTest::newRow("printed form") << "(01)03400930000120(17)271231(10)LOT42"
                                      << "03400930000120"
                                      << "LOT42" << QDate(2027, 12, 31) << "";
        QTest::newRow("leading FNC1") << gs + QStringLiteral("0103400930000120") << "03400930000120"
                                      << "" << QDate() << "";
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(QString, gtin);
        QFETCH(QString, batch);
        QFETCH(QDate, expiry);
        QFETCH(QString, serial);
        const Result<Gs1Data> data = parseGs1(text);
        QVERIFY2(bool(data), data ? "" : qPrintable(data.error().message));
        QCOMPARE(data->gtin, gtin);
        QCOMPARE(data->batch, batch);
        QCOMPARE(data->serial, serial);
        QCOMPARE(data->expiry.value_or(QDate()), expiry);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("bad check digit") << "0103400930000121";
        QTest::newRow("unknown AI") << QStringLiteral("010340093000012099ABC");
        QTest::newRow("month 13") << "010340093000012017271331";
        QTest::newRow("31 February") << "010340093000012017270231";
        QTest::newRow("short GTIN") << "01034009300";
        QTest::newRow("no GTIN") << "(17)271231(10)LOT";
        QTest::newRow("unbalanced") << "(01)03400930000120(17";
    }
    void refuses()
    {
        QFETCH(QString, text);
        const Result<Gs1Data> data = parseGs1(text);
        QVERIFY(!data);
        QCOMPARE(data.error().code, ErrorCode(ModelError::BadGs1));
    }

    void gtinsOfDifferentLengthsCompareEqual()
    {
        QCOMPARE(normalizedGtin(QStringLiteral("3400930000120")), QStringLiteral("03400930000120"));
        QVERIFY(normalizedGtin(QStringLiteral("34009X")).isEmpty());
        QVERIFY(gtinCheckDigitValid(QStringLiteral("03400930000120")));
        QVERIFY(!gtinCheckDigitValid(QStringLiteral("03400930000127")));
    }

    void tellsGs1FromPlainCodes()
    {
        QVERIFY(looksLikeGs1(QStringLiteral("]d20103400930000120")));
        QVERIFY(looksLikeGs1(QStringLiteral("(01)03400930000120")));
        QVERIFY(!looksLikeGs1(QStringLiteral("8000001234")));
        QVERIFY(!looksLikeGs1(QStringLiteral("3400930000120")));
    }
};

QTEST_GUILESS_MAIN(TestGs1)
#include "tst_gs1.moc"
