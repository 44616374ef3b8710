#include "authorizingtransport.h"

#include "core/logging.h"
#include "owningnetworktransport.h"
#include "tokenprovider.h"

#include <functional>

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
    return againWithFreshToken(request, *token);
}

Result<HttpResponse> AuthorizingTransport::againWithFreshToken(const HttpRequest &request,
                                                               const QByteArray &rejected)
{
    qCInfo(lcNet) << "the DPI refused the access token (401); refreshing once";
    Result<QByteArray> fresh = m_tokens.refreshAfterRejection(rejected);
    if (!fresh)
        return fresh.error();
    ++m_refreshes;
    return m_inner->exchange(withBearer(request, *fresh));
}

namespace {

// A request sent ahead with the current token; a 401 refreshes the token it was sent with, once, and the
// request goes again, as exchange() does.
class AuthorizedPendingExchange final : public PendingExchange
{
public:
    using Retry = std::function<Result<HttpResponse>(const HttpRequest &, const QByteArray &)>;
    AuthorizedPendingExchange(Retry retry, HttpRequest request, QByteArray token,
                              std::unique_ptr<PendingExchange> sent)
        : m_retry(std::move(retry))
        , m_request(std::move(request))
        , m_token(std::move(token))
        , m_sent(std::move(sent))
    {}
    Result<HttpResponse> finish() override
    {
        Result<HttpResponse> response = m_sent->finish();
        if (!response || response->status != 401)
            return response;
        return m_retry(m_request, m_token);
    }

private:
    Retry m_retry;
    HttpRequest m_request;
    QByteArray m_token;
    std::unique_ptr<PendingExchange> m_sent;
};

} // namespace

std::unique_ptr<PendingExchange> AuthorizingTransport::start(const HttpRequest &request)
{
    Result<QByteArray> token = m_tokens.accessToken();
    if (!token)
        return failedExchange(token.error());
    return std::make_unique<AuthorizedPendingExchange>(
        [this](const HttpRequest &again, const QByteArray &rejected) {
            return againWithFreshToken(again, rejected);
        },
        request, *token, m_inner->start(withBearer(request, *token)));
}

} // namespace chevet
