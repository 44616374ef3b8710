#pragma once

#include "auditlog.h"
#include "core/result.h"
#include "model/dosetiming.h"
#include "outbox.h"
#include "recordtable.h"

#include <QList>
#include <QString>

#include <functional>

namespace chevet {

class AlertLog;
class Clock;
class Database;
class HybridLogicalClock;
struct RecordMeta;
namespace crypto {
class KeyRing;
}

// One change of a record inside a local write.
struct RecordChange
{
    enum class Kind { Create, Supersede };
    RecordRow row;
    Kind kind = Kind::Create;
    bool queueForDpi = true;
    OutboxPriority priority = OutboxPriority::Routine;
    QString action; // audit action, e.g. "record.create"
    QString detail; // audit detail: codes and reasons only, never patient data
};

// What every repository shares: the connection, the sealed table, the outbox, the audit log, the
// clocks, and who is writing on which device. `write` is the single local write path.
struct StoreContext
{
    Database &db;
    RecordTable &records;
    Outbox &outbox;
    AuditLog &audit;
    AlertLog &alerts;
    HybridLogicalClock &hlc;
    const Clock &clock;
    const crypto::KeyRing &keys;
    QString device;
    QString author;
    // What "morning", "BID" or "every 8 hours" mean on this establishment's wards.
    AdministrationTimes administrationTimes = AdministrationTimes::frenchDefaults();

    // Fills in what the device decides at entry: id if missing, author, device, entry time, HLC.
    void stamp(RecordMeta &meta);
    // The same without an id, for a template whose copies get ids of their own (a vitals entry's measures).
    void stampShared(RecordMeta &meta);
    // An audit entry for `action` taken now by the nurse at the tablet (auditEntryNow).
    AuditEntry auditEntry(const QString &action) const
    {
        return auditEntryNow(action, clock, hlc, author, device);
    }
    // Refuses records for a patient this device does not hold ("missing-patient", field "patient").
    Status requirePatient(const QUuid &patientId);
    // One SQLite transaction: each record, its outbox entry and its audit entry, plus `extra`
    // (e.g. blind-index rows). When it returns OK the write is durable (WAL, synchronous=FULL); inside
    // a caller's Transaction it joins it (a savepoint) and is durable once that one commits.
    Status write(const QList<RecordChange> &changes, const std::function<Status()> &extra = {});
    // write() for records of one patient, checked with requirePatient() inside the same transaction: the
    // patient cannot go between the check and the commit, and the check needs no read transaction of its own.
    Status writeForPatient(const QUuid &patientId, const QList<RecordChange> &changes,
                           const std::function<Status()> &extra = {});
};

} // namespace chevet
