#include "loopbacktransport.h"

#include "cancellation.h"

#include <QThread>

namespace chevet {

LoopbackTransport::LoopbackTransport(Handler handler, QString baseUrl)
    : m_handler(std::move(handler))
    , m_baseUrl(std::move(baseUrl))
{}

void LoopbackTransport::setFaults(const Faults &faults)
{
    std::lock_guard lock(m_mutex);
    m_faults = faults;
    m_random.seed(faults.seed);
}

Result<HttpResponse> LoopbackTransport::exchange(const HttpRequest &request)
{
    if (CancellationScope::cancelled())
        return makeError(NetError::Cancelled, QStringLiteral("the sync was stopped"), true);
    bool fail = false;
    bool drop = false;
    int latency = 0;
    {
        std::lock_guard lock(m_mutex);
        ++m_requests;
        fail = m_random.generateDouble() < m_faults.failRate;
        drop = !fail && m_random.generateDouble() < m_faults.dropRate;
        latency = m_faults.latencyMs;
    }
    if (latency > 0)
        QThread::msleep(ulong(latency));
    if (fail) {
        HttpResponse unavailable;
        unavailable.status = 503;
        unavailable.body =
            R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient",)"
            R"("diagnostics":"simulated outage"}]})";
        return unavailable;
    }
    HttpRequest local = request;
    if (local.target.startsWith(m_baseUrl))
        local.target = local.target.mid(m_baseUrl.size() + 1);
    HttpResponse response = m_handler(local);
    if (drop)
        return makeError(NetError::Unreachable,
                         QStringLiteral("the connection closed before the answer (simulated)"), true);
    return response;
}

} // namespace chevet
