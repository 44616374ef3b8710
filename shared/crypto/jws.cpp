#include "jws.h"

#include "opensslholders.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <optional>

namespace chevet::crypto {

namespace {

using PkeyHolder = std::unique_ptr<EVP_PKEY, OpensslDeleter<&EVP_PKEY_free>>;
using BignumHolder = std::unique_ptr<BIGNUM, OpensslDeleter<&BN_free>>;
using ParamBldHolder = std::unique_ptr<OSSL_PARAM_BLD, OpensslDeleter<&OSSL_PARAM_BLD_free>>;
using ParamsHolder = std::unique_ptr<OSSL_PARAM, OpensslDeleter<&OSSL_PARAM_free>>;
using EcdsaSigHolder = std::unique_ptr<ECDSA_SIG, OpensslDeleter<&ECDSA_SIG_free>>;

constexpr int kMinRsaBits = 2048;
constexpr int kP256CoordinateSize = 32;

Error jwsError(CryptoError code, const QString &message)
{
    return cryptoError(code, message);
}

QByteArray toBase64Url(const QByteArray &bytes);

// Strict: only the unpadded canonical form (stray low bits or '=' would give one token several spellings).
std::optional<QByteArray> base64Url(const QByteArray &text)
{
    const auto decoded =
        QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                                 QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || toBase64Url(decoded.decoded) != text)
        return std::nullopt;
    return decoded.decoded;
}

QByteArray toBase64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray bignumBytes(const BIGNUM *n, int width = 0)
{
    QByteArray out(width > 0 ? width : BN_num_bytes(n), '\0');
    if (width > 0)
        BN_bn2binpad(n, ucharData(out), width);
    else
        BN_bn2bin(n, ucharData(out));
    return out;
}

const char *algName(JwsAlgorithm algorithm)
{
    return algorithm == JwsAlgorithm::Rs256 ? "RS256" : "ES256";
}

// A public key from a JWK of the kind `algorithm` needs; nullopt when the JWK is of another kind or
// malformed.
PkeyHolder publicKey(const QJsonObject &jwk, JwsAlgorithm algorithm)
{
    const QString kty = jwk.value(QLatin1String("kty")).toString();
    ParamBldHolder build(OSSL_PARAM_BLD_new());
    if (!build)
        return {};
    const char *keyType = nullptr;
    BignumHolder n, e;
    QByteArray point;
    if (algorithm == JwsAlgorithm::Rs256) {
        if (kty != QLatin1String("RSA"))
            return {};
        const auto modulus = base64Url(jwk.value(QLatin1String("n")).toString().toLatin1());
        const auto exponent = base64Url(jwk.value(QLatin1String("e")).toString().toLatin1());
        if (!modulus || !exponent || modulus->isEmpty() || exponent->isEmpty())
            return {};
        n.reset(BN_bin2bn(ucharData(*modulus), int(modulus->size()), nullptr));
        e.reset(BN_bin2bn(ucharData(*exponent), int(exponent->size()), nullptr));
        // An exponent of 1 (or an even one) is no RSA key at all.
        if (!n || !e || BN_num_bits(n.get()) < kMinRsaBits || !BN_is_odd(e.get()) || BN_num_bits(e.get()) < 2)
            return {};
        if (!OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
            !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, e.get()))
            return {};
        keyType = "RSA";
    } else {
        if (kty != QLatin1String("EC") ||
            jwk.value(QLatin1String("crv")).toString() != QLatin1String("P-256"))
            return {};
        const auto x = base64Url(jwk.value(QLatin1String("x")).toString().toLatin1());
        const auto y = base64Url(jwk.value(QLatin1String("y")).toString().toLatin1());
        if (!x || !y || x->size() != kP256CoordinateSize || y->size() != kP256CoordinateSize)
            return {};
        point = QByteArray(1, '\x04') + *x + *y; // uncompressed SEC1 point
        if (!OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) ||
            !OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, paramData(point),
                                              size_t(point.size())))
            return {};
        keyType = "EC";
    }
    ParamsHolder params(OSSL_PARAM_BLD_to_param(build.get()));
    PkeyCtxHolder ctx(EVP_PKEY_CTX_new_from_name(nullptr, keyType, nullptr));
    EVP_PKEY *key = nullptr;
    const bool made = params && ctx && EVP_PKEY_fromdata_init(ctx.get()) > 0 &&
                      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) > 0;
    ERR_clear_error(); // a key refused here is only one that does not fit
    return made ? PkeyHolder(key) : PkeyHolder();
}

// JWS carries ECDSA signatures as r || s (RFC 7518 §3.4); OpenSSL verifies DER.
std::optional<QByteArray> ecdsaDer(const QByteArray &raw)
{
    if (raw.size() != 2 * kP256CoordinateSize)
        return std::nullopt;
    EcdsaSigHolder sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(ucharData(raw), kP256CoordinateSize, nullptr);
    BIGNUM *s = BN_bin2bn(ucharData(raw) + kP256CoordinateSize, kP256CoordinateSize, nullptr);
    if (!sig || !r || !s || !ECDSA_SIG_set0(sig.get(), r, s)) {
        BN_free(r);
        BN_free(s);
        return std::nullopt;
    }
    unsigned char *der = nullptr;
    const int length = i2d_ECDSA_SIG(sig.get(), &der);
    if (length <= 0)
        return std::nullopt;
    QByteArray out(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return out;
}

bool verifiesWith(EVP_PKEY *key, const QByteArray &signingInput, const QByteArray &signature)
{
    MdCtxHolder md(EVP_MD_CTX_new());
    const bool ok = md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
                    EVP_DigestVerify(md.get(), ucharData(signature), size_t(signature.size()),
                                     ucharData(signingInput), size_t(signingInput.size())) == 1;
    ERR_clear_error();
    return ok;
}

} // namespace

Status verifyJws(const QByteArray &compact, const QJsonObject &jwks)
{
    const QList<QByteArray> parts = compact.split('.');
    if (parts.size() != 3)
        return jwsError(CryptoError::BadJws, QStringLiteral("not a compact JWS"));
    const auto headerBytes = base64Url(parts[0]);
    const auto signature = base64Url(parts[2]);
    const QJsonDocument header = headerBytes ? QJsonDocument::fromJson(*headerBytes) : QJsonDocument();
    if (!header.isObject() || !signature)
        return jwsError(CryptoError::BadJws, QStringLiteral("the JWS header or signature is malformed"));
    // RFC 7515 §4.1.11: an extension the verifier does not know, marked critical, must be refused.
    if (header.object().contains(QLatin1String("crit")))
        return jwsError(CryptoError::BadJws, QStringLiteral("the JWS names critical extensions"));
    const QString alg = header.object().value(QLatin1String("alg")).toString();
    std::optional<JwsAlgorithm> algorithm;
    if (alg == QLatin1String("RS256"))
        algorithm = JwsAlgorithm::Rs256;
    else if (alg == QLatin1String("ES256"))
        algorithm = JwsAlgorithm::Es256;
    if (!algorithm)
        return jwsError(CryptoError::UnsupportedAlg,
                        QStringLiteral("signed with \"%1\"; only RS256 and ES256 are accepted").arg(alg));
    QByteArray signatureBytes = *signature;
    if (*algorithm == JwsAlgorithm::Es256) {
        const auto der = ecdsaDer(*signature);
        if (!der)
            return jwsError(CryptoError::BadSignature, QStringLiteral("the ES256 signature is malformed"));
        signatureBytes = *der;
    }
    const QString kid = header.object().value(QLatin1String("kid")).toString();
    const QByteArray signingInput = parts[0] + '.' + parts[1];
    bool anyKey = false;
    const QJsonArray keys = jwks.value(QLatin1String("keys")).toArray();
    // Providers publish a few keys (current, next); a set of hundreds would only make each check slow.
    constexpr qsizetype kMaxKeys = 20;
    if (keys.size() > kMaxKeys)
        return jwsError(CryptoError::UnknownKey, QStringLiteral("the key set has more than 20 keys"));
    for (const QJsonValue &value : keys) {
        const QJsonObject jwk = value.toObject();
        if (!kid.isEmpty() && jwk.value(QLatin1String("kid")).toString() != kid)
            continue;
        const QString use = jwk.value(QLatin1String("use")).toString();
        const QString keyAlg = jwk.value(QLatin1String("alg")).toString();
        if ((!use.isEmpty() && use != QLatin1String("sig")) || (!keyAlg.isEmpty() && keyAlg != alg))
            continue;
        PkeyHolder key = publicKey(jwk, *algorithm);
        if (!key)
            continue;
        anyKey = true;
        if (verifiesWith(key.get(), signingInput, signatureBytes))
            return {};
    }
    if (!anyKey)
        return jwsError(
            CryptoError::UnknownKey,
            QStringLiteral("no key of the identity provider's set fits this signature (kid \"%1\")")
                .arg(kid));
    return jwsError(CryptoError::BadSignature, QStringLiteral("the signature does not verify"));
}

struct JwsSigningKey::Key
{
    PkeyHolder pkey;
    JwsAlgorithm algorithm = JwsAlgorithm::Es256;
    QByteArray kid;
};

JwsSigningKey::JwsSigningKey(std::unique_ptr<Key> key)
    : m_key(std::move(key))
{}

JwsSigningKey::~JwsSigningKey() = default;
JwsSigningKey::JwsSigningKey(JwsSigningKey &&other) noexcept = default;
JwsSigningKey &JwsSigningKey::operator=(JwsSigningKey &&other) noexcept = default;

Result<JwsSigningKey> JwsSigningKey::generate(JwsAlgorithm algorithm, const QByteArray &kid)
{
    auto key = std::make_unique<Key>();
    key->algorithm = algorithm;
    key->kid = kid;
    key->pkey.reset(algorithm == JwsAlgorithm::Rs256 ? EVP_RSA_gen(kMinRsaBits) : EVP_EC_gen("P-256"));
    if (!key->pkey)
        return opensslError(CryptoError::KeygenFailed, QStringLiteral("cannot make a signing key"));
    return JwsSigningKey(std::move(key));
}

Result<QByteArray> JwsSigningKey::sign(const QJsonObject &claims, const QByteArray &type) const
{
    const QJsonObject header{{QStringLiteral("alg"), QString::fromLatin1(algName(m_key->algorithm))},
                             {QStringLiteral("kid"), QString::fromLatin1(m_key->kid)},
                             {QStringLiteral("typ"), QString::fromLatin1(type)}};
    const QByteArray signingInput = toBase64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                    toBase64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    MdCtxHolder md(EVP_MD_CTX_new());
    size_t length = 0;
    if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, m_key->pkey.get()) != 1 ||
        EVP_DigestSign(md.get(), nullptr, &length, ucharData(signingInput), size_t(signingInput.size())) != 1)
        return opensslError(CryptoError::SignFailed, QStringLiteral("cannot sign"));
    QByteArray signature(qsizetype(length), '\0');
    if (EVP_DigestSign(md.get(), ucharData(signature), &length, ucharData(signingInput),
                       size_t(signingInput.size())) != 1)
        return opensslError(CryptoError::SignFailed, QStringLiteral("cannot sign"));
    signature.resize(qsizetype(length));
    if (m_key->algorithm == JwsAlgorithm::Es256) {
        const unsigned char *der = ucharData(signature);
        EcdsaSigHolder sig(d2i_ECDSA_SIG(nullptr, &der, long(signature.size())));
        if (!sig)
            return opensslError(CryptoError::SignFailed, QStringLiteral("cannot read the signature"));
        signature = bignumBytes(ECDSA_SIG_get0_r(sig.get()), kP256CoordinateSize) +
                    bignumBytes(ECDSA_SIG_get0_s(sig.get()), kP256CoordinateSize);
    }
    return signingInput + '.' + toBase64Url(signature);
}

QJsonObject JwsSigningKey::publicJwk() const
{
    QJsonObject jwk{{QStringLiteral("kid"), QString::fromLatin1(m_key->kid)},
                    {QStringLiteral("use"), QStringLiteral("sig")},
                    {QStringLiteral("alg"), QString::fromLatin1(algName(m_key->algorithm))}};
    const auto bn = [this](const char *name, int width = 0) {
        BIGNUM *value = nullptr;
        EVP_PKEY_get_bn_param(m_key->pkey.get(), name, &value);
        BignumHolder held(value);
        return held ? QString::fromLatin1(toBase64Url(bignumBytes(held.get(), width))) : QString();
    };
    if (m_key->algorithm == JwsAlgorithm::Rs256) {
        jwk.insert(QStringLiteral("kty"), QStringLiteral("RSA"));
        jwk.insert(QStringLiteral("n"), bn(OSSL_PKEY_PARAM_RSA_N));
        jwk.insert(QStringLiteral("e"), bn(OSSL_PKEY_PARAM_RSA_E));
    } else {
        jwk.insert(QStringLiteral("kty"), QStringLiteral("EC"));
        jwk.insert(QStringLiteral("crv"), QStringLiteral("P-256"));
        jwk.insert(QStringLiteral("x"), bn(OSSL_PKEY_PARAM_EC_PUB_X, kP256CoordinateSize));
        jwk.insert(QStringLiteral("y"), bn(OSSL_PKEY_PARAM_EC_PUB_Y, kP256CoordinateSize));
    }
    return jwk;
}

} // namespace chevet::crypto
