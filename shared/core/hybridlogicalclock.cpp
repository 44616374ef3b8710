#include "hybridlogicalclock.h"

#include "clock.h"

#include <QStringList>

#include <algorithm>

namespace chevet {

QString HlcTimestamp::toString() const
{
    return QStringLiteral("%1.%2")
        .arg(wallMs, 13, 10, QLatin1Char('0'))
        .arg(counter, 5, 10, QLatin1Char('0'));
}

HlcTimestamp HlcTimestamp::fromString(const QString &text, bool *ok)
{
    const QStringList parts = text.split(QLatin1Char('.'));
    bool wallOk = false;
    bool counterOk = false;
    HlcTimestamp ts;
    if (parts.size() == 2) {
        ts.wallMs = parts[0].toLongLong(&wallOk);
        const uint counter = parts[1].toUInt(&counterOk);
        counterOk = counterOk && counter <= 0xffff;
        ts.counter = quint16(counter);
    }
    if (ok)
        *ok = wallOk && counterOk;
    return (wallOk && counterOk) ? ts : HlcTimestamp{};
}

HybridLogicalClock::HybridLogicalClock(const Clock &clock)
    : m_clock(clock)
{}

static HlcTimestamp advance(HlcTimestamp last, qint64 physical, HlcTimestamp remote = {})
{
    const qint64 wall = std::max({last.wallMs, physical, remote.wallMs});
    HlcTimestamp next{wall, 0};
    if (wall == last.wallMs && wall == remote.wallMs)
        next.counter = quint16(std::max(last.counter, remote.counter) + 1);
    else if (wall == last.wallMs)
        next.counter = quint16(last.counter + 1);
    else if (wall == remote.wallMs)
        next.counter = quint16(remote.counter + 1);
    // Counter overflow within one millisecond: borrow the next millisecond rather than wrap.
    if (next.counter == 0 && wall == last.wallMs)
        next = HlcTimestamp{wall + 1, 0};
    return next;
}

HlcTimestamp HybridLogicalClock::now()
{
    std::lock_guard lock(m_mutex);
    m_last = advance(m_last, m_clock.nowMs());
    return m_last;
}

HlcTimestamp HybridLogicalClock::observe(HlcTimestamp remote)
{
    std::lock_guard lock(m_mutex);
    m_last = advance(m_last, m_clock.nowMs(), remote);
    return m_last;
}

HlcTimestamp HybridLogicalClock::last() const
{
    std::lock_guard lock(m_mutex);
    return m_last;
}

} // namespace chevet
