#pragma once

#include "core/result.h"
#include "tokenset.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace chevet {

class Transport;

// The provider's token endpoint (RFC 6749 §4.1.3 and §6), blocking, for a public client (no secret;
// PKCE protects the code). Error codes:
// - "sign-in-needed": a refresh the provider refused (invalid_grant: expired, revoked, rotated away);
// - the provider's own OAuth error ("invalid_grant", "invalid_request", ...) when a code is refused;
// - "idp-unavailable" (transient) for 5xx/429, the transport's own errors when it cannot connect;
// - "bad-token-response" when a 200 answer is not a token response.
class TokenEndpoint
{
public:
    TokenEndpoint(Transport &http, QUrl tokenUrl, QString clientId);

    Result<TokenSet> redeemCode(const QByteArray &code, const QByteArray &verifier, const QUrl &redirectUri,
                                qint64 nowMs);
    Result<TokenSet> refresh(const QByteArray &refreshToken, qint64 nowMs);

private:
    Result<QJsonObject> post(const QList<QPair<QString, QByteArray>> &form, bool refreshing);

    Transport &m_http;
    QUrl m_tokenUrl;
    QString m_clientId;
};

} // namespace chevet
