#include "authorizingtransport.h"

#include "core/logging.h"
#include "tokenprovider.h"

#include <QNetworkAccessManager>

namespace chevet {

namespace {

// A NetworkTransport that owns its QNetworkAccessManager, so a factory can hand it out alone.
class OwningNetworkTransport final : public Transport
{
public:
    explicit OwningNetworkTransport(const NetworkOptions &options)
        : m_transport(m_manager, options)
    {}
    Result<HttpResponse> exchange(const HttpRequest &request) override
    {
        return m_transport.exchange(request);
    }
    QString baseUrl() const override { return m_transport.baseUrl(); }

private:
    QNetworkAccessManager m_manager;
    NetworkTransport m_transport;
};

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

} // namespace chevet
