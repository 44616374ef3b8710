#include "syncsummary.h"

namespace chevet {

QString syncStateKey(SyncState state)
{
    switch (state) {
    case SyncState::Offline:
        return QStringLiteral("offline");
    case SyncState::Connecting:
        return QStringLiteral("connecting");
    case SyncState::Pulling:
        return QStringLiteral("pulling");
    case SyncState::Pushing:
        return QStringLiteral("pushing");
    case SyncState::Idle:
        return QStringLiteral("idle");
    case SyncState::Error:
        return QStringLiteral("error");
    }
    return {};
}

} // namespace chevet
