#include "metatable.h"

#include "database.h"

namespace chevet::metatable {

Result<QByteArray> read(Database &db, const QString &key)
{
    Result<Statement *> stmt = db.cached("SELECT value FROM meta WHERE key = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, key);
    Result<bool> row = (*stmt)->step();
    if (!row) {
        (*stmt)->reset();
        return row.error();
    }
    QByteArray value = *row ? (*stmt)->blob(0) : QByteArray();
    (*stmt)->reset();
    return value;
}

Status write(Database &db, const QString &key, const QByteArray &value)
{
    Result<Statement *> stmt = db.cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, key).bind(2, value);
    return (*stmt)->exec();
}

Status remove(Database &db, const QString &key)
{
    Result<Statement *> stmt = db.cached("DELETE FROM meta WHERE key = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, key);
    return (*stmt)->exec();
}

} // namespace chevet::metatable
