#pragma once

#include "devicesecretstore.h"

#include <QString>

#include <memory>

namespace chevet {

// The platform's best key store, chosen at build time by CMake and, on desktop Linux, at run time:
//  - Android: the Android Keystore; iOS: the Keychain (this device only, after first unlock);
//  - Linux: the Secret Service when the session bus offers one (probed with a short timeout),
//    otherwise a 0600 file `device.key` in `dataDir`. The first choice is kept for that folder
//    (`device.key` itself, or a `device-secret-store` marker): a secret never moves silently;
//  - elsewhere: the file in `dataDir`.
// `appId` separates the secrets of two installs (and of tests) in a shared OS key store.
std::unique_ptr<DeviceSecretStore> makeDeviceSecretStore(const QString &dataDir,
                                                         const QString &appId = QStringLiteral("chevet"));

} // namespace chevet
