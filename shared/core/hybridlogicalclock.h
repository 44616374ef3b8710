#pragma once

#include <QString>
#include <QtGlobal>

#include <compare>
#include <mutex>

namespace chevet {

class Clock;

// A hybrid logical clock timestamp: wall milliseconds plus a counter that breaks ties and absorbs
// backwards jumps of the device clock. Packs into 64 bits (48 + 16) so SQLite can order by it.
struct HlcTimestamp
{
    qint64 wallMs = 0;
    quint16 counter = 0;

    quint64 packed() const { return (quint64(wallMs) << 16) | counter; }
    static HlcTimestamp fromPacked(quint64 packed)
    {
        return HlcTimestamp{qint64(packed >> 16), quint16(packed & 0xffff)};
    }
    QString toString() const;
    static HlcTimestamp fromString(const QString &text, bool *ok = nullptr);

    auto operator<=>(const HlcTimestamp &) const = default;
};

class HybridLogicalClock
{
public:
    explicit HybridLogicalClock(const Clock &clock);

    // Timestamp for a local event; strictly greater than every timestamp issued or observed before.
    HlcTimestamp now();
    // Merges a timestamp received from elsewhere (another device, the DPI) and returns the local
    // timestamp for the receive event.
    HlcTimestamp observe(HlcTimestamp remote);
    HlcTimestamp last() const;

private:
    const Clock &m_clock;
    mutable std::mutex m_mutex;
    HlcTimestamp m_last;
};

} // namespace chevet
