// The app's command line and environment. Security review F15: a static bearer token (readable by
// anyone through ps or /proc) and the demo's automatic unlock were accepted by the shipping app. They
// are development conveniences: a production build refuses --token and ignores the variables.
#include "backend/appoptions.h"

#include <QTest>

using namespace chevet;
using namespace chevet::app;

class TestAppOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        qputenv("CHEVET_TOKEN", "env-token");
        qputenv("CHEVET_DEMO_NURSE", "ide.demo");
        qputenv("CHEVET_DEMO_PIN", "246813");
    }
    void cleanup()
    {
        qunsetenv("CHEVET_TOKEN");
        qunsetenv("CHEVET_DEMO_NURSE");
        qunsetenv("CHEVET_DEMO_PIN");
    }

    void aDevelopmentBuildTakesTheConveniences()
    {
        AppOptions o;
        QCOMPARE(parseAppOptions({QStringLiteral("chevet")}, o, BuildMode::Development), QString());
        QCOMPARE(o.token, QByteArrayLiteral("env-token"));
        QCOMPARE(o.demoNurse, QStringLiteral("ide.demo"));
        QCOMPARE(o.demoPin, QByteArrayLiteral("246813"));
        AppOptions fromArgs;
        QCOMPARE(parseAppOptions({QStringLiteral("chevet"), QStringLiteral("--token"), QStringLiteral("t")},
                                 fromArgs, BuildMode::Development),
                 QString());
        QCOMPARE(fromArgs.token, QByteArrayLiteral("t"));
    }

    void aProductionBuildRefusesATokenAndIgnoresTheDemo()
    {
        AppOptions o;
        QCOMPARE(parseAppOptions({QStringLiteral("chevet")}, o, BuildMode::Production), QString());
        QVERIFY(o.token.isEmpty());
        QVERIFY(o.demoNurse.isEmpty());
        QVERIFY(o.demoPin.isEmpty());
        AppOptions fromArgs;
        const QString problem =
            parseAppOptions({QStringLiteral("chevet"), QStringLiteral("--token"), QStringLiteral("t")},
                            fromArgs, BuildMode::Production);
        QVERIFY2(problem.contains(QLatin1String("--token")), qPrintable(problem));
        QVERIFY(fromArgs.token.isEmpty());
    }

    // Security review F6: the IT team pins the DPI's key for the app as for chevetctl.
    void theDpisPinsAreTakenFromTheCommandLineOrTheEnvironment()
    {
        const QString pin =
            QStringLiteral("sha256/") + QString::fromLatin1(QByteArray(32, '\x11').toBase64());
        AppOptions o;
        QCOMPARE(parseAppOptions({QStringLiteral("chevet"), QStringLiteral("--dpi-pin"), pin}, o,
                                 BuildMode::Production),
                 QString());
        QCOMPARE(o.dpiPins, QList<QByteArray>{QByteArray(32, '\x11')});
        qputenv("CHEVET_DPI_PINS",
                (pin + QStringLiteral(", sha256/") + QString::fromLatin1(QByteArray(32, '\x22').toBase64()))
                    .toLatin1());
        AppOptions fromEnv;
        QCOMPARE(parseAppOptions({QStringLiteral("chevet")}, fromEnv, BuildMode::Production), QString());
        QCOMPARE(fromEnv.dpiPins.size(), 2);
        qunsetenv("CHEVET_DPI_PINS");
        AppOptions bad;
        QVERIFY(
            parseAppOptions({QStringLiteral("chevet"), QStringLiteral("--dpi-pin"), QStringLiteral("abc")},
                            bad, BuildMode::Production)
                .contains(QStringLiteral("SPKI pin")));
    }
};

QTEST_GUILESS_MAIN(TestAppOptions)
#include "tst_appoptions.moc"
