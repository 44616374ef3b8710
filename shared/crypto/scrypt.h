#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QtGlobal>

namespace chevet::crypto {

// RFC 7914 cost parameters. The defaults (32 MiB, about 0.1 s on a recent phone) make each PIN
// guess expensive for someone who has copied the store off the device.
struct ScryptParams
{
    quint64 n = 1u << 15;
    quint32 r = 8;
    quint32 p = 1;

    bool operator==(const ScryptParams &) const = default;
};

// Refuses n that is not a power of two above 1, r or p of zero, and parameters needing more than
// 1 GiB: they are read back from disk, and a damaged or forged value must not exhaust the device.
// length: 1 to 1024 bytes.
Result<QByteArray> scrypt(const QByteArray &password, const QByteArray &salt, const ScryptParams &params,
                          int length = 32);

} // namespace chevet::crypto
