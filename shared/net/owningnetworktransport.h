#pragma once

#include "networktransport.h"

#include <QNetworkAccessManager>

namespace chevet {

// A NetworkTransport with a QNetworkAccessManager of its own, so a factory can hand it out alone. Made
// on the thread that uses it (the sync thread), as the manager requires.
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
    std::unique_ptr<PendingExchange> start(const HttpRequest &request) override
    {
        return m_transport.start(request);
    }
    QString baseUrl() const override { return m_transport.baseUrl(); }

private:
    QNetworkAccessManager m_manager;
    NetworkTransport m_transport;
};

} // namespace chevet
