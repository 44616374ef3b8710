// Runs under tests/with-keyring.sh: a private session bus with a fresh, unlocked GNOME Keyring.
#include "keystore/devicesecretstorefactory.h"
#include "keystore/filedevicesecretstore.h"
#include "keystore/secretservicedevicesecretstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace chevet;

namespace {

QString errorText(const Result<QByteArray> &r)
{
    return r.ok() ? QString() : r.error().toString();
}

// A fresh app id per test keeps runs independent even in a keyring that survives them.
QString freshAppId()
{
    return QStringLiteral("chevet-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Sets an environment variable for one scope and puts the old value back.
class EnvOverride
{
public:
    EnvOverride(const char *name, const QByteArray *value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        if (value)
            qputenv(name, *value);
        else
            qunsetenv(name);
    }
    ~EnvOverride()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

class TestSecretServiceStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
                 "no session bus: run this test through CTest (dbus-run-session + with-keyring.sh)");
        QVERIFY2(SecretServiceDeviceSecretStore::isAvailable(std::chrono::seconds(5)),
                 "the Secret Service (gnome-keyring-daemon) does not answer on the session bus");
    }

    void secretIsMadeOnceAndKept()
    {
        const QString app = freshAppId();
        SecretServiceDeviceSecretStore first(app);
        const Result<QByteArray> made = first.deviceSecret();
        QVERIFY2(made.ok(), qPrintable(errorText(made)));
        QCOMPARE(made->size(), 32);
        QVERIFY(made.value() != QByteArray(32, '\0'));

        const Result<QByteArray> again = first.deviceSecret();
        QVERIFY2(again.ok(), qPrintable(errorText(again)));
        QCOMPARE(again.value(), made.value());

        SecretServiceDeviceSecretStore second(app);
        const Result<QByteArray> fromNewInstance = second.deviceSecret();
        QVERIFY2(fromNewInstance.ok(), qPrintable(errorText(fromNewInstance)));
        QCOMPARE(fromNewInstance.value(), made.value());
    }

    // Security review F7: forgetting the device clears the secret from the keyring, and only this app's.
    void forgettingClearsTheSecretAndOnlyThisAppsOne()
    {
        const QString app = freshAppId();
        SecretServiceDeviceSecretStore mine(app);
        SecretServiceDeviceSecretStore other(freshAppId());
        const Result<QByteArray> made = mine.deviceSecret();
        const Result<QByteArray> others = other.deviceSecret();
        QVERIFY2(made.ok() && others.ok(), qPrintable(errorText(made) + errorText(others)));
        const Status forgotten = mine.forget();
        QVERIFY2(forgotten.ok(), qPrintable(forgotten.ok() ? QString() : forgotten.error().message));
        const Result<QByteArray> next = SecretServiceDeviceSecretStore(app).deviceSecret();
        QVERIFY2(next.ok(), qPrintable(errorText(next)));
        QVERIFY(next.value() != made.value());
        QCOMPARE(other.deviceSecret().value(), others.value());
        QVERIFY(SecretServiceDeviceSecretStore(freshAppId()).forget().ok()); // nothing stored: fine
    }

    void appsDoNotShareASecret()
    {
        SecretServiceDeviceSecretStore a(freshAppId());
        SecretServiceDeviceSecretStore b(freshAppId());
        const Result<QByteArray> sa = a.deviceSecret();
        const Result<QByteArray> sb = b.deviceSecret();
        QVERIFY2(sa.ok() && sb.ok(), qPrintable(errorText(sa) + errorText(sb)));
        QVERIFY(sa.value() != sb.value());
    }

    void factoryUsesTheSecretServiceWhenOffered()
    {
        QTemporaryDir dir;
        const QString app = freshAppId();
        std::unique_ptr<DeviceSecretStore> store = makeDeviceSecretStore(dir.path(), app);
        QVERIFY(dynamic_cast<SecretServiceDeviceSecretStore *>(store.get()) != nullptr);
        const Result<QByteArray> secret = store->deviceSecret();
        QVERIFY2(secret.ok(), qPrintable(errorText(secret)));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("device.key"))));
        SecretServiceDeviceSecretStore direct(app);
        QCOMPARE(direct.deviceSecret().value(), secret.value());
    }

    void factoryFallsBackToAFileWithoutBus()
    {
        QTemporaryDir dir;
        const EnvOverride noBus("DBUS_SESSION_BUS_ADDRESS", nullptr);
        QVERIFY(!SecretServiceDeviceSecretStore::isAvailable());
        std::unique_ptr<DeviceSecretStore> store = makeDeviceSecretStore(dir.path(), freshAppId());
        QVERIFY(dynamic_cast<FileDeviceSecretStore *>(store.get()) != nullptr);
        const Result<QByteArray> secret = store->deviceSecret();
        QVERIFY2(secret.ok(), qPrintable(errorText(secret)));
        QFile file(dir.filePath(QStringLiteral("device.key")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), secret.value());
    }

    void theChoiceIsKeptForTheFolder()
    {
        QTemporaryDir dir;
        const QString app = freshAppId();
        const Result<QByteArray> first = makeDeviceSecretStore(dir.path(), app)->deviceSecret();
        QVERIFY2(first.ok(), qPrintable(errorText(first)));
        {
            // Started outside the desktop session: no silent switch to a new file secret.
            const EnvOverride noBus("DBUS_SESSION_BUS_ADDRESS", nullptr);
            std::unique_ptr<DeviceSecretStore> store = makeDeviceSecretStore(dir.path(), app);
            QVERIFY(dynamic_cast<SecretServiceDeviceSecretStore *>(store.get()) != nullptr);
            const Result<QByteArray> without = store->deviceSecret();
            QVERIFY(!without.ok());
            QCOMPARE(without.error().code, ErrorCode(PlatformError::KeyStoreUnavailable));
            QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("device.key"))));
        }
        QCOMPARE(makeDeviceSecretStore(dir.path(), app)->deviceSecret().value(), first.value());

        // And a folder that began with a file keeps its file, even with the Secret Service there.
        QTemporaryDir fileDir;
        FileDeviceSecretStore file(fileDir.filePath(QStringLiteral("device.key")));
        const Result<QByteArray> fromFile = file.deviceSecret();
        QVERIFY2(fromFile.ok(), qPrintable(errorText(fromFile)));
        std::unique_ptr<DeviceSecretStore> store = makeDeviceSecretStore(fileDir.path(), app);
        QVERIFY(dynamic_cast<FileDeviceSecretStore *>(store.get()) != nullptr);
        QCOMPARE(store->deviceSecret().value(), fromFile.value());
    }

    void aDeadBusIsProbedQuickly()
    {
        QTemporaryDir dir;
        const QByteArray dead = "unix:path=" + dir.filePath(QStringLiteral("no-bus")).toUtf8();
        const EnvOverride deadBus("DBUS_SESSION_BUS_ADDRESS", &dead);
        QElapsedTimer timer;
        timer.start();
        std::unique_ptr<DeviceSecretStore> store = makeDeviceSecretStore(dir.path(), freshAppId());
        QVERIFY(timer.elapsed() < 3000);
        QVERIFY(dynamic_cast<FileDeviceSecretStore *>(store.get()) != nullptr);
    }
};

QTEST_GUILESS_MAIN(TestSecretServiceStore)
#include "tst_secretservicestore.moc"
