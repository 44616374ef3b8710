#include "devicesecretstorefactory.h"

#include "filedevicesecretstore.h"

namespace chevet {

// Desktops without a supported OS key store (or a Linux build without libsecret).
std::unique_ptr<DeviceSecretStore> makeDeviceSecretStore(const QString &dataDir, const QString &)
{
    return std::make_unique<FileDeviceSecretStore>(dataDir + QStringLiteral("/device.key"));
}

} // namespace chevet
