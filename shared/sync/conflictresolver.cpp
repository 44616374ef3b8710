#include "conflictresolver.h"

#include "core/clock.h"
#include "core/logging.h"
#include "crypto/keyring.h"
#include "fhir/fhirtypes.h"
#include "merge/threewaymerge.h"
#include "recordmapper.h"
#include "store/alertlog.h"
#include "store/auditlog.h"
#include "store/conflictqueue.h"
#include "store/database.h"
#include "store/dpicopies.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/recordcodec.h"
#include "store/store.h"
#include "store/storecontext.h"

#include <QJsonDocument>

namespace chevet {

namespace {

Error noRecord()
{
    return makeError(SyncError::NotFound, QStringLiteral("the record is not on this device"));
}

DpiCopies copiesOf(StoreContext &context)
{
    return DpiCopies(context.db, context.keys.sealer());
}

} // namespace

bool isIdentityRule(const QString &rule)
{
    return rule == QLatin1String("identity-mismatch") || rule == QLatin1String("identity-unverified") ||
           rule == QLatin1String("ambiguous-match");
}

ConflictResolver::ConflictResolver(Store &store)
    : m_store(store)
{}

Status ConflictResolver::audit(const QString &action, const QString &recordType, const QUuid &recordId,
                               const QString &detail)
{
    StoreContext &context = m_store.context();
    AuditEntry entry = context.auditEntry(action);
    entry.recordType = recordType;
    entry.recordId = recordId;
    entry.detail = detail;
    return context.audit.append(entry);
}

Result<QJsonObject> ConflictResolver::localOf(const QUuid &recordId)
{
    Result<std::optional<RecordRow>> row = m_store.context().records.find(recordId);
    if (!row)
        return row.error();
    if (!*row)
        return noRecord();
    RecordMapper mapper(m_store.context());
    Result<OutgoingResource> out = mapper.outgoing(**row);
    if (!out)
        return out.error();
    return out->json;
}

// The version the local edit started from: the DPI's version the device last held (its sealed copy,
// as this device's model reads it), else the newest local version before the first one the DPI has not
// confirmed. The copy moves on with every version merged in, so a second merge never uses a stale base
// (sync-audit §17).
Result<QJsonObject> ConflictResolver::baseOf(const QUuid &recordId)
{
    StoreContext &context = m_store.context();
    RecordMapper mapper(context);
    Result<std::optional<DpiCopy>> copy = copiesOf(context).find(recordId);
    if (!copy)
        return copy.error();
    if (*copy) {
        const QJsonObject projected = mapper.projected((*copy)->resource);
        if (!projected.isEmpty())
            return projected;
    }
    Result<int> firstOpen = m_store.outbox().firstOpenVersion(recordId);
    if (!firstOpen)
        return firstOpen.error();
    if (*firstOpen <= 1)
        return QJsonObject(); // created here and never confirmed: no common base
    Result<QList<RecordRow>> versions = context.records.history(recordId);
    if (!versions)
        return versions.error();
    for (const RecordRow &version : std::as_const(*versions)) {
        if (version.version != *firstOpen - 1)
            continue;
        Result<OutgoingResource> out = mapper.outgoing(version);
        if (!out)
            return out.error();
        return out->json;
    }
    return QJsonObject();
}

Status ConflictResolver::park(const QUuid &recordId, const QString &rule, const QJsonObject &remote,
                              SyncCounts &counts)
{
    StoreContext &context = m_store.context();
    Result<std::optional<RecordRow>> row = context.records.find(recordId);
    if (!row)
        return row.error();
    if (!*row)
        return noRecord();
    ParkedConflict conflict;
    conflict.recordId = recordId;
    conflict.recordType = (*row)->type;
    conflict.patientId = (*row)->patientId;
    conflict.rule = rule;
    conflict.localVersion = (*row)->version;
    conflict.remote = remote.isEmpty() ? QByteArray() : QJsonDocument(remote).toJson(QJsonDocument::Compact);
    conflict.remoteVersion = fhir::serverStateOf(remote).versionId;
    conflict.createdMs = context.clock.nowMs();
    Transaction tx(context.db);
    if (Status s = tx.begin(); !s)
        return s;
    if (Status s = m_store.conflicts().park(conflict); !s)
        return s;
    if (Status s = m_store.outbox().move(recordId, OutboxState::Pending, OutboxState::Conflict, rule,
                                         conflict.createdMs);
        !s)
        return s;
    if (Status s = tx.commit(); !s)
        return s;
    ++counts.conflicts;
    qCInfo(lcSync) << "conflict parked for a person:" << rule;
    return {};
}

Status ConflictResolver::keepLocalOnRemoteVersion(const QUuid &recordId, const QJsonObject &remote,
                                                  const QString &detail)
{
    StoreContext &context = m_store.context();
    const fhir::ServerState state = fhir::serverStateOf(remote);
    Result<std::optional<RecordRow>> row = context.records.find(recordId);
    if (!row)
        return row.error();
    if (!*row)
        return noRecord();
    Transaction tx(context.db);
    if (Status s = tx.begin(); !s)
        return s;
    // The local version goes next as an update on the DPI's version (If-Match on it), changing on the
    // DPI's full resource only what the nurse changed.
    if (Status s = context.records.setServerState(recordId, state.id, state.versionId, state.lastUpdatedMs);
        !s)
        return s;
    if (Status s = copiesOf(context).put(recordId, (*row)->patientId, remote); !s)
        return s;
    if (Status s = audit(QStringLiteral("conflict.local-kept"), (*row)->type, recordId, detail); !s)
        return s;
    return tx.commit();
}

Status ConflictResolver::putCopy(const QUuid &recordId, const QJsonObject &remote)
{
    StoreContext &context = m_store.context();
    Result<std::optional<RecordRow>> row = context.records.find(recordId);
    if (!row)
        return row.error();
    if (!*row)
        return noRecord();
    return copiesOf(context).put(recordId, (*row)->patientId, remote);
}

Status ConflictResolver::storeAsNewVersion(const QUuid &recordId, const QJsonObject &resource,
                                           bool queueForDpi, const QString &action, const QString &detail)
{
    StoreContext &context = m_store.context();
    RecordMapper mapper(context);
    Result<IncomingRecord> incoming = mapper.incoming(resource);
    if (!incoming)
        return incoming.error();
    Result<std::optional<RecordRow>> current = context.records.find(recordId);
    if (!current)
        return current.error();
    if (!*current || incoming->row.id.isNull())
        return noRecord();
    RecordRow row = incoming->row;
    row.id = recordId;
    row.patientId = (*current)->patientId;
    row.version = (*current)->version + 1;
    if (row.author.isEmpty())
        row.author = context.author;
    RecordChange change;
    change.row = row;
    change.kind = RecordChange::Kind::Supersede;
    change.queueForDpi = queueForDpi;
    change.action = action;
    change.detail = detail;
    std::optional<Patient> reindexed; // a patient's identifiers change with her record: so does the index
    if (row.type == RecordType::Patient) {
        Result<Patient> patient = patientFromRow(row);
        if (!patient)
            return patient.error();
        reindexed = *patient;
    }
    return context.write({change}, [&]() -> Status {
        if (reindexed) {
            if (Status s = m_store.patients().index(*reindexed); !s)
                return s;
        }
        if (queueForDpi)
            return {};
        // The DPI's version replaces the local edit, which stays in the record's history.
        if (Status s = copiesOf(context).put(recordId, row.patientId, resource); !s)
            return s;
        for (OutboxState open : {OutboxState::Pending, OutboxState::Conflict, OutboxState::Quarantined}) {
            if (Status s = m_store.outbox().move(recordId, open, OutboxState::Superseded,
                                                 QStringLiteral("replaced by the DPI's version"),
                                                 context.clock.nowMs());
                !s)
                return s;
        }
        return {};
    });
}

Result<ConflictResolver::Outcome> ConflictResolver::reconcile(const QUuid &recordId,
                                                              const QJsonObject &remote, SyncCounts &counts)
{
    Result<QJsonObject> base = baseOf(recordId);
    if (!base)
        return base.error();
    return settleMerge(recordId, *base, remote, counts);
}

Result<ConflictResolver::Outcome> ConflictResolver::reconcileOnBase(const QUuid &recordId,
                                                                    const QJsonObject &base,
                                                                    const QJsonObject &remote,
                                                                    SyncCounts &counts)
{
    return settleMerge(recordId, base, remote, counts);
}

Result<ConflictResolver::Outcome> ConflictResolver::settleMerge(const QUuid &recordId,
                                                                const QJsonObject &base,
                                                                const QJsonObject &remote, SyncCounts &counts)
{
    Result<QJsonObject> local = localOf(recordId);
    if (!local)
        return local.error();
    if (base.isEmpty()) {
        if (Status s = park(recordId, QStringLiteral("no-common-base"), remote, counts); !s)
            return s.error();
        return Outcome::Parked;
    }
    const MergeResult merge = mergeResources(base, *local, remote);
    StoreContext &context = m_store.context();
    Transaction tx(context.db);
    if (Status s = tx.begin(); !s)
        return s.error();
    Outcome outcome = Outcome::Parked;
    switch (merge.outcome) {
    case MergeResult::Outcome::Merged: {
        // The merged content becomes the next local version, queued as an update on the DPI's version.
        const QString detail =
            QStringLiteral("%1: %2 field(s)").arg(merge.rule).arg(merge.autoMergedPaths.size());
        if (Status s =
                storeAsNewVersion(recordId, merge.merged, true, QStringLiteral("conflict.merged"), detail);
            !s)
            return s.error();
        if (Status s = putCopy(recordId, remote); !s)
            return s.error();
        outcome = Outcome::Merged;
        break;
    }
    case MergeResult::Outcome::LocalWins:
        // e.g. entered-in-error here wins over an edit there; that edit stays in the DPI's history.
        if (Status s = keepLocalOnRemoteVersion(recordId, remote, merge.rule); !s)
            return s.error();
        outcome = Outcome::LocalKept;
        break;
    case MergeResult::Outcome::RemoteWins:
        if (Status s = keepRemote(recordId, remote); !s)
            return s.error();
        outcome = Outcome::RemoteTaken;
        break;
    case MergeResult::Outcome::Conflict:
        if (Status s = park(recordId, merge.rule, remote, counts); !s)
            return s.error();
        break;
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return outcome;
}

// The DPI's version becomes the local one; the local edit stays in the record's history.
Status ConflictResolver::keepRemote(const QUuid &recordId, const QJsonObject &remote)
{
    StoreContext &context = m_store.context();
    const fhir::ServerState state = fhir::serverStateOf(remote);
    Transaction tx(context.db);
    if (Status s = tx.begin(); !s)
        return s;
    if (Status s = storeAsNewVersion(recordId, remote, false, QStringLiteral("conflict.remote-taken"),
                                     QStringLiteral("the DPI's version"));
        !s)
        return s;
    if (Status s = context.records.setServerState(recordId, state.id, state.versionId, state.lastUpdatedMs);
        !s)
        return s;
    return tx.commit();
}

Status ConflictResolver::acceptDeletion(const QUuid &recordId)
{
    StoreContext &context = m_store.context();
    Result<std::optional<RecordRow>> current = context.records.find(recordId);
    if (!current)
        return current.error();
    if (!*current)
        return noRecord();
    RecordRow row = **current;
    row.version += 1;
    row.status = QStringLiteral("deleted");
    row.enteredMs = context.clock.nowMs();
    row.hlc = context.hlc.now();
    row.author = context.author;
    RecordChange change;
    change.row = row;
    change.kind = RecordChange::Kind::Supersede;
    change.queueForDpi = false;
    change.action = QStringLiteral("conflict.deletion-accepted");
    return context.write({change}, [&]() -> Status {
        if (Status s = copiesOf(context).remove(recordId); !s)
            return s;
        return m_store.outbox().move(recordId, OutboxState::Conflict, OutboxState::Superseded,
                                     QStringLiteral("deleted in the DPI"), context.clock.nowMs());
    });
}

// Deleted in the DPI, kept here by a person: created there again (a conditional create on the same
// client id, which no longer matches anything once deleted).
Status ConflictResolver::recreateOnDpi(const QUuid &recordId)
{
    StoreContext &context = m_store.context();
    if (Status s = context.records.clearServerState(recordId); !s)
        return s;
    if (Status s = copiesOf(context).remove(recordId); !s)
        return s;
    return m_store.outbox().move(recordId, OutboxState::Conflict, OutboxState::Pending, QString(),
                                 context.clock.nowMs());
}

// "Not the same person": the patient and what was recorded for them stay on this device only, set
// aside (quarantined, with the reason) until identity vigilance fixes the identifiers; an alert says so.
Status ConflictResolver::keepPatientLocalOnly(const QUuid &recordId)
{
    StoreContext &context = m_store.context();
    Result<std::optional<RecordRow>> row = context.records.find(recordId);
    if (!row)
        return row.error();
    if (!*row)
        return noRecord();
    if (Status s = m_store.outbox().move(
            recordId, OutboxState::Conflict, OutboxState::Quarantined,
            QStringLiteral("identity vigilance: another person holds this identifier in the DPI"),
            context.clock.nowMs());
        !s)
        return s;
    ClinicalAlert alert;
    alert.kind = QStringLiteral("identity-vigilance");
    alert.patientId = (*row)->patientId;
    alert.records = {recordId};
    alert.raisedMs = context.clock.nowMs();
    alert.message = QStringLiteral("Identity vigilance: this patient's identifier belongs to another person "
                                   "in the DPI. Nothing recorded for this patient is sent until the "
                                   "identity team has corrected it.");
    Result<bool> raised =
        m_store.alerts().raise(alert, QStringLiteral("identity@") + recordId.toString(QUuid::WithoutBraces));
    if (!raised)
        return raised.error();
    return {};
}

// "The same person": the device's patient becomes the DPI's, with the DPI's identity; nothing is written
// onto the DPI's patient.
Status ConflictResolver::sameAsDpiPatient(const QUuid &recordId, const QJsonObject &remote)
{
    if (remote.value(QLatin1String("resourceType")).toString() != QLatin1String("Patient"))
        return makeError(ValidationError::SeveralCandidates,
                         QStringLiteral("several DPI patients match: the identity team must choose"));
    return keepRemote(recordId, remote);
}

Status ConflictResolver::resolve(const QUuid &conflictId, Choice choice, const QJsonObject &merged)
{
    StoreContext &context = m_store.context();
    Result<std::optional<ParkedConflict>> found = m_store.conflicts().find(conflictId);
    if (!found)
        return found.error();
    if (!*found || (*found)->state != QLatin1String("open"))
        return makeError(SyncError::NotFound, QStringLiteral("no open conflict with this id"));
    const ParkedConflict &conflict = **found;
    const QJsonObject remote = QJsonDocument::fromJson(conflict.remote).object();
    const bool identity = isIdentityRule(conflict.rule);
    const bool deleted = remote.isEmpty() && !identity;
    const qint64 now = context.clock.nowMs();

    if (identity && (choice == Choice::TakeLocal || choice == Choice::TakeMerged))
        return makeError(ValidationError::IdentityNeedsVigilance,
                         QStringLiteral("an identity conflict is settled as 'not the same person' or 'the "
                                        "same person as in the DPI', never by writing this patient there"));
    if (!identity && choice == Choice::DifferentPerson)
        return makeError(ValidationError::NotAnIdentityConflict,
                         QStringLiteral("'not the same person' only settles an identity conflict"));
    if (deleted && choice == Choice::TakeMerged)
        return makeError(ValidationError::NoRemote,
                         QStringLiteral("the DPI deleted this record: keep it (it is created again) or "
                                        "accept the deletion"));
    if (choice == Choice::TakeMerged &&
        merged.value(QLatin1String("resourceType")) != remote.value(QLatin1String("resourceType")))
        return makeError(ValidationError::BadMerge,
                         QStringLiteral("the merged version is not a %1")
                             .arg(remote.value(QLatin1String("resourceType")).toString()));

    // One transaction: the decision, the record, its outbox and the conflict's closing land together
    // or not at all (sync-audit §24).
    Transaction tx(context.db);
    if (Status s = tx.begin(); !s)
        return s;
    QString how;
    switch (choice) {
    case Choice::DifferentPerson:
        if (Status s = keepPatientLocalOnly(conflict.recordId); !s)
            return s;
        how = QStringLiteral("different-person");
        break;
    case Choice::TakeLocal:
        if (deleted) {
            if (Status s = recreateOnDpi(conflict.recordId); !s)
                return s;
            how = QStringLiteral("recreate");
            break;
        }
        if (Status s =
                keepLocalOnRemoteVersion(conflict.recordId, remote, QStringLiteral("resolved by a person"));
            !s)
            return s;
        if (Status s = m_store.outbox().move(conflict.recordId, OutboxState::Conflict, OutboxState::Pending,
                                             QString(), now);
            !s)
            return s;
        how = QStringLiteral("local");
        break;
    case Choice::TakeRemote:
        if (deleted) {
            if (Status s = acceptDeletion(conflict.recordId); !s)
                return s;
            how = QStringLiteral("deletion-accepted");
            break;
        }
        if (Status s = identity ? sameAsDpiPatient(conflict.recordId, remote)
                                : keepRemote(conflict.recordId, remote);
            !s)
            return s;
        how = identity ? QStringLiteral("same-person") : QStringLiteral("remote");
        break;
    case Choice::TakeMerged: {
        QJsonObject composed = merged;
        composed.insert(QStringLiteral("meta"), remote.value(QLatin1String("meta")));
        composed.insert(QStringLiteral("id"), remote.value(QLatin1String("id")));
        if (Status s = storeAsNewVersion(conflict.recordId, composed, true, QStringLiteral("conflict.merged"),
                                         QStringLiteral("resolved by a person"));
            !s)
            return s;
        if (Status s = putCopy(conflict.recordId, remote); !s)
            return s;
        if (Status s = m_store.outbox().move(conflict.recordId, OutboxState::Conflict, OutboxState::Pending,
                                             QString(), now);
            !s)
            return s;
        how = QStringLiteral("merged");
        break;
    }
    }
    if (Status s = m_store.conflicts().close(conflictId, QStringLiteral("resolved"), context.author, now); !s)
        return s;
    if (Status s = audit(QStringLiteral("conflict.resolve"), conflict.recordType, conflict.recordId,
                         how + QLatin1Char('|') + conflict.rule);
        !s)
        return s;
    return tx.commit();
}

} // namespace chevet
