#pragma once

#include "lifecyclesources.h"

#include <QObject>

#include <memory>

namespace chevet {

// Tells the app when to protect what is on screen and in memory: suspending() when the app leaves the
// foreground (Suspended, Hidden or, by default, Inactive) or the screen is locked, resumed() when it is
// active and unlocked again. Each is emitted once per change, however many states the OS passes
// through. The app flushes pending writes and locks the session on suspending().
class AppLifecycle : public QObject
{
    Q_OBJECT

public:
    // QGuiApplication's state and, where available, the desktop screen lock.
    explicit AppLifecycle(QObject *parent = nullptr);
    AppLifecycle(std::unique_ptr<ApplicationStateSource> state, std::unique_ptr<ScreenLockSource> lock,
                 QObject *parent = nullptr);
    ~AppLifecycle() override;

    // True while the app is in the foreground and the screen unlocked.
    bool isActive() const { return m_active; }
    // A desktop window is Inactive whenever it loses focus; a kiosk may not want that to lock.
    void setInactiveSuspends(bool suspends);

Q_SIGNALS:
    void suspending();
    void resumed();

private:
    void update();

    std::unique_ptr<ApplicationStateSource> m_state;
    std::unique_ptr<ScreenLockSource> m_lock;
    bool m_inactiveSuspends = true;
    bool m_active = true;
};

} // namespace chevet
