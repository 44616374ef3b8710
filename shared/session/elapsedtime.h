#pragma once

#include "core/clock.h"

namespace chevet {

// When something happened, on both clocks: the wall clock a user can set, and the boot clock nobody can.
struct Moment
{
    qint64 wallMs = 0;
    QByteArray bootId; // empty when unknown (stored before boot times were kept, or no boot clock)
    qint64 sinceBootMs = 0;
};

Moment momentNow(const Clock &clock);

// Time that has surely passed since `then`, for waits a user must not shorten by moving the date
// forward (security review F2): the boot clock within one boot; after a restart, the time since it;
// without a boot clock, the wall clock (0 when it went back).
qint64 surelyElapsedMs(const Moment &then, const Clock &clock);

// The longest time any clock says has passed, for what must end on time however the date is moved
// (the offline window, review F12): within one boot the boot clock stops a date set back; after a
// restart only the wall clock and the time since boot are left.
qint64 longestElapsedMs(const Moment &then, const Clock &clock);

} // namespace chevet
