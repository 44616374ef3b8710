#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>

#include <memory>

namespace chevet::crypto {

// Compact JSON Web Signatures (RFC 7515) with the two algorithms identity providers sign ID tokens with:
// RS256 (RSA PKCS#1 v1.5, SHA-256, keys of 2048 bits or more) and ES256 (ECDSA P-256, SHA-256). Keys come
// as a JSON Web Key Set (RFC 7517), the provider's `jwks_uri`.
enum class JwsAlgorithm { Rs256, Es256 };

// Checks that `compact` is signed by a key of `jwks`: the header's `kid` names the key when the set has
// several; the header's `alg` must be RS256 or ES256 and fit the key ("none" and HMAC are refused: a
// public client has no shared secret). Errors (Crypto): "bad-jws" (malformed), "unsupported-alg",
// "unknown-key" (no key of the set fits), "bad-signature".
Status verifyJws(const QByteArray &compact, const QJsonObject &jwks);

// A key pair that signs: the development identity provider's, and the tests'. Its public half is
// published as a JWK with `kid`.
class JwsSigningKey
{
public:
    static Result<JwsSigningKey> generate(JwsAlgorithm algorithm, const QByteArray &kid);
    ~JwsSigningKey();
    JwsSigningKey(JwsSigningKey &&other) noexcept;
    JwsSigningKey &operator=(JwsSigningKey &&other) noexcept;

    // header.payload.signature, with "alg", "kid" and `type` as "typ" in the header.
    Result<QByteArray> sign(const QJsonObject &claims, const QByteArray &type) const;
    // {"kty", "kid", "use": "sig", "alg", and n/e or crv/x/y}.
    QJsonObject publicJwk() const;

private:
    struct Key;
    explicit JwsSigningKey(std::unique_ptr<Key> key);
    std::unique_ptr<Key> m_key;
};

} // namespace chevet::crypto
