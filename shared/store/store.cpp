#include "store.h"

#include "auditlog.h"
#include "core/clock.h"
#include "core/hybridlogicalclock.h"
#include "core/ids.h"
#include "core/logging.h"
#include "crypto/keyring.h"
#include "crypto/random.h"
#include "database.h"
#include "encounterrepository.h"
#include "medicationrepository.h"
#include "migrations.h"
#include "noterepository.h"
#include "observationrepository.h"
#include "outbox.h"
#include "patientrepository.h"
#include "recordtable.h"
#include "storecontext.h"
#include "taskrepository.h"

#include <QCborArray>
#include <QCborValue>
#include <QFile>

namespace chevet {

namespace {

Error storeError(const QString &code, const QString &message)
{
    return makeError(ErrorDomain::Store, code, message);
}

// The wrapped data key is stored as CBOR under meta.wrapped_key: no secrets in clear, only salt,
// cost parameters, nonce, the wrapped key and the device check.
QByteArray encodeWrapped(const crypto::WrappedDataKey &w)
{
    return QCborValue(QCborArray{w.salt, qint64(w.params.n), qint64(w.params.r), qint64(w.params.p), w.nonce,
                                 w.wrapped, w.deviceCheck})
        .toCbor();
}

std::optional<crypto::WrappedDataKey> decodeWrapped(const QByteArray &bytes)
{
    const QCborArray a = QCborValue::fromCbor(bytes).toArray();
    if (a.size() != 7)
        return std::nullopt;
    crypto::WrappedDataKey w;
    w.salt = a[0].toByteArray();
    w.params =
        crypto::ScryptParams{quint64(a[1].toInteger()), quint32(a[2].toInteger()), quint32(a[3].toInteger())};
    w.nonce = a[4].toByteArray();
    w.wrapped = a[5].toByteArray();
    w.deviceCheck = a[6].toByteArray();
    return w;
}

Result<QByteArray> readMeta(Database &db, const QString &key)
{
    Result<Statement *> stmt = db.cached("SELECT value FROM meta WHERE key = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, key);
    Result<bool> row = (*stmt)->step();
    if (!row)
        return row.error();
    QByteArray value = *row ? (*stmt)->blob(0) : QByteArray();
    (*stmt)->reset();
    return value;
}

Status writeMeta(Database &db, const QString &key, const QByteArray &value)
{
    Result<Statement *> stmt = db.cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, key).bind(2, value);
    return (*stmt)->exec();
}

Status configureConnection(Database &db)
{
    // WAL with FULL sync: a commit is on disk when record() returns, and readers never block the writer.
    if (Status s = db.exec(QStringLiteral("PRAGMA journal_mode = WAL")); !s)
        return s;
    if (Status s = db.exec(QStringLiteral("PRAGMA synchronous = FULL")); !s)
        return s;
    if (Status s = db.exec(QStringLiteral("PRAGMA foreign_keys = ON")); !s)
        return s;
    // Freed pages are zeroed so deleted sealed blobs do not linger.
    return db.exec(QStringLiteral("PRAGMA secure_delete = ON"));
}

} // namespace

struct Store::Private
{
    std::unique_ptr<Database> db;
    crypto::KeyRing keys;
    const Clock *clock;
    QString storeId;
    QString deviceId;
    QString establishment;
    std::unique_ptr<HybridLogicalClock> hlc;
    std::unique_ptr<RecordTable> records;
    std::unique_ptr<Outbox> outbox;
    std::unique_ptr<AuditLog> audit;
    std::unique_ptr<StoreContext> context;
    std::unique_ptr<PatientRepository> patients;
    std::unique_ptr<EncounterRepository> encounters;
    std::unique_ptr<ObservationRepository> observations;
    std::unique_ptr<NoteRepository> notes;
    std::unique_ptr<MedicationRepository> medications;
    std::unique_ptr<TaskRepository> tasks;
    QByteArray deviceSecret;

    Private(std::unique_ptr<Database> database, crypto::KeyRing keyRing, const Clock *c)
        : db(std::move(database))
        , keys(std::move(keyRing))
        , clock(c ? c : &SystemClock::instance())
    {}

    void wire(const QString &author)
    {
        hlc = std::make_unique<HybridLogicalClock>(*clock);
        records = std::make_unique<RecordTable>(*db, keys.sealer());
        outbox = std::make_unique<Outbox>(*db);
        audit = std::make_unique<AuditLog>(*db, keys.auditKey());
        context.reset(new StoreContext{*db, *records, *outbox, *audit, *hlc, *clock, keys, deviceId, author});
        patients = std::make_unique<PatientRepository>(*context, establishment);
        encounters = std::make_unique<EncounterRepository>(*context);
        observations = std::make_unique<ObservationRepository>(*context);
        notes = std::make_unique<NoteRepository>(*context);
        medications = std::make_unique<MedicationRepository>(*context);
        tasks = std::make_unique<TaskRepository>(*context);
    }

    // Resumes the HLC after the newest stamp stored, so a clock set backwards keeps order.
    Status resumeClock()
    {
        Result<Statement *> stmt = db->cached("SELECT max(hlc) FROM audit");
        if (!stmt)
            return stmt.error();
        Result<bool> row = (*stmt)->step();
        if (!row)
            return row.error();
        const quint64 last = *row ? quint64((*stmt)->int64(0)) : 0;
        (*stmt)->reset();
        hlc->observe(HlcTimestamp::fromPacked(last));
        return {};
    }
};

Store::Store(std::unique_ptr<Private> priv)
    : d(std::move(priv))
{}

Store::~Store() = default;

Status Store::validatePin(const QByteArray &pin)
{
    if (pin.size() < 4)
        return storeError(QStringLiteral("weak-pin"),
                          QStringLiteral("the PIN must have at least 4 characters"));
    return {};
}

Result<std::unique_ptr<Store>> Store::create(const StoreOptions &options)
{
    if (Status s = validatePin(options.pin); !s)
        return s.error();
    if (options.deviceSecret.size() < 16)
        return storeError(QStringLiteral("no-device-secret"), QStringLiteral("the device secret is missing"));

    Result<std::unique_ptr<Database>> opened = Database::open(options.path, Database::OpenMode::CreateNew);
    if (!opened)
        return opened.error();
    std::unique_ptr<Database> db = std::move(opened).value();
    std::unique_ptr<Private> d;
    // A store that could not be finished is removed whole: no half-made file is left to be opened later.
    auto discard = [&](const Error &error) -> Result<std::unique_ptr<Store>> {
        const QString path = options.path;
        d.reset();
        db.reset();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        return error;
    };

    if (Status s = db->exec(QStringLiteral("PRAGMA application_id = %1").arg(kChevetApplicationId)); !s)
        return discard(s.error());
    if (Status s = configureConnection(*db); !s)
        return discard(s.error());
    if (Status s = migrate(*db, schemaMigrations()); !s)
        return discard(s.error());

    const QString storeId = idToString(newId());
    Result<std::pair<crypto::KeyRing, crypto::WrappedDataKey>> made =
        crypto::KeyRing::create(options.pin, options.deviceSecret, storeId.toUtf8(), options.kdf);
    if (!made)
        return discard(made.error());

    d = std::make_unique<Private>(std::move(db), std::move(made->first), options.clock);
    d->storeId = storeId;
    d->deviceId = idToString(newId());
    d->establishment =
        options.establishment.isEmpty() ? QStringLiteral("urn:oid:2.999.250.1") : options.establishment;
    d->deviceSecret = options.deviceSecret;
    d->wire(options.author);

    Transaction tx(*d->db);
    Status written = tx.begin();
    const std::pair<const char *, QByteArray> meta[] = {
        {"store_id", storeId.toUtf8()},
        {"device_id", d->deviceId.toUtf8()},
        {"establishment", d->establishment.toUtf8()},
        {"wrapped_key", encodeWrapped(made->second)},
        {"created_ms", QByteArray::number(d->clock->nowMs())},
    };
    for (const auto &[key, value] : meta) {
        if (written)
            written = writeMeta(*d->db, QString::fromLatin1(key), value);
    }
    if (written) {
        AuditEntry created;
        created.atMs = d->clock->nowMs();
        created.hlc = d->hlc->now();
        created.author = options.author;
        created.device = d->deviceId;
        created.action = QStringLiteral("store.create");
        written = d->audit->append(created);
    }
    if (written)
        written = tx.commit();
    if (!written)
        return discard(written.error());
    qCInfo(lcStore) << "store created, schema" << currentSchemaVersion();
    return std::unique_ptr<Store>(new Store(std::move(d)));
}

Result<std::unique_ptr<Store>> Store::open(const StoreOptions &options)
{
    Result<std::unique_ptr<Database>> opened = Database::open(options.path, Database::OpenMode::ExistingOnly);
    if (!opened)
        return opened.error();
    std::unique_ptr<Database> db = std::move(opened).value();

    // Read-only checks first: nothing is written to a file until it is known to be ours and unlocked.
    Result<qint64> appId = db->pragmaInt("application_id");
    if (!appId)
        return storeError(QStringLiteral("not-a-store"),
                          QStringLiteral("the file is not a Chevet store (not a database, or damaged): %1")
                              .arg(appId.error().message));
    if (*appId != kChevetApplicationId)
        return storeError(
            QStringLiteral("not-a-store"),
            QStringLiteral("the file is a database of another application, not a Chevet store"));
    Result<QByteArray> wrappedBytes = readMeta(*db, QStringLiteral("wrapped_key"));
    if (!wrappedBytes)
        return storeError(QStringLiteral("corrupt"),
                          QStringLiteral("the store is damaged: %1").arg(wrappedBytes.error().message));
    const std::optional<crypto::WrappedDataKey> wrapped = decodeWrapped(*wrappedBytes);
    Result<QByteArray> storeId = readMeta(*db, QStringLiteral("store_id"));
    if (!wrapped || !storeId || storeId->isEmpty())
        return storeError(QStringLiteral("corrupt"),
                          QStringLiteral("the store's key record is missing or damaged"));

    Result<crypto::KeyRing> keys =
        crypto::KeyRing::unlock(options.pin, options.deviceSecret, *storeId, *wrapped);
    if (!keys) {
        qCWarning(lcStore) << "store unlock refused:" << keys.error().code;
        return keys.error();
    }

    if (Status s = configureConnection(*db); !s)
        return s.error();
    if (Status s = migrate(*db, schemaMigrations()); !s)
        return s.error();

    auto d = std::make_unique<Private>(std::move(db), std::move(keys).value(), options.clock);
    d->storeId = QString::fromUtf8(*storeId);
    Result<QByteArray> deviceId = readMeta(*d->db, QStringLiteral("device_id"));
    Result<QByteArray> establishment = readMeta(*d->db, QStringLiteral("establishment"));
    if (!deviceId || !establishment)
        return storeError(QStringLiteral("corrupt"),
                          QStringLiteral("the store's identity record is damaged"));
    d->deviceId = QString::fromUtf8(*deviceId);
    d->establishment = QString::fromUtf8(*establishment);
    d->deviceSecret = options.deviceSecret;
    d->wire(options.author);
    if (Status s = d->resumeClock(); !s)
        return s.error();
    return std::unique_ptr<Store>(new Store(std::move(d)));
}

PatientRepository &Store::patients()
{
    return *d->patients;
}
EncounterRepository &Store::encounters()
{
    return *d->encounters;
}
ObservationRepository &Store::observations()
{
    return *d->observations;
}
NoteRepository &Store::notes()
{
    return *d->notes;
}
MedicationRepository &Store::medications()
{
    return *d->medications;
}
TaskRepository &Store::tasks()
{
    return *d->tasks;
}
Outbox &Store::outbox()
{
    return *d->outbox;
}
AuditLog &Store::audit()
{
    return *d->audit;
}
QString Store::storeId() const
{
    return d->storeId;
}
QString Store::deviceId() const
{
    return d->deviceId;
}
QString Store::establishment() const
{
    return d->establishment;
}
QString Store::author() const
{
    return d->context->author;
}
void Store::setAuthor(const QString &author)
{
    d->context->author = author;
}

Status Store::changePin(const QByteArray &newPin)
{
    if (Status s = validatePin(newPin); !s)
        return s;
    Result<crypto::WrappedDataKey> rewrapped = d->keys.rewrap(newPin, d->deviceSecret, d->storeId.toUtf8());
    if (!rewrapped)
        return rewrapped.error();
    Transaction tx(*d->db);
    if (Status s = tx.begin(); !s)
        return s;
    if (Status s = writeMeta(*d->db, QStringLiteral("wrapped_key"), encodeWrapped(*rewrapped)); !s)
        return s;
    AuditEntry changed;
    changed.atMs = d->clock->nowMs();
    changed.hlc = d->hlc->now();
    changed.author = d->context->author;
    changed.device = d->deviceId;
    changed.action = QStringLiteral("store.change-pin");
    if (Status s = d->audit->append(changed); !s)
        return s;
    return tx.commit();
}

Result<QByteArray> Store::metaValue(const QString &key)
{
    return readMeta(*d->db, QStringLiteral("engine.") + key);
}

Status Store::setMetaValue(const QString &key, const QByteArray &value)
{
    return writeMeta(*d->db, QStringLiteral("engine.") + key, value);
}

} // namespace chevet
