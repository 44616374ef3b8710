// A write-ahead log left on disk by a crash, a flipped bit or another program, read before SQLite opens
// it. Beyond not crashing: the counts agree with the verdict.
#include "store/walscan.h"

#include <QDir>
#include <QFile>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

using namespace chevet;

namespace {

void require(bool holds, const char *what)
{
    if (!holds) {
        std::fprintf(stderr, "WAL scan property broken: %s\n", what);
        std::abort();
    }
}

QString scratchLog()
{
    static const QString path =
        QDir::tempPath() + QStringLiteral("/chevet-fuzz-walscan-%1.db-wal").arg(qint64(::getpid()));
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QFile file(scratchLog());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        std::abort();
    file.write(reinterpret_cast<const char *>(data), qint64(size));
    file.close();

    const Result<WalScan> scan = scanWal(file.fileName());
    if (!scan)
        return 0;
    require(scan->framesReplayed <= scan->frames, "no more frames replayed than there are");
    require(scan->frames >= 0 && scan->commitsLost >= 0, "counts are never negative");
    if (scan->verdict == WalScan::Verdict::Damaged)
        require(scan->firstBadOffset >= 0 && (scan->commitsLost > 0 || scan->firstBadOffset == 0),
                "damage names the commits it would lose, or a header that hides them all");
    if (scan->verdict == WalScan::Verdict::Clean)
        require(scan->commitsLost == 0 && scan->firstBadOffset < 0, "a clean log loses nothing");
    if (scan->verdict == WalScan::Verdict::NoLog)
        require(scan->frames == 0, "no log has no frames");
    return 0;
}
