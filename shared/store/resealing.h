#pragma once

#include "core/result.h"

#include <QByteArray>

#include <functional>

namespace chevet {

class Database;
class Statement;
namespace crypto {
class Sealer;
}

// The store's key rotation seals every blob again under the new data key, a slice of rows at a time
// (a million observations are never in memory at once), inside the rotation's transaction.
namespace resealing {

// A row's associated data, from the columns `select` returns; an error (a column rewritten outside the
// app) leaves the row as it is, like a blob that does not open.
using AssociatedData = std::function<Result<QByteArray>(const Statement &row)>;

// What a table's carrying over did. A row that does not open under the current key (damaged, planted, or
// its clear columns edited) is left as it is and counted: the app cannot show it under any key, and
// refusing to replace the key because of it would let one planted row keep a removed nurse's key in
// force. What it holds, she could already read.
struct Carried
{
    qint64 rows = 0;
    qint64 unreadable = 0;
    Carried &operator+=(const Carried &other)
    {
        rows += other.rows;
        unreadable += other.unreadable;
        return *this;
    }
};

struct Column
{
    // Takes the last rowid done as ?1; returns the rowid at `rowidColumn` and the sealed blob at
    // `blobColumn`, ordered by rowid, at most a slice of rows (LIMIT).
    const char *select;
    // Takes the rowid as ?1 and the new blob as ?2.
    const char *update;
    int blobColumn;
    int rowidColumn = 0;
};

// Opens each blob with `from` and seals it again with `to`, under the same associated data.
Result<Carried> resealColumn(Database &db, const Column &column, const AssociatedData &associatedData,
                             const crypto::Sealer &from, const crypto::Sealer &to);

} // namespace resealing
} // namespace chevet
