#include "conflictresolver.h"

#include "core/clock.h"
#include "core/logging.h"
#include "fhir/fhirtypes.h"
#include "merge/threewaymerge.h"
#include "recordmapper.h"
#include "store/auditlog.h"
#include "store/conflictqueue.h"
#include "store/database.h"
#include "store/outbox.h"
#include "store/store.h"
#include "store/storecontext.h"

#include <QJsonDocument>

namespace chevet {

namespace {

Error noRecord()
{
    return makeError(ErrorDomain::Sync, QStringLiteral("not-found"),
                     QStringLiteral("the record is not on this device"));
}

} // namespace

ConflictResolver::ConflictResolver(Store &store)
    : m_store(store)
{}

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

// The version the local edit started from: the newest local version before the first one the DPI has
// not confirmed (it was pulled from, or delivered to, the DPI).
Result<QJsonObject> ConflictResolver::baseOf(const QUuid &recordId)
{
    Result<int> firstOpen = m_store.outbox().firstOpenVersion(recordId);
    if (!firstOpen)
        return firstOpen.error();
    if (*firstOpen <= 1)
        return QJsonObject(); // created here and never confirmed: no common base
    Result<QList<RecordRow>> versions = m_store.context().records.history(recordId);
    if (!versions)
        return versions.error();
    RecordMapper mapper(m_store.context());
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
    Transaction tx(context.db);
    if (Status s = tx.begin(); !s)
        return s;
    // The local version goes next as an update on the DPI's version (If-Match on it).
    if (Status s = context.records.setServerState(recordId, state.id, state.versionId, state.lastUpdatedMs);
        !s)
        return s;
    AuditEntry entry;
    entry.atMs = context.clock.nowMs();
    entry.hlc = context.hlc.now();
    entry.author = context.author;
    entry.device = context.device;
    entry.action = QStringLiteral("conflict.local-kept");
    entry.recordId = recordId;
    entry.detail = detail;
    if (Status s = context.audit.append(entry); !s)
        return s;
    return tx.commit();
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
    return context.write({change}, [&]() -> Status {
        if (queueForDpi)
            return {};
        // The DPI's version replaces the local edit, which stays in the record's history.
        return m_store.outbox().settle(recordId, (*current)->version, OutboxState::Superseded,
                                       QStringLiteral("replaced by the DPI's version"),
                                       context.clock.nowMs());
    });
}

Result<ConflictResolver::Outcome> ConflictResolver::reconcile(const QUuid &recordId,
                                                              const QJsonObject &remote, SyncCounts &counts)
{
    Result<QJsonObject> base = baseOf(recordId);
    if (!base)
        return base.error();
    Result<QJsonObject> local = localOf(recordId);
    if (!local)
        return local.error();
    if (base->isEmpty()) {
        if (Status s = park(recordId, QStringLiteral("no-common-base"), remote, counts); !s)
            return s.error();
        return Outcome::Parked;
    }
    const MergeResult merge = mergeResources(*base, *local, remote);
    switch (merge.outcome) {
    case MergeResult::Outcome::Merged: {
        // The merged content becomes the next local version, queued as an update on the DPI's version.
        const QString detail =
            QStringLiteral("%1: %2 field(s)").arg(merge.rule).arg(merge.autoMergedPaths.size());
        if (Status s =
                storeAsNewVersion(recordId, merge.merged, true, QStringLiteral("conflict.merged"), detail);
            !s)
            return s.error();
        return Outcome::Merged;
    }
    case MergeResult::Outcome::LocalWins:
        // e.g. entered-in-error here wins over an edit there; that edit stays in the DPI's history.
        if (Status s = keepLocalOnRemoteVersion(recordId, remote, merge.rule); !s)
            return s.error();
        return Outcome::LocalKept;
    case MergeResult::Outcome::RemoteWins:
        if (Status s = storeAsNewVersion(recordId, remote, false, QStringLiteral("conflict.remote-taken"),
                                         merge.rule);
            !s)
            return s.error();
        return Outcome::RemoteTaken;
    case MergeResult::Outcome::Conflict:
        break;
    }
    if (Status s = park(recordId, merge.rule, remote, counts); !s)
        return s.error();
    return Outcome::Parked;
}

Status ConflictResolver::resolve(const QUuid &conflictId, Choice choice, const QJsonObject &merged)
{
    StoreContext &context = m_store.context();
    Result<std::optional<ParkedConflict>> found = m_store.conflicts().find(conflictId);
    if (!found)
        return found.error();
    if (!*found || (*found)->state != QLatin1String("open"))
        return makeError(ErrorDomain::Sync, QStringLiteral("not-found"),
                         QStringLiteral("no open conflict with this id"));
    const ParkedConflict &conflict = **found;
    const QJsonObject remote = QJsonDocument::fromJson(conflict.remote).object();
    const qint64 now = context.clock.nowMs();
    QString how;
    switch (choice) {
    case Choice::TakeLocal:
        if (!remote.isEmpty()) {
            if (Status s = keepLocalOnRemoteVersion(conflict.recordId, remote,
                                                    QStringLiteral("resolved by a person"));
                !s)
                return s;
        }
        how = QStringLiteral("local");
        break;
    case Choice::TakeRemote:
        if (remote.isEmpty())
            return makeError(ErrorDomain::Validation, QStringLiteral("no-remote"),
                             QStringLiteral("the DPI deleted this record: keep the local version or merge"));
        if (Status s = m_store.outbox().move(conflict.recordId, OutboxState::Conflict, OutboxState::Pending,
                                             QString(), now);
            !s)
            return s;
        if (Status s =
                storeAsNewVersion(conflict.recordId, remote, false, QStringLiteral("conflict.remote-taken"),
                                  QStringLiteral("resolved by a person"));
            !s)
            return s;
        how = QStringLiteral("remote");
        break;
    case Choice::TakeMerged: {
        QJsonObject composed = merged;
        if (composed.value(QLatin1String("resourceType")) != remote.value(QLatin1String("resourceType")) &&
            !remote.isEmpty())
            return makeError(ErrorDomain::Validation, QStringLiteral("bad-merge"),
                             QStringLiteral("the merged version is not a %1")
                                 .arg(remote.value(QLatin1String("resourceType")).toString()));
        composed.insert(QStringLiteral("meta"), remote.value(QLatin1String("meta")));
        composed.insert(QStringLiteral("id"), remote.value(QLatin1String("id")));
        if (Status s = storeAsNewVersion(conflict.recordId, composed, true, QStringLiteral("conflict.merged"),
                                         QStringLiteral("resolved by a person"));
            !s)
            return s;
        how = QStringLiteral("merged");
        break;
    }
    }
    Transaction tx(context.db);
    if (Status s = tx.begin(); !s)
        return s;
    if (choice != Choice::TakeRemote) {
        if (Status s = m_store.outbox().move(conflict.recordId, OutboxState::Conflict, OutboxState::Pending,
                                             QString(), now);
            !s)
            return s;
    }
    if (Status s = m_store.conflicts().close(conflictId, QStringLiteral("resolved"), context.author, now); !s)
        return s;
    AuditEntry entry;
    entry.atMs = now;
    entry.hlc = context.hlc.now();
    entry.author = context.author;
    entry.device = context.device;
    entry.action = QStringLiteral("conflict.resolve");
    entry.recordType = conflict.recordType;
    entry.recordId = conflict.recordId;
    entry.detail = how + QLatin1Char('|') + conflict.rule;
    if (Status s = context.audit.append(entry); !s)
        return s;
    return tx.commit();
}

} // namespace chevet
