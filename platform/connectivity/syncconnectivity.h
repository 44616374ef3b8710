#pragma once

#include "connectivitymonitor.h"
#include "sync/syncengine.h"

namespace chevet {

// Wires the monitor to the sync engine: a reconnect starts a sync, a disconnect parks the engine in
// Offline instead of letting it retry into the void. Hands over the current state at once.
inline QMetaObject::Connection connectSyncEngine(ConnectivityMonitor &monitor, SyncEngine &engine)
{
    engine.setOnline(monitor.online());
    return QObject::connect(&monitor, &ConnectivityMonitor::onlineChanged, &engine, &SyncEngine::setOnline);
}

} // namespace chevet
