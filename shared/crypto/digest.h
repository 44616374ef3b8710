#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <initializer_list>
#include <memory>

namespace chevet::crypto {

inline constexpr int kSha256Size = 32;

// SHA-256 cannot fail on valid input; an empty result means OpenSSL itself is unusable.
QByteArray sha256(const QByteArray &data);

Result<QByteArray> hmacSha256(const QByteArray &key, const QByteArray &data);

// HMAC-SHA256 under one key for many messages: the key is set up once, each mac() only hashes (about a
// third of the cost of hmacSha256()). Not thread-safe: one object per user. The key is not kept in clear.
class HmacSha256
{
public:
    explicit HmacSha256(const QByteArray &key);
    ~HmacSha256();
    HmacSha256(const HmacSha256 &) = delete;
    HmacSha256 &operator=(const HmacSha256 &) = delete;

    // The MAC of the parts joined, without joining them.
    Result<QByteArray> mac(std::initializer_list<QByteArrayView> parts);
    Result<QByteArray> mac(QByteArrayView data) { return mac({data}); }

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// RFC 5869 extract-then-expand. An empty salt means "no salt" (a block of zeros), as in the RFC.
// length: 1 to 255 * 32 bytes.
Result<QByteArray> hkdfSha256(const QByteArray &ikm, const QByteArray &salt, const QByteArray &info,
                              int length);

} // namespace chevet::crypto
