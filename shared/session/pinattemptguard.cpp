#include "pinattemptguard.h"

#include "core/clock.h"
#include "elapsedtime.h"
#include "store/database.h"
#include "store/sessionrecords.h"

#include <algorithm>

namespace chevet {

namespace {

bool isTampered(const Error &error)
{
    return error.code == StoreError::SessionTampered;
}

} // namespace

PinAttemptGuard::PinAttemptGuard(SessionRecords &records, const SessionPolicy &policy, const Clock &clock)
    : m_records(records)
    , m_policy(policy)
    , m_clock(clock)
{}

PinAttemptStatus PinAttemptGuard::statusOf(const NurseSessionState &state, int deviceFailures) const
{
    PinAttemptStatus s;
    s.failures = state.failures;
    s.deviceLockedOut = deviceFailures >= m_policy.deviceLockoutAfterFailures;
    s.lockedOut = state.lockedOut || state.failures >= m_policy.lockoutAfterFailures || s.deviceLockedOut;
    s.attemptsLeft = s.lockedOut ? 0
                                 : std::min(m_policy.attemptsLeft(state.failures),
                                            m_policy.deviceLockoutAfterFailures - deviceFailures);
    const qint64 delay = m_policy.delayAfterFailures(state.failures);
    // On the boot clock: a date moved forward does not end the wait, a date set back does not restart
    // it (security review F2); records from before boot times were kept use the date.
    const qint64 elapsed = surelyElapsedMs(
        {state.lastFailureMs, state.lastFailureBootId, state.lastFailureSinceBootMs}, m_clock);
    s.waitMs = s.lockedOut ? 0 : std::max<qint64>(0, delay - elapsed);
    return s;
}

Result<PinAttemptStatus> PinAttemptGuard::status(const QString &nurse)
{
    NurseSessionState state;
    int deviceFailures = 0;
    return readCounts(nurse, &state, &deviceFailures);
}

Result<PinAttemptStatus> PinAttemptGuard::readCounts(const QString &nurse, NurseSessionState *state,
                                                     int *deviceFailures)
{
    Result<NurseSessionState> read = m_records.read(nurse);
    Result<int> device = read ? m_records.deviceFailures() : Result<int>(0);
    const Error *failed = !read ? &read.error() : !device ? &device.error() : nullptr;
    if (failed) {
        if (!isTampered(*failed))
            return *failed;
        PinAttemptStatus s;
        s.lockedOut = true;
        s.tampered = true;
        return s;
    }
    *state = *read;
    *deviceFailures = *device;
    return statusOf(*state, *deviceFailures);
}

Result<qint64> PinAttemptGuard::delayBeforeNextAttempt(const QString &nurse)
{
    Result<PinAttemptStatus> s = status(nurse);
    if (!s)
        return s.error();
    return s->waitMs;
}

Result<PinAttemptStatus> PinAttemptGuard::beginAttempt(const QString &nurse)
{
    Transaction tx(m_records.database()); // BEGIN IMMEDIATE: one process at a time from here to commit
    if (Status s = tx.begin(); !s)
        return s.error();
    NurseSessionState state;
    int device = 0;
    Result<PinAttemptStatus> before = readCounts(nurse, &state, &device);
    if (!before)
        return before.error();
    if (before->lockedOut || before->waitMs > 0)
        return before; // nothing counted; the transaction rolls back
    state.failures += 1;
    const Moment now = momentNow(m_clock);
    state.lastFailureMs = now.wallMs;
    state.lastFailureBootId = now.bootId;
    state.lastFailureSinceBootMs = now.sinceBootMs;
    // Lockout follows from the counts (statusOf); the flag itself is kept for records that failed
    // their MAC. An attempt is only made while not locked out, so a right PIN at the last allowed
    // attempt still succeeds and resets the counts.
    if (Status s = m_records.write(nurse, state); !s)
        return s.error();
    if (Status s = m_records.setDeviceFailures(device + 1); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    PinAttemptStatus counted = statusOf(state, device + 1);
    counted.counted = true;
    return counted;
}

Status PinAttemptGuard::recordSuccess(const QString &nurse)
{
    Transaction tx(m_records.database());
    if (Status s = tx.begin(); !s)
        return s;
    Result<NurseSessionState> state = m_records.read(nurse);
    if (!state)
        return state.error();
    state->failures = 0;
    state->lastFailureMs = 0;
    state->lastFailureBootId.clear();
    if (Status s = m_records.write(nurse, *state); !s)
        return s;
    // Someone who knew a PIN came back: the tablet's budget starts again.
    if (Status s = m_records.setDeviceFailures(0); !s)
        return s;
    return tx.commit();
}

Status PinAttemptGuard::undoAttempt(const QString &nurse)
{
    Transaction tx(m_records.database());
    if (Status s = tx.begin(); !s)
        return s;
    Result<NurseSessionState> state = m_records.read(nurse);
    if (!state)
        return state.error();
    if (state->failures > 0 && !state->lockedOut)
        state->failures -= 1;
    if (Status s = m_records.write(nurse, *state); !s)
        return s;
    Result<int> device = m_records.deviceFailures();
    if (!device)
        return device.error();
    if (Status s = m_records.setDeviceFailures(std::max(0, *device - 1)); !s)
        return s;
    return tx.commit();
}

Status PinAttemptGuard::clearLockout(const QString &nurse)
{
    Transaction tx(m_records.database());
    if (Status s = tx.begin(); !s)
        return s;
    // A tampered record is replaced: the sign-in has just proved who she is.
    Result<NurseSessionState> state = m_records.read(nurse);
    NurseSessionState fresh = state ? *state : NurseSessionState{};
    fresh.failures = 0;
    fresh.lastFailureMs = 0;
    fresh.lastFailureBootId.clear();
    fresh.lockedOut = false;
    if (Status s = m_records.write(nurse, fresh); !s)
        return s;
    if (Status s = m_records.setDeviceFailures(0); !s)
        return s;
    return tx.commit();
}

} // namespace chevet
