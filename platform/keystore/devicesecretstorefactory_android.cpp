#include "androidkeystoredevicesecretstore.h"
#include "devicesecretstorefactory.h"

namespace chevet {

std::unique_ptr<DeviceSecretStore> makeDeviceSecretStore(const QString &dataDir, const QString &appId)
{
    return std::make_unique<AndroidKeystoreDeviceSecretStore>(dataDir, appId);
}

} // namespace chevet
