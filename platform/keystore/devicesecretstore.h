#pragma once

#include "core/result.h"

#include <QByteArray>

namespace chevet {

// Holds the device secret that, together with the nurse's PIN, unwraps a store's data key. Copying
// the store file off the device is useless without it.
class DeviceSecretStore
{
public:
    virtual ~DeviceSecretStore() = default;
    // The device's secret, made on first use.
    virtual Result<QByteArray> deviceSecret() = 0;
};

} // namespace chevet
