#pragma once

#include "core/result.h"
#include "loopbackredirectreceiver.h"
#include "net/oidcprovider.h"
#include "net/pkce.h"
#include "net/tokenset.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

#include <functional>

namespace chevet {

// Signs a nurse in with OpenID Connect, authorization code flow with PKCE (S256), as a native app
// (RFC 8252): discovers the provider's endpoints, opens the authorization URL in a user agent, takes
// the code on a loopback redirect, redeems it with the verifier and checks the ID token (issuer,
// audience, nonce, expiry). Yields the tokens and the nurse id (`sub`).
//
// The user agent is injected: the app passes QDesktopServices::openUrl (Qt Gui lives there, not here),
// chevetctl prints the URL or follows it for scripted use, tests follow it with an HTTP client.
class OidcSignIn : public QObject
{
    Q_OBJECT

public:
    using UserAgent = std::function<void(const QUrl &authorizationUrl)>;

    OidcSignIn(OidcConfig config, UserAgent userAgent, QObject *parent = nullptr);

    // Suggests who signs in (OpenID Connect `login_hint`); the development provider signs that nurse in.
    void setLoginHint(const QString &hint) { m_loginHint = hint; }
    void setTimeoutMs(int ms) { m_timeout.setInterval(ms); }

    // Starts; exactly one of succeeded() or failed() follows (possibly before start() returns).
    void start();
    void cancel();
    // start(), then waits (local event loop) for the outcome: for command-line tools and tests.
    Result<TokenSet> run();
    // The provider's endpoints, known once start() discovered them (for TokenProvider::networkRefresher).
    const OidcProvider &provider() const { return m_provider; }

Q_SIGNALS:
    void succeeded(const chevet::TokenSet &tokens);
    // Codes: the provider's OAuth error ("access_denied", "invalid_grant", ...), "state-mismatch",
    // "issuer-mismatch", "sign-in-timeout", "sign-in-cancelled", "bad-id-token", "bad-discovery",
    // "loopback-unavailable", or the network's own.
    void failed(const chevet::Error &error);

private:
    void onRedirect(const QUrlQuery &query);
    void redeem(const QByteArray &code);
    void fail(const Error &error);
    void finish();

    OidcConfig m_config;
    UserAgent m_userAgent;
    QString m_loginHint;
    OidcProvider m_provider;
    Pkce m_pkce;
    QByteArray m_state;
    QByteArray m_nonce;
    QNetworkAccessManager m_manager;
    LoopbackRedirectReceiver m_receiver;
    QTimer m_timeout;
    bool m_active = false;
};

} // namespace chevet
