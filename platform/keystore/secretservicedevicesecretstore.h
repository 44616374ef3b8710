#pragma once

#include "devicesecretstore.h"

#include <QString>

#include <chrono>

namespace chevet {

// The device secret kept by the desktop's Secret Service (GNOME Keyring, KWallet): 32 random bytes,
// base64, made on first use, under the schema "org.chevet.DeviceSecret" and an attribute naming the
// app, so two installs (or a test) never share a secret. Every call is bounded by a timeout: a locked
// keyring waiting for a prompt nobody answers must not freeze the ward's tablet.
class SecretServiceDeviceSecretStore final : public DeviceSecretStore
{
public:
    static constexpr std::chrono::milliseconds kDefaultTimeout{20000};

    explicit SecretServiceDeviceSecretStore(QString appId = QStringLiteral("chevet"),
                                            std::chrono::milliseconds timeout = kDefaultTimeout);
    Result<QByteArray> deviceSecret() override;
    Status forget() override;

    // True when a session bus is configured and the Secret Service answers on it within `timeout`.
    // Never blocks longer than that, and never starts a bus of its own.
    static bool isAvailable(std::chrono::milliseconds timeout = std::chrono::milliseconds(1500));

private:
    QString m_appId;
    std::chrono::milliseconds m_timeout;
};

} // namespace chevet
