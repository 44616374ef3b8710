#pragma once

#include "core/result.h"

#include <QString>

namespace chevet {

// What the write-ahead log beside a database holds, read before SQLite opens it: opening replays the
// log up to its first frame that fails its checksum and silently drops the rest, which is right for the
// torn tail of a write cut by a crash and wrong for a flipped byte in the middle, where it throws away
// transactions that were acknowledged (issue "weak links", reliability review: 12 of 25 WAL flips
// rolled back up to 70 observations without a word).
//
// A frame is judged on its own: its salts match the log's and its checksum, seeded with the checksum the
// previous frame stores, matches. SQLite writes and syncs each transaction (synchronous=FULL) before the
// next begins, so a transaction that commits after the first bad frame, with a commit between the two,
// proves the bad frame was durable once: that is damage, not a torn tail.
struct WalScan
{
    enum class Verdict {
        NoLog,    // no log, or an empty one
        Clean,    // every frame SQLite will read is whole
        TornTail, // the last transaction was cut short: SQLite drops it, as it should
        Damaged,  // committed transactions follow a bad frame: SQLite would drop them
    };
    Verdict verdict = Verdict::NoLog;
    int frames = 0;         // whole frames in the file
    int framesReplayed = 0; // up to the last commit SQLite will replay
    int commitsLost = 0;    // commits after the first bad frame that SQLite would drop (Damaged)
    qint64 firstBadOffset = -1;
};

// `walPath`: the database path + "-wal". An unreadable file is an error; a malformed one is a verdict.
Result<WalScan> scanWal(const QString &walPath);

} // namespace chevet
