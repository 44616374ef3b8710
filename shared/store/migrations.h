#pragma once

#include "core/result.h"

#include <QList>
#include <QString>

#include <functional>

namespace chevet {

class Database;

// "CHEV" in the SQLite header's application_id: how a Chevet store tells itself apart from any
// other SQLite file before touching it.
inline constexpr qint64 kChevetApplicationId = 0x43484556;

struct Migration
{
    int toVersion = 0;
    QString description;
    std::function<Status(Database &)> apply;
};

// The schema's history, oldest first. A new version appends one entry; entries are never edited.
const QList<Migration> &schemaMigrations();
int currentSchemaVersion();

// Brings the store from its user_version to the last migration's, each step in its own transaction
// together with the user_version bump, so a failed step leaves the store exactly as it was before it.
Status migrate(Database &db, const QList<Migration> &migrations);

} // namespace chevet
