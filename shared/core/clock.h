#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <atomic>
#include <mutex>

namespace chevet {

// Time since the device started, on a clock nobody can set (Linux and Android: CLOCK_BOOTTIME, which
// also counts sleep), and which start that was. An empty bootId: no such clock on this platform.
struct BootTime
{
    QByteArray bootId;
    qint64 sinceBootMs = 0;
};

// Wall-clock time in milliseconds since the Unix epoch, injectable so tests control time; and the boot
// clock, for what a user must not shorten by moving the date (PIN waits, security review F2/F12).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    virtual BootTime bootTime() const { return {}; }
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
    BootTime bootTime() const override;
    static const SystemClock &instance();
};

// Tests: advanceMs() is time passing (both clocks; the boot clock never goes back), setNowMs() is
// someone setting the date (wall clock only), reboot() a restart of the device.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 0)
        : m_nowMs(startMs)
    {}
    qint64 nowMs() const override { return m_nowMs.load(); }
    BootTime bootTime() const override
    {
        const std::lock_guard lock(m_bootMutex);
        return {m_bootId, m_sinceBootMs};
    }
    void setNowMs(qint64 ms) { m_nowMs.store(ms); }
    void advanceMs(qint64 ms)
    {
        m_nowMs.fetch_add(ms);
        const std::lock_guard lock(m_bootMutex);
        if (ms > 0)
            m_sinceBootMs += ms;
    }
    void reboot()
    {
        const std::lock_guard lock(m_bootMutex);
        m_bootId = "manual-boot-" + QByteArray::number(++m_boots);
        m_sinceBootMs = 0;
    }

private:
    std::atomic<qint64> m_nowMs;
    mutable std::mutex m_bootMutex;
    QByteArray m_bootId = QByteArrayLiteral("manual-boot-0");
    qint64 m_sinceBootMs = 3'600'000; // up for an hour when the test starts
    int m_boots = 0;
};

} // namespace chevet
