#pragma once

#include "httptypes.h"

#include <QRandomGenerator>

#include <optional>

namespace chevet::dpi {

struct FaultOptions
{
    int latencyMs = 0;
    double failRate = 0; // share of requests answered 503 before anything is done
    double dropRate = 0; // share of requests done, committed, then left without an answer
    quint64 seed = 0;
    double conflictRate = 0; // share answered 409 `conflict` (version contention) before anything is done
    double html413Rate = 0;  // share of bundle POSTs answered 413 with a proxy's HTML page
    double html502Rate = 0;  // share answered 502 with a proxy's HTML page
    qint64 maxBodyBytes = 0; // a larger body gets the HTML 413, as nginx's client_max_body_size; 0: none
};

// What happens to one request on its way: the faults a weak network, a proxy or an overloaded DPI
// cause, so clients can be tested against them. At most one answer replaces the server's.
struct FaultPlan
{
    bool fail = false;     // 503, OperationOutcome `transient`
    bool conflict = false; // 409, OperationOutcome `conflict`
    bool html413 = false;  // 413, text/html (random, or the body is over the size limit)
    bool html502 = false;  // 502, text/html
    bool drop = false;
    int latencyMs = 0;

    // The answer given instead of the server's, if any (the drop is not one: the server answers).
    std::optional<HttpResponse> answer() const;
    // For the request log: " (fault: ...)", empty without a fault.
    QString note() const;
};

// Draws a plan per request from seeded generators, so a failing client test can be replayed with
// the same --fault-seed.
class FaultInjector
{
public:
    explicit FaultInjector(const FaultOptions &options);

    FaultPlan next(const HttpRequest &request);

private:
    FaultOptions m_options;
    QRandomGenerator m_random;
    QRandomGenerator m_proxyRandom; // the later fault kinds: their own stream keeps the 503/drop draws
};

} // namespace chevet::dpi
