#include "http.h"

namespace chevet {

QByteArray HttpResponse::header(const QByteArray &lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

namespace {

class DeferredExchange final : public PendingExchange
{
public:
    DeferredExchange(Transport &transport, HttpRequest request)
        : m_transport(transport)
        , m_request(std::move(request))
    {}
    Result<HttpResponse> finish() override { return m_transport.exchange(m_request); }

private:
    Transport &m_transport;
    HttpRequest m_request;
};

class FailedExchange final : public PendingExchange
{
public:
    explicit FailedExchange(Error error)
        : m_error(std::move(error))
    {}
    Result<HttpResponse> finish() override { return m_error; }

private:
    Error m_error;
};

} // namespace

std::unique_ptr<PendingExchange> Transport::start(const HttpRequest &request)
{
    return std::make_unique<DeferredExchange>(*this, request);
}

std::unique_ptr<PendingExchange> failedExchange(Error error)
{
    return std::make_unique<FailedExchange>(std::move(error));
}

} // namespace chevet
