#pragma once

#include "net/tokenset.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QUrl>

#include <atomic>
#include <memory>

namespace chevet {
class OidcSignIn;
class TokenProvider;
class Transport;
struct NetworkOptions;
} // namespace chevet

class SessionController;

// Full sign-in with the identity provider (OpenID Connect, code flow with PKCE, in the system
// browser): lifts a PIN lockout, restarts the offline window, and gives the sync engine a token that
// refreshes itself. Each nurse's session is sealed in the store under her own key; a refused refresh
// asks for a sign-in again and never touches the records waiting to be sent.
class SignIn : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool available READ available CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY changed)
    Q_PROPERTY(bool needed READ needed NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)

public:
    explicit SignIn(SessionController &session, QObject *parent = nullptr);
    ~SignIn() override;

    bool available() const { return m_issuer.isValid() && !m_issuer.isEmpty(); }
    bool busy() const { return m_flow != nullptr; }
    bool signedIn() const;
    bool needed() const { return m_needed; }
    QString error() const { return m_error; }

    // Opens the provider's page for this nurse; on success her lockout is lifted and her window restarts.
    Q_INVOKABLE void start(const QString &nurse);
    Q_INVOKABLE void cancel();

    // For the sync engine's transport: authorizing when the nurse has a session, else null.
    std::unique_ptr<chevet::Transport> transport(const chevet::NetworkOptions &dpi);
    // The unlocked nurse's tokens (null when locked or not signed in).
    std::shared_ptr<chevet::TokenProvider> provider() const;

Q_SIGNALS:
    void changed();
    void succeeded(const QString &nurse);
    // The nurse's tokens are ready for the sync transport: a sync can start with them.
    void providerReady();

private:
    void unlocked();
    void locked();
    void persist();
    void setError(const QString &message);

    SessionController &m_session;
    QUrl m_issuer;
    QString m_clientId;
    chevet::OidcSignIn *m_flow = nullptr;
    QString m_flowNurse;
    // Signed in before the PIN opened the store: sealed into it once unlocked.
    struct Fresh
    {
        chevet::TokenSet tokens;
        QUrl tokenEndpoint;
    };
    QHash<QString, Fresh> m_fresh;
    QUrl m_tokenEndpoint;
    // Shared with the sync thread: a run in flight keeps the provider it started with alive.
    std::shared_ptr<chevet::TokenProvider> m_provider;
    mutable QMutex m_providerLock;
    // Set on the thread that rotated the tokens, cleared once a save of them is queued.
    std::atomic<bool> m_unsaved{false};
    bool m_needed = false;
    QString m_error;
};
