#include "scripteduseragent.h"

#include <QHostAddress>
#include <QNetworkReply>
#include <QSslConfiguration>

namespace chevet {

namespace {

bool isLoopback(const QUrl &url)
{
    const QHostAddress address(url.host());
    return url.host() == QLatin1String("localhost") || (!address.isNull() && address.isLoopback());
}

} // namespace

ScriptedUserAgent::ScriptedUserAgent(QList<QSslCertificate> extraCaCertificates, QObject *parent)
    : QObject(parent)
    , m_extraCa(std::move(extraCaCertificates))
{}

void ScriptedUserAgent::open(const QUrl &url)
{
    get(url, true);
}

void ScriptedUserAgent::get(const QUrl &url, bool followRedirect)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(15000);
    if (url.scheme() == QLatin1String("https") && !m_extraCa.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_extraCa);
        request.setSslConfiguration(tls);
    }
    QNetworkReply *reply = m_manager.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, followRedirect]() {
        reply->deleteLater();
        if (!followRedirect)
            return; // the loopback receiver has it; its page is for people
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QUrl location = reply->url().resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        if (status < 300 || status >= 400 || !location.isValid()) {
            Q_EMIT failed(status == 200
                              ? QStringLiteral("the identity provider shows a sign-in page: a person must "
                                               "sign in in a browser")
                              : QStringLiteral("the identity provider answered %1").arg(status));
            return;
        }
        if (!isLoopback(location)) {
            Q_EMIT failed(QStringLiteral("the identity provider redirected elsewhere than this device"));
            return;
        }
        get(location, false);
    });
}

} // namespace chevet
