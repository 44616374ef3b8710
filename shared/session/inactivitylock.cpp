#include "inactivitylock.h"

#include <algorithm>

namespace chevet {

InactivityLock::InactivityLock(qint64 timeoutMs, qint64 nowMs)
    : m_timeoutMs(timeoutMs)
    , m_lastTouchMs(nowMs)
{}

void InactivityLock::touch(qint64 nowMs)
{
    // Never backwards: a clock set back must not stretch the quiet spell that is already counted.
    m_lastTouchMs = std::max(m_lastTouchMs, nowMs);
}

bool InactivityLock::shouldLock(qint64 nowMs) const
{
    // A clock that jumped backwards past the last touch is not trusted to mean "just touched": lock.
    return nowMs < m_lastTouchMs || nowMs - m_lastTouchMs >= m_timeoutMs;
}

qint64 InactivityLock::remainingMs(qint64 nowMs) const
{
    if (shouldLock(nowMs))
        return 0;
    return m_timeoutMs - (nowMs - m_lastTouchMs);
}

} // namespace chevet
