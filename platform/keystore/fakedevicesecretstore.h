#pragma once

#include "devicesecretstore.h"

namespace chevet {

// For tests: a fixed secret, or a failure to simulate a missing key store.
class FakeDeviceSecretStore final : public DeviceSecretStore
{
public:
    explicit FakeDeviceSecretStore(QByteArray secret = QByteArray(32, '\x5a'))
        : m_secret(std::move(secret))
    {}
    Result<QByteArray> deviceSecret() override
    {
        if (m_secret.isEmpty())
            return makeError(PlatformError::NoKeyStore, QStringLiteral("no key store"));
        return m_secret;
    }
    Status forget() override
    {
        m_secret = QByteArray(32, '\x33'); // another secret from now on
        ++forgotten;
        return {};
    }
    int forgotten = 0;

private:
    QByteArray m_secret;
};

} // namespace chevet
