#include "elapsedtime.h"

#include <algorithm>

namespace chevet {

Moment momentNow(const Clock &clock)
{
    const BootTime boot = clock.bootTime();
    return {clock.nowMs(), boot.bootId, boot.sinceBootMs};
}

qint64 surelyElapsedMs(const Moment &then, const Clock &clock)
{
    const BootTime boot = clock.bootTime();
    if (!then.bootId.isEmpty() && !boot.bootId.isEmpty()) {
        if (boot.bootId == then.bootId)
            return std::max<qint64>(0, boot.sinceBootMs - then.sinceBootMs);
        return boot.sinceBootMs; // it happened before this boot
    }
    return std::max<qint64>(0, clock.nowMs() - then.wallMs);
}

qint64 longestElapsedMs(const Moment &then, const Clock &clock)
{
    const qint64 wall = clock.nowMs() - then.wallMs;
    const BootTime boot = clock.bootTime();
    if (!then.bootId.isEmpty() && !boot.bootId.isEmpty()) {
        const qint64 booted =
            boot.bootId == then.bootId ? boot.sinceBootMs - then.sinceBootMs : boot.sinceBootMs;
        return std::max(wall, booted);
    }
    return wall;
}

} // namespace chevet
