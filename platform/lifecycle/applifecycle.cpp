#include "applifecycle.h"

#include "core/logging.h"
#include "dbusscreenlocksource.h"
#include "guiapplicationstatesource.h"

namespace chevet {

AppLifecycle::AppLifecycle(QObject *parent)
    : AppLifecycle(std::make_unique<GuiApplicationStateSource>(), std::make_unique<DBusScreenLockSource>(),
                   parent)
{}

AppLifecycle::AppLifecycle(std::unique_ptr<ApplicationStateSource> state,
                           std::unique_ptr<ScreenLockSource> lock, QObject *parent)
    : QObject(parent)
    , m_state(std::move(state))
    , m_lock(std::move(lock))
{
    connect(m_state.get(), &ApplicationStateSource::stateChanged, this, &AppLifecycle::update);
    if (m_lock)
        connect(m_lock.get(), &ScreenLockSource::lockedChanged, this, &AppLifecycle::update);
    // The starting state is taken as it is, without a signal: nothing was shown yet to protect.
    m_active = m_state->state() == Qt::ApplicationActive && !(m_lock && m_lock->isLocked());
}

AppLifecycle::~AppLifecycle() = default;

void AppLifecycle::setInactiveSuspends(bool suspends)
{
    m_inactiveSuspends = suspends;
    update();
}

void AppLifecycle::update()
{
    const Qt::ApplicationState state = m_state->state();
    const bool foreground =
        state == Qt::ApplicationActive || (state == Qt::ApplicationInactive && !m_inactiveSuspends);
    const bool active = foreground && !(m_lock && m_lock->isLocked());
    if (active == m_active)
        return;
    m_active = active;
    qCInfo(lcPlatform) << (active ? "app resumed" : "app suspending");
    if (active)
        Q_EMIT resumed();
    else
        Q_EMIT suspending();
}

} // namespace chevet
