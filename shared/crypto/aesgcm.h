#pragma once

#include "core/result.h"

#include <QByteArray>

namespace chevet::crypto {

inline constexpr int kKeySize = 32;
inline constexpr int kNonceSize = 12;
inline constexpr int kTagSize = 16;

// AES-256-GCM. A nonce must never be reused with the same key: callers draw it at random.
// Errors: "bad-key", "bad-nonce", "too-large" (input over 2 GiB).
Result<QByteArray> aesGcmEncrypt(const QByteArray &key, const QByteArray &nonce, const QByteArray &plaintext,
                                 const QByteArray &aad);

// Appends ciphertext || tag to `out`, so a caller building a framed blob (Sealer) allocates once.
Status aesGcmEncryptAppend(const QByteArray &key, const QByteArray &nonce, const QByteArray &plaintext,
                           const QByteArray &aad, QByteArray &out);

// Error "auth-failed" when the tag does not match: wrong key, tampered data or a different aad. No
// plaintext is released in that case.
Result<QByteArray> aesGcmDecrypt(const QByteArray &key, const QByteArray &nonce,
                                 const QByteArray &ciphertextAndTag, const QByteArray &aad);

} // namespace chevet::crypto
