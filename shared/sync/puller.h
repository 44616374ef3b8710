#pragma once

#include "core/result.h"
#include "fhir/capabilities.h"
#include "medicationresolver.h"
#include "syncsummary.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <functional>

namespace chevet {

class FhirClient;
class Store;
namespace fhir {
struct ParsedBundle;
}

// Brings the DPI's changes for the device's patients: their identities, current stays,
// prescriptions, tasks, allergies (when the DPI offers them) and recent observations and administrations.
// Uses type-level _history where the server has it (it carries deletions), otherwise _lastUpdated searches
// with de-duplication and a reconciliation of the working set so that deletions are still seen. A
// checkpoint per resource type moves only after its page is stored. A pulled version never overwrites a
// record with pending local changes: that is parked as a conflict with both sides kept.
class Puller
{
public:
    using Progress = std::function<void(int done, int total)>;

    Puller(Store &store, FhirClient &client, const fhir::ServerCapabilities &capabilities, SyncScope scope,
           Progress progress);

    Status run(SyncCounts &counts);
    // Before a push: the identities of the device's patients, so that a patient merged in the DPI
    // (Patient.link replaced-by) has its records moved to the survivor before anything is sent.
    Status refreshIdentities(SyncCounts &counts);

    // How far back a first pull goes for observations and administrations.
    static constexpr qint64 kRecentWindowMs = 7LL * 24 * 3600 * 1000;

private:
    // A full pull's first page: the type and its search.
    struct FullPullRead
    {
        QString type;
        QString target;
    };

    // The reads of a run, as targets: built once, asked one by one or prefetched together in a batch.
    QString stayRead() const;
    QString identifierRead(const QString &ipp) const;
    QStringList scopeReads() const;
    QStringList patientReads(const QStringList &serverIds) const;
    QStringList changeReads(const QString &type, const QString &since, const QStringList &serverIds) const;
    QStringList listingReads(const QString &type, const QStringList &serverIds) const;
    // "Patient/a,Patient/b,..." in chunks a search URL can carry.
    QStringList patientReferenceChunks(const QStringList &serverIds, int perChunk) const;
    // Since when a type's changes are asked: the resume point of a pass that stopped halfway, else the
    // checkpoint less the margin.
    Result<QString> changesSince(const QString &type, qint64 *checkpoint, qint64 *resumeAt);
    Status prefetchIndependentReads(const QStringList &types);

    Status resolveScope(QStringList *patientServerIds, QList<QJsonObject> *encounters);
    Status pullPatients(const QStringList &serverIds);
    // The core types, and the optional ones (allergies) the DPI's CapabilityStatement offers.
    QStringList typesToPull() const;
    // Every type for the patients never pulled in full, and a type new to the device for all of them.
    Result<QList<FullPullRead>> fullPullReads(const QStringList &types, const QStringList &fresh,
                                              const QStringList &scopeIds);
    Status pullInFull(const QList<FullPullRead> &reads);
    Status pullChanges(const QString &type, const QStringList &serverIds);
    Status reconcile(const QString &type, const QStringList &serverIds);
    // The server ids of the device's records of these patients that a listing of the DPI did not name.
    Result<QStringList> missingFromListing(const QStringList &recordTypes, const QStringList &serverIds,
                                           const QSet<QString> &onServer);
    // The times a page of changes spans, and whether it was in oldest-first order.
    struct PageSpan
    {
        qint64 min = 0;
        qint64 max = 0;
        bool ascending = true;
    };
    // Stores a page, the newest version of each resource only, oldest first whatever the server's order.
    // `patientIds`, when not empty, keeps only resources of those patients (type-level history covers
    // every patient of the DPI).
    Status applyPage(const fhir::ParsedBundle &page, const QSet<QString> &patientIds, PageSpan *span);
    Status apply(const QJsonObject &resource);
    Status flagUnreadableVersion(const QJsonObject &resource);
    // `atMs`: when the DPI deleted it (0: unknown).
    Status applyDeletion(const QString &type, const QString &serverId, qint64 atMs);
    Status applyClinicalRules(const struct RecordRow &row);
    Status followMerges();
    Status parkConflict(const QUuid &recordId, const QString &recordType, const QUuid &patientId,
                        int localVersion, const QString &rule, const QJsonObject &remote);
    QStringList chunks(const QStringList &ids, int size) const;

    Store &m_store;
    FhirClient &m_client;
    MedicationResolver m_medications;
    // When the server ran a set of queries: the earliest page's meta.lastUpdated; unknown (0) as soon as
    // one page does not say.
    struct QueryTime
    {
        qint64 earliest = 0;
        bool unknown = false;
        void see(qint64 ms)
        {
            if (ms <= 0)
                unknown = true;
            else if (earliest == 0 || ms < earliest)
                earliest = ms;
        }
        qint64 value() const { return unknown ? 0 : earliest; }
    };
    QueryTime m_fullPullQueriedAt; // this run's full pulls
    fhir::ServerCapabilities m_capabilities;
    SyncScope m_scope;
    Progress m_progress;
    SyncCounts *m_counts = nullptr;
    QList<std::pair<QUuid, QString>> m_merges; // retired local id, survivor's DPI id
};

} // namespace chevet
