#include "dbusscreenlocksource.h"

namespace chevet {

// Builds without Qt DBus (mobile, or a desktop without it): the screen lock is not known.
DBusScreenLockSource::DBusScreenLockSource(QObject *parent)
    : ScreenLockSource(parent)
{}

void DBusScreenLockSource::onActiveChanged(bool) {}

} // namespace chevet
