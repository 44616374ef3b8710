// Which PINs a nurse may choose (security review F2: any 4 characters were accepted, and 1234, 1111 and
// 0000 open a fifth of human-chosen PINs).
#include "session/pinrules.h"

#include <QTest>

using namespace chevet;

Q_DECLARE_METATYPE(chevet::PinWeakness)

class TestPinRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data()
    {
        QTest::addColumn<QByteArray>("pin");
        QTest::addColumn<PinWeakness>("weakness");
        QTest::newRow("empty") << QByteArray() << PinWeakness::TooShort;
        QTest::newRow("4 digits") << QByteArrayLiteral("4821") << PinWeakness::TooShort;
        QTest::newRow("5 digits") << QByteArrayLiteral("48215") << PinWeakness::TooShort;
        QTest::newRow("letters") << QByteArrayLiteral("48a157") << PinWeakness::NotDigits;
        QTest::newRow("space") << QByteArrayLiteral("482 157") << PinWeakness::NotDigits;
        QTest::newRow("non-ASCII digit") << QByteArrayLiteral("48215\xd9\xa3") << PinWeakness::NotDigits;
        QTest::newRow("000000") << QByteArrayLiteral("000000") << PinWeakness::Repeated;
        QTest::newRow("111111") << QByteArrayLiteral("111111") << PinWeakness::Repeated;
        QTest::newRow("121212") << QByteArrayLiteral("121212") << PinWeakness::Repeated;
        QTest::newRow("123123") << QByteArrayLiteral("123123") << PinWeakness::Repeated;
        QTest::newRow("12341234") << QByteArrayLiteral("12341234") << PinWeakness::Repeated;
        QTest::newRow("123456") << QByteArrayLiteral("123456") << PinWeakness::Sequence;
        QTest::newRow("654321") << QByteArrayLiteral("654321") << PinWeakness::Sequence;
        QTest::newRow("890123 wraps") << QByteArrayLiteral("890123") << PinWeakness::Sequence;
        QTest::newRow("135791 step 2") << QByteArrayLiteral("135791") << PinWeakness::Sequence;
        QTest::newRow("24681357 not one step") << QByteArrayLiteral("24681357") << PinWeakness::None;
        QTest::newRow("a birthday DDMMYY") << QByteArrayLiteral("250890") << PinWeakness::Date;
        QTest::newRow("29 February") << QByteArrayLiteral("290204") << PinWeakness::Date;
        QTest::newRow("DDMMYYYY") << QByteArrayLiteral("25081990") << PinWeakness::Date;
        QTest::newRow("not a month") << QByteArrayLiteral("251390") << PinWeakness::None;
        QTest::newRow("8 digits, not a year") << QByteArrayLiteral("25083190") << PinWeakness::None;
        QTest::newRow("112233") << QByteArrayLiteral("112233") << PinWeakness::Common;
        QTest::newRow("147258 keypad column") << QByteArrayLiteral("147258") << PinWeakness::Common;
        QTest::newRow("159753 keypad cross") << QByteArrayLiteral("159753") << PinWeakness::Common;
        QTest::newRow("482157") << QByteArrayLiteral("482157") << PinWeakness::None;
        QTest::newRow("246813, the demo's") << QByteArrayLiteral("246813") << PinWeakness::None;
        QTest::newRow("9 digits") << QByteArrayLiteral("907314268") << PinWeakness::None;
    }
    void rules()
    {
        QFETCH(QByteArray, pin);
        QFETCH(PinWeakness, weakness);
        QCOMPARE(pinWeakness(pin), weakness);
        QCOMPARE(pinWeaknessText(weakness).isEmpty(), weakness == PinWeakness::None);
    }

    // How much of the 6-digit space the rules take away: enough to stop the first guesses, little enough
    // that a nurse's own choice is rarely refused.
    void theRulesRefuseAFewPercentOfSixDigitPins()
    {
        int refused = 0;
        for (int n = 0; n < 1000000; ++n) {
            if (pinWeakness(QByteArray::number(n).rightJustified(6, '0')) != PinWeakness::None)
                ++refused;
        }
        qInfo("6-digit PINs refused: %d of 1,000,000", refused);
        QVERIFY(refused > 30000); // the dates alone are about 36,500
        QVERIFY(refused < 50000);
    }

    void aLongerMinimumCanBeAsked()
    {
        QCOMPARE(pinWeakness(QByteArrayLiteral("482157"), 8), PinWeakness::TooShort);
        QCOMPARE(pinWeakness(QByteArrayLiteral("48215790"), 8), PinWeakness::None);
    }
};

QTEST_GUILESS_MAIN(TestPinRules)
#include "tst_pinrules.moc"
