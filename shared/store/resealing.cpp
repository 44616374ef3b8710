#include "resealing.h"

#include "crypto/sealer.h"
#include "database.h"

#include <QList>

#include <utility>

namespace chevet::resealing {

Result<qint64> resealColumn(Database &db, const Column &column, const AssociatedData &associatedData,
                            const crypto::Sealer &from, const crypto::Sealer &to)
{
    qint64 done = 0;
    qint64 after = -1;
    for (;;) {
        Result<Statement *> select = db.cached(column.select);
        if (!select)
            return select.error();
        (*select)->bind(1, after);
        // Read a slice, then write it: the select is reset before its table changes.
        Result<QList<std::pair<qint64, QByteArray>>> slice =
            (*select)->collect<std::pair<qint64, QByteArray>>(
                [&](const Statement &row) -> Result<std::pair<qint64, QByteArray>> {
                    Result<QByteArray> aad = associatedData(row);
                    if (!aad)
                        return aad.error();
                    Result<QByteArray> clear = from.open(row.blob(column.blobColumn), *aad);
                    if (!clear)
                        return makeError(ErrorDomain::Crypto, QStringLiteral("reseal-unreadable"),
                                         QStringLiteral("a sealed row does not open under the current key "
                                                        "(%1): the key was not replaced")
                                             .arg(clear.error().message));
                    Result<QByteArray> sealed = to.seal(*clear, *aad);
                    if (!sealed)
                        return sealed.error();
                    return std::pair<qint64, QByteArray>(row.int64(0), std::move(sealed).value());
                });
        if (!slice)
            return slice.error();
        if (slice->isEmpty())
            return done;
        Result<Statement *> update = db.cached(column.update);
        if (!update)
            return update.error();
        for (const auto &[rowid, sealed] : std::as_const(*slice)) {
            (*update)->bind(1, rowid).bind(2, sealed);
            if (Status s = (*update)->exec(); !s)
                return s.error();
        }
        done += slice->size();
        after = slice->constLast().first;
    }
}

} // namespace chevet::resealing
