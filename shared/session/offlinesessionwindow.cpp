#include "offlinesessionwindow.h"

#include "core/clock.h"
#include "elapsedtime.h"
#include "store/sessionrecords.h"

namespace chevet {

OfflineSessionWindow::OfflineSessionWindow(SessionRecords &records, const SessionPolicy &policy,
                                           const Clock &clock)
    : m_records(records)
    , m_policy(policy)
    , m_clock(clock)
{}

Status OfflineSessionWindow::recordSignIn(const QString &nurse)
{
    Result<NurseSessionState> state = m_records.read(nurse);
    NurseSessionState next = state ? *state : NurseSessionState{};
    const Moment now = momentNow(m_clock);
    next.lastSignInMs = now.wallMs;
    next.lastSignInBootId = now.bootId;
    next.lastSignInSinceBootMs = now.sinceBootMs;
    return m_records.write(nurse, next);
}

Result<qint64> OfflineSessionWindow::remainingMs(const QString &nurse)
{
    Result<NurseSessionState> state = m_records.read(nurse);
    if (!state) {
        if (state.error().code == StoreError::SessionTampered)
            return qint64(0);
        return state.error();
    }
    if (state->lastSignInMs <= 0 || m_clock.nowMs() < state->lastSignInMs)
        return qint64(0);
    // Whichever clock says more time has passed: a date set back within one boot does not reopen the
    // window (security review F12); after a restart only the date and the time since boot are left.
    const qint64 elapsed = longestElapsedMs(
        {state->lastSignInMs, state->lastSignInBootId, state->lastSignInSinceBootMs}, m_clock);
    const qint64 left = m_policy.offlineReopenWindowMs - elapsed;
    return left > 0 ? left : qint64(0);
}

Result<bool> OfflineSessionWindow::allowsPinUnlock(const QString &nurse)
{
    Result<qint64> left = remainingMs(nurse);
    if (!left)
        return left.error();
    return *left > 0;
}

} // namespace chevet
