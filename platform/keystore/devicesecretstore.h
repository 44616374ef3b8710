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
    // Destroys it ("forget this device", security review F7): no copy of a store made before, with any
    // PIN, opens again. The next deviceSecret() makes a new one. Forgetting a missing secret succeeds.
    virtual Status forget() = 0;
};

} // namespace chevet
