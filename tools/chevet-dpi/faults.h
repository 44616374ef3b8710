#pragma once

#include <QRandomGenerator>

namespace chevet::dpi {

struct FaultOptions
{
    int latencyMs = 0;
    double failRate = 0; // share of requests answered 503 before anything is done
    double dropRate = 0; // share of requests done, committed, then left without an answer
    quint64 seed = 0;
};

// What happens to one request on its way: the faults a weak network or an overloaded DPI cause, so
// clients can be tested against them.
struct FaultPlan
{
    bool fail = false;
    bool drop = false;
    int latencyMs = 0;
};

// Draws a plan per request from a seeded generator, so a failing client test can be replayed with
// the same --fault-seed.
class FaultInjector
{
public:
    explicit FaultInjector(const FaultOptions &options);

    FaultPlan next();

private:
    FaultOptions m_options;
    QRandomGenerator m_random;
};

} // namespace chevet::dpi
