#include "aesgcm.h"

#include "opensslholders.h"

#include <openssl/err.h>

#include <algorithm>
#include <climits>
#include <optional>

namespace chevet::crypto {

namespace {

const EVP_CIPHER *aes256Gcm()
{
    // EVP_aes_256_gcm() would re-fetch the implementation on every init; this runs on each record write.
    static const CipherHolder cipher(EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr));
    return cipher.get();
}

std::optional<Error> checkInputs(const QByteArray &key, const QByteArray &nonce, qsizetype dataSize,
                                 const QByteArray &aad)
{
    if (key.size() != kKeySize)
        return cryptoError(CryptoError::BadKey, QStringLiteral("AES-256-GCM needs a 32-byte key"));
    if (nonce.size() != kNonceSize)
        return cryptoError(CryptoError::BadNonce, QStringLiteral("AES-256-GCM needs a 12-byte nonce"));
    // The EVP update calls take int lengths.
    if (dataSize > INT_MAX - kTagSize || aad.size() > INT_MAX)
        return cryptoError(CryptoError::TooLarge, QStringLiteral("data too large to encrypt in one piece"));
    return std::nullopt;
}

} // namespace

Status aesGcmEncryptAppend(const QByteArray &key, const QByteArray &nonce, const QByteArray &plaintext,
                           const QByteArray &aad, QByteArray &out)
{
    if (const std::optional<Error> error = checkInputs(key, nonce, plaintext.size(), aad))
        return *error;
    const EVP_CIPHER *cipher = aes256Gcm();
    if (cipher == nullptr)
        return opensslError(CryptoError::Unavailable, QStringLiteral("AES-256-GCM is not available"));
    const CipherCtxHolder ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    // GCM's default IV length is 12 bytes, so no EVP_CTRL_GCM_SET_IVLEN is needed.
    if (!ctx || EVP_EncryptInit_ex2(ctx.get(), cipher, ucharData(key), ucharData(nonce), nullptr) != 1 ||
        (!aad.isEmpty() &&
         EVP_EncryptUpdate(ctx.get(), nullptr, &length, ucharData(aad), int(aad.size())) != 1)) {
        return opensslError(CryptoError::EncryptFailed, QStringLiteral("AES-256-GCM set-up failed"));
    }

    const qsizetype start = out.size();
    out.resize(start + plaintext.size() + kTagSize);
    unsigned char *cursor = ucharData(out) + start;
    int written = 0;
    if (!plaintext.isEmpty()) {
        if (EVP_EncryptUpdate(ctx.get(), cursor, &length, ucharData(plaintext), int(plaintext.size())) != 1) {
            out.truncate(start);
            return opensslError(CryptoError::EncryptFailed, QStringLiteral("AES-256-GCM encryption failed"));
        }
        written = length;
    }
    if (EVP_EncryptFinal_ex(ctx.get(), cursor + written, &length) != 1 ||
        written + length != int(plaintext.size()) ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, kTagSize, cursor + plaintext.size()) != 1) {
        out.truncate(start);
        return opensslError(CryptoError::EncryptFailed, QStringLiteral("AES-256-GCM encryption failed"));
    }
    return {};
}

Result<QByteArray> aesGcmEncrypt(const QByteArray &key, const QByteArray &nonce, const QByteArray &plaintext,
                                 const QByteArray &aad)
{
    QByteArray out;
    out.reserve(plaintext.size() + kTagSize);
    const Status encrypted = aesGcmEncryptAppend(key, nonce, plaintext, aad, out);
    if (!encrypted)
        return encrypted.error();
    return out;
}

Result<QByteArray> aesGcmDecrypt(const QByteArray &key, const QByteArray &nonce,
                                 const QByteArray &ciphertextAndTag, const QByteArray &aad)
{
    if (const std::optional<Error> error = checkInputs(key, nonce, ciphertextAndTag.size(), aad))
        return *error;
    const auto authFailed = [] {
        return cryptoError(CryptoError::AuthFailed,
                           QStringLiteral("the data failed authentication: wrong key, altered, or not the "
                                          "record it was sealed for"));
    };
    if (ciphertextAndTag.size() < kTagSize)
        return authFailed();
    const EVP_CIPHER *cipher = aes256Gcm();
    if (cipher == nullptr)
        return opensslError(CryptoError::Unavailable, QStringLiteral("AES-256-GCM is not available"));

    const int ciphertextSize = int(ciphertextAndTag.size() - kTagSize);
    const unsigned char *ciphertext = ucharData(ciphertextAndTag);
    // SET_TAG takes a non-const pointer.
    unsigned char tag[kTagSize];
    std::copy_n(ciphertext + ciphertextSize, kTagSize, tag);

    const CipherCtxHolder ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    if (!ctx || EVP_DecryptInit_ex2(ctx.get(), cipher, ucharData(key), ucharData(nonce), nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, kTagSize, tag) != 1 ||
        (!aad.isEmpty() &&
         EVP_DecryptUpdate(ctx.get(), nullptr, &length, ucharData(aad), int(aad.size())) != 1)) {
        return opensslError(CryptoError::DecryptFailed, QStringLiteral("AES-256-GCM set-up failed"));
    }

    QByteArray plaintext(ciphertextSize, Qt::Uninitialized);
    int written = 0;
    if (ciphertextSize > 0) {
        if (EVP_DecryptUpdate(ctx.get(), ucharData(plaintext), &length, ciphertext, ciphertextSize) != 1) {
            wipe(plaintext);
            return opensslError(CryptoError::DecryptFailed, QStringLiteral("AES-256-GCM decryption failed"));
        }
        written = length;
    }
    // GCM decrypts before it verifies: what Update wrote must not outlive a failed check.
    if (EVP_DecryptFinal_ex(ctx.get(), ucharData(plaintext) + written, &length) != 1) {
        wipe(plaintext);
        ERR_clear_error();
        return authFailed();
    }
    return plaintext;
}

} // namespace chevet::crypto
