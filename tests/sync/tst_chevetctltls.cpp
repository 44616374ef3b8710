// Security review F6: the IT team pins the DPI's public key for chevetctl (--dpi-pin or CHEVET_DPI_PINS)
// and trusts its CA (--ca): over real TLS to chevet-dpi, a wrong pin stops the sync before anything is
// sent, the right one lets it through, and `status` shows what sync would use.
#include "../standindpi.h"
#include "chevetctlrun.h"
#include "testcertificates.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

using namespace chevet::test;

class TestChevetctlTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    StandInDpi m_dpi;
    QString m_base;
    QString m_rightPin;
    const QString m_wrongPin =
        QStringLiteral("sha256/") + QString::fromLatin1(QByteArray(32, '\x5a').toBase64());

    using Run = CtlRun;

    Run ctl(const QStringList &args)
    {
        return runChevetctl(m_dir.path(), QStringLiteral("ide-martin"), args,
                            {{QStringLiteral("CHEVET_CA"), m_dir.filePath(QStringLiteral("ca.pem"))}});
    }

    Run sync(const QString &pin)
    {
        return ctl({QStringLiteral("sync"), QStringLiteral("--dpi"), m_base, QStringLiteral("--token"),
                    QStringLiteral("dev"), QStringLiteral("--dpi-pin"), pin});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(writeTestCertificates(m_dir.path()));
        const QList<QSslCertificate> server =
            QSslCertificate::fromPath(m_dir.filePath(QStringLiteral("server.pem")));
        QCOMPARE(server.size(), 1);
        m_rightPin = QStringLiteral("sha256/") +
                     QString::fromLatin1(QCryptographicHash::hash(server.first().publicKey().toDer(),
                                                                  QCryptographicHash::Sha256)
                                             .toBase64());
        QVERIFY2(m_dpi.start(m_dir.filePath(QStringLiteral("dpi.sqlite")),
                             {QStringLiteral("--idp"), QStringLiteral("--tls-cert"),
                              m_dir.filePath(QStringLiteral("server.pem")), QStringLiteral("--tls-key"),
                              m_dir.filePath(QStringLiteral("server.key"))}),
                 qPrintable(m_dpi.problem()));
        m_base = m_dpi.base();
        QCOMPARE(ctl({QStringLiteral("init")}).exitCode, 0);
        QCOMPARE(ctl({QStringLiteral("patient"), QStringLiteral("add"), QStringLiteral("--ipp"),
                      QStringLiteral("780001"), QStringLiteral("--family"), QStringLiteral("Test"),
                      QStringLiteral("--given"), QStringLiteral("Tls"), QStringLiteral("--birth"),
                      QStringLiteral("1950-02-03")})
                     .exitCode,
                 0);
    }

    void cleanupTestCase() { m_dpi.stop(); }

    void aWrongPinStopsTheSyncBeforeAnythingIsSent()
    {
        const Run refused = sync(m_wrongPin);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("pin-mismatch") || refused.out.contains("pin-mismatch"),
                 refused.err.constData());
        QCOMPARE(ctl({QStringLiteral("status")}).json().value(QStringLiteral("pending")).toInteger(), 1);
    }

    void theRightPinAmongOthersLetsItThrough()
    {
        const Run synced = sync(m_wrongPin + QLatin1Char(',') + m_rightPin);
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        QCOMPARE(synced.json().value(QStringLiteral("pushed")).toInt(), 1);
    }

    // The identity provider is pinned too: a TLS proxy the system trusts could otherwise publish its own
    // signing keys and name any nurse (a hostile review of F6).
    void aWrongIdentityProviderPinStopsTheSignIn()
    {
        const Run refused =
            ctl({QStringLiteral("signin"), QStringLiteral("--dpi"), m_base, QStringLiteral("--nurse"),
                 QStringLiteral("ide-martin"), QStringLiteral("--idp-pin"), m_wrongPin});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("pin-mismatch"), refused.err.constData());
    }

    void statusShowsThePinsAndTheCa()
    {
        const Run status = ctl({QStringLiteral("status"), QStringLiteral("--dpi-pin"), m_rightPin});
        QCOMPARE(status.exitCode, 0);
        const QJsonObject tls = status.json().value(QStringLiteral("tls")).toObject();
        QCOMPARE(tls.value(QStringLiteral("dpiPins")).toArray(), QJsonArray{m_rightPin});
        QCOMPARE(tls.value(QStringLiteral("idpPins")).toArray(), QJsonArray());
        QCOMPARE(tls.value(QStringLiteral("extraCa")).toString(), m_dir.filePath(QStringLiteral("ca.pem")));
        const Run bad =
            ctl({QStringLiteral("status"), QStringLiteral("--dpi-pin"), QStringLiteral("sha256/short")});
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.err.contains("bad-pin"), bad.err.constData());
        // Present but empty: refused, never read as "no pinning" (a hostile review).
        const Run empty =
            ctl({QStringLiteral("sync"), QStringLiteral("--dpi"), m_base, QStringLiteral("--token"),
                 QStringLiteral("dev"), QStringLiteral("--dpi-pin"), QString()});
        QVERIFY(empty.exitCode != 0);
        QVERIFY2(empty.err.contains("names no pin"), empty.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestChevetctlTls)
#include "tst_chevetctltls.moc"
