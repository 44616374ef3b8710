#pragma once

#include "core/result.h"
#include "fhir/bundle.h"
#include "fhir/capabilities.h"
#include "syncsummary.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QUuid>

#include <functional>

namespace chevet {

class FhirClient;
class RecordMapper;
class Store;
struct OutgoingResource;

// Sends the outbox to the DPI: conditional creates on the client id (or, where the DPI has no
// conditional create, a search by identifier first), updates that change on the DPI's full resource only
// what the nurse changed, with If-Match on the base version, in transactions no larger than the server
// accepts (learnt from its refusals and remembered), else batches.
//
// Per record: 2xx → delivered once its id and version are known (read when the answer lacks them) and,
// for a conditional create that matched, once the person (patients) and the content (a DPI user may have
// edited it since) are checked; 412 → merge or conflict parked; 400/403/422 → quarantined, reversibly;
// 409/423/429/5xx → stays pending. A 500 on one bundle is bisected: a record that alone makes the DPI
// fail is set aside (quarantined) and the others go. Whole-request refusals (405/406/415, a 404 on the
// base) are about the DPI, not the records: nothing is quarantined. Safety-critical records go first.
class Pusher
{
public:
    using Progress = std::function<void(int done, int total)>;

    Pusher(Store &store, FhirClient &client, const fhir::ServerCapabilities &capabilities, Progress progress);

    Status run(SyncCounts &counts);
    int chunkSize() const { return m_chunk; }
    // Entries per transaction until the DPI says less: a day's home-care round (about 250 observations)
    // in two bundles, as each bundle is a round trip on a mobile link (issue "weak links"); a DPI that
    // refuses the size (413, too-costly) halves it once and for all.
    static constexpr int kDefaultChunk = 200;

private:
    enum class Mode { Transaction, Batch };

    Result<QList<OutgoingResource>> nextChunk(int limit);
    Status prepareUpdate(OutgoingResource &out);
    // What a resource says clinically, without what the server adds or rewrites (meta, id, text).
    static QJsonObject clinicalContent(QJsonObject json);
    static QList<fhir::BundleRequest> bundleRequests(const QList<OutgoingResource> &chunk);
    // Where the DPI has no conditional create: records it already holds (a lost answer, a killed app)
    // are found by identifier and settled as matches instead of being created twice (sync-audit §14).
    Status settleKnownToDpi(QList<OutgoingResource> &chunk, SyncCounts &counts);
    // Answers without the resource, id or version: read them before settling (sync-audit §1, §13).
    void completeAnswers(const QList<OutgoingResource> &chunk, QList<fhir::BundleResponse> &responses);
    Status settle(const QList<OutgoingResource> &chunk, const QList<fhir::BundleResponse> &responses,
                  SyncCounts &counts, bool *transient);
    Status settleEntry(const OutgoingResource &sent, const fhir::BundleResponse &response,
                       bool othersAccepted, SyncCounts &counts, bool *transient);
    Status settleAccepted(const OutgoingResource &sent, const fhir::BundleResponse &response,
                          SyncCounts &counts);
    Status quarantine(const OutgoingResource &sent, const QString &reason, const QString &detail,
                      SyncCounts &counts);
    Status resolvePreconditionFailed(const OutgoingResource &sent, SyncCounts &counts);
    Status resolveAmbiguousCreate(const OutgoingResource &sent, SyncCounts &counts);
    // Keeps both sides: the local record stays, its outbox entries wait in "conflict", the DPI's
    // version is sealed in the conflict queue.
    Status parkConflict(const OutgoingResource &sent, const QString &rule, const QJsonObject &remote,
                        const QString &reason, SyncCounts &counts);
    Result<QJsonObject> sentCreate(const OutgoingResource &sent);
    Result<QList<QJsonObject>> search(const QString &type, const QString &query);
    Result<QJsonObject> read(const QString &type, const QString &id);
    void rememberChunk();

    Store &m_store;
    FhirClient &m_client;
    fhir::ServerCapabilities m_capabilities;
    Progress m_progress;
    int m_chunk = kDefaultChunk;
    QSet<QUuid> m_attempted;     // records already sent in this run: a run never loops on one record
    bool m_unauthorized = false; // an entry came back 401: our credentials, not the record, were refused
    bool m_refused = false;      // an entry came back with a status about the DPI, not the record
    int m_accepted = 0;          // bundles the DPI accepted in this run: it is up
    QHash<QUuid, int> m_merges;
    static constexpr int kMaxMergesPerRun = 3;
    static constexpr int kMaxServerErrorsPerRun = 12;
    // A record the DPI fails on (500) when it is the only one sent, in this many runs: set aside.
    static constexpr int kLoneSuspectAttempts = 5;
    SyncCounts *m_counts = nullptr;
};

} // namespace chevet
