#include "idtoken.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chevet {

namespace {

Error badIdToken(const QString &message)
{
    return makeError(NetError::BadIdToken, message);
}

// Providers differ on a trailing slash in their issuer; nothing else may differ.
QString normalisedIssuer(QString issuer)
{
    while (issuer.endsWith(QLatin1Char('/')))
        issuer.chop(1);
    return issuer;
}

} // namespace

Result<IdToken> IdToken::decode(const QByteArray &jwt)
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return badIdToken(QStringLiteral("the ID token is not a JWT"));
    const auto payload = QByteArray::fromBase64Encoding(
        parts[1], QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const QJsonDocument document = payload ? QJsonDocument::fromJson(*payload) : QJsonDocument();
    if (!document.isObject())
        return badIdToken(QStringLiteral("the ID token's claims are not JSON"));
    const QJsonObject claims = document.object();
    IdToken token;
    token.issuer = claims.value(QLatin1String("iss")).toString();
    token.subject = claims.value(QLatin1String("sub")).toString();
    token.name = claims.value(QLatin1String("name")).toString();
    token.nonce = claims.value(QLatin1String("nonce")).toString();
    const QJsonValue audience = claims.value(QLatin1String("aud"));
    if (audience.isArray()) {
        for (const QJsonValue &one : audience.toArray())
            token.audience.append(one.toString());
    } else {
        token.audience.append(audience.toString());
    }
    // exp is a NumericDate in seconds (RFC 7519 §2). One no clock in milliseconds can hold is refused
    // here: cast and multiplied it would be undefined behaviour and a garbage expiry.
    constexpr double kLatestSeconds = 1e13; // year 318,857: far beyond any token, far within qint64 ms
    const QJsonValue expiry = claims.value(QLatin1String("exp"));
    if (!expiry.isDouble() || !(expiry.toDouble() >= 0 && expiry.toDouble() <= kLatestSeconds))
        return badIdToken(QStringLiteral("the ID token's expiry (exp) is not a time"));
    token.expiresAtMs = qint64(expiry.toDouble() * 1000);
    return token;
}

Status IdToken::check(const QString &expectedIssuer, const QString &clientId, const QString &expectedNonce,
                      qint64 nowMs) const
{
    if (normalisedIssuer(issuer) != normalisedIssuer(expectedIssuer))
        return badIdToken(QStringLiteral("the ID token comes from another issuer"));
    if (!audience.contains(clientId))
        return badIdToken(QStringLiteral("the ID token was issued to another client"));
    if (!expectedNonce.isEmpty() && nonce != expectedNonce)
        return badIdToken(QStringLiteral("the ID token answers another sign-in (nonce)"));
    if (expiresAtMs <= nowMs)
        return badIdToken(QStringLiteral("the ID token has expired (check the device's clock)"));
    if (subject.isEmpty())
        return badIdToken(QStringLiteral("the ID token names nobody (no sub)"));
    return {};
}

} // namespace chevet
