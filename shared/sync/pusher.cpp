#include "pusher.h"

#include "clinicalrules.h"
#include "conflictresolver.h"
#include "core/clock.h"
#include "core/logging.h"
#include "crypto/keyring.h"
#include "fhir/bundle.h"
#include "fhir/resources.h"
#include "fhirclient.h"
#include "recordmapper.h"
#include "store/auditlog.h"
#include "store/conflictqueue.h"
#include "store/database.h"
#include "store/dpicopies.h"
#include "store/fullpulls.h"
#include "store/outbox.h"
#include "store/store.h"
#include "store/storecontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace chevet {

namespace {

const QString kBundleSizeKey = QStringLiteral("push.bundle-size");

// A 413 is "too large" whatever its body (a proxy's HTML page included); a 400 only when FHIR says so.
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

// Answers to a whole request that are about the DPI or the way to it (a gateway, a wrong base address),
// never about the records in it: nothing is quarantined for them (sync-audit §8).
bool isServerWideRefusal(int status)
{
    return status == 404 || status == 405 || status == 406 || status == 415;
}

Status audit(StoreContext &context, const OutgoingResource &sent, const QString &action,
             const QString &detail)
{
    AuditEntry entry = context.auditEntry(action);
    entry.recordType = sent.recordType;
    entry.recordId = sent.recordId;
    entry.version = sent.localVersion;
    entry.detail = detail;
    return context.audit.append(entry);
}

Error refusedByDpi(int status)
{
    return makeError(SyncError::DpiRefusedRequest,
                     QStringLiteral("the DPI refused the request itself (%1): check its address and the "
                                    "gateway in front of it; nothing was set aside")
                         .arg(status));
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
    // The size the DPI accepted last time: a refusal is learnt once, not at every run (sync-audit §28).
    if (Result<QByteArray> learnt = m_store.metaValue(kBundleSizeKey); learnt && !learnt->isEmpty()) {
        bool ok = false;
        const int size = learnt->toInt(&ok);
        if (ok && size > 0)
            m_chunk = std::min(m_chunk, size);
    }
}

void Pusher::rememberChunk()
{
    if (Status s = m_store.setMetaValue(kBundleSizeKey, QByteArray::number(m_chunk)); !s)
        qCWarning(lcSyncPush) << "could not remember the bundle size:" << s.error().code;
}

Status Pusher::quarantine(const OutgoingResource &sent, const QString &reason, const QString &detail,
                          SyncCounts &counts)
{
    StoreContext &context = m_store.context();
    qCInfo(lcSyncPush) << "record quarantined:" << detail;
    if (Status s = m_store.outbox().settle(sent.recordId, INT_MAX, OutboxState::Quarantined, reason,
                                           context.clock.nowMs());
        !s)
        return s;
    ++counts.quarantined;
    return audit(context, sent, QStringLiteral("record.quarantined"), detail);
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
        OutgoingResource identity;
        identity.recordId = entry.recordId;
        identity.recordType = entry.recordType;
        identity.localVersion = entry.version;
        if (*row && (*row)->type == RecordType::Patient && !(*row)->serverId.isEmpty()) {
            // The DPI owns who a patient is: the device never writes a patient it holds (sync-audit §2).
            if (Status s = m_store.outbox().settle(entry.recordId, INT_MAX, OutboxState::Superseded,
                                                   QStringLiteral("patient identities are kept by the DPI"),
                                                   context.clock.nowMs());
                !s)
                return s.error();
            if (Status s =
                    audit(context, identity, QStringLiteral("record.not-sent"), QStringLiteral("patient"));
                !s)
                return s.error();
            continue;
        }
        Result<OutgoingResource> out =
            *row ? mapper.outgoing(**row)
                 : Result<OutgoingResource>(
                       makeError(SyncError::Missing, QStringLiteral("the record is missing")));
        if (!out) {
            if (out.error().transient)
                return out.error(); // a busy disk is not the record's fault: try again later
            // A record we cannot even express is set aside, reversibly; it never blocks the others.
            if (Status s = quarantine(identity, out.error().message, out.error().code.name(), *m_counts); !s)
                return s.error();
            continue;
        }
        if (!out->dependsOn.isNull()) {
            Result<bool> dependencyOpen = m_store.outbox().hasPending(out->dependsOn);
            if (!dependencyOpen)
                return dependencyOpen.error();
            if (!*dependencyOpen) {
                if (Status s = quarantine(*out, QStringLiteral("the patient was not accepted by the DPI"),
                                          QStringLiteral("dependency"), *m_counts);
                    !s)
                    return s.error();
            }
            continue; // waits for its patient (next chunk, or once its conflict is settled)
        }
        if (out->method == QLatin1String("PUT")) {
            if (Status s = prepareUpdate(*out); !s)
                return s.error();
        }
        chunk.append(std::move(out).value());
    }
    return chunk;
}

// A PUT replaces the whole resource: start from the DPI's version the edit is based on and change only
// what the nurse changed, so what the DPI holds and the device does not model survives (sync-audit §10).
Status Pusher::prepareUpdate(OutgoingResource &out)
{
    StoreContext &context = m_store.context();
    DpiCopies copies(context.db, context.keys.sealer());
    const QString baseVersion = fhir::versionFromEtag(out.ifMatch);
    Result<std::optional<DpiCopy>> copy = copies.find(out.recordId);
    if (!copy)
        return copy.error();
    QJsonObject dpi;
    if (*copy && (*copy)->serverVersion == baseVersion) {
        dpi = (*copy)->resource;
    } else {
        // No copy of that version (a store from before copies were kept): read it.
        const QString id = out.url.section(QLatin1Char('/'), 1, 1);
        Result<FhirReply> version = m_client.get(
            QStringLiteral("%1/%2/_history/%3")
                .arg(out.resourceType, id, QString::fromUtf8(QUrl::toPercentEncoding(baseVersion))));
        if (!version)
            return version.error();
        if (version->status == 200 && fhir::serverStateOf(version->body).versionId == baseVersion)
            dpi = version->body;
        if (!dpi.isEmpty()) {
            if (Status s = copies.put(out.recordId, out.patientId, dpi); !s)
                return s;
        }
    }
    if (dpi.isEmpty())
        return {}; // nothing to start from: the model goes as it is; a moved DPI answers 412 and we merge
    RecordMapper mapper(context);
    const QJsonObject base = mapper.projected(dpi);
    if (!base.isEmpty())
        out.json = RecordMapper::overlay(dpi, base, out.json);
    return {};
}

Status Pusher::settleKnownToDpi(QList<OutgoingResource> &chunk, SyncCounts &counts)
{
    for (qsizetype i = chunk.size() - 1; i >= 0; --i) {
        const OutgoingResource sent = chunk.at(i);
        if (sent.method != QLatin1String("POST") ||
            m_capabilities.conditionalCreate.contains(sent.resourceType))
            continue;
        Result<QList<QJsonObject>> found = search(sent.resourceType, sent.ifNoneExist);
        if (!found)
            return found.error();
        if (found->isEmpty())
            continue; // not there: created by the bundle
        chunk.removeAt(i);
        m_attempted.insert(sent.recordId);
        if (found->size() > 1) {
            if (Status s = resolveAmbiguousCreate(sent, counts); !s)
                return s;
            continue;
        }
        fhir::BundleResponse match;
        match.status = 200;
        match.resource = found->first();
        bool transient = false;
        if (Status s = settle({sent}, {match}, counts, &transient); !s)
            return s;
    }
    return {};
}

Status Pusher::run(SyncCounts &counts)
{
    m_counts = &counts;
    if (!m_capabilities.transactions && !m_capabilities.batches)
        return makeError(SyncError::NoBundles,
                         QStringLiteral("the DPI accepts neither transactions nor batches"));
    Result<qint64> start = m_store.outbox().pendingCount();
    if (!start)
        return start.error();
    const qint64 total = *start;
    const Mode preferred = m_capabilities.transactions ? Mode::Transaction : Mode::Batch;
    Mode mode = preferred;
    int isolate = 0; // while looking for the record that makes the DPI refuse or fail a bundle
    int serverErrors = 0;
    QList<OutgoingResource> suspects; // alone, they made the DPI answer 500
    while (true) {
        const int limit = isolate > 0 ? std::min(isolate, m_chunk) : m_chunk;
        Result<QList<OutgoingResource>> chunk = nextChunk(limit);
        if (!chunk)
            return chunk.error();
        if (chunk->isEmpty())
            break;
        if (Status s = settleKnownToDpi(*chunk, counts); !s)
            return s;
        if (chunk->isEmpty())
            continue;
        Result<FhirReply> reply =
            m_client.postBundle(fhir::makeTransaction(bundleRequests(*chunk), mode == Mode::Transaction));
        if (!reply) {
            // A 500 on one bundle may be one record the DPI cannot take (a poison record): bisect, set
            // it aside, send the rest (sync-audit §7). 502/503/504 and network failures are the way to
            // the DPI: try again later, with everything still pending.
            if (m_client.lastStatus() == 500 && ++serverErrors <= kMaxServerErrorsPerRun) {
                if (chunk->size() > 1) {
                    if (mode == Mode::Transaction && m_capabilities.batches)
                        mode = Mode::Batch;
                    else
                        isolate = std::max(1, int(chunk->size()) / 2);
                    continue;
                }
                const OutgoingResource &alone = chunk->first();
                suspects.append(alone);
                m_attempted.insert(alone.recordId);
                if (Status s = m_store.outbox().recordFailedAttempts(
                        alone.recordId, QStringLiteral("the DPI failed on this record (500)"),
                        m_store.context().clock.nowMs());
                    !s)
                    return s;
                isolate = 0;
                mode = preferred;
                if (m_accepted == 0 && suspects.size() >= 3)
                    return reply.error(); // the DPI fails on everything: it is down, not the records
                continue;
            }
            for (const OutgoingResource &r : std::as_const(*chunk)) {
                if (Status s = m_store.outbox().recordFailedAttempts(r.recordId, reply.error().message,
                                                                     m_store.context().clock.nowMs());
                    !s)
                    return s;
            }
            return reply.error();
        }
        if (isTooCostly(*reply)) {
            if (chunk->size() > 1) {
                m_chunk = std::max(1, int(chunk->size()) / 2);
                rememberChunk();
                qCInfo(lcSyncPush) << "DPI refused a bundle of" << chunk->size() << "entries; now sending"
                                   << m_chunk;
                continue;
            }
            m_attempted.insert(chunk->first().recordId);
            if (Status s =
                    quarantine(chunk->first(),
                               QStringLiteral("too large for the DPI or its gateway (%1)").arg(reply->status),
                               QString::number(reply->status), counts);
                !s)
                return s;
            continue;
        }
        if (reply->status >= 400) {
            if (isServerWideRefusal(reply->status))
                return refusedByDpi(reply->status);
            if (chunk->size() == 1) {
                fhir::BundleResponse only;
                only.status = reply->status;
                only.outcome = reply->body;
                bool transient = false;
                if (Status s = settle(*chunk, {only}, counts, &transient); !s)
                    return s;
                if (m_refused)
                    return refusedByDpi(reply->status);
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
            return makeError(SyncError::BadResponse, QStringLiteral("the DPI answered %1 entries for %2 sent")
                                                         .arg(responses->size())
                                                         .arg(chunk->size()));
        ++m_accepted;
        completeAnswers(*chunk, *responses);
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
                NetError::Unauthorized,
                QStringLiteral("the DPI refused our credentials for some records; they stay queued"));
        if (m_refused)
            return refusedByDpi(0);
        if (transient)
            return makeError(NetError::ServerUnavailable,
                             QStringLiteral("the DPI could not take some records now; they stay queued"),
                             true);
    }
    bool stillQueued = false;
    for (const OutgoingResource &poison : std::as_const(suspects)) {
        // The DPI took other records in this run: it is up, and fails on this one alone. With nothing
        // else to send, a record it fails on run after run is as surely the cause (sync-audit §7): set
        // aside once it has failed alone kLoneSuspectAttempts times, so the device's sync is not stuck
        // in error behind one record. Reversible, like every quarantine.
        Result<QList<OutboxEntry>> entries = m_store.outbox().forRecord(poison.recordId);
        if (!entries)
            return entries.error();
        int attempts = 0;
        for (const OutboxEntry &e : std::as_const(*entries))
            attempts = std::max(attempts, e.attempts);
        if (m_accepted == 0 && attempts < kLoneSuspectAttempts) {
            stillQueued = true;
            continue;
        }
        const QString reason =
            m_accepted > 0 ? QStringLiteral("the DPI fails (500) on this record while it accepts the others; "
                                            "retry once the DPI is fixed")
                           : QStringLiteral("the DPI failed (500) on this record alone %1 times in a row; "
                                            "retry once the DPI is fixed")
                                 .arg(attempts);
        if (Status s = quarantine(poison, reason, QStringLiteral("500"), counts); !s)
            return s;
    }
    if (stillQueued)
        return makeError(NetError::ServerUnavailable,
                         QStringLiteral("the DPI answered 500; the records stay queued"), true);
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
    bool anyAccepted = false;
    for (const fhir::BundleResponse &r : responses)
        anyAccepted = anyAccepted || (r.status >= 200 && r.status < 300);
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
            if (Status s = settleEntry(chunk[i], responses[i], anyAccepted, counts, transient); !s)
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
        if (*row && (*row)->slotMs && *(*row)->slotMs > 0) {
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
                           bool othersAccepted, SyncCounts &counts, bool *transient)
{
    StoreContext &context = m_store.context();
    const qint64 now = context.clock.nowMs();
    const int status = response.status;
    if (status >= 200 && status < 300)
        return settleAccepted(sent, response, counts);
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
    if (status == 500 && othersAccepted) {
        // The DPI took the other entries of this batch and failed on this one alone.
        return quarantine(sent,
                          QStringLiteral("the DPI fails (500) on this record while it accepts the others: %1")
                              .arg(fhir::outcomeText(response.outcome)),
                          QStringLiteral("500"), counts);
    }
    if (status >= 500 || status == 429 || status == 408 || status == 409 || status == 423 || status == 0) {
        // Version contention, rate limits, a busy or unreachable DPI: try again later.
        *transient = true;
        m_attempted.remove(sent.recordId);
        return m_store.outbox().recordFailedAttempts(sent.recordId,
                                                     QStringLiteral("the DPI answered %1").arg(status), now);
    }
    if (status == 400 || status == 422 || status == 403 || status == 413) {
        // A judgement on this record (invalid, not permitted for this patient): set aside with the DPI's
        // words until a person retries it.
        const QString reason = QStringLiteral("refused by the DPI (%1): %2")
                                   .arg(status)
                                   .arg(fhir::outcomeText(response.outcome));
        return quarantine(sent, reason, QString::number(status), counts);
    }
    // 404 on a create, 405, 406, 415…: about the DPI's setup, not this record.
    m_refused = true;
    m_attempted.remove(sent.recordId);
    return m_store.outbox().recordFailedAttempts(
        sent.recordId, QStringLiteral("the DPI refused the request (%1)").arg(status), now);
}

// What a create sent as its first version: the base a DPI user's later edit is merged against.
Result<QJsonObject> Pusher::sentCreate(const OutgoingResource &sent)
{
    if (sent.localVersion <= 1)
        return sent.json;
    StoreContext &context = m_store.context();
    Result<QList<RecordRow>> versions = context.records.history(sent.recordId);
    if (!versions)
        return versions.error();
    RecordMapper mapper(context);
    for (const RecordRow &version : std::as_const(*versions)) {
        if (version.version != 1)
            continue;
        RecordRow first = version;
        first.serverId.clear();
        Result<OutgoingResource> out = mapper.outgoing(first);
        if (!out)
            return out.error();
        return out->json;
    }
    return QJsonObject();
}

Status Pusher::settleAccepted(const OutgoingResource &sent, const fhir::BundleResponse &response,
                              SyncCounts &counts)
{
    StoreContext &context = m_store.context();
    const qint64 now = context.clock.nowMs();
    const fhir::Location location = fhir::parseLocation(response.location);
    const fhir::ServerState returned = fhir::serverStateOf(response.resource);
    const QString serverId = !location.id.isEmpty() ? location.id : returned.id;
    QString version = !location.version.isEmpty() ? location.version : fhir::versionFromEtag(response.etag);
    if (version.isEmpty())
        version = returned.versionId;
    const bool matched = sent.method == QLatin1String("POST") && response.status == 200;

    if (sent.recordType == RecordType::Patient && matched) {
        // The DPI already had a patient with this IPP: the same person only if name and birth date
        // agree, and only once we have read who it is (sync-audit §1).
        if (response.resource.isEmpty())
            return parkConflict(
                sent, QStringLiteral("identity-unverified"), {},
                QStringLiteral("the DPI matched this patient but we could not read who it is"), counts);
        Result<Patient> theirs = fhir::patientFromFhir(response.resource);
        Result<Patient> ours = fhir::patientFromFhir(sent.json);
        if (!theirs || !ours || !RecordMapper::samePerson(*theirs, *ours))
            return parkConflict(sent, QStringLiteral("identity-mismatch"), response.resource, QString(),
                                counts);
    }
    if (serverId.isEmpty() || version.isEmpty()) {
        // Not confirmed with a version: not delivered. The next run's conditional create will tell.
        return m_store.outbox().recordFailedAttempts(sent.recordId,
                                                     QStringLiteral("no version in the DPI's answer"), now);
    }
    const qint64 lastModified =
        response.lastModifiedMs > 0 ? response.lastModifiedMs : returned.lastUpdatedMs;
    const std::optional<qint64> serverMs =
        lastModified > 0 ? std::optional<qint64>(lastModified) : std::nullopt;
    DpiCopies copies(context.db, context.keys.sealer());

    if (matched && sent.recordType != RecordType::Patient && !response.resource.isEmpty()) {
        // Our create had arrived (its answer was lost). If a DPI user changed it since, that change is
        // merged with ours against what we sent, never overwritten (sync-audit §9).
        Result<QJsonObject> created = sentCreate(sent);
        if (!created)
            return created.error();
        if (!created->isEmpty() && clinicalContent(response.resource) != clinicalContent(*created)) {
            if (Status s = m_store.outbox().settle(sent.recordId, 1, OutboxState::Delivered, QString(), now);
                !s)
                return s;
            if (Status s = context.records.setServerState(sent.recordId, serverId, version, serverMs); !s)
                return s;
            if (Status s = audit(context, sent, QStringLiteral("record.delivered"), version); !s)
                return s;
            ++counts.pushed;
            ConflictResolver resolver(m_store);
            Result<ConflictResolver::Outcome> outcome =
                resolver.reconcileOnBase(sent.recordId, *created, response.resource, counts);
            if (!outcome)
                return outcome.error();
            if (*outcome == ConflictResolver::Outcome::Merged ||
                *outcome == ConflictResolver::Outcome::LocalKept)
                m_attempted.remove(sent.recordId);
            return {};
        }
    }
    if (Status s = context.records.setServerState(sent.recordId, serverId, version, serverMs); !s)
        return s;
    if (!response.resource.isEmpty() && returned.versionId == version) {
        if (Status s = copies.put(sent.recordId, sent.patientId, response.resource); !s)
            return s;
    }
    if (sent.recordType == RecordType::Patient && !matched) {
        // Created on the DPI by this push: it had nothing of this patient before, so there is nothing to
        // pull in full (a patient bound by a match is pulled in full on the next run, sync-audit §4).
        if (Status s = FullPulls(context.db).markDone({sent.recordId}, now); !s)
            return s;
    }
    if (matched && sent.localVersion > 1) {
        // The create had already arrived (its answer was lost); our later version still has to go, as an
        // update on the version the DPI holds.
        m_attempted.remove(sent.recordId);
        return {};
    }
    if (Status s =
            m_store.outbox().settle(sent.recordId, sent.localVersion, OutboxState::Delivered, QString(), now);
        !s)
        return s;
    ++counts.pushed;
    return audit(context, sent, QStringLiteral("record.delivered"), version);
}

Status Pusher::parkConflict(const OutgoingResource &sent, const QString &rule, const QJsonObject &remote,
                            const QString &reason, SyncCounts &counts)
{
    StoreContext &context = m_store.context();
    ParkedConflict conflict;
    conflict.recordId = sent.recordId;
    conflict.recordType = sent.recordType;
    conflict.patientId = sent.patientId; // every conflict names its patient (sync-audit §25)
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

// A conditional create answered 412: several DPI records carry the identifier (for a patient, an
// identity-vigilance duplicate). The candidates are kept for the identity team (sync-audit §12).
Status Pusher::resolveAmbiguousCreate(const OutgoingResource &sent, SyncCounts &counts)
{
    Result<QList<QJsonObject>> candidates = search(sent.resourceType, sent.ifNoneExist);
    if (!candidates)
        return candidates.error();
    QJsonArray entries;
    for (const QJsonObject &candidate : std::as_const(*candidates))
        entries.append(QJsonObject{{QStringLiteral("resource"), candidate}});
    const QJsonObject found{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                            {QStringLiteral("type"), QStringLiteral("searchset")},
                            {QStringLiteral("total"), int(candidates->size())},
                            {QStringLiteral("entry"), entries}};
    Transaction tx(m_store.context().db);
    if (Status s = tx.begin(); !s)
        return s;
    if (Status s = parkConflict(
            sent, QStringLiteral("ambiguous-match"), found,
            QStringLiteral("%1 DPI records carry this identifier").arg(candidates->size()), counts);
        !s)
        return s;
    return tx.commit();
}

Status Pusher::resolvePreconditionFailed(const OutgoingResource &sent, SyncCounts &counts)
{
    if (sent.method == QLatin1String("POST"))
        return resolveAmbiguousCreate(sent, counts);
    StoreContext &context = m_store.context();
    Result<FhirReply> current = m_client.get(sent.url);
    if (!current)
        return current.error();
    const fhir::ServerState remote = fhir::serverStateOf(current->body);
    if (current->status == 200 && clinicalContent(current->body) == clinicalContent(sent.json)) {
        // Our own earlier update arrived but its answer was lost: nothing to reconcile.
        Transaction tx(context.db);
        if (Status s = tx.begin(); !s)
            return s;
        if (Status s = context.records.setServerState(sent.recordId, remote.id, remote.versionId,
                                                      remote.lastUpdatedMs);
            !s)
            return s;
        if (Status s = DpiCopies(context.db, context.keys.sealer())
                           .put(sent.recordId, sent.patientId, current->body);
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
    if (current->status == 404 || current->status == 410) {
        Transaction tx(context.db);
        if (Status s = tx.begin(); !s)
            return s;
        if (Status s = parkConflict(sent, QStringLiteral("deleted-in-dpi"), {}, QString(), counts); !s)
            return s;
        return tx.commit();
    }
    if (current->status != 200) {
        // Neither the record nor a clear "gone": ask again next run.
        return m_store.outbox().recordFailedAttempts(
            sent.recordId, QStringLiteral("the DPI answered %1 to a read").arg(current->status),
            context.clock.nowMs());
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
