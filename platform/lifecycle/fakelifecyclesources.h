#pragma once

#include "lifecyclesources.h"

namespace chevet {

// For tests: states and locks that change when told to.
class FakeApplicationStateSource final : public ApplicationStateSource
{
    Q_OBJECT

public:
    using ApplicationStateSource::ApplicationStateSource;
    Qt::ApplicationState state() const override { return m_state; }
    void setState(Qt::ApplicationState state)
    {
        m_state = state;
        Q_EMIT stateChanged(state);
    }

private:
    Qt::ApplicationState m_state = Qt::ApplicationActive;
};

class FakeScreenLockSource final : public ScreenLockSource
{
    Q_OBJECT

public:
    using ScreenLockSource::ScreenLockSource;
    bool isLocked() const override { return m_locked; }
    void setLocked(bool locked)
    {
        m_locked = locked;
        Q_EMIT lockedChanged(locked);
    }

private:
    bool m_locked = false;
};

} // namespace chevet
