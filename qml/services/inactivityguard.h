#pragma once

#include "session/inactivitylock.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <optional>

// Locks after a quiet spell, with a warning first (issue "the app" item 5; the nurse's review, 7a): the
// last `warnBeforeMs` count down, and any touch starts the spell again. Measured on a monotonic clock, so
// setting the device's time neither delays nor hastens the lock. Built on chevet::InactivityLock.
class InactivityGuard : public QObject
{
    Q_OBJECT

public:
    InactivityGuard(qint64 timeoutMs, qint64 warnBeforeMs, QObject *parent = nullptr);

    void start();
    void stop();
    void touch();
    bool running() const { return m_lock.has_value(); }
    // Seconds left before the lock while warning; -1 otherwise.
    int secondsLeft() const { return m_secondsLeft; }

Q_SIGNALS:
    void secondsLeftChanged();
    void timedOut();

private:
    void check();
    void setSecondsLeft(int seconds);
    qint64 nowMs() const { return m_clock.elapsed(); }

    const qint64 m_timeoutMs;
    const qint64 m_warnBeforeMs;
    QElapsedTimer m_clock;
    std::optional<chevet::InactivityLock> m_lock;
    QTimer m_timer;
    int m_secondsLeft = -1;
};
