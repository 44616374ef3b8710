#include "pinattemptguard.h"

#include "core/clock.h"
#include "store/sessionrecords.h"

#include <algorithm>

namespace chevet {

PinAttemptGuard::PinAttemptGuard(SessionRecords &records, const SessionPolicy &policy, const Clock &clock)
    : m_records(records)
    , m_policy(policy)
    , m_clock(clock)
{}

PinAttemptStatus PinAttemptGuard::statusOf(int failures, qint64 lastFailureMs, bool lockedOut) const
{
    PinAttemptStatus s;
    s.failures = failures;
    s.lockedOut = lockedOut || failures >= m_policy.lockoutAfterFailures;
    s.attemptsLeft = s.lockedOut ? 0 : m_policy.attemptsLeft(failures);
    const qint64 delay = m_policy.delayAfterFailures(failures);
    const qint64 now = m_clock.nowMs();
    // A clock set back before the last failure restarts the whole wait rather than skipping it.
    const qint64 elapsed = now < lastFailureMs ? 0 : now - lastFailureMs;
    s.waitMs = s.lockedOut ? 0 : std::max<qint64>(0, delay - elapsed);
    return s;
}

Result<PinAttemptStatus> PinAttemptGuard::status(const QString &nurse)
{
    Result<NurseSessionState> state = m_records.read(nurse);
    if (!state) {
        if (state.error().code != QLatin1String("session-tampered"))
            return state.error();
        PinAttemptStatus s;
        s.lockedOut = true;
        s.tampered = true;
        return s;
    }
    return statusOf(state->failures, state->lastFailureMs, state->lockedOut);
}

Result<qint64> PinAttemptGuard::delayBeforeNextAttempt(const QString &nurse)
{
    Result<PinAttemptStatus> s = status(nurse);
    if (!s)
        return s.error();
    return s->waitMs;
}

Result<PinAttemptStatus> PinAttemptGuard::recordFailure(const QString &nurse)
{
    Result<NurseSessionState> state = m_records.read(nurse);
    if (!state)
        return state.error();
    state->failures += 1;
    state->lastFailureMs = m_clock.nowMs();
    // Lockout follows from the count (statusOf); the flag itself is kept for records that failed
    // their MAC. An attempt is only made while not locked out, so a right PIN at the last allowed
    // attempt still succeeds and resets the count.
    if (Status s = m_records.write(nurse, *state); !s)
        return s.error();
    return statusOf(state->failures, state->lastFailureMs, state->lockedOut);
}

Status PinAttemptGuard::recordSuccess(const QString &nurse)
{
    Result<NurseSessionState> state = m_records.read(nurse);
    if (!state)
        return state.error();
    state->failures = 0;
    state->lastFailureMs = 0;
    return m_records.write(nurse, *state);
}

Status PinAttemptGuard::undoAttempt(const QString &nurse)
{
    Result<NurseSessionState> state = m_records.read(nurse);
    if (!state)
        return state.error();
    if (state->failures > 0 && !state->lockedOut)
        state->failures -= 1;
    return m_records.write(nurse, *state);
}

Status PinAttemptGuard::clearLockout(const QString &nurse)
{
    // A tampered record is replaced: the sign-in has just proved who she is.
    Result<NurseSessionState> state = m_records.read(nurse);
    NurseSessionState fresh = state ? *state : NurseSessionState{};
    fresh.failures = 0;
    fresh.lastFailureMs = 0;
    fresh.lockedOut = false;
    return m_records.write(nurse, fresh);
}

} // namespace chevet
