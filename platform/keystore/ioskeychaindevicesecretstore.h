#pragma once

#include "devicesecretstore.h"

#include <QString>

namespace chevet {

// iOS: 32 random bytes as a generic password in the Keychain, readable after the first unlock and
// never migrated to another device or backup (kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly).
class IosKeychainDeviceSecretStore final : public DeviceSecretStore
{
public:
    explicit IosKeychainDeviceSecretStore(QString appId);
    Result<QByteArray> deviceSecret() override;
    Status forget() override;

private:
    QString m_appId;
};

} // namespace chevet
