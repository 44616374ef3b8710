#include "scrypt.h"

#include "opensslholders.h"

#include <openssl/core_names.h>

namespace chevet::crypto {

namespace {

constexpr quint64 kMaxMemory = quint64(1) << 30;
constexpr int kMaxLength = 1024;

EVP_KDF *scryptKdf()
{
    static const KdfHolder kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr));
    return kdf.get();
}

// OpenSSL needs 128 * r * (n + p + 2) bytes (the V array, B and the XY scratch). Returns 0 when that
// exceeds kMaxMemory or overflows.
quint64 memoryNeeded(const ScryptParams &params)
{
    const quint64 blocks = params.n + params.p + 2; // n <= 2^30 is checked before, so no overflow
    const quint64 blockSize = 128 * quint64(params.r);
    if (blocks > kMaxMemory / blockSize)
        return 0;
    return blocks * blockSize;
}

} // namespace

Result<QByteArray> scrypt(const QByteArray &password, const QByteArray &salt, const ScryptParams &params,
                          int length)
{
    const bool powerOfTwo = params.n > 1 && (params.n & (params.n - 1)) == 0;
    if (!powerOfTwo || params.n > kMaxMemory || params.r == 0 || params.p == 0)
        return cryptoError(
            CryptoError::BadParams,
            QStringLiteral("scrypt needs N a power of two above 1, and r and p of at least 1"));
    const quint64 memory = memoryNeeded(params);
    if (memory == 0)
        return cryptoError(CryptoError::BadParams, QStringLiteral("scrypt parameters need more than 1 GiB"));
    if (length < 1 || length > kMaxLength)
        return cryptoError(CryptoError::BadLength, QStringLiteral("scrypt output must be 1 to 1024 bytes"));

    EVP_KDF *kdf = scryptKdf();
    if (kdf == nullptr)
        return opensslError(CryptoError::Unavailable, QStringLiteral("scrypt is not available"));
    const KdfCtxHolder ctx(EVP_KDF_CTX_new(kdf));
    if (!ctx)
        return opensslError(CryptoError::KdfFailed, QStringLiteral("cannot create an scrypt context"));

    uint64_t n = params.n;
    uint64_t r = params.r;
    uint64_t p = params.p;
    // OpenSSL's default ceiling (32 MiB) is below what our own default parameters use.
    uint64_t maxMemory = memory + (quint64(1) << 20);
    const OSSL_PARAM osslParams[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, paramData(password),
                                          size_t(password.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, paramData(salt), size_t(salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxMemory),
        OSSL_PARAM_construct_end(),
    };
    QByteArray out(length, Qt::Uninitialized);
    if (EVP_KDF_derive(ctx.get(), ucharData(out), size_t(length), osslParams) != 1) {
        wipe(out);
        return opensslError(CryptoError::KdfFailed, QStringLiteral("scrypt failed"));
    }
    return out;
}

} // namespace chevet::crypto
