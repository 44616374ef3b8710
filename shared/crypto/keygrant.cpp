#include "keygrant.h"

#include "aesgcm.h"
#include "digest.h"
#include "opensslholders.h"
#include "random.h"

#include <openssl/evp.h>

namespace chevet::crypto::keygrant {

namespace {

constexpr char kFormat = 0x01;
constexpr int kKeySize = 32;
constexpr int kNonceSize = 12;
constexpr int kTagSize = 16;

using PkeyHolder = std::unique_ptr<EVP_PKEY, OpensslDeleter<&EVP_PKEY_free>>;

// The grant key is its own key, not the personal key itself: the personal key also seals her session.
Result<QByteArray> privateKeyOf(const QByteArray &personalKey, const QByteArray &slotSalt)
{
    if (personalKey.size() != kKeySize || slotSalt.isEmpty())
        return cryptoError(CryptoError::GrantKey, QStringLiteral("no personal key to receive a grant"));
    return hkdfSha256(personalKey, slotSalt, QByteArrayLiteral("chevet grant key v1"), kKeySize);
}

Result<PkeyHolder> privateKey(const QByteArray &raw)
{
    PkeyHolder key(
        EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, ucharData(raw), size_t(raw.size())));
    if (!key)
        return opensslError(CryptoError::GrantKey, QStringLiteral("X25519 private key"));
    return key;
}

Result<QByteArray> rawPublic(EVP_PKEY *key)
{
    QByteArray out(kKeySize, '\0');
    size_t length = size_t(out.size());
    if (EVP_PKEY_get_raw_public_key(key, ucharData(out), &length) != 1 || length != size_t(kKeySize))
        return opensslError(CryptoError::GrantKey, QStringLiteral("X25519 public key"));
    return out;
}

// HKDF over the shared point, salted with both public keys so the key belongs to this exchange only.
Result<QByteArray> wrappingKey(EVP_PKEY *mine, const QByteArray &theirPublic,
                               const QByteArray &ephemeralPublic, const QByteArray &recipientPublic)
{
    PkeyHolder peer(EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, ucharData(theirPublic),
                                                size_t(theirPublic.size())));
    if (!peer)
        return cryptoError(CryptoError::GrantFormat, QStringLiteral("the grant's public key is not valid"));
    PkeyCtxHolder ctx(EVP_PKEY_CTX_new(mine, nullptr));
    QByteArray shared(kKeySize, '\0');
    size_t length = size_t(shared.size());
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
        EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) != 1 ||
        EVP_PKEY_derive(ctx.get(), ucharData(shared), &length) != 1 || length != size_t(kKeySize)) {
        wipe(shared);
        return opensslError(CryptoError::GrantFormat, QStringLiteral("X25519 exchange"));
    }
    Result<QByteArray> key = hkdfSha256(shared, ephemeralPublic + recipientPublic,
                                        QByteArrayLiteral("chevet key grant v1"), kKeySize);
    wipe(shared);
    return key;
}

} // namespace

Result<QByteArray> publicKeyOf(const QByteArray &personalKey, const QByteArray &slotSalt)
{
    Result<QByteArray> raw = privateKeyOf(personalKey, slotSalt);
    if (!raw)
        return raw.error();
    Result<PkeyHolder> key = privateKey(*raw);
    wipe(*raw);
    if (!key)
        return key.error();
    return rawPublic(key->get());
}

Result<QByteArray> seal(const QByteArray &secret, const QByteArray &recipientPublicKey, const QByteArray &aad)
{
    if (recipientPublicKey.size() != kKeySize)
        return cryptoError(CryptoError::GrantFormat, QStringLiteral("a public key is 32 bytes"));
    Result<QByteArray> ephemeralRaw = randomBytes(kKeySize);
    if (!ephemeralRaw)
        return ephemeralRaw.error();
    Result<PkeyHolder> ephemeral = privateKey(*ephemeralRaw);
    wipe(*ephemeralRaw);
    if (!ephemeral)
        return ephemeral.error();
    Result<QByteArray> ephemeralPublic = rawPublic(ephemeral->get());
    if (!ephemeralPublic)
        return ephemeralPublic.error();
    Result<QByteArray> key =
        wrappingKey(ephemeral->get(), recipientPublicKey, *ephemeralPublic, recipientPublicKey);
    if (!key)
        return key.error();
    Result<QByteArray> nonce = randomBytes(kNonceSize);
    Result<QByteArray> sealed =
        nonce ? aesGcmEncrypt(*key, *nonce, secret, aad) : Result<QByteArray>(nonce.error());
    wipe(*key);
    if (!sealed)
        return sealed.error();
    QByteArray grant;
    grant.reserve(1 + kKeySize + kNonceSize + sealed->size());
    grant.append(kFormat).append(*ephemeralPublic).append(*nonce).append(*sealed);
    return grant;
}

Result<QByteArray> open(const QByteArray &grant, const QByteArray &personalKey, const QByteArray &slotSalt,
                        const QByteArray &aad)
{
    if (grant.size() < 1 + kKeySize + kNonceSize + kTagSize || grant.at(0) != kFormat)
        return cryptoError(CryptoError::GrantFormat, QStringLiteral("not a key grant of this format"));
    const QByteArray ephemeralPublic = grant.mid(1, kKeySize);
    const QByteArray nonce = grant.mid(1 + kKeySize, kNonceSize);
    const QByteArray sealed = grant.mid(1 + kKeySize + kNonceSize);
    Result<QByteArray> raw = privateKeyOf(personalKey, slotSalt);
    if (!raw)
        return raw.error();
    Result<PkeyHolder> mine = privateKey(*raw);
    wipe(*raw);
    if (!mine)
        return mine.error();
    Result<QByteArray> myPublic = rawPublic(mine->get());
    if (!myPublic)
        return myPublic.error();
    Result<QByteArray> key = wrappingKey(mine->get(), ephemeralPublic, ephemeralPublic, *myPublic);
    if (!key)
        return key.error();
    Result<QByteArray> secret = aesGcmDecrypt(*key, nonce, sealed, aad);
    wipe(*key);
    return secret;
}

} // namespace chevet::crypto::keygrant
