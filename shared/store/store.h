#pragma once

#include "core/result.h"
#include "crypto/scrypt.h"
#include "crypto/wipe.h"
#include "model/dosetiming.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace chevet {

class AlertLog;
class AllergyRepository;
class AuditLog;
class ConflictQueue;
class Clock;
class Database;
class EncounterRepository;
class MedicationRepository;
class NoteRepository;
class ObservationRepository;
class Outbox;
class PatientRepository;
class TaskRepository;
struct StoreContext;

struct StoreOptions
{
    StoreOptions() = default;
    StoreOptions(const StoreOptions &) = default;
    StoreOptions(StoreOptions &&) = default;
    StoreOptions &operator=(const StoreOptions &) = default;
    StoreOptions &operator=(StoreOptions &&) = default;
    // The last holder of the PIN and the device secret wipes them (security review F10).
    ~StoreOptions()
    {
        crypto::wipe(pin);
        crypto::wipe(deviceSecret);
    }

    QString path;
    QByteArray pin;
    QByteArray deviceSecret;      // from the platform key store
    QString author;               // who is signed in; stamped on every record
    QString establishment;        // IPP system (establishment OID); chosen at creation
    crypto::ScryptParams kdf;     // used at creation only; stored with the wrapped key
    const Clock *clock = nullptr; // system clock when null
};

// A sealed, durable local store: one SQLite file (WAL, synchronous=FULL) whose clinical payloads and
// identifiers are encrypted with a data key that only the PIN plus the device secret unwrap.
class Store
{
public:
    // Makes a new store; refuses when a file exists at the path.
    static Result<std::unique_ptr<Store>> create(const StoreOptions &options);
    // Opens an existing store; never creates one. A foreign, corrupt or newer file, a wrong PIN or
    // a failed migration stop here with a clear error and leave the file as it was.
    static Result<std::unique_ptr<Store>> open(const StoreOptions &options);
    ~Store();

    PatientRepository &patients();
    EncounterRepository &encounters();
    ObservationRepository &observations();
    NoteRepository &notes();
    MedicationRepository &medications();
    TaskRepository &tasks();
    AllergyRepository &allergies();
    Outbox &outbox();
    AuditLog &audit();
    ConflictQueue &conflicts();
    AlertLog &alerts();
    // The shared write path and gateways, for the sync engine (inside the engine only).
    StoreContext &context();

    QString storeId() const;
    QString deviceId() const;
    QString establishment() const;
    QString author() const;
    void setAuthor(const QString &author);

    // A second connection to the same file with the same keys, for work on another thread (sync)
    // so that a long sync never makes a nurse's save wait. WAL lets both proceed.
    Result<std::unique_ptr<Store>> openConnection() const;

    // What replacing the data key did: the nurses it could not be handed to (no public key: enrolled by a
    // build before, never unlocked since; they must be enrolled again), and the rows that did not open
    // under the key replaced (damaged or planted: left as they were, opening under no key).
    struct KeyReplacement
    {
        QStringList notHanded;
        qint64 rowsLeftUnreadable = 0;
    };

    // Key slots: every nurse of this tablet unlocks the same data key with her own PIN. open() takes
    // the slot of StoreOptions::author ("unknown-nurse" when she has none).
    // Re-wraps the signed-in nurse's slot under a new PIN; data is not re-encrypted.
    Status changePin(const QByteArray &newPin);
    // Adds a slot for `nurse` under `pin`, from this unlocked store. Errors: bad-nurse-id, weak-pin,
    // nurse-exists. Audited.
    Status enrolNurse(const QString &nurse, const QByteArray &pin);
    // Removes her slot and session record, and replaces the data key (security review F7): her records
    // stay, sealed under the new key, which each other nurse takes over at her next unlock. Returns the
    // nurses it could not be handed to (enrolled by a build before, never unlocked since): they must be
    // enrolled again. Errors: unknown-nurse, last-nurse. Audited.
    Result<KeyReplacement> removeNurse(const QString &nurse);
    // A new data key for the store (security review F7): everything sealed again under it, handed to every
    // nurse at her next unlock. For a PIN or a copy of the file feared known; removeNurse() does it too.
    // Returns the nurses it could not be handed to (see removeNurse()). Audited.
    Result<KeyReplacement> replaceDataKey();
    // "key-replaced" when another program replaced the data key since this store was opened: what this
    // connection would seal, the nurses who stay could not open.
    Status keysCurrent();
    // Enrolled nurse ids, sorted.
    Result<QStringList> nurses();

    // Small engine state (sync checkpoints, last sync time). Values are not patient data.
    // SQLite's integrity_check of the file (pages, records, free list, and every index against its table:
    // quick_check misses an index entry that no longer matches, which hides a record from a chart):
    // `damaged` with SQLite's first findings. Seconds for a million observations (docs/benchmarks.md).
    Status checkStructure();
    // checkStructure(), every record opened (RecordTable::verifyAll) and the audit chain: `damaged`
    // naming what failed.
    Status checkIntegrity();
    Result<QByteArray> metaValue(const QString &key);
    Status setMetaValue(const QString &key, const QByteArray &value);

    static Status validatePin(const QByteArray &pin);
    // Whether "forget this device" ran on the store at `path` (readable without a PIN).
    static Result<bool> wasErased(const QString &path);

    // The establishment's standard administration times (docs/dpi.md): the French defaults until set.
    // Kept sealed, audited when changed: moving them moves every computed dose.
    const AdministrationTimes &administrationTimes() const;
    Status setAdministrationTimes(const AdministrationTimes &times);

private:
    Status loadAdministrationTimes();

    struct Private;
    explicit Store(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace chevet
