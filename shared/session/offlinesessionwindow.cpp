#include "offlinesessionwindow.h"

#include "core/clock.h"
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
    next.lastSignInMs = m_clock.nowMs();
    return m_records.write(nurse, next);
}

Result<qint64> OfflineSessionWindow::remainingMs(const QString &nurse)
{
    Result<NurseSessionState> state = m_records.read(nurse);
    if (!state) {
        if (state.error().code == QLatin1String("session-tampered"))
            return qint64(0);
        return state.error();
    }
    const qint64 now = m_clock.nowMs();
    if (state->lastSignInMs <= 0 || now < state->lastSignInMs)
        return qint64(0);
    const qint64 left = state->lastSignInMs + m_policy.offlineReopenWindowMs - now;
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
