#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace chevet::dpi {

// Compact JWS with HS256 (HMAC-SHA256) under a key drawn per run: enough for a development identity
// provider whose tokens only it has to check. A restart invalidates every token it issued, which is
// what a stand-in should do. Real providers sign with a private key (RS256/ES256) and publish JWKS.
class JwtSigner
{
public:
    JwtSigner(); // fresh random key

    // `type` goes in the header's "typ": "at+jwt" for access tokens (RFC 9068), "JWT" for ID tokens,
    // so one kind can never be presented as the other.
    QByteArray sign(const QJsonObject &claims, const QByteArray &type) const;
    // The claims if the signature is ours, the algorithm HS256 and the header's typ is `type`;
    // expiry is the caller's business.
    std::optional<QJsonObject> verify(const QByteArray &token, const QByteArray &type) const;

private:
    QByteArray mac(const QByteArray &signingInput) const;

    QByteArray m_key;
};

// Constant-time comparison, so response times do not reveal how much of a secret was right.
bool sameBytes(const QByteArray &a, const QByteArray &b);

} // namespace chevet::dpi
