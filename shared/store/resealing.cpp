#include "resealing.h"

#include "crypto/sealer.h"
#include "crypto/wipe.h"
#include "database.h"

#include <QList>

#include <utility>

namespace chevet::resealing {

Result<Carried> resealColumn(Database &db, const Column &column, const AssociatedData &associatedData,
                             const crypto::Sealer &from, const crypto::Sealer &to)
{
    Carried done;
    qint64 after = -1;
    for (;;) {
        Result<Statement *> select = db.cached(column.select);
        if (!select)
            return select.error();
        (*select)->bind(1, after);
        // Read a slice, then write it: the select is reset before its table changes. An empty blob marks
        // a row left as it is.
        Result<QList<std::pair<qint64, QByteArray>>> slice =
            (*select)->collect<std::pair<qint64, QByteArray>>(
                [&](const Statement &row) -> Result<std::pair<qint64, QByteArray>> {
                    const qint64 rowid = row.int64(column.rowidColumn);
                    Result<QByteArray> aad = associatedData(row);
                    Result<QByteArray> clear =
                        aad ? from.open(row.blob(column.blobColumn), *aad) : Result<QByteArray>(aad.error());
                    if (!clear)
                        return std::pair<qint64, QByteArray>(rowid, QByteArray());
                    Result<QByteArray> sealed = to.seal(*clear, *aad);
                    crypto::wipe(*clear);
                    if (!sealed)
                        return sealed.error();
                    return std::pair<qint64, QByteArray>(rowid, std::move(sealed).value());
                });
        if (!slice)
            return slice.error();
        if (slice->isEmpty())
            return done;
        Result<Statement *> update = db.cached(column.update);
        if (!update)
            return update.error();
        for (const auto &[rowid, sealed] : std::as_const(*slice)) {
            if (sealed.isEmpty()) {
                ++done.unreadable;
                continue;
            }
            (*update)->bind(1, rowid).bind(2, sealed);
            if (Status s = (*update)->exec(); !s)
                return s.error();
            ++done.rows;
        }
        after = slice->constLast().first;
    }
}

} // namespace chevet::resealing
