#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace chevet {

// The claims of an OpenID Connect ID token that tell who signed in. The signature is not checked:
// the token comes straight from the token endpoint over a connection whose server we verified, which
// OpenID Connect Core 1.0 §3.1.3.7 accepts in place of a signature check. The claims are checked.
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
