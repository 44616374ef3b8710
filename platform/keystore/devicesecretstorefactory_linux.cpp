#include "devicesecretstorefactory.h"

#include "core/buildmode.h"
#include "core/logging.h"
#include "filedevicesecretstore.h"
#include "keystorechoice.h"
#include "refusingdevicesecretstore.h"
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
    KeyStoreSituation situation;
    situation.keyFileExists = QFile::exists(keyFile);
    situation.secretServiceRecorded = recordedChoice(dataDir) == kSecretService;
    if (!situation.keyFileExists && !situation.secretServiceRecorded)
        situation.secretServiceAvailable = SecretServiceDeviceSecretStore::isAvailable();
    switch (chooseKeyStore(kBuildMode, situation)) {
    case KeyStoreChoice::SecretService:
        if (!situation.secretServiceRecorded) {
            qCInfo(lcPlatform) << "device secret kept by the Secret Service";
            recordChoice(dataDir, kSecretService);
        }
        return std::make_unique<SecretServiceDeviceSecretStore>(appId);
    case KeyStoreChoice::File:
        qCWarning(lcPlatform) << "development build without the Secret Service: the device secret is kept in "
                                 "a private file beside the data (a production build refuses this)";
        return std::make_unique<FileDeviceSecretStore>(keyFile);
    case KeyStoreChoice::Refused:
        break;
    }
    qCWarning(lcPlatform) << "no Secret Service: the device secret cannot be kept safely here";
    return std::make_unique<RefusingDeviceSecretStore>(QStringLiteral(
        "this tablet keeps its device secret in the desktop's Secret Service (a keyring such as "
        "GNOME Keyring or KWallet), which does not answer in this session; the secret is never "
        "kept in a file beside the data"));
}

} // namespace chevet
