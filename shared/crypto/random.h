#pragma once

#include "core/result.h"

#include <QByteArray>

namespace chevet::crypto {

// Bytes from OpenSSL's CSPRNG, for keys, salts and nonces.
Result<QByteArray> randomBytes(int count);

// Same source, written in place, so hot paths (one nonce per sealed record) need no allocation.
Status fillRandom(void *data, qsizetype count);

} // namespace chevet::crypto
