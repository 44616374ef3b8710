#pragma once

#include "http.h"
#include "networktransport.h"

#include <memory>

namespace chevet {

class TokenProvider;

// Puts the signed-in nurse's access token on every request to the DPI. A 401 means the token is no
// longer good (expired early, revoked, clock skew): the provider refreshes once and the same request
// goes again, once — safe, since a 401 request was not processed, and sync writes are conditional
// anyway. When no token can be had the exchange fails with the provider's error ("sign-in-needed",
// not transient), so a sync run stops there and everything not confirmed stays queued.
class AuthorizingTransport final : public Transport
{
public:
    AuthorizingTransport(std::unique_ptr<Transport> inner, TokenProvider &tokens);

    // For SyncEngine's TransportFactory (called on the sync thread): a NetworkTransport with a
    // QNetworkAccessManager of its own, behind the token provider.
    static std::unique_ptr<Transport> overNetwork(const NetworkOptions &options, TokenProvider &tokens);

    Result<HttpResponse> exchange(const HttpRequest &request) override;
    std::unique_ptr<PendingExchange> start(const HttpRequest &request) override;
    QString baseUrl() const override { return m_inner->baseUrl(); }
    int refreshes() const { return m_refreshes; } // 401s answered by a refresh, for tests and logs

private:
    Result<HttpResponse> againWithFreshToken(const HttpRequest &request, const QByteArray &rejected);

    std::unique_ptr<Transport> m_inner;
    TokenProvider &m_tokens;
    int m_refreshes = 0;
};

} // namespace chevet
