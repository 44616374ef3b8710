#pragma once

#include "lifecyclesources.h"

namespace chevet {

// The desktop's screen lock, from the org.freedesktop.ScreenSaver ActiveChanged signal on the session
// bus (GNOME, KDE and others send it). Listening costs nothing and never blocks: without a bus, or
// with a desktop that does not send it, the screen simply never reads as locked. Built only when
// Qt DBus is found; elsewhere a stub that never locks.
class DBusScreenLockSource final : public ScreenLockSource
{
    Q_OBJECT

public:
    explicit DBusScreenLockSource(QObject *parent = nullptr);
    bool isLocked() const override { return m_locked; }

private Q_SLOTS:
    void onActiveChanged(bool active);

private:
    bool m_locked = false;
};

} // namespace chevet
