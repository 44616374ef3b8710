#pragma once

#include <QString>
#include <QStringList>

namespace chevet {

// What the UI shows of the engine.
enum class SyncState { Offline, Connecting, Pulling, Pushing, Idle, Error };

QString syncStateKey(SyncState state);

struct SyncCounts
{
    int pushed = 0;      // records the DPI confirmed with a version
    int pulled = 0;      // resources stored or updated from the DPI
    int conflicts = 0;   // parked for a person or the clinical rules
    int quarantined = 0; // refused by the DPI (4xx), set aside with its reason
    int alerts = 0;      // clinical alerts raised
};

// What to keep on the device: the patients of a ward or home-care round, or an explicit list.
struct SyncScope
{
    QString unit;         // Location id of a ward or home-care round
    QStringList patients; // DPI ids or IPPs (of the store's establishment)
};

} // namespace chevet
