#pragma once

#include "core/result.h"

#include <QByteArray>

namespace chevet::crypto {

// Encrypts record payloads under the store's data key. Sealed blob:
//   0x01 (format) | 12-byte random nonce | ciphertext | 16-byte tag
// The aad binds a blob to its place (e.g. table and record id): a blob copied onto another record
// fails to open instead of silently showing the wrong patient's data.
class Sealer
{
public:
    static constexpr char kFormatV1 = 0x01;
    static constexpr int kOverhead = 1 + 12 + 16;

    explicit Sealer(QByteArray dataKey);
    ~Sealer();
    Sealer(const Sealer &other) = default;
    Sealer(Sealer &&other) noexcept = default;
    Sealer &operator=(const Sealer &other);
    Sealer &operator=(Sealer &&other) noexcept;

    Result<QByteArray> seal(const QByteArray &plaintext, const QByteArray &aad) const;
    // Errors: "sealed-truncated", "sealed-format" (unknown format byte), "auth-failed".
    Result<QByteArray> open(const QByteArray &sealed, const QByteArray &aad) const;

private:
    QByteArray m_key;
};

} // namespace chevet::crypto
