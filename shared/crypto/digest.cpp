#include "digest.h"

#include "opensslholders.h"

#include "core/logging.h"

#include <openssl/core_names.h>

namespace chevet::crypto {

namespace {

// Explicit fetches are cached: an implicit fetch on every call costs a name lookup in the provider
// store. The objects are immutable and reference counted, hence safe to share between threads.
const EVP_MD *sha256Md()
{
    static const MdHolder md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
    return md.get();
}

EVP_MAC *hmacMac()
{
    static const MacHolder mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    return mac.get();
}

EVP_KDF *hkdfKdf()
{
    static const KdfHolder kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
    return kdf.get();
}

char kSha256Name[] = "SHA256";

// An HMAC context with SHA-256 chosen and no key, copied for each one-shot MAC: naming the digest on
// every init would fetch it from the provider store each time. Only ever read, hence shareable.
const EVP_MAC_CTX *hmacSha256Template()
{
    static const MacCtxHolder ctx = [] {
        EVP_MAC *mac = hmacMac();
        MacCtxHolder made(mac ? EVP_MAC_CTX_new(mac) : nullptr);
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, kSha256Name, 0),
            OSSL_PARAM_construct_end(),
        };
        if (made && EVP_MAC_CTX_set_params(made.get(), params) != 1)
            made.reset();
        return made;
    }();
    return ctx.get();
}

} // namespace

QByteArray sha256(const QByteArray &data)
{
    const EVP_MD *md = sha256Md();
    QByteArray digest(kSha256Size, Qt::Uninitialized);
    unsigned int size = 0;
    if (md == nullptr ||
        EVP_Digest(data.constData(), size_t(data.size()), ucharData(digest), &size, md, nullptr) != 1 ||
        size != unsigned(kSha256Size)) {
        qCWarning(lcCrypto)
            << opensslError(CryptoError::DigestFailed, QStringLiteral("SHA-256 failed")).toString();
        return {};
    }
    return digest;
}

Result<QByteArray> hmacSha256(const QByteArray &key, const QByteArray &data)
{
    const EVP_MAC_CTX *prepared = hmacSha256Template();
    if (prepared == nullptr)
        return opensslError(CryptoError::Unavailable, QStringLiteral("HMAC is not available"));
    // EVP_MAC_CTX_dup takes a non-const pointer but only reads the source.
    const MacCtxHolder ctx(EVP_MAC_CTX_dup(const_cast<EVP_MAC_CTX *>(prepared)));
    if (!ctx)
        return opensslError(CryptoError::MacFailed, QStringLiteral("cannot create an HMAC context"));

    QByteArray out(kSha256Size, Qt::Uninitialized);
    size_t outSize = 0;
    // A null QByteArray still yields a non-null constData(), which OpenSSL needs to accept an empty key.
    if (EVP_MAC_init(ctx.get(), ucharData(key), size_t(key.size()), nullptr) != 1 ||
        EVP_MAC_update(ctx.get(), ucharData(data), size_t(data.size())) != 1 ||
        EVP_MAC_final(ctx.get(), ucharData(out), &outSize, size_t(out.size())) != 1 ||
        outSize != size_t(kSha256Size)) {
        return opensslError(CryptoError::MacFailed, QStringLiteral("HMAC-SHA256 failed"));
    }
    return out;
}

struct HmacSha256::Private
{
    MacCtxHolder ctx;
    bool keyed = false;
};

HmacSha256::HmacSha256(const QByteArray &key)
    : d(std::make_unique<Private>())
{
    if (const EVP_MAC_CTX *prepared = hmacSha256Template())
        d->ctx.reset(EVP_MAC_CTX_dup(const_cast<EVP_MAC_CTX *>(prepared)));
    // The context keeps the keyed inner and outer states, not the key.
    d->keyed = d->ctx && EVP_MAC_init(d->ctx.get(), ucharData(key), size_t(key.size()), nullptr) == 1;
    if (!d->keyed)
        qCWarning(lcCrypto)
            << opensslError(CryptoError::MacFailed, QStringLiteral("cannot key HMAC-SHA256")).code;
}

HmacSha256::~HmacSha256() = default;

Result<QByteArray> HmacSha256::mac(std::initializer_list<QByteArrayView> parts)
{
    if (!d->keyed)
        return cryptoError(CryptoError::Unavailable, QStringLiteral("HMAC-SHA256 could not be keyed"));
    QByteArray out(kSha256Size, Qt::Uninitialized);
    size_t outSize = 0;
    // Without a key, init restarts from the keyed state set up in the constructor.
    bool ok = EVP_MAC_init(d->ctx.get(), nullptr, 0, nullptr) == 1;
    for (const QByteArrayView part : parts) {
        if (ok && !part.isEmpty())
            ok = EVP_MAC_update(d->ctx.get(), reinterpret_cast<const unsigned char *>(part.data()),
                                size_t(part.size())) == 1;
    }
    if (!ok || EVP_MAC_final(d->ctx.get(), ucharData(out), &outSize, size_t(out.size())) != 1 ||
        outSize != size_t(kSha256Size))
        return opensslError(CryptoError::MacFailed, QStringLiteral("HMAC-SHA256 failed"));
    return out;
}

Result<QByteArray> hkdfSha256(const QByteArray &ikm, const QByteArray &salt, const QByteArray &info,
                              int length)
{
    if (length < 1 || length > 255 * kSha256Size)
        return cryptoError(CryptoError::BadLength,
                           QStringLiteral("HKDF-SHA256 output must be 1 to 8160 bytes"));
    EVP_KDF *kdf = hkdfKdf();
    if (kdf == nullptr)
        return opensslError(CryptoError::Unavailable, QStringLiteral("HKDF is not available"));
    const KdfCtxHolder ctx(EVP_KDF_CTX_new(kdf));
    if (!ctx)
        return opensslError(CryptoError::KdfFailed, QStringLiteral("cannot create an HKDF context"));

    OSSL_PARAM params[5];
    OSSL_PARAM *param = params;
    *param++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, kSha256Name, 0);
    *param++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, paramData(ikm), size_t(ikm.size()));
    // Leaving salt or info out when empty is what RFC 5869 prescribes for "not provided", and spares
    // OpenSSL a zero-length parameter.
    if (!salt.isEmpty())
        *param++ =
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, paramData(salt), size_t(salt.size()));
    if (!info.isEmpty())
        *param++ =
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, paramData(info), size_t(info.size()));
    *param = OSSL_PARAM_construct_end();

    QByteArray out(length, Qt::Uninitialized);
    if (EVP_KDF_derive(ctx.get(), ucharData(out), size_t(length), params) != 1) {
        wipe(out);
        return opensslError(CryptoError::KdfFailed, QStringLiteral("HKDF-SHA256 failed"));
    }
    return out;
}

} // namespace chevet::crypto
