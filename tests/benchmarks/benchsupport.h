#pragma once

// Small helpers shared by the benchmark programs: latency statistics, where the files land, and the
// fixed vitals inputs. Header-only; benchmarks are not part of chevet_core.

#include "model/vitalsentry.h"

#include <QCoreApplication>
#include <QDir>
#include <QStorageInfo>
#include <QString>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace chevet::bench {

// Latencies in nanoseconds; percentiles by nearest rank.
struct Samples
{
    std::vector<qint64> ns;

    void add(qint64 v) { ns.push_back(v); }
    qsizetype count() const { return qsizetype(ns.size()); }

    double percentileUs(double p) const
    {
        if (ns.empty())
            return 0;
        std::vector<qint64> sorted = ns;
        std::sort(sorted.begin(), sorted.end());
        const auto rank = std::size_t(std::ceil(p / 100.0 * double(sorted.size())));
        return double(sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1]) / 1000.0;
    }
    double maxUs() const { return ns.empty() ? 0 : double(*std::max_element(ns.begin(), ns.end())) / 1000.0; }
    double totalSeconds() const
    {
        qint64 sum = 0;
        for (qint64 v : ns)
            sum += v;
        return double(sum) / 1e9;
    }
    // Operations per second over the time spent inside the measured calls.
    double perSecond() const
    {
        const double s = totalSeconds();
        return s > 0 ? double(ns.size()) / s : 0;
    }
};

inline QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// Where a benchmark writes: `--dir` when given, else beside the executable (the build tree). The
// system temp dir may be a tmpfs, where fsync is free and the figures mean nothing.
inline QString benchParentDir(const QString &requested)
{
    const QString dir = requested.isEmpty() ? QCoreApplication::applicationDirPath() : requested;
    QDir().mkpath(dir);
    return QDir(dir).absolutePath();
}

inline QString describeFileSystem(const QString &path)
{
    const QStorageInfo info(path);
    return QStringLiteral("%1 (%2 on %3)")
        .arg(path, QString::fromUtf8(info.fileSystemType()), QString::fromUtf8(info.device()));
}

inline bool isMemoryFileSystem(const QString &path)
{
    const QByteArray type = QStorageInfo(path).fileSystemType();
    return type == "tmpfs" || type == "ramfs";
}

// A full bedside round: 6 measures, hence 6 observations and the NEWS2 score.
inline VitalsInput fullRound(int variant)
{
    VitalsInput in;
    in.respiratoryRate = 14 + variant % 8;
    in.spo2 = 93 + variant % 7;
    in.systolic = 105 + variant % 50;
    in.diastolic = 62 + variant % 30;
    in.pulse = 58 + variant % 45;
    in.temperature = 36.2 + double(variant % 20) / 10.0;
    in.consciousness = Acvpu::Alert;
    return in;
}

inline VitalsInput pulseOnly(int variant)
{
    VitalsInput in;
    in.pulse = 60 + variant % 40;
    return in;
}

inline QString fixed(double value, int decimals = 1)
{
    return QString::number(value, 'f', decimals);
}

} // namespace chevet::bench
