#include "devicesecretstorefactory.h"

#include "core/logging.h"
#include "filedevicesecretstore.h"
#include "secretservicedevicesecretstore.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace chevet {

namespace {

// The choice is made once per data folder and kept: a store whose secret lives in the Secret Service
// must never quietly switch to a new file secret (say, when started outside the desktop session), or
// its data key could no longer be unwrapped.
constexpr char kMarker[] = "/device-secret-store";
constexpr char kSecretService[] = "secret-service";

QByteArray recordedChoice(const QString &dataDir)
{
    QFile file(dataDir + QLatin1String(kMarker));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

void recordChoice(const QString &dataDir, const QByteArray &choice)
{
    QDir().mkpath(dataDir);
    QSaveFile file(dataDir + QLatin1String(kMarker));
    if (!file.open(QIODevice::WriteOnly) || file.write(choice + '\n') < 0 || !file.commit())
        qCWarning(lcPlatform) << "cannot record the key store choice:" << file.errorString();
}

} // namespace

std::unique_ptr<DeviceSecretStore> makeDeviceSecretStore(const QString &dataDir, const QString &appId)
{
    const QString keyFile = dataDir + QStringLiteral("/device.key");
    if (QFile::exists(keyFile))
        return std::make_unique<FileDeviceSecretStore>(keyFile);
    if (recordedChoice(dataDir) == kSecretService)
        return std::make_unique<SecretServiceDeviceSecretStore>(appId);
    if (SecretServiceDeviceSecretStore::isAvailable()) {
        qCInfo(lcPlatform) << "device secret kept by the Secret Service";
        recordChoice(dataDir, kSecretService);
        return std::make_unique<SecretServiceDeviceSecretStore>(appId);
    }
    qCInfo(lcPlatform) << "no Secret Service: device secret kept in a private file";
    return std::make_unique<FileDeviceSecretStore>(keyFile);
}

} // namespace chevet
