#include "walscan.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <optional>

namespace chevet {

namespace {

constexpr int kHeaderBytes = 32;
constexpr int kFrameHeaderBytes = 24;
constexpr quint32 kMagicLittleEndianSums = 0x377f0682;
constexpr quint32 kMagicBigEndianSums = 0x377f0683;

quint32 be32(const char *p)
{
    return qFromBigEndian<quint32>(p);
}

struct Sums
{
    quint32 s0 = 0;
    quint32 s1 = 0;
    bool operator==(const Sums &) const = default;
};

// SQLite's WAL checksum (https://www.sqlite.org/fileformat2.html#walformat): over 32-bit words, in the
// byte order the magic number names, two at a time.
Sums checksum(Sums seed, const char *data, qsizetype size, bool bigEndianWords)
{
    for (qsizetype i = 0; i + 8 <= size; i += 8) {
        const quint32 x0 =
            bigEndianWords ? qFromBigEndian<quint32>(data + i) : qFromLittleEndian<quint32>(data + i);
        const quint32 x1 =
            bigEndianWords ? qFromBigEndian<quint32>(data + i + 4) : qFromLittleEndian<quint32>(data + i + 4);
        seed.s0 += x0 + seed.s1;
        seed.s1 += x1 + seed.s0;
    }
    return seed;
}

WalScan scanBytes(const char *data, qsizetype size)
{
    WalScan scan;
    if (size < kHeaderBytes)
        return scan; // SQLite treats it as empty: nothing was committed in it
    const char *header = data;
    const quint32 magic = be32(header);
    const quint32 pageSize = be32(header + 8);
    const bool pageSizeValid = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) == 0;
    const bool magicValid = magic == kMagicLittleEndianSums || magic == kMagicBigEndianSums;
    const bool bigEndianWords = magic == kMagicBigEndianSums;
    const Sums stored{be32(header + 24), be32(header + 28)};
    const bool headerValid =
        magicValid && pageSizeValid && checksum({}, header, 24, bigEndianWords) == stored;
    if (!pageSizeValid) {
        // Frames cannot even be delimited: damage if the file is longer than a header.
        scan.verdict = size > kHeaderBytes ? WalScan::Verdict::Damaged : WalScan::Verdict::NoLog;
        scan.firstBadOffset = 0;
        return scan;
    }
    const qsizetype frameBytes = kFrameHeaderBytes + qsizetype(pageSize);
    scan.frames = int((size - kHeaderBytes) / frameBytes);
    if (scan.frames == 0)
        return scan;
    // The log's salts: the header's, or when the header is what was damaged, the first frame's.
    quint32 salt1 = be32(header + 16);
    quint32 salt2 = be32(header + 20);
    if (!headerValid) {
        salt1 = be32(header + kHeaderBytes + 8);
        salt2 = be32(header + kHeaderBytes + 12);
    }

    Sums running = stored; // SQLite's chain, from the header's checksum
    Sums previousStored = stored;
    bool sqliteStillReading = headerValid;
    int firstBad = headerValid ? -1 : 0;
    bool boundarySinceBad = false;
    for (int i = 0; i < scan.frames; ++i) {
        const char *frame = header + kHeaderBytes + qsizetype(i) * frameBytes;
        const bool ours = be32(frame + 8) == salt1 && be32(frame + 12) == salt2;
        const Sums frameStored{be32(frame + 16), be32(frame + 20)};
        const bool commit = be32(frame + 4) != 0;
        auto frameSum = [&](Sums seed) {
            return checksum(checksum(seed, frame, 8, bigEndianWords), frame + kFrameHeaderBytes, pageSize,
                            bigEndianWords);
        };
        if (sqliteStillReading) {
            running = frameSum(running);
            if (ours && running == frameStored) {
                if (commit)
                    scan.framesReplayed = i + 1;
                previousStored = frameStored;
                continue;
            }
            sqliteStillReading = false;
            firstBad = i;
        }
        // Past the point SQLite stops: a frame that is whole on its own, and a commit.
        const bool whole = ours && frameSum(previousStored) == frameStored;
        if (whole && commit) {
            if (boundarySinceBad)
                ++scan.commitsLost;
        }
        if (commit && ours)
            boundarySinceBad = true;
        previousStored = frameStored;
    }
    if (firstBad < 0) {
        scan.verdict = WalScan::Verdict::Clean;
        return scan;
    }
    scan.firstBadOffset = headerValid ? kHeaderBytes + qsizetype(firstBad) * frameBytes : 0;
    scan.verdict = scan.commitsLost > 0 ? WalScan::Verdict::Damaged : WalScan::Verdict::TornTail;
    return scan;
}

} // namespace

Result<WalScan> scanWal(const QString &walPath)
{
    // Another program (chevetctl beside the app) may be writing the log while it is read: a restart of
    // the log rewrites its header with new salts, then frames from the start. The file is mapped, not
    // copied (a log can be hundreds of MB after a large write), and scanned again whenever its header or
    // size changed while it was being scanned; only a verdict on a log that held still counts.
    for (int attempt = 0;; ++attempt) {
        QFile file(walPath);
        if (!file.exists())
            return WalScan();
        if (!file.open(QIODevice::ReadOnly))
            return makeError(
                StoreError::Unreadable,
                QStringLiteral("the store's journal cannot be read: %1").arg(file.errorString()));
        const qint64 size = file.size();
        if (size < kHeaderBytes)
            return WalScan();
        const uchar *mapped = file.map(0, size);
        if (!mapped)
            return makeError(
                StoreError::Unreadable,
                QStringLiteral("the store's journal cannot be read: %1").arg(file.errorString()));
        const QByteArray headerBefore(reinterpret_cast<const char *>(mapped), kHeaderBytes);
        const WalScan scan = scanBytes(reinterpret_cast<const char *>(mapped), size);
        const QByteArray headerAfter(reinterpret_cast<const char *>(mapped), kHeaderBytes);
        file.unmap(const_cast<uchar *>(mapped));
        const bool heldStill = headerBefore == headerAfter && QFileInfo(walPath).size() == size;
        if (heldStill || attempt >= 4 || scan.verdict != WalScan::Verdict::Damaged)
            return scan;
    }
}

} // namespace chevet
