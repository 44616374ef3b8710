#include "tokenprovider.h"

#include "core/logging.h"
#include "networktransport.h"
#include "tokenendpoint.h"

#include <QNetworkAccessManager>

namespace chevet {

TokenProvider::TokenProvider(Refresher refresher, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_refresher(std::move(refresher))
    , m_clock(clock)
{}

TokenProvider::Refresher TokenProvider::networkRefresher(const OidcConfig &config, const QUrl &tokenEndpoint,
                                                         const Clock &clock)
{
    return [config, tokenEndpoint, &clock](const QByteArray &refreshToken) -> Result<TokenSet> {
        QNetworkAccessManager manager; // lives on whichever thread refreshes
        NetworkOptions options = config.network;
        options.baseUrl = config.issuer;
        options.bearerToken.clear();
        NetworkTransport http(manager, options);
        TokenEndpoint endpoint(http, tokenEndpoint, config.clientId);
        return endpoint.refresh(refreshToken, clock.nowMs());
    };
}

Error TokenProvider::signInNeededError(const QString &why)
{
    return makeError(NetError::SignInNeeded, why);
}

void TokenProvider::storeTokens(const TokenSet &tokens)
{
    std::lock_guard lock(m_mutex);
    m_tokens = tokens;
    if (!tokens.subject.isEmpty())
        m_nurseId = tokens.subject;
}

void TokenProvider::setTokens(const TokenSet &tokens)
{
    storeTokens(tokens);
    Q_EMIT tokensChanged();
}

TokenSet TokenProvider::tokens() const
{
    std::lock_guard lock(m_mutex);
    return m_tokens;
}

bool TokenProvider::isSignedIn() const
{
    std::lock_guard lock(m_mutex);
    return m_tokens.hasAccess() || m_tokens.canRefresh();
}

QString TokenProvider::nurseId() const
{
    std::lock_guard lock(m_mutex);
    return m_nurseId;
}

void TokenProvider::signOut()
{
    {
        std::lock_guard lock(m_mutex);
        m_tokens = TokenSet();
    }
    Q_EMIT tokensChanged();
}

bool TokenProvider::usableLocked(qint64 nowMs) const
{
    if (!m_tokens.hasAccess())
        return false;
    if (m_tokens.accessExpiresAtMs <= 0)
        return true; // the provider gave no lifetime: use it until the DPI refuses it
    const qint64 lifetime = m_tokens.accessExpiresAtMs - m_tokens.obtainedAtMs;
    // A fixed margin would make a 2-minute token refresh on every request; cap it at a fifth of its life.
    const qint64 margin = std::min(m_marginMs, std::max<qint64>(0, lifetime / 5));
    return nowMs < m_tokens.accessExpiresAtMs - margin;
}

Result<QByteArray> TokenProvider::accessToken()
{
    {
        std::lock_guard lock(m_mutex);
        if (usableLocked(m_clock.nowMs()))
            return m_tokens.accessToken;
    }
    Outcome outcome = Outcome::Unchanged;
    Result<QByteArray> result = refreshUnless(
        [this]() {
            return usableLocked(m_clock.nowMs()); // another thread refreshed meanwhile
        },
        &outcome);
    announce(outcome);
    return result;
}

Result<QByteArray> TokenProvider::refreshAfterRejection(const QByteArray &rejected)
{
    Outcome outcome = Outcome::Unchanged;
    Result<QByteArray> result = refreshUnless(
        [this, &rejected]() {
            return m_tokens.hasAccess() && m_tokens.accessToken != rejected; // refreshed since it left
        },
        &outcome);
    announce(outcome);
    return result;
}

Result<QByteArray> TokenProvider::refreshUnless(const std::function<bool()> &alreadyFresh, Outcome *outcome)
{
    std::lock_guard refreshing(m_refreshMutex);
    {
        std::lock_guard lock(m_mutex);
        if (alreadyFresh())
            return m_tokens.accessToken;
    }
    return refreshLocked(outcome);
}

void TokenProvider::announce(Outcome outcome)
{
    if (outcome != Outcome::Unchanged)
        Q_EMIT tokensChanged();
    if (outcome == Outcome::Ended)
        Q_EMIT signInNeeded();
}

// Called with m_refreshMutex held; signals nothing (see announce()).
Result<QByteArray> TokenProvider::refreshLocked(Outcome *outcome)
{
    const TokenSet current = tokens();
    if (!current.canRefresh()) {
        if (current.hasAccess()) {
            storeTokens(TokenSet());
            *outcome = Outcome::Ended;
        }
        return signInNeededError(QStringLiteral("sign in to reach the DPI"));
    }
    qCInfo(lcNet) << "refreshing the access token";
    Result<TokenSet> fresh = m_refresher(current.refreshToken);
    if (!fresh) {
        if (fresh.error().code == NetError::SignInNeeded) {
            qCInfo(lcNet) << "the identity provider ended the session; sign-in needed";
            storeTokens(TokenSet());
            *outcome = Outcome::Ended;
        }
        return fresh.error(); // transient ones: the sync retries later with the same refresh token
    }
    const TokenSet merged = fresh->refreshedFrom(current);
    storeTokens(merged);
    *outcome = Outcome::Changed;
    return merged.accessToken;
}

} // namespace chevet
