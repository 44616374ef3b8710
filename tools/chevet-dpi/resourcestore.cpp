#include "resourcestore.h"

#include "fhirtime.h"
#include "resourceindex.h"
#include "searchquery.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace chevet::dpi {

namespace {

constexpr int kSchemaVersion = 1;
// Up to this many matches, a search whose filter names the ids reads them through that index and sorts
// them; beyond, walking the type in sequence order finds a page sooner.
constexpr qint64 kSortedMatchesLimit = 1000;

const char *const kSchema[] = {
    // Every version ever written. A deletion is a version too (deleted = 1, no json), so the
    // type-level history can tell clients what disappeared.
    "CREATE TABLE resource_version ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " type TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,"
    " last_updated INTEGER NOT NULL," // ms since the epoch, UTC; never decreases as seq grows
    " method TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, json TEXT,"
    " UNIQUE (type, id, version))",
    "CREATE INDEX resource_version_type_seq ON resource_version (type, seq)",
    "CREATE INDEX resource_version_updated ON resource_version (last_updated)",
    // The current version of each resource: what read and search see.
    "CREATE TABLE resource_head ("
    " type TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, version INTEGER NOT NULL,"
    " last_updated INTEGER NOT NULL, deleted INTEGER NOT NULL,"
    " PRIMARY KEY (type, id)) WITHOUT ROWID",
    "CREATE INDEX resource_head_seq ON resource_head (type, seq)",
    // Search indexes of current, non-deleted versions only (rewritten on every write).
    "CREATE TABLE search_token (type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL,"
    " system TEXT NOT NULL, code TEXT NOT NULL)",
    "CREATE INDEX search_token_lookup ON search_token (type, param, code, system)",
    "CREATE INDEX search_token_owner ON search_token (type, id)",
    "CREATE TABLE search_reference (type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL,"
    " target_type TEXT NOT NULL, target_id TEXT NOT NULL)",
    "CREATE INDEX search_reference_lookup ON search_reference (type, param, target_id, target_type)",
    "CREATE INDEX search_reference_owner ON search_reference (type, id)",
};

const QString kVersionColumns = QStringLiteral("v.seq, v.type, v.id, v.version, v.last_updated, v.method, "
                                               "v.deleted, v.json");

FhirError storageError(const QString &what, const QSqlError &error)
{
    return fhirError(500, Issue::Exception,
                     QStringLiteral("storage error while %1: %2").arg(what, error.text()));
}

StoredVersion versionFromRow(const QSqlQuery &query)
{
    StoredVersion version;
    version.seq = query.value(0).toLongLong();
    version.type = query.value(1).toString();
    version.id = query.value(2).toString();
    version.version = query.value(3).toLongLong();
    version.lastUpdatedMs = query.value(4).toLongLong();
    version.method = query.value(5).toString();
    version.deleted = query.value(6).toInt() != 0;
    if (!version.deleted)
        version.resource = QJsonDocument::fromJson(query.value(7).toByteArray()).object();
    return version;
}

} // namespace

ResourceStore::ResourceStore()
    : m_connection(QStringLiteral("chevet-dpi-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

ResourceStore::~ResourceStore()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

// A prepared statement with its values bound, executed; the error names what was being done.
static Expected<QSqlQuery> run(const QString &connection, const QString &sql, const QVariantList &binds,
                               const QString &what)
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return storageError(what, query.lastError());
    for (const QVariant &value : binds)
        query.addBindValue(value);
    if (!query.exec())
        return storageError(what, query.lastError());
    return query;
}

Expected<void> ResourceStore::open(const QString &path)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        return fhirError(500, Issue::Exception,
                         QStringLiteral("the Qt SQLite driver is missing (Debian: libqt6sql6-sqlite)"));
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    if (!db.open())
        return storageError(QStringLiteral("opening %1").arg(path), db.lastError());
    // WAL and FULL sync: a committed answer survives a crash, which is what "lost response" tests
    // (the server commits, then drops the connection) rely on.
    for (const char *pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA busy_timeout=5000"}) {
        if (auto done = run(m_connection, QString::fromLatin1(pragma), {}, QStringLiteral("configuring"));
            !done)
            return done.error();
    }
    auto version =
        run(m_connection, QStringLiteral("PRAGMA user_version"), {}, QStringLiteral("reading schema"));
    if (!version)
        return version.error();
    const int schema = version->next() ? version->value(0).toInt() : 0;
    if (schema == kSchemaVersion)
        return {};
    if (schema != 0) {
        return fhirError(500, Issue::Exception,
                         QStringLiteral("%1 has schema version %2; this chevet-dpi knows version %3")
                             .arg(path)
                             .arg(schema)
                             .arg(kSchemaVersion));
    }
    auto tables = run(m_connection, QStringLiteral("SELECT COUNT(*) FROM sqlite_master"), {},
                      QStringLiteral("reading schema"));
    if (!tables)
        return tables.error();
    if (tables->next() && tables->value(0).toInt() > 0) {
        // Never write into someone else's database (the app's own store, say) by a typo in --db.
        return fhirError(500, Issue::Exception, QStringLiteral("%1 is not a chevet-dpi database").arg(path));
    }
    return createSchema();
}

Expected<void> ResourceStore::createSchema()
{
    if (auto begun = begin(); !begun)
        return begun;
    for (const char *statement : kSchema) {
        if (auto done =
                run(m_connection, QString::fromLatin1(statement), {}, QStringLiteral("creating schema"));
            !done) {
            rollback();
            return done.error();
        }
    }
    if (auto done = run(m_connection, QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion), {},
                        QStringLiteral("creating schema"));
        !done) {
        rollback();
        return done.error();
    }
    return commit();
}

Expected<void> ResourceStore::begin()
{
    // IMMEDIATE: take the write lock up front, so two servers on one file queue instead of deadlocking.
    if (auto done = run(m_connection, QStringLiteral("BEGIN IMMEDIATE"), {},
                        QStringLiteral("starting a transaction"));
        !done)
        return done.error();
    return {};
}

Expected<void> ResourceStore::commit()
{
    if (auto done = run(m_connection, QStringLiteral("COMMIT"), {}, QStringLiteral("committing")); !done) {
        rollback();
        return done.error();
    }
    return {};
}

void ResourceStore::rollback()
{
    // Totals counted inside the transaction may include writes it undoes; data_version does not move
    // for this connection's own changes, so forget them.
    m_totals.clear();
    (void)run(m_connection, QStringLiteral("ROLLBACK"), {}, QStringLiteral("rolling back"));
}

Expected<std::optional<StoredVersion>> ResourceStore::head(const QString &type, const QString &id)
{
    auto query = run(m_connection,
                     QStringLiteral("SELECT %1 FROM resource_head h JOIN resource_version v ON v.seq = h.seq "
                                    "WHERE h.type = ? AND h.id = ?")
                         .arg(kVersionColumns),
                     {type, id}, QStringLiteral("reading %1").arg(type));
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<StoredVersion>();
    return std::optional<StoredVersion>(versionFromRow(*query));
}

Expected<std::optional<StoredVersion>> ResourceStore::version(const QString &type, const QString &id,
                                                              qint64 version)
{
    auto query = run(
        m_connection,
        QStringLiteral("SELECT %1 FROM resource_version v WHERE v.type = ? AND v.id = ? AND v.version = ?")
            .arg(kVersionColumns),
        {type, id, version}, QStringLiteral("reading a %1 version").arg(type));
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<StoredVersion>();
    return std::optional<StoredVersion>(versionFromRow(*query));
}

Expected<StoredVersion> ResourceStore::write(const QString &type, const QString &id, const QString &method,
                                             const std::optional<QJsonObject> &resource)
{
    const QString what = QStringLiteral("writing %1").arg(type);
    ++m_writes;
    const auto current = head(type, id);
    if (!current)
        return current.error();
    auto newest =
        run(m_connection, QStringLiteral("SELECT MAX(last_updated) FROM resource_version"), {}, what);
    if (!newest)
        return newest.error();
    // lastUpdated never goes backwards, even if the clock does, so that `_since` and the change
    // sequence agree and a client's checkpoint never skips a change.
    const qint64 floor = newest->next() ? newest->value(0).toLongLong() : 0;
    newest->finish();

    StoredVersion stored;
    stored.type = type;
    stored.id = id;
    stored.version = current->has_value() ? (*current)->version + 1 : 1;
    stored.lastUpdatedMs = qMax(QDateTime::currentMSecsSinceEpoch(), floor);
    stored.method = method;
    stored.deleted = !resource.has_value();
    QVariant json; // an invalid QVariant binds as NULL: a deletion has no json
    if (resource) {
        stored.resource = *resource;
        stored.resource.insert(QStringLiteral("id"), id);
        QJsonObject meta = stored.resource.value(QLatin1String("meta")).toObject();
        meta.insert(QStringLiteral("versionId"), QString::number(stored.version));
        meta.insert(QStringLiteral("lastUpdated"), fhirtime::instant(stored.lastUpdatedMs));
        stored.resource.insert(QStringLiteral("meta"), meta);
        json = QString::fromUtf8(QJsonDocument(stored.resource).toJson(QJsonDocument::Compact));
    }

    auto inserted =
        run(m_connection,
            QStringLiteral("INSERT INTO resource_version (type, id, version, last_updated, method, "
                           "deleted, json) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {type, id, stored.version, stored.lastUpdatedMs, method, stored.deleted ? 1 : 0, json}, what);
    if (!inserted)
        return inserted.error();
    stored.seq = inserted->lastInsertId().toLongLong();

    const QList<std::pair<QString, QVariantList>> statements = {
        {QStringLiteral(
             "INSERT OR REPLACE INTO resource_head (type, id, seq, version, last_updated, deleted) "
             "VALUES (?, ?, ?, ?, ?, ?)"),
         {type, id, stored.seq, stored.version, stored.lastUpdatedMs, stored.deleted ? 1 : 0}},
        {QStringLiteral("DELETE FROM search_token WHERE type = ? AND id = ?"), {type, id}},
        {QStringLiteral("DELETE FROM search_reference WHERE type = ? AND id = ?"), {type, id}},
    };
    for (const auto &[sql, binds] : statements) {
        if (auto done = run(m_connection, sql, binds, what); !done)
            return done.error();
    }
    if (stored.deleted)
        return stored;

    const IndexEntries index = indexResource(type, stored.resource);
    for (const TokenEntry &token : index.tokens) {
        if (auto done = run(m_connection,
                            // A null QString binds as NULL; a token without system has system ''.
                            QStringLiteral("INSERT INTO search_token (type, id, param, system, code) "
                                           "VALUES (?, ?, ?, COALESCE(?, ''), COALESCE(?, ''))"),
                            {type, id, token.param, token.system, token.code}, what);
            !done)
            return done.error();
    }
    for (const ReferenceEntry &reference : index.references) {
        if (auto done =
                run(m_connection,
                    QStringLiteral("INSERT INTO search_reference (type, id, param, target_type, target_id) "
                                   "VALUES (?, ?, ?, ?, ?)"),
                    {type, id, reference.param, reference.targetType, reference.targetId}, what);
            !done)
            return done.error();
    }
    return stored;
}

Expected<QString> ResourceStore::nextNumericId(const QString &type)
{
    const QString what = QStringLiteral("naming a new %1").arg(type);
    qint64 next = m_lastNumericId.value(type, -1);
    if (next < 0) {
        auto largest = run(m_connection,
                           QStringLiteral("SELECT MAX(CAST(id AS INTEGER)) FROM resource_head "
                                          "WHERE type = ? AND id <> '' AND id NOT GLOB '*[^0-9]*'"),
                           {type}, what);
        if (!largest)
            return largest.error();
        next = largest->next() ? largest->value(0).toLongLong() : 0; // NULL (none yet) reads as 0
    }
    // Another server on the same file may have taken the next number meanwhile: never reuse an id.
    for (;;) {
        ++next;
        const auto taken = head(type, QString::number(next));
        if (!taken)
            return taken.error();
        if (!taken->has_value())
            break;
    }
    m_lastNumericId.insert(type, next);
    return QString::number(next);
}

Expected<Page> ResourceStore::search(const SearchQuery &query)
{
    const QString what = QStringLiteral("searching %1").arg(query.type);
    QString where = QStringLiteral("h.type = ? AND h.deleted = 0");
    if (!query.filter.conditions.isEmpty())
        where += QStringLiteral(" AND ") + query.filter.where();
    const QVariantList binds = QVariantList{query.type} + query.filter.binds;

    Page page;
    Expected<qint64> total = countMatches(where, binds, what);
    if (!total)
        return total.error();
    page.total = *total;
    if (query.count == 0)
        return page;

    // SQLite would rather walk resource_head_seq to skip the sort, testing every current resource of
    // the type: for a few matches, `+h.seq` keeps it on the ids the filter names.
    const bool fewMatches = query.filter.narrowsIds && page.total <= kSortedMatchesLimit;
    const QString seq = fewMatches ? QStringLiteral("+h.seq") : QStringLiteral("h.seq");
    auto rows = run(m_connection,
                    QStringLiteral("SELECT %1 FROM resource_head h JOIN resource_version v ON v.seq = h.seq "
                                   "WHERE %2 AND %3 > ? ORDER BY %3 LIMIT ?")
                        .arg(kVersionColumns, where, seq),
                    binds + QVariantList{query.afterSeq, query.count + 1}, what);
    if (!rows)
        return rows.error();
    while (rows->next()) {
        if (page.items.size() == query.count) {
            page.hasMore = true;
            break;
        }
        page.items.append(versionFromRow(*rows));
    }
    return page;
}

Expected<qint64> ResourceStore::countMatches(const QString &where, const QVariantList &binds,
                                             const QString &what)
{
    auto version = run(m_connection, QStringLiteral("PRAGMA data_version"), {}, what);
    if (!version)
        return version.error();
    const qint64 dataVersion = version->next() ? version->value(0).toLongLong() : 0;
    // Each value with its type and length: two different filters never share a key.
    QString key = where;
    for (const QVariant &value : binds) {
        const QString text = value.toString();
        key += QStringLiteral("|%1:%2:").arg(value.typeId()).arg(text.size()) + text;
    }
    const auto cached = m_totals.constFind(key);
    if (cached != m_totals.constEnd() && cached->writes == m_writes && cached->dataVersion == dataVersion)
        return cached->total;
    auto counted =
        run(m_connection, QStringLiteral("SELECT COUNT(*) FROM resource_head h WHERE ") + where, binds, what);
    if (!counted)
        return counted.error();
    const qint64 total = counted->next() ? counted->value(0).toLongLong() : 0;
    if (m_totals.size() > 256)
        m_totals.clear();
    m_totals.insert(key, {m_writes, dataVersion, total});
    return total;
}

Expected<Page> ResourceStore::history(const HistoryFilter &filter)
{
    QStringList conditions{QStringLiteral("1 = 1")};
    QVariantList binds;
    if (!filter.type.isEmpty()) {
        conditions.append(QStringLiteral("v.type = ?"));
        binds.append(filter.type);
    }
    if (!filter.id.isEmpty()) {
        conditions.append(QStringLiteral("v.id = ?"));
        binds.append(filter.id);
    }
    if (filter.sinceMs) {
        conditions.append(QStringLiteral("v.last_updated >= ?"));
        binds.append(*filter.sinceMs);
    }
    const QString what = QStringLiteral("reading history");
    Page page;
    auto counted = run(m_connection,
                       QStringLiteral("SELECT COUNT(*) FROM resource_version v WHERE ") +
                           conditions.join(QLatin1String(" AND ")),
                       binds, what);
    if (!counted)
        return counted.error();
    page.total = counted->next() ? counted->value(0).toLongLong() : 0;
    if (filter.count == 0)
        return page;

    if (filter.cursorSeq > 0) {
        conditions.append(filter.newestFirst ? QStringLiteral("v.seq < ?") : QStringLiteral("v.seq > ?"));
        binds.append(filter.cursorSeq);
    }
    binds.append(filter.count + 1);
    auto rows = run(m_connection,
                    QStringLiteral("SELECT %1 FROM resource_version v WHERE %2 ORDER BY v.seq %3 LIMIT ?")
                        .arg(kVersionColumns, conditions.join(QLatin1String(" AND ")),
                             filter.newestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC")),
                    binds, what);
    if (!rows)
        return rows.error();
    while (rows->next()) {
        if (page.items.size() == filter.count) {
            page.hasMore = true;
            break;
        }
        page.items.append(versionFromRow(*rows));
    }
    return page;
}

Expected<bool> ResourceStore::isEmpty()
{
    auto query = run(m_connection, QStringLiteral("SELECT EXISTS (SELECT 1 FROM resource_version)"), {},
                     QStringLiteral("counting resources"));
    if (!query)
        return query.error();
    return !(query->next() && query->value(0).toBool());
}

} // namespace chevet::dpi
