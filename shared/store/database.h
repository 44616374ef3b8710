#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <QList>

#include <functional>
#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace chevet {

class Database;

// A prepared statement. Bind by 1-based index, step, read columns by 0-based index.
class Statement
{
public:
    Statement() = default;
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    bool isValid() const { return m_stmt != nullptr; }

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, const QString &text);
    Statement &bind(int index, const QByteArray &blob);
    Statement &bindNull(int index);
    template<typename T> Statement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // True when a row is available; false when done. Errors come back as an Error.
    Result<bool> step();
    // Runs a statement that returns no rows, then resets it for reuse.
    Status exec();
    void reset();

    // Steps through every row, turning each into a T with `read`; resets the statement whatever happens,
    // so a cached statement is always left ready for its next use.
    template<typename T> Result<QList<T>> collect(const std::function<Result<T>(const Statement &)> &read)
    {
        QList<T> rows;
        while (true) {
            Result<bool> more = step();
            if (!more) {
                reset();
                return more.error();
            }
            if (!*more)
                break;
            Result<T> row = read(*this);
            if (!row) {
                reset();
                return row.error();
            }
            rows.append(std::move(row).value());
        }
        reset();
        return rows;
    }

    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;
    // Whether a column holds what the app writes there. Sealed rows are checked with these: a value
    // rewritten as a BLOB (CAST(x AS BLOB)) reads as the same text, so it still opens, yet no SQL
    // filter on it matches any more (state = 'pending' misses it). Null counts as either.
    bool isTextOrNull(int column) const;
    bool isIntegerOrNull(int column) const;

private:
    friend class Database;
    Statement(sqlite3_stmt *stmt, Database *db)
        : m_stmt(stmt)
        , m_db(db)
    {}

    sqlite3_stmt *m_stmt = nullptr;
    Database *m_db = nullptr;
};

// The one owner of a SQLite connection. Only the store folder includes sqlite3.h.
class Database
{
public:
    enum class OpenMode { ExistingOnly, CreateNew };

    static Result<std::unique_ptr<Database>> open(const QString &path, OpenMode mode);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Status exec(const QString &sql);
    Result<Statement> prepare(const QString &sql);
    // Statements prepared once and kept for the connection's life: the write path reuses them.
    Result<Statement *> cached(const char *sql);

    Result<qint64> pragmaInt(const char *name);
    // The first column of the first row of a cached statement without parameters (0 when no row).
    Result<qint64> queryInt(const char *sql);

    // Transactions nest. The outermost begin() is BEGIN IMMEDIATE: it takes the write lock now, so commit
    // cannot fail on a lock, and its commit() is the durable one. Inside it, begin() opens a SAVEPOINT
    // that commit() releases into the enclosing transaction and rollback() undoes alone.
    Status begin();
    Status commit();
    void rollback();
    bool inTransaction() const;
    // How many begin() are open: 0 outside a transaction, 1 in the outermost one.
    int transactionDepth() const { return m_depth; }

    // Called after each durable commit of an outermost transaction (not after a savepoint's release).
    void setAfterCommit(std::function<void()> afterCommit) { m_afterCommit = std::move(afterCommit); }

    // Rows changed by the last statement.
    int changes() const;
    QString path() const { return m_path; }
    Error lastError(StoreError code, const QString &what) const;

private:
    Database(sqlite3 *db, QString path);

    sqlite3 *m_db = nullptr;
    QString m_path;
    struct Cache;
    std::unique_ptr<Cache> m_cache;
    int m_depth = 0;
    std::function<void()> m_afterCommit;
};

// Rolls back unless committed: every write path uses one so an early return leaves nothing behind.
// Inside another Transaction it is a savepoint: committed with the outer one, or undone alone.
class Transaction
{
public:
    explicit Transaction(Database &db)
        : m_db(db)
    {}
    ~Transaction()
    {
        if (m_open)
            m_db.rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Status begin()
    {
        Status s = m_db.begin();
        m_open = s.ok();
        return s;
    }
    Status commit()
    {
        Status s = m_db.commit();
        if (s.ok())
            m_open = false;
        return s;
    }

private:
    Database &m_db;
    bool m_open = false;
};

} // namespace chevet
