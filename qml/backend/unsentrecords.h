#pragma once

#include "core/result.h"
#include "store/outbox.h"

#include <QList>
#include <QString>

namespace chevet {
class Store;
}

namespace chevet::app {

// One record still only on this tablet, for the sync page (issue "the app" item 6): whose it is, what,
// when, and why it is not in the DPI yet.
struct UnsentRecord
{
    QString patient; // "DUPONT Marie · ch. 12 A"; empty for a record with no patient
    QString what;    // "Pouls 72", "Transmission (Douleur)", "Administration", ...
    qint64 atMs = 0; // the clinical time, or when it was entered
    OutboxState state = OutboxState::Pending;
    QString reason; // the DPI's reason (quarantined), the last failure (pending), or the conflict's rule
    int attempts = 0;
};

// Every record waiting, refused by the DPI or in conflict, one line per record (its most pressing state
// first: conflict, refused, waiting), oldest first; at most `limit`.
Result<QList<UnsentRecord>> loadUnsent(Store &store, int limit = 300);

// "en attente", "refusé par le DPI", "en conflit": the nurse's word for the state.
QString unsentStateLabel(OutboxState state);

} // namespace chevet::app
