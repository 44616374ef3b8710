#pragma once

#include <QtGlobal>

#include <vector>

namespace chevet {

// How long a shared tablet trusts a nurse, and how much guessing it tolerates. One value the app,
// chevetctl and the tests share; the defaults are the ward's (docs/security.md).
struct SessionPolicy
{
    static constexpr qint64 kSecond = 1000;
    static constexpr qint64 kMinute = 60 * kSecond;
    static constexpr qint64 kHour = 60 * kMinute;
    static constexpr qint64 kDay = 24 * kHour;

    // After a full sign-in (identity provider), the PIN alone reopens the session for this long.
    qint64 offlineReopenWindowMs = 12 * kHour;
    // No touch for this long locks the screen; the PIN reopens it.
    qint64 inactivityLockMs = 2 * kMinute;
    // Wrong PINs allowed without waiting...
    int freeAttempts = 3;
    // ...then the wait before the next try, growing with each further failure (the last repeats)...
    std::vector<qint64> attemptDelaysMs = {30 * kSecond, kMinute, 5 * kMinute, 15 * kMinute, 30 * kMinute};
    // ...until this many failures lock the nurse out until her next full sign-in.
    int lockoutAfterFailures = 8;
    // Wrong PINs across all nurses, with no unlock between, that make every PIN wait for a full sign-in:
    // a thief tries a few PINs on each enrolled nurse (security review F2).
    int deviceLockoutAfterFailures = 10;
    // Patient data untouched for longer than this leaves the tablet once delivered.
    qint64 offlineDataMaxAgeMs = 30 * kDay;

    // The wait required after `failures` consecutive wrong PINs (0 = none).
    qint64 delayAfterFailures(int failures) const;
    // Wrong PINs left before lockout.
    int attemptsLeft(int failures) const;
};

} // namespace chevet
