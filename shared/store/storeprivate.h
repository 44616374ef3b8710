#pragma once

// The inside of a Store, shared by the files that implement it (store.cpp: opening and creating;
// storenurses.cpp: key slots). Not for use outside the store folder.

#include "alertlog.h"
#include "allergyrepository.h"
#include "auditlog.h"
#include "conflictqueue.h"
#include "core/clock.h"
#include "core/hybridlogicalclock.h"
#include "crypto/keyring.h"
#include "database.h"
#include "encounterrepository.h"
#include "headmark.h"
#include "medicationrepository.h"
#include "noterepository.h"
#include "observationrepository.h"
#include "outbox.h"
#include "patientrepository.h"
#include "recordtable.h"
#include "store.h"
#include "storecontext.h"
#include "taskrepository.h"

#include <memory>

namespace chevet {

// Whether the store was created at schema 7 or later (storesealing.cpp).
Result<bool> bornWithSealedState(Database &db);
// Whether rows sealed the old way may still be read and sealed again (storesealing.cpp).
Result<bool> legacySealsAllowed(Database &db);

// What a nurse's unlock needs to take over a key handed to her (storekeyrotation.cpp).
struct SlotOwner
{
    const QString &nurse;
    const QByteArray &pin;
    const QByteArray &deviceSecret;
    const QByteArray &storeId;
    const crypto::ScryptParams &params;
    const QByteArray &salt; // of the slot that opened: her public key depends on it
};
// The ring of the store's current data key, from the one her slot opened. A slot that still wraps a key
// replaced since (a nurse was removed meanwhile) takes the key handed to her, and is wrapped again with
// her PIN. Errors: "slot-outdated" (no key was handed to her), "key-grant-invalid" (it does not open as
// hers: changed outside the app).
Result<crypto::KeyRing> currentKeyRing(Database &db, crypto::KeyRing opened, const SlotOwner &owner);
// Files the public key grants to `nurse` are sealed to (from her slot's salt), tagged under the current
// key, when it is not the one filed.
Status publishGrantKey(Database &db, const crypto::KeyRing &keys, const QByteArray &storeId,
                       const QString &nurse);
// Files `publicKey` as the one of `nurse`, tagged under `keys` (her enrolment).
Status fileGrantKey(Database &db, const crypto::KeyRing &keys, const QByteArray &storeId,
                    const QString &nurse, const QByteArray &publicKey);

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
    std::unique_ptr<ConflictQueue> conflicts;
    std::unique_ptr<AlertLog> alerts;
    std::unique_ptr<StoreContext> context;
    std::unique_ptr<PatientRepository> patients;
    std::unique_ptr<EncounterRepository> encounters;
    std::unique_ptr<ObservationRepository> observations;
    std::unique_ptr<NoteRepository> notes;
    std::unique_ptr<MedicationRepository> medications;
    std::unique_ptr<TaskRepository> tasks;
    std::unique_ptr<AllergyRepository> allergies;
    QByteArray deviceSecret;
    // The audit chain's keys, one per data key the store has had (storekeyrotation.cpp).
    QList<AuditLog::KeyEpoch> auditEpochs;

    Private(std::unique_ptr<Database> database, crypto::KeyRing keyRing, const Clock *c)
        : db(std::move(database))
        , keys(std::move(keyRing))
        , clock(c ? c : &SystemClock::instance())
    {}
    ~Private() { crypto::wipe(deviceSecret); }

    // Seals the outbox entries and alerts a build before schema 7 wrote, once, with a "store.resealed" audit
    // entry (after the records: RecordTable::migrateSeals).
    // Only a store created before schema 7 and not sealed yet may hold entries without a seal, and the
    // audit trail (chained, its head kept outside the file) says which stores those are.
    Status sealLegacyRows();

    // The store's key rotation (storekeyrotation.cpp). loadKeyEpochs(): the audit chain's keys of the
    // data keys before this one. replaceDataKey(), inside the caller's transaction: a new data key,
    // handed to every enrolled nurse as a grant to her public key, and everything sealed, indexed or
    // chained under the old one carried over under it; returns the nurses it could not be handed to (no
    // public key yet: their slots can no longer open the store).
    Status loadKeyEpochs();
    Result<Store::KeyReplacement> replaceDataKey();
    // replaceDataKey() and the commit of `tx`; this connection goes back to the old key if either fails.
    Result<Store::KeyReplacement> commitKeyReplacement(Transaction &tx);
    void restoreKeys(const crypto::KeyRing &previous, const QList<AuditLog::KeyEpoch> &epochs);
    Status keysStillCurrent();
    // After the replacement's commit: the pages sealed under the old key leave the journal for the file,
    // where the new ones overwrite them. Another connection still reading can keep the journal, which the
    // next checkpoint empties.
    void emptyJournal();
    // The engine's sealed values that open under `from`, sealed again under `to` (a data key replaced, or a
    // nurse's personal key at her PIN change).
    Status resealSealedMeta(const crypto::Sealer &from, const crypto::Sealer &to);
    Status reindexPatients();

    void wire(const QString &author)
    {
        hlc = std::make_unique<HybridLogicalClock>(*clock);
        records = std::make_unique<RecordTable>(*db, keys.sealer());
        outbox = std::make_unique<Outbox>(*db, keys.sealer());
        audit = std::make_unique<AuditLog>(*db, keys.auditKey());
        auditEpochs = {AuditLog::KeyEpoch{1, keys.auditKey()}};
        audit->checkKeysWith([this] { return keysStillCurrent(); });
        if (!db->path().isEmpty() && !db->path().startsWith(QLatin1Char(':'))) {
            audit->keepHeadMark(std::make_unique<HeadMark>(db->path() + QStringLiteral("-head")));
            db->setAfterCommit([log = audit.get()] { log->committed(); });
        }
        conflicts = std::make_unique<ConflictQueue>(*db, keys.sealer());
        alerts = std::make_unique<AlertLog>(*db, keys.sealer());
        alerts->auditWritesWith(
            [this](const QUuid &alertId, const QUuid &patientId, const QByteArray &digest) {
                return appendAlertWrite(alertId, patientId, digest);
            });
        alerts->compareWith([this]() { return alertTrail(); });
        context.reset(
            new StoreContext{*db, *records, *outbox, *audit, *alerts, *hlc, *clock, keys, deviceId, author});
        patients = std::make_unique<PatientRepository>(*context, establishment);
        encounters = std::make_unique<EncounterRepository>(*context);
        observations = std::make_unique<ObservationRepository>(*context);
        notes = std::make_unique<NoteRepository>(*context);
        medications = std::make_unique<MedicationRepository>(*context);
        tasks = std::make_unique<TaskRepository>(*context);
        allergies = std::make_unique<AllergyRepository>(*context);
    }

    // An audit entry for a change of the store itself (keys, nurses, erasure, an alert's row): ids,
    // codes and digests only, never patient data.
    Status appendAudit(const QString &action, const QString &detail, const QString &recordType = {},
                       const QUuid &recordId = {})
    {
        AuditEntry entry = auditEntryNow(action, *clock, *hlc, context->author, deviceId);
        entry.recordType = recordType;
        entry.recordId = recordId;
        entry.detail = detail;
        return audit->append(entry);
    }

    // "<row digest> <patient id>".
    Status appendAlertWrite(const QUuid &alertId, const QUuid &patientId, const QByteArray &digest)
    {
        return appendAudit(QStringLiteral("alert.write"),
                           QString::fromLatin1(digest.toHex()) + QLatin1Char(' ') +
                               patientId.toString(QUuid::WithoutBraces),
                           QStringLiteral("alert"), alertId);
    }

    // The alert writes and patient erasures of the audit trail (storesealing.cpp).
    Result<AlertLog::Trail> alertTrail();

    // Resumes the HLC after the newest stamp stored, so a clock set backwards keeps order. The audit
    // head carries it: no scan of the log, however long.
    Status resumeClock()
    {
        Result<HlcTimestamp> newest = audit->newestHlc();
        if (!newest)
            return newest.error();
        hlc->observe(*newest);
        return {};
    }
};

} // namespace chevet
