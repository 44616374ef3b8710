#pragma once

#include "auditexporter.h"
#include "core/result.h"
#include "syncsummary.h"

#include <functional>

namespace chevet {

class Store;
class Transport;

struct SyncOutcome
{
    SyncCounts counts;
    qint64 durationMs = 0;
    qint64 clockSkewMs = 0;  // device clock minus the DPI's Date header
    int chunkSize = 0;       // transaction size the push settled on
    qint64 retryAfterMs = 0; // the DPI's Retry-After on its last refusal, 0 when none
};

// One complete, blocking sync on the calling thread: read the CapabilityStatement, push the outbox
// (safety-critical first), then pull the scope's changes — the pull runs even when the push could not
// finish. On failure the counts so far are kept in
// `partial`; what was not confirmed stays queued.
class SyncRun
{
public:
    using StateChanged = std::function<void(SyncState)>;
    using Progress = std::function<void(SyncState phase, int done, int total)>;

    SyncRun(Store &store, Transport &transport, SyncScope scope);

    void onState(StateChanged callback) { m_state = std::move(callback); }
    void onProgress(Progress callback) { m_progress = std::move(callback); }
    // How long the oldest audit entry waits before the trail goes to the DPI (AuditExporter); 0 sends it
    // at this run (a sync started by hand).
    void setAuditExportDelay(qint64 delayMs) { m_auditDelayMs = delayMs; }

    Result<SyncOutcome> run(SyncOutcome *partial = nullptr);

private:
    Store &m_store;
    Transport &m_transport;
    SyncScope m_scope;
    StateChanged m_state;
    Progress m_progress;
    qint64 m_auditDelayMs = AuditExporter::kDefaultDelayMs;
};

} // namespace chevet
