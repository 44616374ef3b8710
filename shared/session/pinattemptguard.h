#pragma once

#include "core/result.h"
#include "sessionpolicy.h"

#include <QString>

namespace chevet {

class Clock;
class SessionRecords;
struct NurseSessionState;

struct PinAttemptStatus
{
    int failures = 0;
    int attemptsLeft = 0; // before lockout
    qint64 waitMs = 0;    // before the next attempt is allowed
    bool lockedOut = false;
    bool tampered = false;        // the stored counter failed its MAC: treated as locked out
    bool deviceLockedOut = false; // too many wrong PINs on this tablet, all nurses together
    bool counted = false;         // beginAttempt(): this attempt was counted and may go ahead
};

// Limits PIN guessing per nurse. The counter lives in the store file (SessionRecords: MACed under a
// key from the device secret), so it survives restarts and a hand-edited value is detected; it is
// read before anything is unlocked. Only a full sign-in clears a lockout (clearLockout()).
class PinAttemptGuard
{
public:
    PinAttemptGuard(SessionRecords &records, const SessionPolicy &policy, const Clock &clock);

    Result<PinAttemptStatus> status(const QString &nurse);
    // 0 when an attempt may be made now.
    Result<qint64> delayBeforeNextAttempt(const QString &nurse);
    // Counts an attempt before the PIN is checked, so that killing the app during the check does not
    // make it free; recordSuccess() or undoAttempt() settle it afterwards. The check that an attempt
    // is allowed now and the count are one write transaction: two processes trying PINs at once cannot
    // both read the same count (security review F11). When no attempt is allowed, nothing is counted and
    // `counted` is false.
    Result<PinAttemptStatus> beginAttempt(const QString &nurse);
    Status recordSuccess(const QString &nurse);
    // The check could not run (other device, damaged file): the attempt does not count.
    Status undoAttempt(const QString &nurse);
    // After a successful full sign-in only: her own lockout and the tablet's.
    Status clearLockout(const QString &nurse);

private:
    PinAttemptStatus statusOf(const NurseSessionState &state, int deviceFailures) const;
    // Both counters read once; a record that fails its MAC reads as a lockout (and leaves the out
    // parameters alone).
    Result<PinAttemptStatus> readCounts(const QString &nurse, NurseSessionState *state, int *deviceFailures);

    SessionRecords &m_records;
    SessionPolicy m_policy;
    const Clock &m_clock;
};

} // namespace chevet
