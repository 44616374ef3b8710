#include "dbusscreenlocksource.h"

#include "core/logging.h"

#include <QDBusConnection>

namespace chevet {

DBusScreenLockSource::DBusScreenLockSource(QObject *parent)
    : ScreenLockSource(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        qCInfo(lcPlatform) << "no session bus: screen lock not watched";
        return;
    }
    // Any sender: the service name differs between desktops, the interface does not.
    const bool watching = bus.connect(QString(), QStringLiteral("/org/freedesktop/ScreenSaver"),
                                      QStringLiteral("org.freedesktop.ScreenSaver"),
                                      QStringLiteral("ActiveChanged"), this, SLOT(onActiveChanged(bool)));
    qCInfo(lcPlatform) << (watching ? "watching the screen lock" : "cannot watch the screen lock");
}

void DBusScreenLockSource::onActiveChanged(bool active)
{
    if (active == m_locked)
        return;
    m_locked = active;
    Q_EMIT lockedChanged(active);
}

} // namespace chevet
