#pragma once

#include "core/result.h"

#include <QByteArray>

namespace chevet::crypto {

inline constexpr int kSha256Size = 32;

// SHA-256 cannot fail on valid input; an empty result means OpenSSL itself is unusable.
QByteArray sha256(const QByteArray &data);

Result<QByteArray> hmacSha256(const QByteArray &key, const QByteArray &data);

// RFC 5869 extract-then-expand. An empty salt means "no salt" (a block of zeros), as in the RFC.
// length: 1 to 255 * 32 bytes.
Result<QByteArray> hkdfSha256(const QByteArray &ikm, const QByteArray &salt, const QByteArray &info,
                              int length);

} // namespace chevet::crypto
