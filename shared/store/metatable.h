#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace chevet {

class Database;

// The `meta` table: the store's small named values (identity, key material, engine state).
namespace metatable {

// Empty when the key is absent.
Result<QByteArray> read(Database &db, const QString &key);
Status write(Database &db, const QString &key, const QByteArray &value);
Status remove(Database &db, const QString &key);

} // namespace metatable
} // namespace chevet
