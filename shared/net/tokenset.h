#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace chevet {

// What a sign-in yields. The tokens are secrets: never logged, persisted only sealed.
struct TokenSet
{
    QByteArray accessToken;
    QByteArray refreshToken;
    QByteArray idToken;
    qint64 obtainedAtMs = 0;
    qint64 accessExpiresAtMs = 0;  // 0: the provider did not say
    qint64 refreshExpiresAtMs = 0; // 0: the provider did not say
    QString subject;               // the nurse's id at the provider (`sub`)
    QString name;                  // display name, when the ID token has one

    bool hasAccess() const { return !accessToken.isEmpty(); }
    bool canRefresh() const { return !refreshToken.isEmpty(); }

    // A token endpoint's success answer (RFC 6749 §5.1). Errors: "bad-token-response".
    static Result<TokenSet> fromTokenResponse(const QJsonObject &json, qint64 nowMs);
    // After a refresh: what the provider did not send again (refresh token when not rotated, the
    // subject when no new ID token) is kept from `previous`.
    TokenSet refreshedFrom(const TokenSet &previous) const;

    // CBOR, for sealed storage. Errors: "bad-token-set".
    QByteArray toBytes() const;
    static Result<TokenSet> fromBytes(const QByteArray &bytes);
};

} // namespace chevet
