#include "syncrun.h"

#include "core/clock.h"
#include "core/hybridlogicalclock.h"
#include "core/logging.h"
#include "fhirclient.h"
#include "puller.h"
#include "pusher.h"
#include "store/store.h"
#include "store/storecontext.h"

#include <QElapsedTimer>

#include <cstdlib>

namespace chevet {

SyncRun::SyncRun(Store &store, Transport &transport, SyncScope scope)
    : m_store(store)
    , m_transport(transport)
    , m_scope(std::move(scope))
{}

Result<SyncOutcome> SyncRun::run(SyncOutcome *partial)
{
    QElapsedTimer timer;
    timer.start();
    SyncOutcome outcome;
    auto state = [&](SyncState s) {
        if (m_state)
            m_state(s);
    };
    FhirClient client(m_transport);
    auto failed = [&](const Error &error) -> Result<SyncOutcome> {
        outcome.durationMs = timer.elapsed();
        // Whichever request was told to wait (the first one, often): the next run waits as long
        // (sync-audit §28).
        outcome.retryAfterMs = client.lastRetryAfterMs();
        if (partial)
            *partial = outcome;
        qCInfo(lcSync) << "sync stopped:" << error.code << (error.transient ? "(will retry)" : "");
        return error;
    };

    state(SyncState::Connecting);
    Result<fhir::ServerCapabilities> capabilities = client.capabilities();
    if (!capabilities)
        return failed(capabilities.error());
    if (client.lastServerDateMs() > 0) {
        outcome.clockSkewMs = m_store.context().clock.nowMs() - client.lastServerDateMs();
        // Measured at every contact, shown by the app: a tablet whose clock is wrong records wrong
        // clinical times (sync-audit §23).
        if (Status s = m_store.setMetaValue(QStringLiteral("clock_skew_ms"),
                                            QByteArray::number(outcome.clockSkewMs));
            !s)
            return failed(s.error());
        // The versions written from now on order after what the DPI has seen, even on a tablet whose
        // clock is behind; a DPI clock a day off is a misconfiguration not worth following.
        constexpr qint64 kBelievableSkewMs = 24LL * 3600 * 1000;
        if (std::abs(outcome.clockSkewMs) < kBelievableSkewMs)
            m_store.context().hlc.observe(HlcTimestamp{client.lastServerDateMs(), 0});
    }

    Puller puller(m_store, client, *capabilities, m_scope, [&](int done, int total) {
        if (m_progress)
            m_progress(SyncState::Pulling, done, total);
    });
    state(SyncState::Pulling);
    if (Status s = puller.refreshIdentities(outcome.counts); !s)
        return failed(s.error());

    state(SyncState::Pushing);
    Pusher pusher(m_store, client, *capabilities, [&](int done, int total) {
        if (m_progress)
            m_progress(SyncState::Pushing, done, total);
    });
    Status pushed = pusher.run(outcome.counts);
    outcome.chunkSize = pusher.chunkSize();
    outcome.retryAfterMs = client.lastRetryAfterMs();
    // The pull runs even when the push did not finish: a record the DPI cannot take must never keep a
    // stopped prescription showing active on the tablet (sync-audit §7). Not with refused credentials
    // (the pull would be refused the same way), nor when the DPI could not be reached at all.
    if (!pushed && (pushed.error().code == QLatin1String("unauthorized") || client.lastStatus() == 0))
        return failed(pushed.error());

    state(SyncState::Pulling);
    if (Status pulled = puller.run(outcome.counts); !pulled)
        return failed(pushed ? pulled.error() : pushed.error());
    if (!pushed)
        return failed(pushed.error());

    const qint64 now = m_store.context().clock.nowMs();
    if (Status s = m_store.setMetaValue(QStringLiteral("last_sync_ms"), QByteArray::number(now)); !s)
        return failed(s.error());
    outcome.durationMs = timer.elapsed();
    state(SyncState::Idle);
    qCInfo(lcSync) << "sync done in" << outcome.durationMs << "ms: pushed" << outcome.counts.pushed
                   << "pulled" << outcome.counts.pulled << "conflicts" << outcome.counts.conflicts
                   << "quarantined" << outcome.counts.quarantined;
    return outcome;
}

} // namespace chevet
