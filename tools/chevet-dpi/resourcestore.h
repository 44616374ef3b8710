#pragma once

#include "fhirerror.h"
#include "fhirreply.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace chevet::dpi {

struct SearchQuery;

// One stored version of one resource. `seq` is the server-wide change sequence: every create, update
// and delete takes the next number, and searches and histories are ordered by it.
struct StoredVersion
{
    qint64 seq = 0;
    QString type;
    QString id;
    qint64 version = 0;
    qint64 lastUpdatedMs = 0;
    QString method; // POST, PUT or DELETE: the interaction that made this version
    bool deleted = false;
    QJsonObject resource; // empty for a deletion

    VersionStamp stamp() const { return VersionStamp{type, id, version, lastUpdatedMs}; }
};

struct Page
{
    QList<StoredVersion> items;
    qint64 total = 0;
    bool hasMore = false;
};

struct HistoryFilter
{
    QString type; // empty: the whole system
    QString id;   // empty: every resource of the type
    std::optional<qint64> sinceMs;
    qint64 cursorSeq = 0; // continue after (or, newest first, before) this change
    int count = 50;
    bool newestFirst = false;
};

// The server's storage: versions, the current head of each resource, and search index tables, in
// SQLite through Qt SQL. Callers bracket each request (or whole transaction bundle) in begin/commit.
class ResourceStore
{
public:
    ResourceStore();
    ~ResourceStore();
    ResourceStore(const ResourceStore &) = delete;
    ResourceStore &operator=(const ResourceStore &) = delete;

    Expected<void> open(const QString &path);

    Expected<void> begin();
    Expected<void> commit();
    void rollback();

    // The newest version, a deletion included.
    Expected<std::optional<StoredVersion>> head(const QString &type, const QString &id);
    Expected<std::optional<StoredVersion>> version(const QString &type, const QString &id, qint64 version);

    // Writes the next version: the server sets id, meta.versionId and meta.lastUpdated. No resource
    // means a deletion.
    Expected<StoredVersion> write(const QString &type, const QString &id, const QString &method,
                                  const std::optional<QJsonObject> &resource);

    // The next server-assigned id of a type when ids are per-type integers (1, 2, 3...): one more than
    // the largest number this type holds as an id or this store has handed out (a rolled-back create
    // leaves a gap, as on real servers).
    Expected<QString> nextNumericId(const QString &type);

    Expected<Page> search(const SearchQuery &query);
    Expected<Page> history(const HistoryFilter &filter);
    Expected<bool> isEmpty();

private:
    Expected<void> createSchema();

    Expected<qint64> countMatches(const QString &where, const QVariantList &binds, const QString &what);

    QString m_connection;
    QHash<QString, qint64> m_lastNumericId; // per type, once read from the database
    // A search's total, asked again by every page of it: kept until this store or another connection
    // on the file writes (SQLite's data_version tells the latter).
    struct CachedTotal
    {
        qint64 writes = 0;
        qint64 dataVersion = 0;
        qint64 total = 0;
    };
    QHash<QString, CachedTotal> m_totals;
    qint64 m_writes = 0;
};

} // namespace chevet::dpi
