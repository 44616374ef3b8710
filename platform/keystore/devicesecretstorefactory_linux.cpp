#include "devicesecretstorefactory.h"

#include "core/logging.h"
#include "filedevicesecretstore.h"
#include "secretservicedevicesecretstore.h"

namespace chevet {

std::unique_ptr<DeviceSecretStore> makeDeviceSecretStore(const QString &dataDir, const QString &appId)
{
    if (SecretServiceDeviceSecretStore::isAvailable()) {
        qCInfo(lcPlatform) << "device secret kept by the Secret Service";
        return std::make_unique<SecretServiceDeviceSecretStore>(appId);
    }
    qCInfo(lcPlatform) << "no Secret Service: device secret kept in a private file";
    return std::make_unique<FileDeviceSecretStore>(dataDir + QStringLiteral("/device.key"));
}

} // namespace chevet
