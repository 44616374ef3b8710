#include "authorizingtransport.h"

#include "core/logging.h"
#include "owningnetworktransport.h"
#include "tokenprovider.h"

namespace chevet {

namespace {

HttpRequest withBearer(HttpRequest request, const QByteArray &token)
{
    for (auto it = request.headers.begin(); it != request.headers.end();) {
        if (it->first.compare("authorization", Qt::CaseInsensitive) == 0)
            it = request.headers.erase(it);
        else
            ++it;
    }
    request.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + token});
    return request;
}

} // namespace

AuthorizingTransport::AuthorizingTransport(std::unique_ptr<Transport> inner, TokenProvider &tokens)
    : m_inner(std::move(inner))
    , m_tokens(tokens)
{}

std::unique_ptr<Transport> AuthorizingTransport::overNetwork(const NetworkOptions &options,
                                                             TokenProvider &tokens)
{
    NetworkOptions withoutStaticToken = options;
    withoutStaticToken.bearerToken.clear();
    return std::make_unique<AuthorizingTransport>(
        std::make_unique<OwningNetworkTransport>(withoutStaticToken), tokens);
}

Result<HttpResponse> AuthorizingTransport::exchange(const HttpRequest &request)
{
    Result<QByteArray> token = m_tokens.accessToken();
    if (!token)
        return token.error();
    Result<HttpResponse> response = m_inner->exchange(withBearer(request, *token));
    if (!response || response->status != 401)
        return response;
    qCInfo(lcNet) << "the DPI refused the access token (401); refreshing once";
    Result<QByteArray> fresh = m_tokens.refreshAfterRejection(*token);
    if (!fresh)
        return fresh.error();
    ++m_refreshes;
    return m_inner->exchange(withBearer(request, *fresh));
}

namespace {

// A request sent ahead with the current token; a 401 is answered as exchange() answers it.
class AuthorizedPendingExchange final : public PendingExchange
{
public:
    AuthorizedPendingExchange(AuthorizingTransport &transport, HttpRequest request,
                              std::unique_ptr<PendingExchange> sent)
        : m_transport(transport)
        , m_request(std::move(request))
        , m_sent(std::move(sent))
    {}
    Result<HttpResponse> finish() override
    {
        Result<HttpResponse> response = m_sent->finish();
        if (!response || response->status != 401)
            return response;
        return m_transport.exchange(m_request);
    }

private:
    AuthorizingTransport &m_transport;
    HttpRequest m_request;
    std::unique_ptr<PendingExchange> m_sent;
};

} // namespace

std::unique_ptr<PendingExchange> AuthorizingTransport::start(const HttpRequest &request)
{
    Result<QByteArray> token = m_tokens.accessToken();
    if (!token)
        return failedExchange(token.error());
    return std::make_unique<AuthorizedPendingExchange>(*this, request,
                                                       m_inner->start(withBearer(request, *token)));
}

} // namespace chevet
