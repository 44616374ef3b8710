// chevetctl signin against chevet-dpi's development provider, then sync with the stored (sealed)
// sign-in; a session that has ended stops sync with "sign-in-needed" and keeps every record queued;
// signing in again delivers them once.
#include "../standindpi.h"
#include "chevetctlrun.h"
#include "syncfixture.h"

using namespace chevet::test;

#include <QFile>
#include <QJsonDocument>
#include <QTest>

class TestChevetctlSignIn : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    StandInDpi m_dpi;
    QString m_base;

    using Run = CtlRun;

    Run ctl(const QStringList &args)
    {
        return runChevetctl(m_dir.path(), QStringLiteral("ide-martin"), args,
                            {{QStringLiteral("CHEVET_DPI"), m_base}});
    }

    qint64 pending()
    {
        return ctl({QStringLiteral("status")}).json().value(QStringLiteral("pending")).toInteger(-1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Short sessions: 2 s access tokens, 4 s refresh tokens.
        QVERIFY2(m_dpi.start(m_dir.filePath(QStringLiteral("dpi.sqlite")),
                             {QStringLiteral("--idp"), QStringLiteral("--require-auth"),
                              QStringLiteral("--token-lifetime"), QStringLiteral("2"),
                              QStringLiteral("--refresh-lifetime"), QStringLiteral("4")}),
                 qPrintable(m_dpi.problem()));
        m_base = m_dpi.base();
        QCOMPARE(ctl({QStringLiteral("init")}).exitCode, 0);
    }

    void cleanupTestCase() { m_dpi.stop(); }

    void signInSyncSessionEndsSignInAgain()
    {
        QCOMPARE(ctl({QStringLiteral("patient"), QStringLiteral("add"), QStringLiteral("--ipp"),
                      QStringLiteral("760001"), QStringLiteral("--family"), QStringLiteral("Moreau"),
                      QStringLiteral("--given"), QStringLiteral("Claire"), QStringLiteral("--birth"),
                      QStringLiteral("1948-03-17")})
                     .exitCode,
                 0);
        const Run unsigned_ = ctl({QStringLiteral("sync")});
        QCOMPARE(unsigned_.exitCode, 1);
        QCOMPARE(unsigned_.json().value(QStringLiteral("code")).toString(), QStringLiteral("unauthorized"));
        QCOMPARE(pending(), 1); // refused credentials never quarantine

        // Enrolled on this tablet (her key slot), but the identity provider does not know her: refused there.
        QCOMPARE(ctl({QStringLiteral("nurse"), QStringLiteral("add"), QStringLiteral("ide-inconnue"),
                      QStringLiteral("--new-pin"), QStringLiteral("246813")})
                     .exitCode,
                 0);
        const Run unknown =
            ctl({QStringLiteral("signin"), QStringLiteral("--nurse"), QStringLiteral("ide-inconnue")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("access_denied"), unknown.err.constData());

        const Run signedIn =
            ctl({QStringLiteral("signin"), QStringLiteral("--nurse"), QStringLiteral("ide-martin")});
        QVERIFY2(signedIn.exitCode == 0, signedIn.err.constData());
        QCOMPARE(signedIn.json().value(QStringLiteral("nurse")).toString(), QStringLiteral("ide-martin"));
        QVERIFY(!signedIn.out.contains("eyJ"));                         // no token printed
        for (const char *file : {"tablet.chevet", "tablet.chevet-wal"}) // none in clear
            QVERIFY(!readFile(m_dir.filePath(QString::fromLatin1(file))).contains("eyJ"));

        const Run first = ctl({QStringLiteral("sync")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QCOMPARE(first.json().value(QStringLiteral("pushed")).toInt(), 1);

        // Offline work while the session ends (both tokens expire).
        for (int i = 0; i < 3; ++i)
            QCOMPARE(ctl({QStringLiteral("record"), QStringLiteral("vitals"), QStringLiteral("--patient"),
                          QStringLiteral("760001"), QStringLiteral("--pulse"), QStringLiteral("72")})
                         .exitCode,
                     0);
        QCOMPARE(pending(), 3);
        QTest::qWait(4500);
        const Run ended = ctl({QStringLiteral("sync")});
        QCOMPARE(ended.exitCode, 1);
        QCOMPARE(ended.json().value(QStringLiteral("code")).toString(), QStringLiteral("sign-in-needed"));
        QCOMPARE(ended.json().value(QStringLiteral("retryLater")).toBool(true), false);
        QCOMPARE(ended.json().value(QStringLiteral("quarantined")).toInt(-1), 0);
        QCOMPARE(pending(), 3);
        // Remembered as ended: the next sync says so without asking the provider.
        QCOMPARE(ctl({QStringLiteral("sync")}).json().value(QStringLiteral("code")).toString(),
                 QStringLiteral("sign-in-needed"));

        QCOMPARE(
            ctl({QStringLiteral("signin"), QStringLiteral("--nurse"), QStringLiteral("ide-martin")}).exitCode,
            0);
        const Run delivered = ctl({QStringLiteral("sync")});
        QVERIFY2(delivered.exitCode == 0, delivered.err.constData());
        QCOMPARE(delivered.json().value(QStringLiteral("pushed")).toInt(), 3);
        QCOMPARE(pending(), 0);
        QCOMPARE(ctl({QStringLiteral("sync")}).json().value(QStringLiteral("pushed")).toInt(-1), 0);

        QCOMPARE(ctl({QStringLiteral("signout")}).exitCode, 0);
        QCOMPARE(ctl({QStringLiteral("sync")}).json().value(QStringLiteral("code")).toString(),
                 QStringLiteral("unauthorized"));
    }
};

QTEST_GUILESS_MAIN(TestChevetctlSignIn)
#include "tst_chevetctlsignin.moc"
