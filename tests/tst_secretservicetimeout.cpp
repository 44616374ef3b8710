// Runs under dbus-run-session with no keyring: the test owns org.freedesktop.secrets itself and
// never answers, as a Secret Service stuck behind an unanswered unlock prompt would.
#include "keystore/secretservicedevicesecretstore.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusVirtualObject>
#include <QElapsedTimer>
#include <QTest>

using namespace chevet;
using namespace std::chrono_literals;

namespace {

// Takes every call and answers none. (The peer Ping is answered by Qt DBus itself, so the
// service looks alive.)
class SilentService : public QDBusVirtualObject
{
public:
    QString introspect(const QString &) const override { return {}; }
    bool handleMessage(const QDBusMessage &message, const QDBusConnection &) override
    {
        message.setDelayedReply(true);
        ++calls;
        return true;
    }
    int calls = 0;
};

} // namespace

class TestSecretServiceTimeout : public QObject
{
    Q_OBJECT

    SilentService m_service;

private Q_SLOTS:
    void initTestCase()
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY2(bus.isConnected(), "no session bus: run this test through CTest (dbus-run-session)");
        QVERIFY(bus.registerVirtualObject(QStringLiteral("/org/freedesktop/secrets"), &m_service,
                                          QDBusConnection::SubPath));
        QVERIFY2(bus.registerService(QStringLiteral("org.freedesktop.secrets")),
                 "another Secret Service already runs on this bus");
    }

    void aServiceThatNeverAnswersTimesOut()
    {
        QVERIFY(SecretServiceDeviceSecretStore::isAvailable(2s));
        SecretServiceDeviceSecretStore store(QStringLiteral("chevet-test"), 700ms);
        QElapsedTimer timer;
        timer.start();
        const Result<QByteArray> secret = store.deviceSecret();
        const qint64 elapsed = timer.elapsed();
        QVERIFY(!secret.ok());
        QCOMPARE(secret.error().code, ErrorCode(PlatformError::KeyStoreTimeout));
        QVERIFY(secret.error().transient);
        QVERIFY2(elapsed >= 600 && elapsed < 5000, qPrintable(QString::number(elapsed)));
    }
};

QTEST_GUILESS_MAIN(TestSecretServiceTimeout)
#include "tst_secretservicetimeout.moc"
