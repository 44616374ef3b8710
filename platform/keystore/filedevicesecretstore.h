#pragma once

#include "devicesecretstore.h"

#include <QString>

namespace chevet {

// Desktop fallback when no OS key store is offered: 32 random bytes in a file only the user can read
// (0600, in a 0700 folder). Refuses to use a file that others can read.
class FileDeviceSecretStore final : public DeviceSecretStore
{
public:
    explicit FileDeviceSecretStore(QString path);
    Result<QByteArray> deviceSecret() override;
    Status forget() override;

    // <app data folder>/device.key, or $CHEVET_DEVICE_KEY when set.
    static QString defaultPath();

private:
    QString m_path;
};

} // namespace chevet
