#pragma once

#include "devicesecretstore.h"

#include <QString>

namespace chevet {

// What a production build gets where the device secret could only be kept in clear: every request
// fails with "key-store-required" and says why, so nothing is ever unwrapped with a file secret.
class RefusingDeviceSecretStore final : public DeviceSecretStore
{
public:
    explicit RefusingDeviceSecretStore(QString why)
        : m_why(std::move(why))
    {}
    Result<QByteArray> deviceSecret() override { return makeError(PlatformError::KeyStoreRequired, m_why); }
    Status forget() override { return makeError(PlatformError::KeyStoreRequired, m_why); }

private:
    QString m_why;
};

} // namespace chevet
