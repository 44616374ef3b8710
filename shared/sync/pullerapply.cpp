// The storing half of the Puller: each pulled resource or deletion, matched to the device's copy,
// merged or parked when a local edit meets it, and the clinical rules after it is stored.
#include "puller.h"

#include "pullsupport.h"

#include "clinicalrules.h"
#include "conflictresolver.h"
#include "core/clock.h"
#include "core/logging.h"
#include "crypto/keyring.h"
#include "fhir/bundle.h"
#include "fhir/resources.h"
#include "recordmapper.h"
#include "store/alertlog.h"
#include "store/conflictqueue.h"
#include "store/dpicopies.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/recordcodec.h"
#include "store/store.h"
#include "store/storecontext.h"

#include <QJsonDocument>

namespace chevet {

using pull::inOneTransaction;
using pull::patientReferenceOf;
using pull::recordTypeFor;

Status Puller::applyPage(const fhir::ParsedBundle &page, const QSet<QString> &patientIds, PageSpan *span)
{
    struct Change
    {
        const fhir::BundleEntry *entry;
        QString key; // Type/id
        qint64 atMs;
    };
    QList<Change> changes;
    qint64 first = 0;
    qint64 last = 0;
    for (const fhir::BundleEntry &entry : page.entries) {
        Change change{&entry, QString(), 0};
        if (entry.resource.isEmpty()) {
            if (entry.method != QLatin1String("DELETE"))
                continue;
            const fhir::Location target = fhir::parseLocation(entry.url);
            change.key = target.type + QLatin1Char('/') + target.id;
            change.atMs = entry.lastModifiedMs;
        } else {
            const fhir::ServerState state = fhir::serverStateOf(entry.resource);
            change.key =
                entry.resource.value(QLatin1String("resourceType")).toString() + QLatin1Char('/') + state.id;
            change.atMs = state.lastUpdatedMs;
        }
        if (change.atMs > 0) {
            if (first == 0)
                first = change.atMs;
            last = change.atMs;
            span->min = span->min == 0 ? change.atMs : std::min(span->min, change.atMs);
            span->max = std::max(span->max, change.atMs);
        }
        changes.append(change);
    }
    // History is listed newest first by the specification (and by HAPI), oldest first by others: store it
    // oldest first, and only the newest version of each resource (sync-audit §3).
    const bool newestFirst = first > last;
    span->ascending = !newestFirst;
    if (newestFirst)
        std::reverse(changes.begin(), changes.end());
    QHash<QString, qsizetype> newestOf;
    for (qsizetype i = 0; i < changes.size(); ++i)
        newestOf.insert(changes.at(i).key, i);
    for (qsizetype i = 0; i < changes.size(); ++i) {
        if (newestOf.value(changes.at(i).key) != i)
            continue; // an older version of a resource this page also holds newer
        const fhir::BundleEntry &entry = *changes.at(i).entry;
        if (entry.resource.isEmpty()) {
            const fhir::Location target = fhir::parseLocation(entry.url);
            if (Status s = applyDeletion(target.type, target.id, entry.lastModifiedMs); !s)
                return s;
            continue;
        }
        if (!patientIds.isEmpty()) {
            const fhir::Location patient = fhir::parseLocation(patientReferenceOf(entry.resource));
            if (patient.type != QLatin1String("Patient") || !patientIds.contains(patient.id))
                continue; // type-level history covers every patient of the DPI; keep ours
        }
        if (Status s = apply(entry.resource); !s)
            return s;
    }
    return {};
}

Status Puller::parkConflict(const QUuid &recordId, const QString &recordType, const QUuid &patientId,
                            int localVersion, const QString &rule, const QJsonObject &remote)
{
    StoreContext &context = m_store.context();
    ParkedConflict conflict;
    conflict.recordId = recordId;
    conflict.recordType = recordType;
    conflict.patientId = patientId;
    conflict.rule = rule;
    conflict.localVersion = localVersion;
    conflict.remote = remote.isEmpty() ? QByteArray() : QJsonDocument(remote).toJson(QJsonDocument::Compact);
    conflict.remoteVersion = fhir::serverStateOf(remote).versionId;
    conflict.createdMs = context.clock.nowMs();
    Transaction tx(context.db);
    if (Status s = tx.begin(); !s)
        return s;
    if (Status s = m_store.conflicts().park(conflict); !s)
        return s;
    if (Status s =
            m_store.outbox().settle(recordId, INT_MAX, OutboxState::Conflict, rule, conflict.createdMs);
        !s)
        return s;
    if (Status s = tx.commit(); !s)
        return s;
    ++m_counts->conflicts;
    qCInfo(lcSyncPull) << "conflict parked:" << rule;
    return {};
}

// The DPI has a newer version of a record this device holds, and it cannot be read (malformed, or a
// shape the model does not know): the nurse is told, with the record and its patient, that the tablet's
// copy is outdated and the DPI has the truth; the copy is kept as it is, never silently overwritten.
Status Puller::flagUnreadableVersion(const QJsonObject &resource)
{
    StoreContext &context = m_store.context();
    const QString type = resource.value(QLatin1String("resourceType")).toString();
    const fhir::ServerState remote = fhir::serverStateOf(resource);
    if (remote.id.isEmpty())
        return {};
    for (const QString &recordType :
         {RecordType::Patient, RecordType::Encounter, RecordType::Observation, RecordType::Note,
          RecordType::MedicationRequest, RecordType::Administration, RecordType::Task, RecordType::Allergy}) {
        if (RecordMapper::resourceTypeFor(recordType) != type)
            continue;
        Result<std::optional<RecordRow>> held = context.records.findByServerId(recordType, remote.id);
        if (!held)
            return held.error();
        if (!*held || (*held)->serverVersion == remote.versionId)
            continue;
        ClinicalAlert alert;
        alert.kind = QStringLiteral("unreadable-dpi-version");
        alert.patientId = (*held)->type == RecordType::Patient ? (*held)->id : (*held)->patientId;
        alert.records = {(*held)->id};
        alert.raisedMs = context.clock.nowMs();
        alert.message = QStringLiteral("The DPI holds a newer version of this record that the tablet cannot "
                                       "read: the tablet's copy is out of date. Check it in the DPI.");
        Result<bool> raised = m_store.alerts().raise(
            alert, QStringLiteral("unreadable@%1@%2")
                       .arg((*held)->id.toString(QUuid::WithoutBraces), remote.versionId));
        if (!raised)
            return raised.error();
        m_counts->alerts += *raised ? 1 : 0;
        return {};
    }
    return {};
}

Status Puller::apply(const QJsonObject &resource)
{
    StoreContext &context = m_store.context();
    RecordMapper mapper(context);
    Result<IncomingRecord> incoming = mapper.incoming(resource);
    if (!incoming) {
        // One malformed resource must not stop the pull: say which, keep going. A record the device
        // holds is never left looking current behind a version it cannot read (sync-audit §5).
        qCWarning(lcSyncPull) << "skipped a resource the device cannot read:" << incoming.error().code;
        return flagUnreadableVersion(resource);
    }
    RecordRow row = incoming->row;
    if (row.id.isNull())
        return {};
    if (row.author.isEmpty())
        row.author = QStringLiteral("dpi");

    // A patient created on this device (no server id yet) that the DPI also has under the same IPP:
    // the same person only if name and birth date agree; otherwise a person must look.
    if (!incoming->existing && row.type == RecordType::Patient) {
        Result<Patient> pulled = patientFromRow(row);
        if (!pulled)
            return pulled.error();
        for (const PatientIdentifier &id : std::as_const(pulled->identifiers)) {
            // A retired IPP (use=old, as a merge survivor carries its absorbed record's) names nobody now
            // (sync-audit §21).
            if (id.kind != IdentifierKind::Ipp || id.old)
                continue;
            Result<std::optional<Patient>> match =
                m_store.patients().findByIdentifier(id.kind, id.system, id.value);
            if (!match)
                return match.error();
            if (!*match)
                continue;
            Result<std::optional<RecordRow>> existing = context.records.find((*match)->id);
            if (!existing)
                return existing.error();
            if (!*existing)
                continue;
            if (!(*match)->serverId.isEmpty() || !RecordMapper::samePerson(**match, *pulled)) {
                Result<bool> parked = m_store.outbox().hasConflict((*match)->id);
                if (!parked)
                    return parked.error();
                Result<bool> setAside = m_store.outbox().hasState((*match)->id, OutboxState::Quarantined);
                if (!setAside)
                    return setAside.error();
                if (*parked || *setAside || (*match)->serverId == row.serverId)
                    return {};
                return parkConflict((*match)->id, RecordType::Patient, (*match)->id, (*existing)->version,
                                    QStringLiteral("identity-mismatch"), resource);
            }
            // Same IPP, name and birth date, but our create has not been sent: the push binds it, after
            // its own identity check; the pull never marks it delivered unsent (sync-audit §27).
            return {};
        }
    }

    RecordChange change;
    change.queueForDpi = false;
    DpiCopies copies(context.db, context.keys.sealer());
    if (incoming->existing) {
        const RecordRow &local = *incoming->existing;
        if (local.serverVersion == row.serverVersion && local.serverId == row.serverId)
            return {}; // already have this version
        if (local.serverId == row.serverId && local.serverMs && row.serverMs &&
            *row.serverMs < *local.serverMs)
            return {}; // an older version than the one held (history pages newest first)
        Result<bool> pending = m_store.outbox().hasPending(local.id);
        if (!pending)
            return pending.error();
        if (*pending) {
            Result<bool> parked = m_store.outbox().hasConflict(local.id);
            if (!parked)
                return parked.error();
            if (*parked)
                return {}; // already waiting for a person, with a remote version kept
            Result<bool> setAside = m_store.outbox().hasState(local.id, OutboxState::Quarantined);
            if (!setAside)
                return setAside.error();
            if (*setAside)
                return {}; // a quarantined edit waits for "retry"; the DPI's version meets it then (§8)
            if (local.serverId.isEmpty()) {
                // Our own create, whose answer was lost, seen by the pull: only the push settles it, after
                // comparing what the DPI holds with what was sent (sync-audit §9, §27).
                return {};
            }
            // A local edit not yet sent meets the DPI's newer version: merge three ways or park.
            ConflictResolver resolver(m_store);
            Result<ConflictResolver::Outcome> outcome = resolver.reconcile(local.id, resource, *m_counts);
            if (!outcome)
                return outcome.error();
            if (*outcome == ConflictResolver::Outcome::RemoteTaken)
                ++m_counts->pulled;
            return {};
        }
        row.version = local.version + 1;
        change.kind = RecordChange::Kind::Supersede;
        change.action = QStringLiteral("record.pull-update");
    } else {
        row.version = 1;
        change.kind = RecordChange::Kind::Create;
        change.action = QStringLiteral("record.pull");
    }
    change.row = row;
    change.detail = row.serverVersion;

    std::function<Status()> indexPatient;
    if (row.type == RecordType::Patient) {
        Result<Patient> patient = patientFromRow(row);
        if (!patient)
            return patient.error();
        indexPatient = [this, p = *patient]() { return m_store.patients().index(p); };
    }
    const QUuid copyPatient = row.patientId;
    if (Status s = context.write({change},
                                 [&]() -> Status {
                                     if (indexPatient) {
                                         if (Status i = indexPatient(); !i)
                                             return i;
                                     }
                                     return copies.put(row.id, copyPatient, resource);
                                 });
        !s)
        return s;
    ++m_counts->pulled;
    if (row.type == RecordType::Patient) {
        const QString survivor = fhir::replacedBy(resource);
        if (!survivor.isEmpty())
            m_merges.append({row.id, survivor.section(QLatin1Char('/'), -1)});
    }
    return applyClinicalRules(row);
}

Status Puller::applyClinicalRules(const RecordRow &row)
{
    ClinicalRules rules(m_store);
    Result<int> raised = 0;
    if (row.type == RecordType::Administration && row.slotMs && *row.slotMs > 0)
        raised = rules.checkDoseSlot(row.refId, *row.slotMs);
    else if (row.type == RecordType::MedicationRequest)
        raised = rules.checkStoppedPrescription(row.id);
    if (!raised)
        return raised.error();
    m_counts->alerts += *raised;
    return {};
}

Status Puller::applyDeletion(const QString &type, const QString &serverId, qint64 atMs)
{
    StoreContext &context = m_store.context();
    const QString recordType = recordTypeFor(type);
    Result<std::optional<RecordRow>> local = context.records.findByServerId(recordType, serverId);
    if (!local)
        return local.error();
    if (!*local && recordType == RecordType::Observation) {
        local = context.records.findByServerId(RecordType::Note, serverId);
        if (!local)
            return local.error();
    }
    if (!*local || (*local)->status == QLatin1String("deleted"))
        return {};
    if (atMs > 0 && (*local)->serverMs && *(*local)->serverMs > atMs)
        return {}; // the device holds a version newer than this deletion
    RecordRow row = **local;
    Result<bool> pending = m_store.outbox().hasPending(row.id);
    if (!pending)
        return pending.error();
    if (*pending) {
        Result<bool> parked = m_store.outbox().hasConflict(row.id);
        if (!parked)
            return parked.error();
        if (*parked)
            return {}; // already waiting for a person
        return parkConflict(row.id, row.type, row.patientId, row.version, QStringLiteral("deleted-in-dpi"),
                            {});
    }
    row.version += 1;
    row.status = QStringLiteral("deleted");
    row.author = QStringLiteral("dpi");
    row.enteredMs = 0;
    row.hlc = {};
    if (atMs > 0)
        row.serverMs = atMs;
    RecordChange change;
    change.row = row;
    change.kind = RecordChange::Kind::Supersede;
    change.queueForDpi = false;
    change.action = QStringLiteral("record.pull-delete");
    if (Status s = context.write({change}); !s)
        return s;
    ++m_counts->pulled;
    return {};
}

Result<QStringList> Puller::missingFromListing(const QStringList &recordTypes, const QStringList &serverIds,
                                               const QSet<QString> &onServer)
{
    StoreContext &context = m_store.context();
    QStringList missing;
    for (const QString &serverId : serverIds) {
        Result<std::optional<Patient>> patient = m_store.patients().findByServerId(serverId);
        if (!patient)
            return patient.error();
        if (!*patient)
            continue;
        for (const QString &recordType : recordTypes) {
            Result<QList<RecordRow>> rows =
                context.records.forPatient((*patient)->id, recordType, std::numeric_limits<qint64>::min(),
                                           std::numeric_limits<qint64>::max());
            if (!rows)
                return rows.error();
            for (const RecordRow &row : std::as_const(*rows)) {
                if (!row.serverId.isEmpty() && row.status != QLatin1String("deleted") &&
                    !onServer.contains(row.serverId))
                    missing.append(row.serverId);
            }
        }
    }
    return missing;
}

} // namespace chevet
