#include "backoff.h"

#include <algorithm>

namespace chevet {

Backoff::Backoff(qint64 baseMs, qint64 capMs, quint32 seed)
    : m_baseMs(baseMs)
    , m_capMs(capMs)
    , m_random(seed)
{}

qint64 Backoff::nextDelayMs()
{
    const int shift = std::min(m_attempt, 30);
    const qint64 ceiling = std::min(m_capMs, m_baseMs << shift);
    ++m_attempt;
    const qint64 floor = ceiling / 2;
    return floor + qint64(m_random.bounded(quint64(ceiling - floor + 1)));
}

} // namespace chevet
