#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "oidcprovider.h"
#include "tokenset.h"

#include <QObject>

#include <functional>
#include <mutex>

namespace chevet {

// Holds the signed-in nurse's tokens and hands out a usable access token: refreshed when it has
// expired or is about to, and again when the DPI still refuses it (401). Thread-safe: the sync thread
// asks for tokens while the UI signs in; refreshes are serialised, because a rotated refresh token
// used twice ends the session at most providers. When the provider refuses the refresh, the tokens
// are dropped and every call answers "sign-in-needed" (not transient) until setTokens().
class TokenProvider : public QObject
{
    Q_OBJECT

public:
    // Trades a refresh token for new tokens; blocking, on the calling thread.
    using Refresher = std::function<Result<TokenSet>(const QByteArray &refreshToken)>;

    explicit TokenProvider(Refresher refresher, const Clock &clock = SystemClock::instance(),
                           QObject *parent = nullptr);
    // A Refresher over the network: its own QNetworkAccessManager on the calling thread, the
    // provider's TLS settings from `config`.
    static Refresher networkRefresher(const OidcConfig &config, const QUrl &tokenEndpoint,
                                      const Clock &clock = SystemClock::instance());

    void setTokens(const TokenSet &tokens);
    TokenSet tokens() const;
    bool isSignedIn() const;
    QString nurseId() const; // `sub` of the last sign-in, kept after the session ends
    void signOut();
    // Refresh this long before expiry (at most a fifth of the token's lifetime). Default 60 s.
    void setRefreshMarginMs(qint64 margin) { m_marginMs = margin; }

    Result<QByteArray> accessToken();
    // `rejected` came back 401: refresh unless another caller already did. Never loops: one refresh.
    Result<QByteArray> refreshAfterRejection(const QByteArray &rejected);

Q_SIGNALS:
    void tokensChanged(); // persist tokens() (sealed) or forget them
    void signInNeeded();

private:
    // What a refresh changed, signalled once the refresh lock is released (a slot may ask for a token).
    enum class Outcome { Unchanged, Changed, Ended };

    bool usableLocked(qint64 nowMs) const;
    Result<QByteArray> refreshLocked(Outcome *outcome);
    // Takes the refresh lock; refreshes unless `alreadyFresh` (asked under the data lock) says no need.
    Result<QByteArray> refreshUnless(const std::function<bool()> &alreadyFresh, Outcome *outcome);
    void announce(Outcome outcome);
    void storeTokens(const TokenSet &tokens);
    static Error signInNeededError(const QString &why);

    Refresher m_refresher;
    const Clock &m_clock;
    qint64 m_marginMs = 60 * 1000;
    mutable std::mutex m_mutex; // m_tokens, m_nurseId
    std::mutex m_refreshMutex;  // one refresh at a time
    TokenSet m_tokens;
    QString m_nurseId;
};

} // namespace chevet
