#pragma once

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

namespace chevet {

// A browser stand-in for scripted sign-ins (chevetctl signin --nurse, tests): fetches the
// authorization URL and follows the provider's redirect to the loopback address, where OidcSignIn
// waits. Works only with a provider that signs in without a person (the development one with
// login_hint); a login page is reported as a failure, never filled in.
class ScriptedUserAgent : public QObject
{
    Q_OBJECT

public:
    explicit ScriptedUserAgent(QList<QSslCertificate> extraCaCertificates = {}, QObject *parent = nullptr);

    void open(const QUrl &url);

Q_SIGNALS:
    void failed(const QString &why);

private:
    void get(const QUrl &url, bool followRedirect);

    QNetworkAccessManager m_manager;
    QList<QSslCertificate> m_extraCa;
};

} // namespace chevet
