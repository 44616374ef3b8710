#pragma once

#include "crypto/jws.h"
#include "httptypes.h"
#include "jwtsigner.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

namespace chevet::dpi {

struct DevIdpOptions
{
    int accessLifetimeSecs = 300;    // --token-lifetime
    int refreshLifetimeSecs = 28800; // --refresh-lifetime (a shift)
    bool forgedIdTokens = false;     // --idp-forged-id-tokens: sign ID tokens with an unpublished key
};

// A development OpenID Connect provider: discovery, the authorization code flow with mandatory PKCE
// (S256) for loopback redirect URIs (RFC 8252), and a token endpoint issuing short-lived HS256 JWT
// access tokens, ID tokens and rotating refresh tokens. It signs in synthetic nurses without a
// password (by `login_hint`, or from a page listing them). State lives in memory: a restart signs
// everyone out. Never a model of a real provider's security, only of its protocol.
class DevIdp
{
public:
    explicit DevIdp(DevIdpOptions options);

    static bool handles(const QString &path);
    // issuer: "http://127.0.0.1:8080" as the client reached the server.
    HttpResponse handle(const HttpRequest &request, const QString &issuer);
    // True when the Authorization header carries an access token of ours that has not expired.
    bool acceptsAccessToken(const QByteArray &authorization) const;

private:
    struct Grant
    {
        QString clientId;
        QString nurse;
        QString scope;
        QString nonce;
        QString redirectUri;   // codes only
        QString codeChallenge; // codes only
        QByteArray family;     // every token descending from one sign-in
        qint64 expiresMs = 0;
        bool used = false;
    };

    HttpResponse discovery(const QString &issuer) const;
    HttpResponse authorize(const HttpRequest &request, const QString &issuer);
    HttpResponse token(const HttpRequest &request, const QString &issuer);
    HttpResponse codeGrant(const QHash<QString, QString> &form, const QString &issuer);
    HttpResponse refreshGrant(const QHash<QString, QString> &form, const QString &issuer);
    HttpResponse issue(const Grant &grant, const QString &issuer, bool withIdToken);
    void revokeFamily(const QByteArray &family);
    void prune(qint64 nowMs);

    DevIdpOptions m_options;
    JwtSigner m_signer; // access tokens: only this server reads them
    // ID tokens, as real providers sign them: ES256, the public key published at /auth/jwks.
    std::optional<crypto::JwsSigningKey> m_idTokenKey;
    std::optional<crypto::JwsSigningKey> m_forgingKey; // same kid, never published (test fault)
    // Keyed by SHA-256 of the code / refresh token: the secrets themselves are not kept.
    QHash<QByteArray, Grant> m_codes;
    QHash<QByteArray, Grant> m_refreshTokens;
    QSet<QByteArray> m_revokedFamilies;
};

} // namespace chevet::dpi
