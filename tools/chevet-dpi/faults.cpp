#include "faults.h"

namespace chevet::dpi {

static QRandomGenerator seeded(quint64 seed)
{
    const quint32 words[2] = {quint32(seed), quint32(seed >> 32)};
    return QRandomGenerator(words, 2);
}

FaultInjector::FaultInjector(const FaultOptions &options)
    : m_options(options)
    , m_random(seeded(options.seed))
{}

FaultPlan FaultInjector::next()
{
    FaultPlan plan;
    plan.latencyMs = m_options.latencyMs;
    // Always draw both numbers, so the sequence of faults for a seed does not depend on the rates.
    const double failDraw = m_random.generateDouble();
    const double dropDraw = m_random.generateDouble();
    plan.fail = failDraw < m_options.failRate;
    plan.drop = !plan.fail && dropDraw < m_options.dropRate;
    return plan;
}

} // namespace chevet::dpi
