#include "devicesecretstorefactory.h"
#include "ioskeychaindevicesecretstore.h"

namespace chevet {

std::unique_ptr<DeviceSecretStore> makeDeviceSecretStore(const QString &, const QString &appId)
{
    return std::make_unique<IosKeychainDeviceSecretStore>(appId);
}

} // namespace chevet
