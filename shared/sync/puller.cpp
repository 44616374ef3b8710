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
constexpr int kPageSize = 200;
constexpr int kIdsPerQuery = 20;

QString instant(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
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
    // Checkpoints start a little before this run, so nothing changed during it can fall between two runs.
    const qint64 runStart =
        (m_client.lastServerDateMs() > 0 ? m_client.lastServerDateMs() : context.clock.nowMs()) - 60000;

    QStringList scopeIds;
    QList<QJsonObject> encounters;
    if (Status s = resolveScope(&scopeIds, &encounters); !s)
        return s;

    QStringList known;
    QStringList fresh;
    for (const QString &id : std::as_const(scopeIds)) {
        Result<std::optional<Patient>> local = m_store.patients().findByServerId(id);
        if (!local)
            return local.error();
        (*local ? known : fresh).append(id);
    }
    const QStringList types = typesToPull();
    const int steps = 2 + int(types.size());
    int done = 0;
    auto step = [&]() {
        if (m_progress)
            m_progress(++done, steps);
    };

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
    if (Status s = pullNewPatientsInFull(types, fresh, scopeIds); !s)
        return s;
    step();
    for (const QString &type : types) {
        Result<QByteArray> checkpoint = m_store.metaValue(checkpointKey(type));
        if (!checkpoint)
            return checkpoint.error();
        if (checkpoint->isEmpty()) {
            // First run: the full pull above brought the current state; changes count from now on.
            if (Status s = m_store.setMetaValue(checkpointKey(type), instant(runStart).toUtf8()); !s)
                return s;
        } else if (Status s = pullChanges(type, scopeIds); !s) {
            return s;
        }
        if (!m_capabilities.typeHistory.contains(type)) {
            if (Status s = reconcile(type, scopeIds); !s)
                return s;
        }
        step();
    }
    return {};
}

Status Puller::resolveScope(QStringList *patientServerIds, QList<QJsonObject> *encounters)
{
    QSet<QString> ids;
    if (!m_scope.unit.isEmpty()) {
        const QString target = QStringLiteral("Encounter?location=Location/%1&status=in-progress&_count=%2")
                                   .arg(QString::fromUtf8(QUrl::toPercentEncoding(m_scope.unit)))
                                   .arg(kPageSize);
        Status s = m_client.forEachPage(target, [&](const fhir::ParsedBundle &page) -> Status {
            for (const fhir::BundleEntry &entry : page.entries) {
                const QString ref = patientReferenceOf(entry.resource);
                if (ref.startsWith(QLatin1String("Patient/"))) {
                    ids.insert(ref.mid(8));
                    encounters->append(entry.resource);
                }
            }
            return {};
        });
        if (!s)
            return s;
    }
    for (const QString &wanted : std::as_const(m_scope.patients)) {
        // An IPP of this establishment, else the DPI's id.
        const QString search = QStringLiteral("Patient?identifier=%1|%2")
                                   .arg(QString::fromUtf8(QUrl::toPercentEncoding(m_store.establishment())),
                                        QString::fromUtf8(QUrl::toPercentEncoding(wanted)));
        bool found = false;
        Status s = m_client.forEachPage(search, [&](const fhir::ParsedBundle &page) -> Status {
            for (const fhir::BundleEntry &entry : page.entries) {
                ids.insert(entry.resource.value(QLatin1String("id")).toString());
                found = true;
            }
            return {};
        });
        if (!s)
            return s;
        if (!found)
            ids.insert(wanted);
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

Status Puller::pullPatients(const QStringList &serverIds)
{
    for (const QString &chunk : chunks(serverIds, kIdsPerQuery)) {
        Status s = m_client.forEachPage(QStringLiteral("Patient?_id=%1&_count=%2").arg(chunk).arg(kPageSize),
                                        [&](const fhir::ParsedBundle &page) -> Status {
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

Status Puller::pullNewPatientsInFull(const QStringList &types, const QStringList &fresh,
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
    for (const QString &type : types) {
        // A type new to a device that has pulled before (this build or the DPI newly offers it, as
        // allergies) is pulled in full for every patient in scope: the known ones would otherwise only
        // bring the records that change from now on.
        const bool newType = !withCheckpoint.isEmpty() && !withCheckpoint.contains(type);
        const QStringList &serverIds = newType ? scopeIds : fresh;
        for (const QString &chunk : chunks(serverIds, kIdsPerQuery)) {
            QStringList refs;
            for (const QString &id : chunk.split(QLatin1Char(',')))
                refs.append(QStringLiteral("Patient/") + id);
            QString target = QStringLiteral("%1?patient=%2&_count=%3")
                                 .arg(type, refs.join(QLatin1Char(',')))
                                 .arg(kPageSize);
            if (isRecent(type))
                target += QStringLiteral("&_lastUpdated=ge") + instant(recentFrom);
            qint64 ignored = 0;
            Status s = m_client.forEachPage(target, [&](const fhir::ParsedBundle &page) {
                return inOneTransaction(m_store.context().db,
                                        [&]() { return applyPage(page, {}, &ignored); });
            });
            if (!s)
                return s;
        }
    }
    return {};
}

Status Puller::pullChanges(const QString &type, const QStringList &serverIds)
{
    Result<QByteArray> stored = m_store.metaValue(checkpointKey(type));
    if (!stored)
        return stored.error();
    const QString since = QString::fromUtf8(*stored);
    QSet<QString> patientRefs;
    for (const QString &id : serverIds)
        patientRefs.insert(QStringLiteral("Patient/") + id);

    qint64 newest = QDateTime::fromString(since, Qt::ISODateWithMs).toMSecsSinceEpoch();
    bool ascending = true;
    qint64 previousPageMax = 0;
    // The page and the checkpoint that follows it commit together.
    auto page = [&](const fhir::ParsedBundle &bundle) -> Status {
        return inOneTransaction(m_store.context().db, [&]() -> Status {
            qint64 pageMax = 0;
            if (Status s = applyPage(bundle, patientRefs, &pageMax); !s)
                return s;
            // Servers may list history newest first: then the checkpoint can only move once all pages are in.
            ascending = ascending && pageMax >= previousPageMax;
            previousPageMax = std::max(previousPageMax, pageMax);
            newest = std::max(newest, pageMax);
            if (ascending && pageMax > 0)
                return m_store.setMetaValue(checkpointKey(type), instant(pageMax).toUtf8());
            return {};
        });
    };

    if (m_capabilities.typeHistory.contains(type)) {
        if (Status s = m_client.forEachPage(
                QStringLiteral("%1/_history?_since=%2&_count=%3").arg(type, since).arg(kPageSize), page);
            !s)
            return s;
    } else {
        for (const QString &chunk : chunks(serverIds, kIdsPerQuery)) {
            QStringList refs;
            for (const QString &id : chunk.split(QLatin1Char(',')))
                refs.append(QStringLiteral("Patient/") + id);
            // ge, not gt: a change in the same millisecond as the checkpoint must not be missed;
            // what comes back twice is recognised by its version and skipped.
            const QString target =
                QStringLiteral("%1?patient=%2&_lastUpdated=ge%3&_sort=_lastUpdated&_count=%4")
                    .arg(type, refs.join(QLatin1Char(',')), since)
                    .arg(kPageSize);
            previousPageMax = 0;
            if (Status s = m_client.forEachPage(target, page); !s)
                return s;
        }
    }
    return m_store.setMetaValue(checkpointKey(type), instant(newest).toUtf8());
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
    for (const QString &chunk : chunks(serverIds, kIdsPerQuery)) {
        QStringList refs;
        for (const QString &id : chunk.split(QLatin1Char(',')))
            refs.append(QStringLiteral("Patient/") + id);
        const QString target =
            QStringLiteral("%1?patient=%2&_elements=id&_count=500").arg(type, refs.join(QLatin1Char(',')));
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
    // Everything is fetched: the deletions are local work, one transaction.
    return inOneTransaction(context.db,
                            [&]() { return applyDeletions(type, recordTypes, serverIds, onServer); });
}

} // namespace chevet
