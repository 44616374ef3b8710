#include "tokenendpoint.h"

#include "core/logging.h"
#include "http.h"

#include <QJsonDocument>

namespace chevet {

TokenEndpoint::TokenEndpoint(Transport &http, QUrl tokenUrl, QString clientId)
    : m_http(http)
    , m_tokenUrl(std::move(tokenUrl))
    , m_clientId(std::move(clientId))
{}

Result<QJsonObject> TokenEndpoint::post(const QList<QPair<QString, QByteArray>> &form, bool refreshing)
{
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.target = m_tokenUrl.toString();
    for (const auto &[name, value] : form) {
        if (!request.body.isEmpty())
            request.body += '&';
        request.body +=
            QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
    }
    request.headers = {
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")},
        {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")}};
    request.timeoutMs = 15000;
    Result<HttpResponse> response = m_http.exchange(request);
    if (!response)
        return response.error();
    const QJsonObject body = QJsonDocument::fromJson(response->body).object();
    if (response->status == 200)
        return body;
    if (response->status >= 500 || response->status == 429) {
        qCInfo(lcNet) << "token endpoint answered" << response->status;
        return makeError(
            NetError::IdpUnavailable,
            QStringLiteral("the identity provider answered %1; try again later").arg(response->status), true);
    }
    // RFC 6749 §5.2. The description is the provider's, shown to people; never the request's values.
    const QString error = body.value(QLatin1String("error")).toString();
    const QString description = body.value(QLatin1String("error_description")).toString();
    qCInfo(lcNet) << "token endpoint refused:" << response->status << error;
    if (refreshing && error == QLatin1String("invalid_grant"))
        return makeError(NetError::SignInNeeded,
                         QStringLiteral("the session has ended (%1); sign in again").arg(description));
    // The provider's own code (RFC 6749 §5.2) goes in the message: what the engine acts on is the refusal.
    return makeError(NetError::IdpRefused,
                     QStringLiteral("the identity provider refused (%1 %2): %3")
                         .arg(response->status)
                         .arg(error.isEmpty() ? QStringLiteral("no error code") : error, description));
}

Result<TokenSet> TokenEndpoint::redeemCode(const QByteArray &code, const QByteArray &verifier,
                                           const QUrl &redirectUri, qint64 nowMs)
{
    Result<QJsonObject> answer =
        post({{QStringLiteral("grant_type"), QByteArrayLiteral("authorization_code")},
              {QStringLiteral("code"), code},
              {QStringLiteral("redirect_uri"), redirectUri.toEncoded()},
              {QStringLiteral("client_id"), m_clientId.toUtf8()},
              {QStringLiteral("code_verifier"), verifier}},
             false);
    if (!answer)
        return answer.error();
    return TokenSet::fromTokenResponse(*answer, nowMs);
}

Result<TokenSet> TokenEndpoint::refresh(const QByteArray &refreshToken, qint64 nowMs)
{
    Result<QJsonObject> answer = post({{QStringLiteral("grant_type"), QByteArrayLiteral("refresh_token")},
                                       {QStringLiteral("refresh_token"), refreshToken},
                                       {QStringLiteral("client_id"), m_clientId.toUtf8()}},
                                      true);
    if (!answer)
        return answer.error();
    return TokenSet::fromTokenResponse(*answer, nowMs);
}

} // namespace chevet
