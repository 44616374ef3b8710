#include "tokenset.h"

#include <QCborMap>
#include <QCborValue>

namespace chevet {

namespace {

Error badResponse(const QString &message)
{
    return makeError(NetError::BadTokenResponse, message);
}

} // namespace

Result<TokenSet> TokenSet::fromTokenResponse(const QJsonObject &json, qint64 nowMs)
{
    TokenSet tokens;
    tokens.accessToken = json.value(QLatin1String("access_token")).toString().toUtf8();
    if (tokens.accessToken.isEmpty())
        return badResponse(QStringLiteral("the identity provider's answer has no access_token"));
    if (json.value(QLatin1String("token_type"))
            .toString()
            .compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
        return badResponse(QStringLiteral("the identity provider issued a token that is not a Bearer token"));
    tokens.refreshToken = json.value(QLatin1String("refresh_token")).toString().toUtf8();
    tokens.idToken = json.value(QLatin1String("id_token")).toString().toUtf8();
    tokens.obtainedAtMs = nowMs;
    const double expiresIn = json.value(QLatin1String("expires_in")).toDouble();
    if (expiresIn > 0)
        tokens.accessExpiresAtMs = nowMs + qint64(expiresIn * 1000);
    const double refreshExpiresIn = json.value(QLatin1String("refresh_token_expires_in")).toDouble();
    if (refreshExpiresIn > 0)
        tokens.refreshExpiresAtMs = nowMs + qint64(refreshExpiresIn * 1000);
    return tokens;
}

TokenSet TokenSet::refreshedFrom(const TokenSet &previous) const
{
    TokenSet merged = *this;
    if (merged.refreshToken.isEmpty()) {
        merged.refreshToken = previous.refreshToken;
        merged.refreshExpiresAtMs = previous.refreshExpiresAtMs;
    }
    if (merged.subject.isEmpty()) {
        merged.subject = previous.subject;
        merged.name = previous.name;
    }
    if (merged.idToken.isEmpty())
        merged.idToken = previous.idToken;
    return merged;
}

QByteArray TokenSet::toBytes() const
{
    QCborMap map;
    map.insert(QStringLiteral("v"), 1);
    map.insert(QStringLiteral("access"), accessToken);
    map.insert(QStringLiteral("refresh"), refreshToken);
    map.insert(QStringLiteral("id"), idToken);
    map.insert(QStringLiteral("obtained"), obtainedAtMs);
    map.insert(QStringLiteral("accessExpires"), accessExpiresAtMs);
    map.insert(QStringLiteral("refreshExpires"), refreshExpiresAtMs);
    map.insert(QStringLiteral("sub"), subject);
    map.insert(QStringLiteral("name"), name);
    return map.toCborValue().toCbor();
}

Result<TokenSet> TokenSet::fromBytes(const QByteArray &bytes)
{
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || !value.isMap() || value[QStringLiteral("v")].toInteger() != 1)
        return makeError(NetError::BadTokenSet,
                         QStringLiteral("the stored sign-in is unreadable; sign in again"));
    const QCborMap map = value.toMap();
    TokenSet tokens;
    tokens.accessToken = map.value(QStringLiteral("access")).toByteArray();
    tokens.refreshToken = map.value(QStringLiteral("refresh")).toByteArray();
    tokens.idToken = map.value(QStringLiteral("id")).toByteArray();
    tokens.obtainedAtMs = map.value(QStringLiteral("obtained")).toInteger();
    tokens.accessExpiresAtMs = map.value(QStringLiteral("accessExpires")).toInteger();
    tokens.refreshExpiresAtMs = map.value(QStringLiteral("refreshExpires")).toInteger();
    tokens.subject = map.value(QStringLiteral("sub")).toString();
    tokens.name = map.value(QStringLiteral("name")).toString();
    return tokens;
}

} // namespace chevet
