#pragma once

#include "devicesecretstore.h"

#include <QString>

namespace chevet {

// Android: the Keystore cannot export a raw secret, so a non-exportable AES key in the Keystore
// (alias per app id) wraps 32 random bytes kept in `dataDir`. The Java side lives in the app's
// package as org.chevet.platform.DeviceSecret (keystore/android/DeviceSecret.java); this class calls it.
class AndroidKeystoreDeviceSecretStore final : public DeviceSecretStore
{
public:
    AndroidKeystoreDeviceSecretStore(QString dataDir, QString appId);
    Result<QByteArray> deviceSecret() override;
    Status forget() override;

private:
    QString m_dataDir;
    QString m_appId;
};

} // namespace chevet
