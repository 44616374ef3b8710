#include "clock.h"

#include <QDateTime>
#include <QFile>

#include <ctime>

namespace chevet {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

BootTime SystemClock::bootTime() const
{
#if defined(Q_OS_LINUX) || defined(Q_OS_ANDROID)
    // The kernel's id of this boot: a restart is told apart from the clock going back.
    static const QByteArray bootId = [] {
        QFile file(QStringLiteral("/proc/sys/kernel/random/boot_id"));
        return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
    }();
    timespec now{};
    if (bootId.isEmpty() || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return {};
    return {bootId, qint64(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000};
#else
    return {};
#endif
}

const SystemClock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

} // namespace chevet
