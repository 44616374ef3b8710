#pragma once

#include "core/result.h"
#include "sessionpolicy.h"

#include <QString>

namespace chevet {

class Clock;
class SessionRecords;

// The PIN reopens a nurse's session offline only for a while after her last full sign-in with the
// identity provider; after that she must sign in again (StoreError::SignInNeeded, "sign-in-needed"). The
// sign-in time is kept per nurse in the store file (SessionRecords), MACed, so it survives restarts and
// cannot be moved forward by editing the file.
class OfflineSessionWindow
{
public:
    OfflineSessionWindow(SessionRecords &records, const SessionPolicy &policy, const Clock &clock);

    Status recordSignIn(const QString &nurse);
    // Time left for PIN reopening; 0 when a full sign-in is needed (never signed in here, window
    // over, record altered, or a clock set back before the sign-in).
    Result<qint64> remainingMs(const QString &nurse);
    Result<bool> allowsPinUnlock(const QString &nurse);

private:
    SessionRecords &m_records;
    SessionPolicy m_policy;
    const Clock &m_clock;
};

} // namespace chevet
