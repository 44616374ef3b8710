#include "pusher.h"

#include "clinicalrules.h"
#include "conflictresolver.h"
#include "core/clock.h"
#include "core/logging.h"
#include "fhir/bundle.h"
#include "fhir/resources.h"
#include "fhirclient.h"
#include "recordmapper.h"
#include "store/auditlog.h"
#include "store/conflictqueue.h"
#include "store/database.h"
#include "store/outbox.h"
#include "store/store.h"
#include "store/storecontext.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace chevet {

namespace {

bool isTooCostly(const FhirReply &reply)
{
    if (reply.status == 413)
        return true;
    if (reply.status != 400)
        return false;
    for (const QJsonValue &issue : reply.body.value(QLatin1String("issue")).toArray()) {
        if (issue.toObject().value(QLatin1String("code")).toString() == QLatin1String("too-costly"))
            return true;
    }
    return false;
}

// What a resource says clinically, without what the server adds or rewrites.
QJsonObject content(QJsonObject json)
{
    json.remove(QLatin1String("meta"));
    json.remove(QLatin1String("id"));
    json.remove(QLatin1String("text"));
    return json;
}

Status audit(StoreContext &context, const OutgoingResource &sent, const QString &action,
             const QString &detail)
{
    AuditEntry entry;
    entry.atMs = context.clock.nowMs();
    entry.hlc = context.hlc.now();
    entry.author = context.author;
    entry.device = context.device;
    entry.action = action;
    entry.recordType = sent.recordType;
    entry.recordId = sent.recordId;
    entry.version = sent.localVersion;
    entry.detail = detail;
    return context.audit.append(entry);
}

} // namespace

Pusher::Pusher(Store &store, FhirClient &client, const fhir::ServerCapabilities &capabilities,
               Progress progress)
    : m_store(store)
    , m_client(client)
    , m_capabilities(capabilities)
    , m_progress(std::move(progress))
{
    if (m_capabilities.maxBundleEntries > 0)
        m_chunk = std::min(m_chunk, m_capabilities.maxBundleEntries);
}

Result<QList<OutgoingResource>> Pusher::nextChunk(int limit)
{
    StoreContext &context = m_store.context();
    Result<QList<OutboxEntry>> pending = m_store.outbox().pending(std::max(500, limit * 20));
    if (!pending)
        return pending.error();
    RecordMapper mapper(context);
    QList<OutgoingResource> chunk;
    QSet<QUuid> seen;
    for (const OutboxEntry &entry : std::as_const(*pending)) {
        if (chunk.size() >= limit)
            break;
        if (seen.contains(entry.recordId) || m_attempted.contains(entry.recordId))
            continue;
        seen.insert(entry.recordId);
        Result<std::optional<RecordRow>> row = context.records.find(entry.recordId);
        if (!row)
            return row.error();
        Result<OutgoingResource> out =
            *row ? mapper.outgoing(**row)
                 : Result<OutgoingResource>(makeError(ErrorDomain::Sync, QStringLiteral("missing"),
                                                      QStringLiteral("the record is missing")));
        if (!out) {
            // A record we cannot even express is set aside; it never blocks the others.
            if (Status s = m_store.outbox().settle(entry.recordId, INT_MAX, OutboxState::Quarantined,
                                                   out.error().message, context.clock.nowMs());
                !s)
                return s.error();
            ++m_counts->quarantined;
            continue;
        }
        if (!out->dependsOn.isNull()) {
            Result<bool> dependencyPending = m_store.outbox().hasPending(out->dependsOn);
            if (!dependencyPending)
                return dependencyPending.error();
            if (!*dependencyPending) {
                if (Status s = m_store.outbox().settle(
                        entry.recordId, INT_MAX, OutboxState::Quarantined,
                        QStringLiteral("the patient was not accepted by the DPI"), context.clock.nowMs());
                    !s)
                    return s.error();
                ++m_counts->quarantined;
            }
            continue; // waits for its patient (next chunk)
        }
        chunk.append(std::move(out).value());
    }
    return chunk;
}

Status Pusher::run(SyncCounts &counts)
{
    m_counts = &counts;
    if (!m_capabilities.transactions && !m_capabilities.batches)
        return makeError(ErrorDomain::Sync, QStringLiteral("no-bundles"),
                         QStringLiteral("the DPI accepts neither transactions nor batches"));
    Result<qint64> start = m_store.outbox().pendingCount();
    if (!start)
        return start.error();
    const qint64 total = *start;
    const Mode preferred = m_capabilities.transactions ? Mode::Transaction : Mode::Batch;
    Mode mode = preferred;
    int isolate = 0; // while looking for the record that makes transactions fail
    while (true) {
        const int limit = isolate > 0 ? std::min(isolate, m_chunk) : m_chunk;
        Result<QList<OutgoingResource>> chunk = nextChunk(limit);
        if (!chunk)
            return chunk.error();
        if (chunk->isEmpty())
            break;
        Result<FhirReply> reply =
            m_client.postBundle(fhir::makeTransaction(bundleRequests(*chunk), mode == Mode::Transaction));
        if (!reply) {
            for (const OutgoingResource &r : std::as_const(*chunk))
                (void)m_store.outbox().recordFailedAttempts(r.recordId, reply.error().message,
                                                            m_store.context().clock.nowMs());
            return reply.error();
        }
        if (isTooCostly(*reply) && chunk->size() > 1) {
            m_chunk = std::max(1, int(chunk->size()) / 2);
            qCInfo(lcSyncPush) << "DPI refused a bundle of" << chunk->size() << "entries; now sending"
                               << m_chunk;
            continue;
        }
        if (reply->status >= 400) {
            if (chunk->size() == 1) {
                fhir::BundleResponse only;
                only.status = reply->status;
                only.outcome = reply->body;
                bool transient = false;
                if (Status s = settle(*chunk, {only}, counts, &transient); !s)
                    return s;
            } else if (mode == Mode::Transaction && m_capabilities.batches) {
                mode = Mode::Batch; // one bad record fails a transaction; a batch tells which
            } else {
                isolate = std::max(1, int(chunk->size()) / 2);
            }
            continue;
        }
        Result<QList<fhir::BundleResponse>> responses = fhir::parseTransactionResponse(reply->body);
        if (!responses)
            return responses.error();
        if (responses->size() != chunk->size())
            return makeError(ErrorDomain::Sync, QStringLiteral("bad-response"),
                             QStringLiteral("the DPI answered %1 entries for %2 sent")
                                 .arg(responses->size())
                                 .arg(chunk->size()));
        bool transient = false;
        if (Status s = settle(*chunk, *responses, counts, &transient); !s)
            return s;
        mode = preferred;
        isolate = 0;
        if (m_progress) {
            Result<qint64> now = m_store.outbox().pendingCount();
            if (now)
                m_progress(int(std::max<qint64>(0, total - *now)), int(total));
        }
        if (m_unauthorized)
            return makeError(
                ErrorDomain::Net, QStringLiteral("unauthorized"),
                QStringLiteral("the DPI refused our credentials for some records; they stay queued"));
        if (transient)
            return makeError(ErrorDomain::Net, QStringLiteral("server-unavailable"),
                             QStringLiteral("the DPI could not take some records now; they stay queued"),
                             true);
    }
    return {};
}

QList<fhir::BundleRequest> Pusher::bundleRequests(const QList<OutgoingResource> &chunk)
{
    QList<fhir::BundleRequest> requests;
    requests.reserve(chunk.size());
    for (const OutgoingResource &r : chunk)
        requests.append(fhir::BundleRequest{r.fullUrl, r.json, r.method, r.url, r.ifNoneExist, r.ifMatch});
    return requests;
}

Status Pusher::settle(const QList<OutgoingResource> &chunk, const QList<fhir::BundleResponse> &responses,
                      SyncCounts &counts, bool *transient)
{
    QList<const OutgoingResource *> preconditionFailed;
    {
        Transaction tx(m_store.context().db);
        if (Status s = tx.begin(); !s)
            return s;
        for (qsizetype i = 0; i < chunk.size(); ++i) {
            m_attempted.insert(chunk[i].recordId);
            if (responses[i].status == 412) {
                preconditionFailed.append(&chunk[i]);
                continue;
            }
            if (Status s = settleEntry(chunk[i], responses[i], counts, transient); !s)
                return s;
        }
        if (Status s = tx.commit(); !s)
            return s;
    }
    // A dose sent may meet one another device recorded for the same slot: both are kept, an alert is raised.
    ClinicalRules rules(m_store);
    for (const OutgoingResource &sent : chunk) {
        if (sent.recordType != RecordType::Administration)
            continue;
        Result<std::optional<RecordRow>> row = m_store.context().records.find(sent.recordId);
        if (!row)
            return row.error();
        if (*row && (*row)->slotMs) {
            Result<int> raised = rules.checkDoseSlot((*row)->refId, *(*row)->slotMs);
            if (!raised)
                return raised.error();
            counts.alerts += *raised;
        }
    }
    // Network reads happen outside the local transaction, so a nurse's save never waits on the DPI.
    for (const OutgoingResource *sent : std::as_const(preconditionFailed)) {
        if (Status s = resolvePreconditionFailed(*sent, counts); !s)
            return s;
    }
    return {};
}

Status Pusher::settleEntry(const OutgoingResource &sent, const fhir::BundleResponse &response,
                           SyncCounts &counts, bool *transient)
{
    StoreContext &context = m_store.context();
    const qint64 now = context.clock.nowMs();
    const int status = response.status;
    if (status >= 200 && status < 300) {
        const fhir::Location location = fhir::parseLocation(response.location);
        const fhir::ServerState returned = fhir::serverStateOf(response.resource);
        const QString serverId = !location.id.isEmpty() ? location.id : returned.id;
        QString version =
            !location.version.isEmpty() ? location.version : fhir::versionFromEtag(response.etag);
        if (version.isEmpty())
            version = returned.versionId;
        if (serverId.isEmpty() || version.isEmpty()) {
            // Not confirmed with a version: not delivered. The next run's conditional create will tell.
            return m_store.outbox().recordFailedAttempts(
                sent.recordId, QStringLiteral("no version in the DPI's answer"), now);
        }
        if (sent.recordType == RecordType::Patient && status == 200 && !response.resource.isEmpty()) {
            // The DPI already had a patient with this IPP: the same person only if name and birth date agree.
            Result<Patient> theirs = fhir::patientFromFhir(response.resource);
            Result<Patient> ours = fhir::patientFromFhir(sent.json);
            if (theirs && ours && !RecordMapper::samePerson(*theirs, *ours))
                return parkConflict(sent, QStringLiteral("identity-mismatch"), response.resource, QString(),
                                    counts);
        }
        const qint64 lastModified =
            response.lastModifiedMs > 0 ? response.lastModifiedMs : returned.lastUpdatedMs;
        if (Status s = context.records.setServerState(sent.recordId, serverId, version,
                                                      lastModified > 0 ? std::optional<qint64>(lastModified)
                                                                       : std::nullopt);
            !s)
            return s;
        if (sent.method == QLatin1String("POST") && status == 200 && sent.localVersion > 1) {
            // The create had already arrived (its answer was lost); our later version still has to
            // go, as an update on the version the DPI holds.
            m_attempted.remove(sent.recordId);
            return {};
        }
        if (Status s = m_store.outbox().settle(sent.recordId, sent.localVersion, OutboxState::Delivered,
                                               QString(), now);
            !s)
            return s;
        ++counts.pushed;
        return audit(context, sent, QStringLiteral("record.delivered"), version);
    }
    if ((status == 404 || status == 410) && sent.method == QLatin1String("PUT"))
        return parkConflict(sent, QStringLiteral("deleted-in-dpi"), {}, fhir::outcomeText(response.outcome),
                            counts);
    if (status == 401) {
        // A 401 is about who we are, never about the record: it stays pending, it is not quarantined.
        m_unauthorized = true;
        m_attempted.remove(sent.recordId);
        return m_store.outbox().recordFailedAttempts(sent.recordId,
                                                     QStringLiteral("the DPI refused our credentials"), now);
    }
    if (status >= 500 || status == 429 || status == 408 || status == 0) {
        *transient = true;
        m_attempted.remove(sent.recordId);
        return m_store.outbox().recordFailedAttempts(sent.recordId,
                                                     QStringLiteral("the DPI answered %1").arg(status), now);
    }
    const QString reason =
        QStringLiteral("refused by the DPI (%1): %2").arg(status).arg(fhir::outcomeText(response.outcome));
    qCInfo(lcSyncPush) << "record quarantined, status" << status;
    if (Status s = m_store.outbox().settle(sent.recordId, INT_MAX, OutboxState::Quarantined, reason, now); !s)
        return s;
    ++counts.quarantined;
    return audit(context, sent, QStringLiteral("record.quarantined"), QString::number(status));
}

Status Pusher::parkConflict(const OutgoingResource &sent, const QString &rule, const QJsonObject &remote,
                            const QString &reason, SyncCounts &counts)
{
    StoreContext &context = m_store.context();
    ParkedConflict conflict;
    conflict.recordId = sent.recordId;
    conflict.recordType = sent.recordType;
    conflict.patientId = sent.recordType == RecordType::Patient ? sent.recordId : QUuid();
    conflict.rule = rule;
    conflict.localVersion = sent.localVersion;
    conflict.remote = remote.isEmpty() ? QByteArray() : QJsonDocument(remote).toJson(QJsonDocument::Compact);
    conflict.remoteVersion = fhir::serverStateOf(remote).versionId;
    conflict.reason = reason;
    conflict.createdMs = context.clock.nowMs();
    if (Status s = m_store.conflicts().park(conflict); !s)
        return s;
    if (Status s =
            m_store.outbox().settle(sent.recordId, INT_MAX, OutboxState::Conflict, rule, conflict.createdMs);
        !s)
        return s;
    ++counts.conflicts;
    return audit(context, sent, QStringLiteral("record.conflict"), rule);
}

Status Pusher::resolvePreconditionFailed(const OutgoingResource &sent, SyncCounts &counts)
{
    StoreContext &context = m_store.context();
    Result<FhirReply> current = m_client.get(sent.url);
    if (!current)
        return current.error();
    const fhir::ServerState remote = fhir::serverStateOf(current->body);
    if (current->status == 200 && content(current->body) == content(sent.json)) {
        // Our own earlier update arrived but its answer was lost: nothing to reconcile.
        Transaction tx(context.db);
        if (Status s = tx.begin(); !s)
            return s;
        if (Status s = context.records.setServerState(sent.recordId, remote.id, remote.versionId,
                                                      remote.lastUpdatedMs);
            !s)
            return s;
        if (Status s = m_store.outbox().settle(sent.recordId, sent.localVersion, OutboxState::Delivered,
                                               QString(), context.clock.nowMs());
            !s)
            return s;
        ++counts.pushed;
        if (Status s = audit(context, sent, QStringLiteral("record.delivered"), remote.versionId); !s)
            return s;
        return tx.commit();
    }
    if (current->status != 200) {
        Transaction tx(context.db);
        if (Status s = tx.begin(); !s)
            return s;
        if (Status s = parkConflict(sent, QStringLiteral("deleted-in-dpi"), {}, QString(), counts); !s)
            return s;
        return tx.commit();
    }
    // Someone else changed it since our base: merge three ways, apply the clinical rules, or park.
    ConflictResolver resolver(m_store);
    Result<ConflictResolver::Outcome> outcome = resolver.reconcile(sent.recordId, current->body, counts);
    if (!outcome)
        return outcome.error();
    if (*outcome == ConflictResolver::Outcome::Merged || *outcome == ConflictResolver::Outcome::LocalKept) {
        // Goes again in this run as an update on the DPI's version; if that moves again, merge again,
        // a bounded number of times, never force.
        if (++m_merges[sent.recordId] <= kMaxMergesPerRun)
            m_attempted.remove(sent.recordId);
    }
    return {};
}

} // namespace chevet
