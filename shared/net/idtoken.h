#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace chevet {

// The claims of an OpenID Connect ID token that tell who signed in. The signature is checked before,
// against the provider's published keys (crypto::verifyJws, in OidcSignIn: security review F6); here the
// claims are.
struct IdToken
{
    QString issuer;
    QString subject;
    QString name;
    QString nonce;
    QStringList audience;
    qint64 expiresAtMs = 0;

    // Errors: "bad-id-token" (not a JWT, or its payload is not JSON).
    static Result<IdToken> decode(const QByteArray &jwt);
    // Errors: "bad-id-token" with what did not match (issuer, audience, nonce, expiry, subject).
    Status check(const QString &expectedIssuer, const QString &clientId, const QString &expectedNonce,
                 qint64 nowMs) const;
};

} // namespace chevet
