#include "inactivityguard.h"

#include <algorithm>

InactivityGuard::InactivityGuard(qint64 timeoutMs, qint64 warnBeforeMs, QObject *parent)
    : QObject(parent)
    , m_timeoutMs(timeoutMs)
    , m_warnBeforeMs(std::min(warnBeforeMs, timeoutMs))
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &InactivityGuard::check);
}

void InactivityGuard::start()
{
    m_lock.emplace(m_timeoutMs, nowMs());
    check();
}

void InactivityGuard::stop()
{
    m_lock.reset();
    m_timer.stop();
    setSecondsLeft(-1);
}

void InactivityGuard::touch()
{
    if (!m_lock)
        return;
    m_lock->touch(nowMs());
    // Touches come with every tap and key: nothing to re-arm unless the warning shows. The timer set for
    // the old deadline finds the spell restarted and waits again.
    if (m_secondsLeft >= 0)
        check();
}

void InactivityGuard::check()
{
    if (!m_lock)
        return;
    const qint64 now = nowMs();
    if (m_lock->shouldLock(now)) {
        stop();
        Q_EMIT timedOut();
        return;
    }
    const qint64 remaining = m_lock->remainingMs(now);
    if (remaining > m_warnBeforeMs) {
        setSecondsLeft(-1);
        m_timer.start(int(remaining - m_warnBeforeMs));
        return;
    }
    // Counting down: once a second, and exactly at the deadline.
    setSecondsLeft(int((remaining + 999) / 1000));
    const qint64 toNextSecond = remaining % 1000 == 0 ? 1000 : remaining % 1000;
    m_timer.start(int(std::min(remaining, toNextSecond)));
}

void InactivityGuard::setSecondsLeft(int seconds)
{
    if (m_secondsLeft == seconds)
        return;
    m_secondsLeft = seconds;
    Q_EMIT secondsLeftChanged();
}
