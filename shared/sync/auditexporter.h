#pragma once

#include "core/result.h"
#include "fhir/capabilities.h"

#include <QList>
#include <QString>

namespace chevet {

class FhirClient;
class Store;

// Where the tablet's audit trail stands against the DPI (chevetctl status shows it).
struct AuditExportStatus
{
    enum class State {
        NotYet,    // no sync has reached a DPI that takes AuditEvents yet
        Exported,  // the DPI holds the trail up to exportedSeq
        LocalOnly, // the DPI does not take AuditEvents: the trail stays on the tablet
    };
    State state = State::NotYet;
    qint64 exportedSeq = 0;
};

// Sends the audit trail's new entries to the DPI after a sync, as AuditEvents (auditevents.h), when
// its CapabilityStatement says it creates them and takes a transaction or batch (security review F8):
// a nurse who rewrites the tablet's chain then no longer matches the DPI's copy. Runs of entries are
// fixed before they are sent and sent again as they were after an answer that never came: a DPI that
// does conditional creates keeps each once; with one that does not, the run is looked for first.
// Never fails a sync: what could not go is sent at the next one. A request the DPI or a proxy finds
// too large (413) is sent again in smaller runs.
//
// Not at every sync: only once the oldest entry not sent has waited `delayMs`, however many wait, so
// that the quick syncs of a ward, a first pull, and a home-care round on a slow link carry no extra
// round trip; the trail reaches the DPI within the delay of a sync.
class AuditExporter
{
public:
    static constexpr int kEntriesPerEvent = 100;
    static constexpr int kEventsPerBundle = 10;
    static constexpr int kBundlesPerRun = 10;
    static constexpr qint64 kDefaultDelayMs = 15LL * 60 * 1000;

    AuditExporter(Store &store, FhirClient &client, const fhir::ServerCapabilities &capabilities,
                  qint64 delayMs = kDefaultDelayMs);

    // A run of consecutive entries of the trail, sent as one AuditEvent.
    struct Run
    {
        qint64 first = 0;
        qint64 last = 0;
    };

    static bool acceptedBy(const fhir::ServerCapabilities &capabilities);
    // Entries the DPI took in this call.
    Result<qint64> run();
    static Result<AuditExportStatus> status(Store &store);

private:
    // The runs the DPI does not hold (looked for by their code).
    Result<QList<Run>> notOnDpi(const QList<Run> &runs);
    // Sends the runs in one bundle: the DPI's status (200, or 413 when nothing was taken).
    Result<int> send(const QList<Run> &runs, bool conditional);
    Status markSent(qint64 lastSeq);

    Store &m_store;
    FhirClient &m_client;
    const fhir::ServerCapabilities &m_capabilities;
    qint64 m_delayMs;
};

} // namespace chevet
