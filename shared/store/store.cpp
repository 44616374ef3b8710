#include "store.h"

#include "alertlog.h"
#include "allergyrepository.h"
#include "auditlog.h"
#include "conflictqueue.h"
#include "core/clock.h"
#include "core/hybridlogicalclock.h"
#include "core/ids.h"
#include "core/logging.h"
#include "crypto/keyring.h"
#include "crypto/random.h"
#include "database.h"
#include "encounterrepository.h"
#include "keyslots.h"
#include "medicationrepository.h"
#include "metatable.h"
#include "migrations.h"
#include "model/administrationtimesconfig.h"
#include "noterepository.h"
#include "observationrepository.h"
#include "outbox.h"
#include "patientrepository.h"
#include "recordtable.h"
#include "sealedmeta.h"
#include "session/pinrules.h"
#include "sessionrecords.h"
#include "storecontext.h"
#include "storeprivate.h"
#include "taskrepository.h"
#include "walscan.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>

#include <filesystem>
#include <system_error>

namespace chevet {

namespace {

Error storeError(StoreError code, const QString &message)
{
    return makeError(code, message);
}

Result<QByteArray> readMeta(Database &db, const QString &key)
{
    return metatable::read(db, key);
}

Status writeMeta(Database &db, const QString &key, const QByteArray &value)
{
    return metatable::write(db, key, value);
}

// Every local write dirties about ten pages (the record and its two indexes, the outbox row and its two,
// the audit entry, the audit head), and each goes whole into the WAL before the commit's fsync. Rows are
// far smaller than a page: 2 KiB pages halve the bytes each commit syncs against SQLite's 4 KiB default,
// and reads of big stores stay as fast (bench_write, bench_load). Set when the file is made.
constexpr int kPageSize = 2048;
constexpr qint64 kCheckpointWalBytes = 4 * 1024 * 1024;

Status configureConnection(Database &db)
{
    // WAL with FULL sync: a commit is on disk when record() returns, and readers never block the writer.
    if (Status s = db.exec(QStringLiteral("PRAGMA journal_mode = WAL")); !s)
        return s;
    if (Status s = db.exec(QStringLiteral("PRAGMA synchronous = FULL")); !s)
        return s;
    if (Status s = db.exec(QStringLiteral("PRAGMA foreign_keys = ON")); !s)
        return s;
    // Checkpoints every 4 MiB of WAL, as SQLite's default does with 4 KiB pages, whatever the page size.
    Result<qint64> pageSize = db.pragmaInt("page_size");
    if (!pageSize)
        return pageSize.error();
    const qint64 walPages = kCheckpointWalBytes / qMax<qint64>(512, *pageSize);
    if (Status s = db.exec(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(walPages)); !s)
        return s;
    // Freed pages are zeroed so deleted sealed blobs do not linger.
    return db.exec(QStringLiteral("PRAGMA secure_delete = ON"));
}

const QString kBuildingSuffix = QStringLiteral(".creating");
const QString kCreateLockSuffix = QStringLiteral(".lock");
constexpr int kCreateLockWaitMs = 10000;

// The database and the files SQLite keeps beside it.
void removeDatabaseFiles(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

// What a finished store under construction hands over to the connection that opens it.
struct BuiltStore
{
    crypto::KeyRing keys;
    QString storeId;
    QString deviceId;
    QString establishment;
};

// Makes a complete store at `path` (schema, identity, wrapped key, first audit entry), then checkpoints
// and closes it, so that the one file holds everything and is on disk.
Result<BuiltStore> buildStore(const QString &path, const StoreOptions &options)
{
    Result<std::unique_ptr<Database>> opened = Database::open(path, Database::OpenMode::CreateNew);
    if (!opened)
        return opened.error();
    std::unique_ptr<Database> db = std::move(opened).value();
    if (Status s = db->exec(QStringLiteral("PRAGMA page_size = %1").arg(kPageSize)); !s)
        return s.error();
    if (Status s = db->exec(QStringLiteral("PRAGMA application_id = %1").arg(kChevetApplicationId)); !s)
        return s.error();
    if (Status s = configureConnection(*db); !s)
        return s.error();
    if (Status s = migrate(*db, schemaMigrations()); !s)
        return s.error();

    const QString storeId = idToString(newId());
    Result<std::pair<crypto::KeyRing, crypto::WrappedDataKey>> made = crypto::KeyRing::create(
        options.pin, options.deviceSecret, storeId.toUtf8(), options.kdf, options.author);
    if (!made)
        return made.error();
    BuiltStore built{std::move(made->first), storeId, idToString(newId()),
                     options.establishment.isEmpty() ? QStringLiteral("urn:oid:2.999.250.1")
                                                     : options.establishment};
    const Clock &clock = options.clock ? *options.clock : SystemClock::instance();
    {
        AuditLog audit(*db, built.keys.auditKey());
        HybridLogicalClock hlc(clock);
        Transaction tx(*db);
        if (Status s = tx.begin(); !s)
            return s.error();
        const std::pair<const char *, QByteArray> meta[] = {
            {"store_id", storeId.toUtf8()},
            {"device_id", built.deviceId.toUtf8()},
            {"establishment", built.establishment.toUtf8()},
            {"created_ms", QByteArray::number(clock.nowMs())},
        };
        for (const auto &[key, value] : meta) {
            if (Status s = writeMeta(*db, QString::fromLatin1(key), value); !s)
                return s.error();
        }
        // The creating nurse gets the first key slot, and counts as signed in: a store is made right
        // after her full sign-in.
        if (Status s = keyslots::write(*db, options.author, made->second); !s)
            return s.error();
        Result<std::unique_ptr<SessionRecords>> sessions =
            SessionRecords::over(*db, options.deviceSecret, storeId.toUtf8());
        if (!sessions)
            return sessions.error();
        NurseSessionState signedIn;
        signedIn.lastSignInMs = clock.nowMs();
        const BootTime boot = clock.bootTime();
        signedIn.lastSignInBootId = boot.bootId;
        signedIn.lastSignInSinceBootMs = boot.sinceBootMs;
        if (Status s = (*sessions)->write(options.author, signedIn); !s)
            return s.error();
        AuditEntry created =
            auditEntryNow(QStringLiteral("store.create"), clock, hlc, options.author, built.deviceId);
        // Read by sealLegacyRows(): a store born sealed never has outbox entries to seal.
        created.detail = QStringLiteral("schema %1").arg(currentSchemaVersion());
        if (Status s = audit.append(created); !s)
            return s.error();
        if (Status s = tx.commit(); !s)
            return s.error();
    }
    // Everything into the database file (synced: synchronous=FULL), then closed: the last connection
    // to close removes the WAL, which must be gone before the file can be moved on its own.
    if (Status s = db->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); !s)
        return s.error();
    db.reset();
    if (QFile::exists(path + QStringLiteral("-wal")))
        return storeError(StoreError::CreateFailed,
                          QStringLiteral("the new store could not be finished on disk"));
    return built;
}

// A lock file that names no process (empty or cut short) and has not been touched for a few seconds: a
// live creator writes its pid right after creating the file.
bool unreadableLockIsStale(const QString &lockPath, const QLockFile &lock)
{
    constexpr qint64 kUnreadableStaleMs = 5000;
    qint64 pid = 0;
    QString host, application;
    if (lock.getLockInfo(&pid, &host, &application))
        return false;
    const QFileInfo info(lockPath);
    return info.exists() && info.lastModified().msecsTo(QDateTime::currentDateTime()) > kUnreadableStaleMs;
}

// Puts the finished store at `target` in one step and never over a file that appeared meanwhile: a
// hard link fails when the name is taken. Where the file system has no hard links (FAT), a rename,
// which refuses an existing target too. SQLite syncs the folder when it first creates the WAL beside
// the store, which makes the new name durable with the first write.
Status publish(const QString &built, const QString &target)
{
    const auto exists = [] {
        return storeError(StoreError::StoreExists,
                          QStringLiteral("a file appeared at this path while the store was being created"));
    };
    std::error_code error;
    std::filesystem::create_hard_link(QFileInfo(built).filesystemAbsoluteFilePath(),
                                      QFileInfo(target).filesystemAbsoluteFilePath(), error);
    if (!error) {
        QFile::remove(built);
        return {};
    }
    if (QFile::exists(target))
        return exists();
    if (QFile::rename(built, target))
        return {};
    if (QFile::exists(target))
        return exists();
    return storeError(
        StoreError::CreateFailed,
        QStringLiteral("cannot put the new store in place: %1").arg(QString::fromStdString(error.message())));
}

} // namespace

Store::Store(std::unique_ptr<Private> priv)
    : d(std::move(priv))
{}

Store::~Store() = default;

Result<bool> Store::wasErased(const QString &path)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    Result<QByteArray> erased = readMeta(**db, QStringLiteral("erased_ms"));
    if (!erased)
        return erased.error();
    return !erased->isEmpty();
}

Status Store::validatePin(const QByteArray &pin)
{
    const PinWeakness weakness = pinWeakness(pin);
    if (weakness != PinWeakness::None)
        return storeError(StoreError::WeakPin, pinWeaknessText(weakness));
    return {};
}

namespace {

const QString kHeadMarkInUse = QStringLiteral("head_mark");

Error lostChanges(const QString &what)
{
    return storeError(
        StoreError::Damaged,
        QStringLiteral("%1. What it shows could be wrong, so it is not opened: keep the files "
                       "for support: records not yet sent to the DPI are recovered from them before the "
                       "device is restored from the DPI")
            .arg(what));
}

// The database against the head mark kept beside it (HeadMark): committed entries missing mean its
// journal or the file itself went back in time.
Status checkHeadMark(AuditLog &audit, Database &db)
{
    Result<AuditLog::MarkState> state = audit.compareWithMark();
    if (!state)
        return state.error();
    Result<QByteArray> inUse = readMeta(db, kHeadMarkInUse);
    if (!inUse)
        return inUse.error();
    using MarkState = AuditLog::MarkState;
    switch (*state) {
    case MarkState::Consistent:
    case MarkState::Behind:
        return inUse->isEmpty() ? writeMeta(db, kHeadMarkInUse, QByteArrayLiteral("1")) : Status();
    case MarkState::Missing: {
        if (!inUse->isEmpty())
            return lostChanges(QStringLiteral("the file that records how far the store had got is missing"));
        // A store from a build that kept no mark: from now on it does.
        if (Status s = audit.refreshMark(); !s)
            return s;
        Result<MarkState> now = audit.compareWithMark();
        if (!now)
            return now.error();
        return *now == MarkState::Consistent ? writeMeta(db, kHeadMarkInUse, QByteArrayLiteral("1"))
                                             : Status();
    }
    case MarkState::Ahead:
        return lostChanges(
            QStringLiteral("the store has lost saved changes: it ends before the last change it "
                           "recorded (its journal or the file was rolled back)"));
    case MarkState::Forked:
        return lostChanges(QStringLiteral("the store holds another history than the one recorded beside it"));
    case MarkState::Unreadable:
        return lostChanges(QStringLiteral("the file that records how far the store had got is damaged or "
                                          "belongs to another store"));
    }
    return {};
}

} // namespace

Result<std::unique_ptr<Store>> Store::create(const StoreOptions &options)
{
    if (Status s = keyslots::validateNurseId(options.author); !s)
        return s.error();
    if (Status s = validatePin(options.pin); !s)
        return s.error();
    if (options.deviceSecret.size() < 16)
        return storeError(StoreError::NoDeviceSecret, QStringLiteral("the device secret is missing"));
    // Refused before anything is written, so a refusal leaves the folder exactly as it was.
    if (QFile::exists(options.path))
        return storeError(StoreError::StoreExists,
                          QStringLiteral("a file already exists at this path; refusing to overwrite it"));

    // One creator per path at a time. A creator killed midway leaves its lock behind, stale since its
    // process is gone: the next create takes it over, and with it the files the killed one left.
    QLockFile lock(options.path + kCreateLockSuffix);
    lock.setStaleLockTime(0); // stale only when its process is gone, however slow the key derivation
    // A creator killed while QLockFile wrote its lock leaves a file that names no process, which
    // QLockFile would never call stale: it is taken over once old enough, checked again while waiting
    // (a lock only just left unreadable would otherwise outlast the whole wait: tst_crashrecovery).
    QDeadlineTimer waited(kCreateLockWaitMs);
    bool locked = lock.tryLock(0);
    while (!locked && lock.error() == QLockFile::LockFailedError && !waited.hasExpired()) {
        if (unreadableLockIsStale(options.path + kCreateLockSuffix, lock))
            lock.removeStaleLockFile();
        locked = lock.tryLock(250);
    }
    if (!locked) {
        if (lock.error() == QLockFile::LockFailedError)
            return makeError(StoreError::StoreBusy,
                             QStringLiteral("another process is creating a store at this path"), true);
        return storeError(StoreError::OpenFailed,
                          QStringLiteral("cannot create the store: the folder is missing or not writable"));
    }
    if (QFile::exists(options.path))
        return storeError(StoreError::StoreExists,
                          QStringLiteral("a file already exists at this path; refusing to overwrite it"));

    // The store is made whole under another name and only then put in place: a crash at any moment
    // leaves either no store at the path or a finished one, never a file that cannot be opened.
    const QString building = options.path + kBuildingSuffix;
    removeDatabaseFiles(building);
    Result<BuiltStore> built = buildStore(building, options);
    if (!built) {
        removeDatabaseFiles(building);
        return built.error();
    }
    if (Status s = publish(building, options.path); !s) {
        removeDatabaseFiles(building);
        return s.error();
    }
    lock.unlock();

    Result<std::unique_ptr<Database>> opened = Database::open(options.path, Database::OpenMode::ExistingOnly);
    if (!opened)
        return opened.error();
    if (Status s = configureConnection(**opened); !s)
        return s.error();
    auto d = std::make_unique<Private>(std::move(opened).value(), std::move(built->keys), options.clock);
    d->storeId = built->storeId;
    d->deviceId = built->deviceId;
    d->establishment = built->establishment;
    d->deviceSecret = options.deviceSecret;
    d->wire(options.author);
    if (Status s = checkHeadMark(*d->audit, *d->db); !s) // writes the first mark
        return s.error();
    if (Status s = publishGrantKey(*d->db, d->keys, d->storeId.toUtf8(), options.author); !s)
        return s.error();
    if (Status s = d->records->migrateSeals(false); !s) // a new store: only marks it
        return s.error();
    if (Status s = d->resumeClock(); !s)
        return s.error();
    qCInfo(lcStore) << "store created, schema" << currentSchemaVersion();
    return std::unique_ptr<Store>(new Store(std::move(d)));
}

Result<std::unique_ptr<Store>> Store::open(const StoreOptions &options)
{
    // Before SQLite opens the file: opening replays the journal and drops what follows a bad frame.
    Result<WalScan> journal = scanWal(options.path + QStringLiteral("-wal"));
    if (!journal)
        return journal.error();
    if (journal->verdict == WalScan::Verdict::Damaged)
        return storeError(
            StoreError::Damaged,
            QStringLiteral(
                "the store's journal is damaged: %1 saved change(s) after byte %2 "
                "would be lost if it were opened. Nothing was changed; keep the "
                "files for support: records not yet sent to the DPI are recovered from them before the "
                "device is restored from the DPI")
                .arg(journal->commitsLost)
                .arg(journal->firstBadOffset));
    Result<std::unique_ptr<Database>> opened = Database::open(options.path, Database::OpenMode::ExistingOnly);
    if (!opened)
        return opened.error();
    std::unique_ptr<Database> db = std::move(opened).value();

    // Read-only checks first: nothing is written to a file until it is known to be ours and unlocked.
    Result<qint64> appId = db->pragmaInt("application_id");
    if (!appId)
        return storeError(StoreError::NotAStore,
                          QStringLiteral("the file is not a Chevet store (not a database, or damaged): %1")
                              .arg(appId.error().message));
    if (*appId != kChevetApplicationId)
        return storeError(
            StoreError::NotAStore,
            QStringLiteral("the file is a database of another application, not a Chevet store"));
    if (Status s = keyslots::validateNurseId(options.author); !s)
        return s.error();
    Result<QByteArray> erased = readMeta(*db, QStringLiteral("erased_ms"));
    if (erased && !erased->isEmpty())
        return storeError(StoreError::Erased,
                          QStringLiteral("this device was erased: its data can no longer be opened"));
    Result<QByteArray> storeId = readMeta(*db, QStringLiteral("store_id"));
    if (!storeId || storeId->isEmpty())
        return storeError(StoreError::Corrupt,
                          QStringLiteral("the store's key record is missing or damaged"));
    Result<std::optional<crypto::WrappedDataKey>> slot = keyslots::read(*db, options.author);
    if (!slot)
        return slot.error();
    // A store made before key slots has one key under "wrapped_key" and no slot: whoever opens it with
    // its PIN takes it over as her slot (below, once unlocked).
    bool fromLegacy = false;
    if (!*slot) {
        Result<QStringList> enrolled = keyslots::nurses(*db);
        if (!enrolled)
            return enrolled.error();
        Result<std::optional<crypto::WrappedDataKey>> legacy = keyslots::readLegacy(*db);
        if (!legacy)
            return legacy.error();
        if (!enrolled->isEmpty() || !*legacy)
            return storeError(StoreError::UnknownNurse,
                              QStringLiteral("this nurse is not enrolled on this device"));
        *slot = **legacy;
        fromLegacy = true;
    }
    const crypto::WrappedDataKey *wrapped = &**slot;
    // A slot not bound to its nurse is one a build before schema 7 wrote; in a store created since, it
    // can only be a slot put there by editing the file (security review F3).
    if (!wrapped->boundToOwner) {
        Result<bool> bound = bornWithSealedState(*db);
        if (!bound)
            return bound.error();
        if (*bound)
            return storeError(StoreError::Damaged,
                              QStringLiteral("this nurse's key slot was changed outside the app"));
    }

    Result<crypto::KeyRing> keys =
        crypto::KeyRing::unlock(options.pin, options.deviceSecret, *storeId, *wrapped, options.author);
    if (!keys) {
        qCWarning(lcStore) << "store unlock refused:" << keys.error().code;
        return keys.error();
    }

    if (Status s = configureConnection(*db); !s)
        return s.error();
    if (Status s = migrate(*db, schemaMigrations()); !s)
        return s.error();
    {
        // A slot that wraps a key replaced since her last unlock takes the key handed to her (F7).
        Result<crypto::KeyRing> current =
            currentKeyRing(*db, *keys,
                           SlotOwner{options.author, options.pin, options.deviceSecret, *storeId,
                                     wrapped->params, wrapped->salt});
        if (!current)
            return current.error();
        *keys = std::move(current).value();
    }
    if (fromLegacy || !wrapped->boundToOwner || !keys->hasPersonalKey()) {
        // Bound to her now, with a personal key of her own (security review F3, F8), the PIN she just
        // gave and the cost it was made with.
        Result<QByteArray> personal = crypto::KeyRing::newPersonalKey();
        if (!personal)
            return personal.error();
        Result<crypto::WrappedDataKey> rebound = keys->rewrap(options.pin, options.deviceSecret, *storeId,
                                                              wrapped->params, options.author, *personal);
        if (!rebound)
            return rebound.error();
        keys->adoptPersonalKey(std::move(personal).value());
        Transaction tx(*db);
        Status moved = tx.begin();
        if (moved)
            moved = keyslots::write(*db, options.author, *rebound);
        if (moved && fromLegacy)
            moved = keyslots::removeLegacy(*db);
        if (moved)
            moved = tx.commit();
        if (!moved)
            return moved.error();
    }

    auto d = std::make_unique<Private>(std::move(db), std::move(keys).value(), options.clock);
    d->storeId = QString::fromUtf8(*storeId);
    Result<QByteArray> deviceId = readMeta(*d->db, QStringLiteral("device_id"));
    Result<QByteArray> establishment = readMeta(*d->db, QStringLiteral("establishment"));
    if (!deviceId || !establishment)
        return storeError(StoreError::Corrupt, QStringLiteral("the store's identity record is damaged"));
    d->deviceId = QString::fromUtf8(*deviceId);
    d->establishment = QString::fromUtf8(*establishment);
    d->deviceSecret = options.deviceSecret;
    d->wire(options.author);
    if (Status s = d->loadKeyEpochs(); !s)
        return s.error();
    if (Status s = checkHeadMark(*d->audit, *d->db); !s)
        return s.error();
    if (Status s = publishGrantKey(*d->db, d->keys, d->storeId.toUtf8(), options.author); !s)
        return s.error();
    Result<bool> legacy = legacySealsAllowed(*d->db);
    if (!legacy)
        return legacy.error();
    if (Status s = d->records->migrateSeals(*legacy); !s)
        return s.error();
    if (Status s = d->sealLegacyRows(); !s)
        return s.error();
    if (Status s = d->resumeClock(); !s)
        return s.error();
    std::unique_ptr<Store> store(new Store(std::move(d)));
    if (Status s = store->loadAdministrationTimes(); !s)
        return s.error();
    return store;
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
AllergyRepository &Store::allergies()
{
    return *d->allergies;
}
Outbox &Store::outbox()
{
    return *d->outbox;
}
AuditLog &Store::audit()
{
    return *d->audit;
}
ConflictQueue &Store::conflicts()
{
    return *d->conflicts;
}
AlertLog &Store::alerts()
{
    return *d->alerts;
}
StoreContext &Store::context()
{
    return *d->context;
}

Result<std::unique_ptr<Store>> Store::openConnection() const
{
    Result<std::unique_ptr<Database>> opened =
        Database::open(d->db->path(), Database::OpenMode::ExistingOnly);
    if (!opened)
        return opened.error();
    auto copy = std::make_unique<Private>(std::move(opened).value(), d->keys, d->clock);
    if (Status s = configureConnection(*copy->db); !s)
        return s.error();
    copy->storeId = d->storeId;
    copy->deviceId = d->deviceId;
    copy->establishment = d->establishment;
    copy->deviceSecret = d->deviceSecret;
    copy->wire(d->context->author);
    copy->auditEpochs = d->auditEpochs;
    copy->audit->useKeyEpochs(copy->auditEpochs);
    if (Status s = copy->resumeClock(); !s)
        return s.error();
    copy->context->administrationTimes = d->context->administrationTimes;
    return std::unique_ptr<Store>(new Store(std::move(copy)));
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

Status Store::checkStructure()
{
    Result<Statement> check = d->db->prepare(QStringLiteral("PRAGMA integrity_check(5)"));
    if (!check)
        return storeError(
            StoreError::Damaged,
            QStringLiteral("the store's structure cannot be checked: %1").arg(check.error().message));
    QStringList findings;
    for (;;) {
        Result<bool> row = check->step();
        if (!row)
            return storeError(
                StoreError::Damaged,
                QStringLiteral("the store's structure cannot be read: %1").arg(row.error().message));
        if (!*row)
            break;
        findings.append(check->text(0));
    }
    if (findings == QStringList{QStringLiteral("ok")})
        return {};
    return storeError(
        StoreError::Damaged,
        QStringLiteral("the store's file is damaged (%1). What it shows could be wrong: keep the files "
                       "for support: records not yet sent to the DPI are recovered from them before the "
                       "device is restored from the DPI")
            .arg(findings.join(QLatin1String("; "))));
}

Status Store::checkIntegrity()
{
    if (Status s = checkStructure(); !s)
        return s;
    if (Status s = d->records->verifyAll(); !s)
        return storeError(
            StoreError::Damaged,
            QStringLiteral("a record of the store was changed outside the app (%1). Keep the files "
                           "for support: records not yet sent to the DPI are recovered from them before the "
                           "device is restored from the DPI")
                .arg(s.error().message));
    if (Status s = d->outbox->verifyAll(); !s)
        return storeError(
            StoreError::Damaged,
            QStringLiteral(
                "the list of what is sent to the DPI was changed outside the app (%1). Keep the "
                "files for support: records not yet sent to the DPI are recovered from them before "
                "the device is restored from the DPI")
                .arg(s.error().message));
    if (Status s = d->alerts->verifyAll(); !s)
        return storeError(
            StoreError::Damaged,
            QStringLiteral("a clinical alert was changed outside the app (%1). Keep the files for "
                           "support; the device is restored from the DPI")
                .arg(s.error().message));
    Result<AuditVerification> chain = audit().verify();
    if (!chain)
        return chain.error();
    if (!chain->intact)
        return storeError(
            StoreError::Damaged,
            QStringLiteral(
                "the store's audit trail is broken from entry %1 (%2): its records may "
                "have been changed outside the app. Keep the files for support and "
                "the device is restored from the DPI, after what was not yet sent is recovered from them")
                .arg(chain->firstBadSeq)
                .arg(chain->reason));
    return {};
}

Result<QByteArray> Store::metaValue(const QString &key)
{
    return readMeta(*d->db, QStringLiteral("engine.") + key);
}

Status Store::setMetaValue(const QString &key, const QByteArray &value)
{
    return writeMeta(*d->db, QStringLiteral("engine.") + key, value);
}

namespace {
const QString kAdministrationTimesKey = QStringLiteral("administration-times");
}

const AdministrationTimes &Store::administrationTimes() const
{
    return d->context->administrationTimes;
}

Status Store::setAdministrationTimes(const AdministrationTimes &times)
{
    const QByteArray json = QJsonDocument(administrationTimesToJson(times)).toJson(QJsonDocument::Compact);
    Transaction tx(*d->db);
    if (Status s = tx.begin(); !s)
        return s;
    if (Status s = SealedMeta(*this).setValue(kAdministrationTimesKey, json); !s)
        return s;
    StoreContext &c = *d->context;
    if (Status s = audit().append(c.auditEntry(QStringLiteral("settings.administration-times"))); !s)
        return s;
    if (Status s = tx.commit(); !s)
        return s;
    c.administrationTimes = times;
    return {};
}

Status Store::loadAdministrationTimes()
{
    Result<QByteArray> stored = SealedMeta(*this).value(kAdministrationTimesKey);
    if (!stored)
        return stored.error();
    if (stored->isEmpty())
        return {};
    Result<AdministrationTimes> times =
        administrationTimesFromJson(QJsonDocument::fromJson(*stored).object());
    if (!times)
        return times.error();
    d->context->administrationTimes = *times;
    return {};
}

} // namespace chevet
