#include "filedevicesecretstore.h"

#include "core/logging.h"
#include "crypto/random.h"
#include "crypto/wipe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

namespace chevet {

namespace {

constexpr int kSecretSize = 32;

Error platformError(PlatformError code, const QString &message)
{
    return makeError(code, message);
}

} // namespace

FileDeviceSecretStore::FileDeviceSecretStore(QString path)
    : m_path(std::move(path))
{}

QString FileDeviceSecretStore::defaultPath()
{
    const QString overridden = qEnvironmentVariable("CHEVET_DEVICE_KEY");
    if (!overridden.isEmpty())
        return overridden;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/chevet/device.key");
}

Result<QByteArray> FileDeviceSecretStore::deviceSecret()
{
    QFile file(m_path);
    if (file.exists()) {
        const QFile::Permissions others =
            QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther;
        if (file.permissions() & others)
            return platformError(
                PlatformError::KeyFileExposed,
                QStringLiteral("the device key file can be read by other users; fix its permissions "
                               "(chmod 600) before use"));
        // Unbuffered, into one array: a QIODevice buffer would keep a copy of the secret, freed unwiped
        // (security review F10).
        if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
            return platformError(
                PlatformError::KeyFileUnreadable,
                QStringLiteral("cannot read the device key file: %1").arg(file.errorString()));
        QByteArray secret(kSecretSize + 1, Qt::Uninitialized);
        const qint64 read = file.read(secret.data(), secret.size());
        if (read != kSecretSize) {
            crypto::wipe(secret);
            return platformError(PlatformError::KeyFileDamaged,
                                 QStringLiteral("the device key file is damaged"));
        }
        secret.truncate(kSecretSize);
        return secret;
    }

    const QFileInfo info(m_path);
    const bool folderExisted = QFileInfo::exists(info.absolutePath());
    if (!QDir().mkpath(info.absolutePath()))
        return platformError(PlatformError::KeyFileUnwritable,
                             QStringLiteral("cannot create the folder for the device key"));
    // Only a folder made here is ours to close; an existing one (a home folder, /tmp) is left as it is.
    if (!folderExisted)
        QFile::setPermissions(info.absolutePath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    Result<QByteArray> secret = crypto::randomBytes(kSecretSize);
    if (!secret)
        return secret.error();
    QSaveFile out(m_path);
    // Restrict before any byte is written, so the secret is never readable by others even briefly.
    if (!out.open(QIODevice::WriteOnly | QIODevice::Unbuffered) ||
        !out.setPermissions(QFile::ReadOwner | QFile::WriteOwner) || out.write(*secret) != kSecretSize ||
        !out.commit()) {
        crypto::wipe(*secret);
        return platformError(PlatformError::KeyFileUnwritable,
                             QStringLiteral("cannot write the device key file: %1").arg(out.errorString()));
    }
    qCInfo(lcPlatform) << "new device key created";
    return secret;
}

Status FileDeviceSecretStore::forget()
{
    QFile file(m_path);
    if (!file.exists())
        return {};
    // Overwritten in place and synced first: the freed blocks hold zeros, not the key (unlinking a file
    // with dirty pages would drop the zeros and leave the key on disk).
    if (!file.open(QIODevice::ReadWrite) || file.write(QByteArray(int(file.size()), '\0')) != file.size() ||
        !file.flush())
        return platformError(
            PlatformError::KeyFileUnwritable,
            QStringLiteral("cannot overwrite the device key file: %1").arg(file.errorString()));
#if defined(Q_OS_UNIX)
    if (::fsync(file.handle()) != 0)
        return platformError(PlatformError::KeyFileUnwritable,
                             QStringLiteral("cannot sync the overwritten device key file"));
#endif
    file.close();
    if (!file.remove())
        return platformError(PlatformError::KeyFileUnwritable,
                             QStringLiteral("cannot remove the device key file: %1").arg(file.errorString()));
    qCInfo(lcPlatform) << "device key destroyed";
    return {};
}

} // namespace chevet
