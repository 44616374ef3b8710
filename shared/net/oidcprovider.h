#pragma once

#include "core/result.h"
#include "networktransport.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace chevet {

class Transport;

// How the device reaches the hospital's identity provider: chosen by the IT team, not by the user.
struct OidcConfig
{
    QUrl issuer;                                                     // e.g. https://auth.example/realm
    QString clientId = QStringLiteral("chevet");                     // registered with the provider
    QString scope = QStringLiteral("openid profile offline_access"); // offline_access: a refresh token
    NetworkOptions network; // TLS trust for the provider (extra CAs, pins); baseUrl is ignored
};

// The endpoints of an OpenID Connect provider, from its discovery document.
struct OidcProvider
{
    QUrl issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl jwksUri; // the keys ID tokens are signed with (security review F6)

    // Checks the document names `expectedIssuer`, offers PKCE S256, publishes its signing keys, and that
    // every endpoint is https (or http to loopback, for development). Errors: "bad-discovery".
    static Result<OidcProvider> fromDiscovery(const QJsonObject &document, const QUrl &expectedIssuer);
    // GET <issuer>/.well-known/openid-configuration through `http` (blocking).
    static Result<OidcProvider> discover(Transport &http, const QUrl &issuer);
    // GET jwks_uri (blocking): the JSON Web Key Set to check ID token signatures with (crypto/jws.h).
    Result<QJsonObject> signingKeys(Transport &http) const;
};

} // namespace chevet
