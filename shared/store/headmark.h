#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace chevet {

// The audit head (sequence, newest HLC, chain hash, under its MAC: no patient data) copied into a small
// file beside the store after each commit that moved it. The database can then be checked against it at
// open: a head in the database older than the mark means committed transactions went missing — a
// journal frame damaged in the last transaction, a file or journal put back from an older copy
// (issue "weak links", item 4).
//
// Written without fsync, after the commit is durable (synchronous=FULL): a crash or power loss can
// leave the mark behind the database, never ahead of it. A mark behind proves nothing and is fine.
class HeadMark
{
public:
    explicit HeadMark(QString path);
    ~HeadMark();
    HeadMark(const HeadMark &) = delete;
    HeadMark &operator=(const HeadMark &) = delete;

    QString path() const { return m_path; }
    Status write(const QByteArray &head);
    // nullopt when there is no mark file.
    Result<std::optional<QByteArray>> read() const;

private:
    QString m_path;
    int m_fd = -1; // kept open: one pwrite per commit on the write path
};

} // namespace chevet
