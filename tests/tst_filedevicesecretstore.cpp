#include "keystore/filedevicesecretstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace chevet;

namespace {

constexpr QFile::Permissions kOthers = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                       QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
constexpr QFile::Permissions kOwnerReadWrite = QFile::ReadOwner | QFile::WriteOwner;
constexpr QFile::Permissions kOwnerAll = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

// Owner, group and other bits only: the "User" bits describe the caller, not the file.
QFile::Permissions modeOf(const QString &path)
{
    return QFile::permissions(path) & (kOwnerAll | kOthers);
}

bool writeFile(const QString &path, const QByteArray &bytes, QFile::Permissions permissions)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() &&
           file.setPermissions(permissions);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString errorText(const Result<QByteArray> &r)
{
    return r.ok() ? QString() : r.error().toString();
}

} // namespace

Q_DECLARE_METATYPE(QFile::Permissions)

class TestFileDeviceSecretStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void firstUseMakesAPrivateSecret()
    {
        const QString folder = m_dir.filePath(QStringLiteral("first/chevet"));
        const QString path = folder + QStringLiteral("/device.key");
        FileDeviceSecretStore store(path);
        const Result<QByteArray> secret = store.deviceSecret();
        QVERIFY2(secret.ok(), qPrintable(errorText(secret)));
        QCOMPARE(secret->size(), 32);
        QVERIFY(*secret != QByteArray(32, '\0'));
        QCOMPARE(readFile(path), *secret);
        QCOMPARE(modeOf(path), QFile::Permissions(kOwnerReadWrite));
        QCOMPARE(modeOf(folder), QFile::Permissions(kOwnerAll));
        // Nothing else was left beside it (no temporary file from the atomic write).
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{QStringLiteral("device.key")});
    }

    void theSecretIsKept()
    {
        const QString path = m_dir.filePath(QStringLiteral("kept/device.key"));
        FileDeviceSecretStore store(path);
        const Result<QByteArray> first = store.deviceSecret();
        QVERIFY2(first.ok(), qPrintable(errorText(first)));
        const Result<QByteArray> again = store.deviceSecret();
        QVERIFY2(again.ok(), qPrintable(errorText(again)));
        QCOMPARE(*again, *first);
        const Result<QByteArray> restarted = FileDeviceSecretStore(path).deviceSecret();
        QVERIFY2(restarted.ok(), qPrintable(errorText(restarted)));
        QCOMPARE(*restarted, *first);

        const Result<QByteArray> elsewhere =
            FileDeviceSecretStore(m_dir.filePath(QStringLiteral("other/device.key"))).deviceSecret();
        QVERIFY2(elsewhere.ok(), qPrintable(errorText(elsewhere)));
        QVERIFY(*elsewhere != *first);
    }

    // Security review F7: "forget this device" destroys the secret; the next use makes another one.
    void forgettingDestroysTheSecret()
    {
        const QString path = m_dir.filePath(QStringLiteral("forgotten/device.key"));
        FileDeviceSecretStore store(path);
        const Result<QByteArray> first = store.deviceSecret();
        QVERIFY2(first.ok(), qPrintable(errorText(first)));
        QVERIFY(store.forget().ok());
        QVERIFY(!QFile::exists(path));
        QVERIFY(store.forget().ok()); // nothing left to forget: still fine
        const Result<QByteArray> next = store.deviceSecret();
        QVERIFY2(next.ok(), qPrintable(errorText(next)));
        QVERIFY(*next != *first);
    }

    void anExistingFolderKeepsItsPermissions()
    {
        const QString folder = m_dir.filePath(QStringLiteral("shared-folder"));
        QVERIFY(QDir().mkpath(folder));
        const QFile::Permissions open =
            kOwnerAll | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
        QVERIFY(QFile::setPermissions(folder, open));
        const Result<QByteArray> secret =
            FileDeviceSecretStore(folder + QStringLiteral("/device.key")).deviceSecret();
        QVERIFY2(secret.ok(), qPrintable(errorText(secret)));
        QCOMPARE(modeOf(folder), open);
        QCOMPARE(modeOf(folder + QStringLiteral("/device.key")), QFile::Permissions(kOwnerReadWrite));
    }

    void anExposedFileIsRefused_data()
    {
        QTest::addColumn<QFile::Permissions>("permissions");
        QTest::newRow("0640 group can read") << (kOwnerReadWrite | QFile::ReadGroup);
        QTest::newRow("0620 group can write") << (kOwnerReadWrite | QFile::WriteGroup);
        QTest::newRow("0604 anyone can read") << (kOwnerReadWrite | QFile::ReadOther);
        QTest::newRow("0602 anyone can write") << (kOwnerReadWrite | QFile::WriteOther);
        QTest::newRow("0666") << (kOwnerReadWrite | QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther |
                                  QFile::WriteOther);
    }

    void anExposedFileIsRefused()
    {
        QFETCH(QFile::Permissions, permissions);
        const QString path = m_dir.filePath(QStringLiteral("exposed-%1.key").arg(int(permissions), 0, 16));
        const QByteArray original(32, '\x42');
        QVERIFY(writeFile(path, original, permissions));
        const Result<QByteArray> secret = FileDeviceSecretStore(path).deviceSecret();
        QVERIFY(!secret.ok());
        QCOMPARE(secret.error().code, ErrorCode(PlatformError::KeyFileExposed));
        QCOMPARE(secret.error().domain, ErrorDomain::Platform);
        QVERIFY(!secret.error().message.contains(QString::fromLatin1(original.toHex())));
        // Refused as it is: neither replaced nor "fixed" behind the user's back.
        QCOMPARE(readFile(path), original);
        QCOMPARE(modeOf(path), permissions);
    }

    void aDamagedFileIsRefused_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("empty") << 0;
        QTest::newRow("16 bytes") << 16;
        QTest::newRow("31 bytes") << 31;
        QTest::newRow("33 bytes") << 33;
        QTest::newRow("64 bytes") << 64;
    }

    void aDamagedFileIsRefused()
    {
        QFETCH(int, size);
        const QString path = m_dir.filePath(QStringLiteral("damaged-%1.key").arg(size));
        const QByteArray original(size, '\x17');
        QVERIFY(writeFile(path, original, kOwnerReadWrite));
        const Result<QByteArray> secret = FileDeviceSecretStore(path).deviceSecret();
        QVERIFY(!secret.ok());
        QCOMPARE(secret.error().code, ErrorCode(PlatformError::KeyFileDamaged));
        QCOMPARE(readFile(path), original); // never silently replaced: that would lock the stores out
        QCOMPARE(modeOf(path), QFile::Permissions(kOwnerReadWrite));
    }

    void aGoodExistingFileIsUsedAsIs()
    {
        const QString path = m_dir.filePath(QStringLiteral("provisioned.key"));
        const QByteArray provisioned = QByteArray::fromHex("00112233445566778899aabbccddeeff"
                                                           "ffeeddccbbaa99887766554433221100");
        QVERIFY(writeFile(path, provisioned, kOwnerReadWrite));
        const Result<QByteArray> secret = FileDeviceSecretStore(path).deviceSecret();
        QVERIFY2(secret.ok(), qPrintable(errorText(secret)));
        QCOMPARE(*secret, provisioned);
    }

    void defaultPathFollowsTheEnvironment()
    {
        const QByteArray saved = qgetenv("CHEVET_DEVICE_KEY");
        const QString custom = m_dir.filePath(QStringLiteral("env/device.key"));
        qputenv("CHEVET_DEVICE_KEY", custom.toLocal8Bit());
        const QString overridden = FileDeviceSecretStore::defaultPath();
        qunsetenv("CHEVET_DEVICE_KEY");
        const QString standard = FileDeviceSecretStore::defaultPath();
        if (!saved.isNull())
            qputenv("CHEVET_DEVICE_KEY", saved);
        QCOMPARE(overridden, custom);
        QVERIFY(standard.endsWith(QStringLiteral("/chevet/device.key")));
    }
};

QTEST_GUILESS_MAIN(TestFileDeviceSecretStore)
#include "tst_filedevicesecretstore.moc"
