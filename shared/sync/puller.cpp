#include "puller.h"

#include "pullsupport.h"

#include "clinicalrules.h"
#include "conflictresolver.h"
#include "core/clock.h"
#include "core/logging.h"
#include "fhir/bundle.h"
#include "fhir/resources.h"
#include "fhirclient.h"
#include "recordmapper.h"
#include "store/conflictqueue.h"
#include "store/database.h"
#include "store/fullpulls.h"
#include "store/outbox.h"
#include "store/patientrelink.h"
#include "store/patientrepository.h"
#include "store/recordcodec.h"
#include "store/store.h"
#include "store/storecontext.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUrl>

namespace chevet {

using pull::inOneTransaction;
using pull::patientReferenceOf;
using pull::recordTypeFor;

namespace {

const QStringList kTypes = {QStringLiteral("Encounter"), QStringLiteral("MedicationRequest"),
                            QStringLiteral("Task"), QStringLiteral("Observation"),
                            QStringLiteral("MedicationAdministration")};
// Pulled only from a DPI whose CapabilityStatement offers searching them (by patient).
const QStringList kOptionalTypes = {QStringLiteral("AllergyIntolerance")};
// Servers serve at most their own maximum per page (HAPI, the stand-in: 500) whatever is asked; on a
// mobile link every page is a round trip, so asking for more than any of them serves costs nothing.
constexpr int kPageSize = 1000;
// Servers stamp lastUpdated when a write starts but show it when its transaction commits: a long bundle
// can appear after a later one. Changes are asked for from a little before the checkpoint; what comes
// back twice is recognised by its version (sync-audit §18).
constexpr qint64 kCheckpointMarginMs = 2 * 60 * 1000;
constexpr int kIdsPerQuery = 20;

QString instant(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// Where a pass that failed halfway stopped, exactly (pages proven oldest first): the next run resumes
// there without the margin, so a weak link makes progress page by page. A complete pass clears it.
QString resumeKey(const QString &type)
{
    return QStringLiteral("resume.") + type;
}

QString checkpointKey(const QString &type)
{
    return QStringLiteral("checkpoint.") + type;
}

bool isRecent(const QString &type)
{
    return type == QLatin1String("Observation") || type == QLatin1String("MedicationAdministration");
}

} // namespace

Puller::Puller(Store &store, FhirClient &client, const fhir::ServerCapabilities &capabilities,
               SyncScope scope, Progress progress)
    : m_store(store)
    , m_client(client)
    , m_medications(client)
    , m_capabilities(capabilities)
    , m_scope(std::move(scope))
    , m_progress(std::move(progress))
{}

QStringList Puller::chunks(const QStringList &ids, int size) const
{
    QStringList out;
    for (qsizetype i = 0; i < ids.size(); i += size)
        out.append(ids.mid(i, size).join(QLatin1Char(',')));
    return out;
}

Status Puller::run(SyncCounts &counts)
{
    m_counts = &counts;
    StoreContext &context = m_store.context();
    const QStringList types = typesToPull();
    if (Status s = prefetchIndependentReads(types); !s)
        return s;
    QStringList scopeIds;
    QList<QJsonObject> encounters;
    if (Status s = resolveScope(&scopeIds, &encounters); !s)
        return s;
    // Checkpoints start a little before the run's first query, on the DPI's clock (never the tablet's, which
    // may be fast), so nothing changed during the run can fall between two runs.
    const qint64 runStart =
        (m_client.firstServerDateMs() > 0 ? m_client.firstServerDateMs() : context.clock.nowMs()) - 60000;

    // A patient is pulled in full until every type has arrived for them once: an admission whose first
    // pull failed halfway, or a patient registered here whom the DPI already knew (sync-audit §4).
    FullPulls pulledInFull(context.db);
    QStringList fresh;
    for (const QString &id : std::as_const(scopeIds)) {
        Result<std::optional<Patient>> local = m_store.patients().findByServerId(id);
        if (!local)
            return local.error();
        Result<bool> done = *local ? pulledInFull.isDone((*local)->id) : Result<bool>(false);
        if (!done)
            return done.error();
        if (!*done)
            fresh.append(id);
    }
    const int steps = 2 + int(types.size());
    int done = 0;
    auto step = [&]() {
        if (m_progress)
            m_progress(++done, steps);
    };

    Result<QList<FullPullRead>> fullPulls = fullPullReads(types, fresh, scopeIds);
    if (!fullPulls)
        return fullPulls.error();
    // The second batch: the patients in scope and the first page of every full pull.
    QStringList reads = patientReads(scopeIds);
    for (const FullPullRead &read : std::as_const(*fullPulls))
        reads.append(read.target);
    if (Status s = m_client.prefetch(reads); !s)
        return s;
    if (Status s = pullPatients(scopeIds); !s)
        return s;
    if (Status s = followMerges(); !s)
        return s;
    Status applied = inOneTransaction(context.db, [&]() -> Status {
        for (const QJsonObject &encounter : std::as_const(encounters)) {
            if (Status s = apply(encounter); !s)
                return s;
        }
        return {};
    });
    if (!applied)
        return applied;
    step();
    if (Status s = pullInFull(*fullPulls); !s)
        return s;
    QList<QUuid> completed;
    for (const QString &id : std::as_const(fresh)) {
        Result<std::optional<Patient>> local = m_store.patients().findByServerId(id);
        if (!local)
            return local.error();
        if (*local)
            completed.append((*local)->id);
    }
    if (Status s = pulledInFull.markDone(completed, context.clock.nowMs()); !s)
        return s;
    step();
    for (const QString &type : types) {
        Result<QByteArray> checkpoint = m_store.metaValue(checkpointKey(type));
        if (!checkpoint)
            return checkpoint.error();
        const bool firstPass = checkpoint->isEmpty();
        if (firstPass) {
            // First run: the full pull above brought the current state; changes count from when the server
            // ran its first query (its own clock, page meta.lastUpdated), else from a little before this run.
            const qint64 first = std::max(runStart, m_fullPullQueriedAt.value());
            if (Status s = m_store.setMetaValue(checkpointKey(type), instant(first).toUtf8()); !s)
                return s;
        } else if (Status s = pullChanges(type, scopeIds); !s) {
            return s;
        }
        // Not after a type's first full pull: it has just brought everything there is.
        if (!firstPass && !m_capabilities.typeHistory.contains(type)) {
            if (Status s = reconcile(type, scopeIds); !s)
                return s;
        }
        step();
    }
    return {};
}

QString Puller::stayRead() const
{
    return QStringLiteral("Encounter?location=Location/%1&status=in-progress&_count=%2")
        .arg(QString::fromUtf8(QUrl::toPercentEncoding(m_scope.unit)))
        .arg(kPageSize);
}

QString Puller::identifierRead(const QString &ipp) const
{
    // An IPP of this establishment. Never the DPI's id as a fallback: on servers with integer ids an
    // unknown IPP 12345 would bring Patient/12345, somebody else (sync-audit §26).
    return QStringLiteral("Patient?identifier=%1|%2")
        .arg(QString::fromUtf8(QUrl::toPercentEncoding(m_store.establishment())),
             QString::fromUtf8(QUrl::toPercentEncoding(ipp)));
}

QStringList Puller::scopeReads() const
{
    QStringList targets;
    if (!m_scope.unit.isEmpty())
        targets.append(stayRead());
    for (const QString &wanted : std::as_const(m_scope.patients))
        targets.append(identifierRead(wanted));
    return targets;
}

Status Puller::resolveScope(QStringList *patientServerIds, QList<QJsonObject> *encounters)
{
    QSet<QString> ids;
    if (!m_scope.unit.isEmpty()) {
        Status s = m_client.forEachPage(stayRead(), [&](const fhir::ParsedBundle &page) -> Status {
            for (const fhir::BundleEntry &entry : page.entries) {
                const fhir::Location patient = fhir::parseLocation(patientReferenceOf(entry.resource));
                if (patient.type == QLatin1String("Patient") && !patient.id.isEmpty()) {
                    ids.insert(patient.id);
                    encounters->append(entry.resource);
                }
            }
            return {};
        });
        if (!s)
            return s;
    }
    for (const QString &wanted : std::as_const(m_scope.patients)) {
        Status s =
            m_client.forEachPage(identifierRead(wanted), [&](const fhir::ParsedBundle &page) -> Status {
                for (const fhir::BundleEntry &entry : page.entries) {
                    if (entry.searchMode != QLatin1String("include") &&
                        entry.resource.value(QLatin1String("resourceType")) == QLatin1String("Patient"))
                        ids.insert(entry.resource.value(QLatin1String("id")).toString());
                }
                return {};
            });
        if (!s)
            return s;
    }
    // The device's working set stays in scope: patients pulled or created earlier.
    Result<QStringList> local = m_store.patients().serverIds();
    if (!local)
        return local.error();
    for (const QString &serverId : std::as_const(*local))
        ids.insert(serverId);
    *patientServerIds = QStringList(ids.cbegin(), ids.cend());
    patientServerIds->sort();
    return {};
}

QStringList Puller::patientReads(const QStringList &serverIds) const
{
    QStringList targets;
    for (const QString &chunk : chunks(serverIds, kIdsPerQuery))
        targets.append(QStringLiteral("Patient?_id=%1&_count=%2").arg(chunk).arg(kPageSize));
    return targets;
}

Status Puller::pullPatients(const QStringList &serverIds)
{
    for (const QString &target : patientReads(serverIds)) {
        Status s = m_client.forEachPage(target, [&](const fhir::ParsedBundle &page) -> Status {
            return inOneTransaction(m_store.context().db, [&]() -> Status {
                for (const fhir::BundleEntry &entry : page.entries) {
                    if (Status a = apply(entry.resource); !a)
                        return a;
                }
                return {};
            });
        });
        if (!s)
            return s;
    }
    return {};
}

QStringList Puller::typesToPull() const
{
    QStringList types = kTypes;
    for (const QString &type : kOptionalTypes) {
        if (m_capabilities.searchable.contains(type))
            types.append(type);
    }
    return types;
}

Result<QList<Puller::FullPullRead>> Puller::fullPullReads(const QStringList &types, const QStringList &fresh,
                                                          const QStringList &scopeIds)
{
    const qint64 recentFrom = m_store.context().clock.nowMs() - kRecentWindowMs;
    // Checkpoints are written after these full pulls, so they tell whether the device has pulled before.
    QSet<QString> withCheckpoint;
    for (const QString &type : kTypes + kOptionalTypes) {
        Result<QByteArray> checkpoint = m_store.metaValue(checkpointKey(type));
        if (!checkpoint)
            return checkpoint.error();
        if (!checkpoint->isEmpty())
            withCheckpoint.insert(type);
    }
    QList<FullPullRead> reads;
    for (const QString &type : types) {
        // A type new to a device that has pulled before (this build or the DPI newly offers it, as
        // allergies) is pulled in full for every patient in scope: the known ones would otherwise only
        // bring the records that change from now on.
        const bool newType = !withCheckpoint.isEmpty() && !withCheckpoint.contains(type);
        // The week of vitals of one patient fits in a page; of twenty, it takes several, asked one after
        // the other (each page names the next). In one batch, a read per patient costs no round trip more,
        // and on a 3G link each page saved is one (issue "weak links", bench_link). Alone, it would cost
        // one each.
        const int perRead = isRecent(type) && m_client.readsInBatches() ? 1 : kIdsPerQuery;
        for (const QString &refs : patientReferenceChunks(newType ? scopeIds : fresh, perRead)) {
            QString target = QStringLiteral("%1?patient=%2&_count=%3").arg(type, refs).arg(kPageSize);
            if (isRecent(type))
                target += QStringLiteral("&_lastUpdated=ge") + instant(recentFrom);
            reads.append({type, target});
        }
    }
    return reads;
}

Status Puller::pullInFull(const QList<FullPullRead> &reads)
{
    for (const FullPullRead &read : reads) {
        PageSpan ignored;
        Status s = m_client.forEachPage(read.target, [&](const fhir::ParsedBundle &page) -> Status {
            m_fullPullQueriedAt.see(page.lastUpdatedMs);
            Result<fhir::ParsedBundle> resolved = m_medications.resolve(page);
            if (!resolved)
                return resolved.error();
            return inOneTransaction(m_store.context().db,
                                    [&]() { return applyPage(*resolved, {}, &ignored); });
        });
        if (!s)
            return s;
    }
    return {};
}

QStringList Puller::patientReferenceChunks(const QStringList &serverIds, int perChunk) const
{
    QStringList out;
    for (const QString &chunk : chunks(serverIds, perChunk)) {
        QStringList refs;
        for (const QString &id : chunk.split(QLatin1Char(',')))
            refs.append(QStringLiteral("Patient/") + id);
        out.append(refs.join(QLatin1Char(',')));
    }
    return out;
}

Result<QString> Puller::changesSince(const QString &type, qint64 *checkpoint, qint64 *resumeAt)
{
    Result<QByteArray> stored = m_store.metaValue(checkpointKey(type));
    if (!stored)
        return stored.error();
    *checkpoint = QDateTime::fromString(QString::fromUtf8(*stored), Qt::ISODateWithMs).toMSecsSinceEpoch();
    Result<QByteArray> resume = m_store.metaValue(resumeKey(type));
    if (!resume)
        return resume.error();
    *resumeAt =
        resume->isEmpty() || *resume == "none"
            ? 0
            : QDateTime::fromString(QString::fromUtf8(*resume), Qt::ISODateWithMs).toMSecsSinceEpoch();
    return *resumeAt > *checkpoint ? instant(*resumeAt) : instant(*checkpoint - kCheckpointMarginMs);
}

QStringList Puller::changeReads(const QString &type, const QString &since, const QStringList &serverIds) const
{
    if (m_capabilities.typeHistory.contains(type))
        return {QStringLiteral("%1/_history?_since=%2&_count=%3").arg(type, since).arg(kPageSize)};
    QStringList targets;
    // ge, not gt: a change in the same millisecond as the checkpoint must not be missed; what comes back
    // twice is recognised by its version and skipped.
    for (const QString &refs : patientReferenceChunks(serverIds, kIdsPerQuery))
        targets.append(QStringLiteral("%1?patient=%2&_lastUpdated=ge%3&_sort=_lastUpdated&_count=%4")
                           .arg(type, refs, since)
                           .arg(kPageSize));
    return targets;
}

QStringList Puller::listingReads(const QString &type, const QStringList &serverIds) const
{
    QStringList targets;
    for (const QString &refs : patientReferenceChunks(serverIds, kIdsPerQuery))
        targets.append(QStringLiteral("%1?patient=%2&_elements=id&_count=%3").arg(type, refs).arg(kPageSize));
    return targets;
}

Status Puller::prefetchIndependentReads(const QStringList &types)
{
    // What a run reads whatever the scope brings: the ward's stays, the patients and the changes since
    // the checkpoints for the patients the device holds, the listings that reveal deletions. A scope
    // that changed makes some of them miss (they are asked again then); nothing read here is trusted
    // more than a read on its own: a change query older than the full pulls that follow it is applied
    // by version, never over a newer one; a listing only leads to reading each record it did not name.
    Result<QStringList> known = m_store.patients().serverIds();
    if (!known)
        return known.error();
    known->sort();
    QStringList reads = scopeReads() + patientReads(*known);
    for (const QString &type : types) {
        Result<QByteArray> checkpoint = m_store.metaValue(checkpointKey(type));
        if (!checkpoint)
            return checkpoint.error();
        if (checkpoint->isEmpty())
            continue;
        qint64 from = 0;
        qint64 resumeAt = 0;
        Result<QString> since = changesSince(type, &from, &resumeAt);
        if (!since)
            return since.error();
        reads += changeReads(type, *since, *known);
        if (!m_capabilities.typeHistory.contains(type))
            reads += listingReads(type, *known);
    }
    return m_client.prefetch(reads);
}

Status Puller::pullChanges(const QString &type, const QStringList &serverIds)
{
    qint64 checkpoint = 0;
    qint64 resumeAt = 0;
    Result<QString> since = changesSince(type, &checkpoint, &resumeAt);
    if (!since)
        return since.error();
    QSet<QString> patientIds(serverIds.cbegin(), serverIds.cend());

    qint64 newest = std::max(checkpoint, resumeAt);
    // The checkpoint may follow the pages only while they are proven oldest first; otherwise (history in
    // the spec's newest-first order, a server that ignores _sort) it moves once every page is stored, so
    // a failure halfway never skips the older changes (sync-audit §3, §6).
    bool ascending = m_capabilities.typeHistory.contains(type);
    qint64 previousPageMax = 0;
    // When the server ran the earliest query of this pass, on its own clock: every change it had
    // committed by then is either in these pages or a late commit, which the margin covers. The earliest
    // of all pages: answers of one pass can have different ages (a batch asked at the start of the run,
    // a chunk asked again later).
    QueryTime queriedAt;
    auto page = [&](const fhir::ParsedBundle &bundle) -> Status {
        queriedAt.see(bundle.lastUpdatedMs);
        // Before the transaction: resolving may read Medications from the DPI.
        Result<fhir::ParsedBundle> resolved = m_medications.resolve(bundle);
        if (!resolved)
            return resolved.error();
        return inOneTransaction(m_store.context().db, [&]() -> Status {
            PageSpan span;
            if (Status s = applyPage(*resolved, patientIds, &span); !s)
                return s;
            ascending = ascending && span.ascending && span.min >= previousPageMax;
            previousPageMax = std::max(previousPageMax, span.max);
            newest = std::max(newest, span.max);
            if (ascending && span.max > 0)
                return m_store.setMetaValue(resumeKey(type), instant(span.max).toUtf8());
            return {};
        });
    };

    for (const QString &target : changeReads(type, *since, serverIds)) {
        if (Status s = m_client.forEachPage(target, page); !s)
            return s;
    }
    // The checkpoint follows the server's clock, not only the newest change: otherwise what changed in
    // the margin before the newest change would be downloaded again at every sync (issue "weak links",
    // the second sync pulling the whole round). Never back, never past what the server said.
    if (queriedAt.value() > newest)
        newest = queriedAt.value();
    return inOneTransaction(m_store.context().db, [&]() -> Status {
        if (Status s = m_store.setMetaValue(checkpointKey(type), instant(newest).toUtf8()); !s)
            return s;
        return m_store.setMetaValue(resumeKey(type), QByteArrayLiteral("none"));
    });
}

Status Puller::refreshIdentities(SyncCounts &counts)
{
    m_counts = &counts;
    Result<QStringList> known = m_store.patients().serverIds();
    if (!known)
        return known.error();
    if (Status s = pullPatients(*known); !s)
        return s;
    return followMerges();
}

Status Puller::followMerges()
{
    // Outside any page transaction: the survivor may have to be fetched first.
    const QList<std::pair<QUuid, QString>> merges = std::exchange(m_merges, {});
    for (const auto &[retired, survivorServerId] : merges) {
        Result<std::optional<Patient>> survivor = m_store.patients().findByServerId(survivorServerId);
        if (!survivor)
            return survivor.error();
        if (!*survivor) {
            if (Status s = pullPatients({survivorServerId}); !s)
                return s;
            survivor = m_store.patients().findByServerId(survivorServerId);
            if (!survivor)
                return survivor.error();
            if (!*survivor)
                continue; // the DPI does not give us the survivor: nothing moves
        }
        Result<int> moved = relinkPatient(m_store.context(), retired, (*survivor)->id);
        if (!moved)
            return moved.error();
        qCInfo(lcSyncPull) << "patient merged in the DPI:" << *moved
                           << "record(s) moved to the surviving patient";
    }
    return {};
}

Status Puller::reconcile(const QString &type, const QStringList &serverIds)
{
    StoreContext &context = m_store.context();
    QSet<QString> onServer;
    for (const QString &target : listingReads(type, serverIds)) {
        Status s = m_client.forEachPage(target, [&](const fhir::ParsedBundle &page) -> Status {
            for (const fhir::BundleEntry &entry : page.entries)
                onServer.insert(entry.resource.value(QLatin1String("id")).toString());
            return {};
        });
        if (!s)
            return s;
    }
    const QStringList recordTypes = type == QLatin1String("Observation")
                                        ? QStringList{RecordType::Observation, RecordType::Note}
                                        : QStringList{recordTypeFor(type)};
    Result<QStringList> missing = missingFromListing(recordTypes, serverIds, onServer);
    if (!missing)
        return missing.error();
    // A listing can drop records for reasons that are not deletions (offset paging that drifts, default
    // filters, security labels): each one missing is read before it is called deleted (sync-audit §19).
    QList<QJsonObject> stillThere;
    QStringList gone;
    for (const QString &serverId : std::as_const(*missing)) {
        Result<FhirReply> read = m_client.get(type + QLatin1Char('/') + serverId);
        if (!read)
            return read.error();
        if (read->status == 404 || read->status == 410)
            gone.append(serverId);
        else if (read->status == 200 && read->body.value(QLatin1String("resourceType")).toString() == type) {
            Result<QJsonObject> resolved = m_medications.resolve(read->body);
            if (!resolved)
                return resolved.error();
            stillThere.append(*resolved);
        }
    }
    return inOneTransaction(context.db, [&]() -> Status {
        for (const QJsonObject &resource : std::as_const(stillThere)) {
            if (Status s = apply(resource); !s)
                return s;
        }
        for (const QString &serverId : std::as_const(gone)) {
            if (Status s = applyDeletion(type, serverId, 0); !s)
                return s;
        }
        return {};
    });
}

} // namespace chevet
