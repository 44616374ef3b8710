#include "database.h"

#include "core/logging.h"

#include <QFile>
#include <QHash>

#include <sqlite3.h>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace chevet {

namespace {

bool isTransientCode(int code)
{
    const int primary = code & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_FULL ||
           primary == SQLITE_IOERR;
}

} // namespace

struct Database::Cache
{
    QHash<const char *, Statement *> statements;
    ~Cache() { qDeleteAll(statements); }
};

// ---- Statement

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_db(other.m_db)
{}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = other.m_db;
    }
    return *this;
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, const QString &text)
{
    if (text.isNull())
        return bindNull(index);
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &blob)
{
    if (blob.isNull())
        return bindNull(index);
    sqlite3_bind_blob(m_stmt, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Result<bool> Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    Error error = m_db->lastError(StoreError::SqlStep, QStringLiteral("statement failed"));
    sqlite3_reset(m_stmt);
    return error;
}

Status Statement::exec()
{
    Result<bool> r = step();
    reset();
    if (!r)
        return r.error();
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    if (!data)
        return {};
    return QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(m_stmt, column));
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

bool Statement::isTextOrNull(int column) const
{
    const int type = sqlite3_column_type(m_stmt, column);
    return type == SQLITE_TEXT || type == SQLITE_NULL;
}

bool Statement::isIntegerOrNull(int column) const
{
    const int type = sqlite3_column_type(m_stmt, column);
    return type == SQLITE_INTEGER || type == SQLITE_NULL;
}

// ---- Database

Database::Database(sqlite3 *db, QString path)
    : m_db(db)
    , m_path(std::move(path))
    , m_cache(std::make_unique<Cache>())
{}

Database::~Database()
{
    m_cache.reset(); // statements must be finalized before the connection closes
    sqlite3_close(m_db);
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, OpenMode mode)
{
    const bool exists = QFile::exists(path);
    if (mode == OpenMode::ExistingOnly && !exists)
        return makeError(StoreError::NoStore,
                         QStringLiteral("no store at this path; create one with 'init' first"));
    if (mode == OpenMode::CreateNew && exists)
        return makeError(StoreError::StoreExists,
                         QStringLiteral("a file already exists at this path; refusing to overwrite it"));

    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (mode == OpenMode::CreateNew)
        flags |= SQLITE_OPEN_CREATE;
    sqlite3 *raw = nullptr;
    const QByteArray nativePath = QFile::encodeName(path);
#if defined(Q_OS_UNIX)
    // A store made by an older build (0644): tightened, with its journal files, before it is read.
    if (mode == OpenMode::ExistingOnly) {
        for (const char *suffix : {"", "-wal", "-shm"}) {
            const QByteArray file = nativePath + suffix;
            struct stat st
            {
            };
            if (::stat(file.constData(), &st) == 0 && (st.st_mode & 077) != 0)
                ::chmod(file.constData(), st.st_mode & 0700);
        }
    }
    // The owner's only (security review F18): SQLite would create it 0644 under the usual umask, and
    // gives its -wal and -shm files the store's own mode. An empty file is a new database to SQLite.
    if (mode == OpenMode::CreateNew) {
        const int fd = ::open(nativePath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            return makeError(
                StoreError::OpenFailed,
                QStringLiteral("cannot create the store: %1").arg(QString::fromLocal8Bit(strerror(errno))));
        ::close(fd);
    }
#endif
    const int rc = sqlite3_open_v2(nativePath.constData(), &raw, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString why = QString::fromUtf8(raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
        sqlite3_close(raw);
        if (mode == OpenMode::CreateNew)
            QFile::remove(path); // the empty file made above: leave the folder as it was
        return makeError(StoreError::OpenFailed, QStringLiteral("cannot open the store: %1").arg(why),
                         isTransientCode(rc));
    }
    sqlite3_busy_timeout(raw, 5000);
    return std::unique_ptr<Database>(new Database(raw, path));
}

Error Database::lastError(StoreError code, const QString &what) const
{
    const int rc = sqlite3_extended_errcode(m_db);
    QString detail = QString::fromUtf8(sqlite3_errmsg(m_db));
    StoreError errorCode = code;
    if ((rc & 0xff) == SQLITE_FULL) {
        errorCode = StoreError::DiskFull;
        detail = QStringLiteral("the device storage is full; nothing was written");
    } else if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT) {
        errorCode = StoreError::Corrupt;
    }
    return makeError(errorCode, QStringLiteral("%1: %2").arg(what, detail), isTransientCode(rc));
}

Status Database::exec(const QString &sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    sqlite3_free(message);
    return lastError(StoreError::SqlExec, QStringLiteral("statement failed"));
}

Result<Statement> Database::prepare(const QString &sql)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &stmt, nullptr) != SQLITE_OK)
        return lastError(StoreError::SqlPrepare, QStringLiteral("cannot prepare statement"));
    return Statement(stmt, this);
}

Result<Statement *> Database::cached(const char *sql)
{
    if (Statement *found = m_cache->statements.value(sql)) {
        found->reset();
        return found;
    }
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
        return lastError(StoreError::SqlPrepare, QStringLiteral("cannot prepare statement"));
    auto *statement = new Statement(stmt, this);
    m_cache->statements.insert(sql, statement);
    return statement;
}

Result<qint64> Database::pragmaInt(const char *name)
{
    Result<Statement> stmt = prepare(QStringLiteral("PRAGMA %1").arg(QLatin1String(name)));
    if (!stmt)
        return stmt.error();
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->int64(0) : 0;
}

Result<qint64> Database::queryInt(const char *sql)
{
    Result<Statement *> stmt = cached(sql);
    if (!stmt)
        return stmt.error();
    Result<bool> row = (*stmt)->step();
    const qint64 value = row && *row ? (*stmt)->int64(0) : 0;
    (*stmt)->reset();
    if (!row)
        return row.error();
    return value;
}

Status Database::begin()
{
    // SQLite ends a transaction by itself on some errors (disk full, I/O): nothing is left to nest in.
    if (m_depth > 0 && sqlite3_get_autocommit(m_db))
        m_depth = 0;
    Result<Statement *> stmt = cached(m_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested");
    if (!stmt)
        return stmt.error();
    if (Status s = (*stmt)->exec(); !s)
        return s;
    ++m_depth;
    return {};
}

Status Database::commit()
{
    if (m_depth > 1) {
        Result<Statement *> stmt = cached("RELEASE nested");
        if (!stmt)
            return stmt.error();
        if (Status s = (*stmt)->exec(); !s)
            return s;
        --m_depth;
        return {};
    }
    Result<Statement *> stmt = cached("COMMIT");
    if (!stmt)
        return stmt.error();
    if (Status s = (*stmt)->exec(); !s)
        return s;
    m_depth = 0;
    if (m_afterCommit)
        m_afterCommit();
    return {};
}

void Database::rollback()
{
    if (sqlite3_get_autocommit(m_db)) {
        m_depth = 0;
        return;
    }
    if (m_depth > 1) {
        sqlite3_exec(m_db, "ROLLBACK TO nested; RELEASE nested", nullptr, nullptr, nullptr);
        --m_depth;
        return;
    }
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    m_depth = 0;
}

bool Database::inTransaction() const
{
    return !sqlite3_get_autocommit(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

} // namespace chevet
