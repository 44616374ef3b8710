#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QUuid>

namespace chevet {

class Store;

// What the purge decided for one patient. `reason` is a code, never patient data:
// erased because "discharged" or "expired"; kept because "in-stay" / "recent" (not yet due), or
// "undelivered" / "quarantined" / "conflict" / "open-alert" (due, but something is not safe to lose).
struct PurgeDecision
{
    QUuid patientId; // the device's own id for the patient, not an identifier of the person
    bool erase = false;
    QString reason;
    qint64 records = 0; // rows in `records` for the patient (the patient included)
};

struct PurgeReport
{
    QList<PurgeDecision> decisions;
    qint64 erasedPatients = 0;
    qint64 erasedRecords = 0;
    // False when another connection kept the WAL from being emptied (erased pages may linger in it
    // until the next checkpoint): run again with the other connections closed.
    bool walTruncated = false;
};

// Offline data lifetime (DESIGN §4): a patient's data leaves the tablet once the patient is discharged
// (no stay in progress) or untouched for longer than the policy allows, and only when everything of
// theirs is delivered: nothing pending, quarantined or in conflict in the outbox, no open conflict, no
// open clinical alert. Erasure deletes the rows with secure_delete (freed cells are zeroed) and then
// truncates the WAL, so neither ciphertext nor blind index remains in the files; see decisions.md.
class LifetimePurge
{
public:
    explicit LifetimePurge(Store &store);

    // Decides without erasing.
    Result<QList<PurgeDecision>> plan(qint64 maxAgeMs);
    // Erases what plan() allows, one transaction and one audit entry per patient.
    Result<PurgeReport> run(qint64 maxAgeMs);

    // Forget the device: every key slot and session record goes, so no PIN opens the store again
    // (crypto-erase of the whole store). Refused with "undelivered-data" while anything is pending,
    // quarantined or in conflict, unless `force`; a forced erase says so in the audit log and the log.
    // The caller destroys the device secret afterwards (DeviceSecretStore::forget()).
    // True when the journal was emptied too; false when another connection still reads it, and the old
    // pages stay in it until that connection closes (security review F7: the result was ignored).
    Result<bool> forgetDevice(bool force);

private:
    Result<PurgeDecision> decide(const QUuid &patientId, qint64 maxAgeMs);
    Status erase(const PurgeDecision &decision);
    Result<bool> truncateWal();

    Store &m_store;
};

} // namespace chevet
