#pragma once

#include <QtGlobal>

namespace chevet {

// Locks the screen after a quiet spell. Pure logic: the app calls touch() on every user input and
// asks shouldLock() from a timer; times come from the injected clock, so tests need no waiting.
class InactivityLock
{
public:
    InactivityLock(qint64 timeoutMs, qint64 nowMs);

    void touch(qint64 nowMs);
    bool shouldLock(qint64 nowMs) const;
    // How long until the lock, for the app's timer (0 when due).
    qint64 remainingMs(qint64 nowMs) const;

private:
    qint64 m_timeoutMs;
    qint64 m_lastTouchMs;
};

} // namespace chevet
