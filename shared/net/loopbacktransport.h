#pragma once

#include "http.h"

#include <QRandomGenerator>

#include <functional>
#include <mutex>

namespace chevet {

// In-process transport for tests: hands each request to a server function in the same process, with
// simulated latency and faults, so sync suites run fast and deterministically without sockets.
class LoopbackTransport final : public Transport
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    struct Faults
    {
        int latencyMs = 0;
        double failRate = 0; // answer 503 without reaching the server
        double dropRate = 0; // let the server do the work, then lose the response
        quint32 seed = 1;
    };

    explicit LoopbackTransport(Handler handler, QString baseUrl = QStringLiteral("loopback:/fhir"));

    void setFaults(const Faults &faults);
    Result<HttpResponse> exchange(const HttpRequest &request) override;
    QString baseUrl() const override { return m_baseUrl; }
    int requests() const { return m_requests; }

private:
    Handler m_handler;
    QString m_baseUrl;
    Faults m_faults;
    QRandomGenerator m_random;
    std::mutex m_mutex;
    int m_requests = 0;
};

} // namespace chevet
