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

// Sends the outbox to the DPI: conditional creates on the client id, updates with If-Match on the
// base version, in transactions no larger than the server accepts (learnt from its refusals), else
// batches. Per record: 2xx → delivered with the server's version; 412 → conflict parked; other 4xx →
// quarantined with the server's reason; transport failures and 5xx stop the run as transient, leaving
// everything pending. Safety-critical records go first (outbox priority).
class Pusher
{
public:
    using Progress = std::function<void(int done, int total)>;

    Pusher(Store &store, FhirClient &client, const fhir::ServerCapabilities &capabilities, Progress progress);

    Status run(SyncCounts &counts);
    int chunkSize() const { return m_chunk; }

private:
    enum class Mode { Transaction, Batch };

    Result<QList<OutgoingResource>> nextChunk(int limit);
    static QList<fhir::BundleRequest> bundleRequests(const QList<OutgoingResource> &chunk);
    Status settle(const QList<OutgoingResource> &chunk, const QList<fhir::BundleResponse> &responses,
                  SyncCounts &counts, bool *transient);
    Status settleEntry(const OutgoingResource &sent, const fhir::BundleResponse &response, SyncCounts &counts,
                       bool *transient);
    Status resolvePreconditionFailed(const OutgoingResource &sent, SyncCounts &counts);
    // Keeps both sides: the local record stays, its outbox entries wait in "conflict", the DPI's
    // version is sealed in the conflict queue.
    Status parkConflict(const OutgoingResource &sent, const QString &rule, const QJsonObject &remote,
                        const QString &reason, SyncCounts &counts);

    Store &m_store;
    FhirClient &m_client;
    fhir::ServerCapabilities m_capabilities;
    Progress m_progress;
    int m_chunk = 50;
    QSet<QUuid> m_attempted;     // records already sent in this run: a run never loops on one record
    bool m_unauthorized = false; // an entry came back 401: our credentials, not the record, were refused
    QHash<QUuid, int> m_merges;
    static constexpr int kMaxMergesPerRun = 3;
    SyncCounts *m_counts = nullptr;
};

} // namespace chevet
