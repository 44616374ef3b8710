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

// A row's associated data, from the columns `select` returns before the blob; an error refuses the
// rotation (a row that does not read is not carried over under the new key).
using AssociatedData = std::function<Result<QByteArray>(const Statement &row)>;

struct Column
{
    // Takes the last rowid done as ?1; returns the rowid first and the sealed blob at `blobColumn`,
    // ordered by rowid, at most a slice of rows (LIMIT).
    const char *select;
    // Takes the rowid as ?1 and the new blob as ?2.
    const char *update;
    int blobColumn;
};

// Opens each blob with `from` and seals it again with `to`, under the same associated data. Returns how
// many rows were sealed again.
Result<qint64> resealColumn(Database &db, const Column &column, const AssociatedData &associatedData,
                            const crypto::Sealer &from, const crypto::Sealer &to);

} // namespace resealing
} // namespace chevet
