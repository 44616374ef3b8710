#pragma once

// chevet-dpi with its development OpenID Connect provider, as a process on loopback, and the helpers
// the sign-in suites share: a scripted sign-in, a hand-made authorization request, reads with a token.
// The including test defines CHEVET_DPI_PATH and links chevet_auth.
#include "../standindpi.h"
#include "auth/oidcsignin.h"
#include "auth/scripteduseragent.h"
#include "net/networktransport.h"
#include "syncfixture.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QUrlQuery>

namespace chevet::test {

// chevet-dpi with its development identity provider, FHIR behind its access tokens.
class IdpDpi
{
public:
    explicit IdpDpi(int accessLifetimeSecs = 60, int refreshLifetimeSecs = 600, const QStringList &extra = {})
    {
        const QStringList args{QStringLiteral("--idp"),
                               QStringLiteral("--require-auth"),
                               QStringLiteral("--token-lifetime"),
                               QString::number(accessLifetimeSecs),
                               QStringLiteral("--refresh-lifetime"),
                               QString::number(refreshLifetimeSecs)};
        if (!m_dpi.start(m_dir.filePath(QStringLiteral("dpi.sqlite")), args + extra))
            qFatal("%s", qPrintable(m_dpi.problem()));
        m_fhir = m_dpi.baseUrl();
    }

    QUrl fhir() const { return m_fhir; }
    QUrl issuer() const { return m_fhir.adjusted(QUrl::RemovePath); }
    OidcConfig config() const
    {
        OidcConfig config;
        config.issuer = issuer();
        return config;
    }

private:
    QTemporaryDir m_dir;
    StandInDpi m_dpi;
    QUrl m_fhir;
};

inline Result<TokenSet> signIn(const IdpDpi &dpi, const QString &nurse, OidcProvider *provider = nullptr)
{
    ScriptedUserAgent agent;
    OidcSignIn flow(dpi.config(), [&agent](const QUrl &url) { agent.open(url); });
    QObject::connect(&agent, &ScriptedUserAgent::failed, &flow, &OidcSignIn::cancel);
    flow.setLoginHint(nurse);
    flow.setTimeoutMs(15000);
    Result<TokenSet> tokens = flow.run();
    if (provider)
        *provider = flow.provider();
    return tokens;
}

// One authorization request by hand, returning the redirect's query (code, state, error...).
inline QUrlQuery authorize(const IdpDpi &dpi, const QList<QPair<QString, QString>> &parameters)
{
    QUrl url = dpi.issuer();
    url.setPath(QStringLiteral("/auth/authorize"));
    QUrlQuery query;
    for (const auto &[name, value] : parameters)
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    url.setQuery(query);
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = manager.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(10000);
    reply->deleteLater();
    return QUrlQuery(QUrl::fromEncoded(reply->rawHeader("Location")));
}

inline const QString kRedirect = QStringLiteral("http://127.0.0.1:9/callback");

inline QList<QPair<QString, QString>> codeRequest(const QByteArray &challenge, const QString &nurse)
{
    return {{QStringLiteral("response_type"), QStringLiteral("code")},
            {QStringLiteral("client_id"), QStringLiteral("chevet")},
            {QStringLiteral("redirect_uri"), kRedirect},
            {QStringLiteral("scope"), QStringLiteral("openid offline_access")},
            {QStringLiteral("state"), QStringLiteral("s1")},
            {QStringLiteral("code_challenge"), QString::fromLatin1(challenge)},
            {QStringLiteral("code_challenge_method"), QStringLiteral("S256")},
            {QStringLiteral("login_hint"), nurse}};
}

// A GET on the FHIR server with a given access token (empty: none).
inline HttpResponse fhirGet(const IdpDpi &dpi, const QByteArray &accessToken,
                            const QString &target = QStringLiteral("Patient"))
{
    QNetworkAccessManager manager;
    NetworkTransport http(manager, NetworkOptions{dpi.fhir(), accessToken, {}, {}});
    HttpRequest request;
    request.target = target;
    Result<HttpResponse> response = http.exchange(request);
    return response ? *response : HttpResponse{-1, {}, {}};
}

inline int fhirStatus(const IdpDpi &dpi, const QByteArray &accessToken,
                      const QString &target = QStringLiteral("Patient"))
{
    return fhirGet(dpi, accessToken, target).status;
}

// Every Patient and Observation on the DPI, by client id (the DPI needs a token to be read).
inline QHash<QString, int> clientIdsOnDpi(const IdpDpi &dpi, const QByteArray &accessToken)
{
    QNetworkAccessManager manager;
    NetworkTransport http(manager, NetworkOptions{dpi.fhir(), accessToken, {}, {}});
    QHash<QString, int> counts;
    for (const QString &type : {QStringLiteral("Patient"), QStringLiteral("Observation")}) {
        HttpRequest request;
        request.target = type + QStringLiteral("?_count=500");
        Result<HttpResponse> response = http.exchange(request);
        if (!response || response->status != 200)
            return {};
        QList<QJsonObject> resources;
        for (const QJsonValue &entry :
             QJsonDocument::fromJson(response->body).object().value(QLatin1String("entry")).toArray())
            resources.append(entry.toObject().value(QLatin1String("resource")).toObject());
        counts.insert(identifierCounts(resources));
    }
    return counts;
}

} // namespace chevet::test
