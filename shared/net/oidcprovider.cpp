#include "oidcprovider.h"

#include "core/logging.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace chevet {

namespace {

Error badDiscovery(const QString &message, bool transient = false)
{
    return makeError(NetError::BadDiscovery, message, transient);
}

QString withoutTrailingSlash(const QUrl &url)
{
    return url.toString(QUrl::StripTrailingSlash);
}

} // namespace

Result<OidcProvider> OidcProvider::fromDiscovery(const QJsonObject &document, const QUrl &expectedIssuer)
{
    OidcProvider provider;
    provider.issuer = QUrl(document.value(QLatin1String("issuer")).toString());
    provider.authorizationEndpoint = QUrl(document.value(QLatin1String("authorization_endpoint")).toString());
    provider.tokenEndpoint = QUrl(document.value(QLatin1String("token_endpoint")).toString());
    provider.jwksUri = QUrl(document.value(QLatin1String("jwks_uri")).toString());
    // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
    if (withoutTrailingSlash(provider.issuer) != withoutTrailingSlash(expectedIssuer))
        return badDiscovery(
            QStringLiteral("the identity provider's discovery document names another issuer"));
    if (provider.jwksUri.isEmpty())
        return badDiscovery(QStringLiteral("the identity provider publishes no signing keys (jwks_uri): its "
                                           "ID tokens could not be checked"));
    for (const QUrl &endpoint : {provider.authorizationEndpoint, provider.tokenEndpoint, provider.jwksUri}) {
        if (Status s = NetworkTransport::checkUrl(endpoint); !s)
            return badDiscovery(
                QStringLiteral("an identity provider endpoint is not usable: %1").arg(s.error().message));
    }
    const QJsonArray methods = document.value(QLatin1String("code_challenge_methods_supported")).toArray();
    if (!methods.contains(QJsonValue(QStringLiteral("S256"))))
        return badDiscovery(
            QStringLiteral("the identity provider does not offer PKCE (S256); Chevet requires it"));
    return provider;
}

Result<OidcProvider> OidcProvider::discover(Transport &http, const QUrl &issuer)
{
    if (Status s = NetworkTransport::checkUrl(issuer); !s)
        return s.error();
    HttpRequest request;
    request.target = withoutTrailingSlash(issuer) + QStringLiteral("/.well-known/openid-configuration");
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    request.timeoutMs = 15000;
    Result<HttpResponse> response = http.exchange(request);
    if (!response)
        return response.error();
    if (response->status != 200) {
        qCInfo(lcNet) << "OpenID discovery answered" << response->status;
        return badDiscovery(
            QStringLiteral("the identity provider's discovery answered %1").arg(response->status),
            response->status >= 500);
    }
    const QJsonDocument document = QJsonDocument::fromJson(response->body);
    if (!document.isObject())
        return badDiscovery(QStringLiteral("the identity provider's discovery document is not JSON"));
    return fromDiscovery(document.object(), issuer);
}

Result<QJsonObject> OidcProvider::signingKeys(Transport &http) const
{
    HttpRequest request;
    request.target = jwksUri.toString();
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    request.timeoutMs = 15000;
    Result<HttpResponse> response = http.exchange(request);
    if (!response)
        return response.error();
    const QJsonDocument document =
        response->status == 200 ? QJsonDocument::fromJson(response->body) : QJsonDocument();
    if (!document.isObject())
        return badDiscovery(QStringLiteral("the identity provider's signing keys could not be read (%1)")
                                .arg(response->status),
                            response->status >= 500);
    return document.object();
}

} // namespace chevet
