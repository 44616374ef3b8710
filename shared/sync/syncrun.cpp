#include "syncrun.h"

#include "auditexporter.h"
#include "batchreadpolicy.h"
#include "capabilitycache.h"
#include "core/clock.h"
#include "core/hybridlogicalclock.h"
#include "core/logging.h"
#include "fhirclient.h"
#include "net/http.h"
#include "puller.h"
#include "pusher.h"
#include "store/outbox.h"
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
    CapabilityCache cache(m_store, m_transport.baseUrl());
    BatchReadPolicy batchPolicy(m_store);
    // At the run's first answer, whichever request it is: the skew is measured against the device's
    // clock then, and versions written from then on order after what the DPI has seen.
    client.onFirstServerDate([&](qint64 serverDateMs) {
        outcome.clockSkewMs = m_store.context().clock.nowMs() - serverDateMs;
        // Measured at every contact, shown by the app: a tablet whose clock is wrong records wrong
        // clinical times (sync-audit §23).
        if (Status s = m_store.setMetaValue(QStringLiteral("clock_skew_ms"),
                                            QByteArray::number(outcome.clockSkewMs));
            !s)
            qCWarning(lcSync) << "could not keep the clock skew:" << s.error().code;
        // A DPI clock a day off is a misconfiguration not worth following.
        constexpr qint64 kBelievableSkewMs = 24LL * 3600 * 1000;
        if (std::abs(outcome.clockSkewMs) < kBelievableSkewMs)
            m_store.context().hlc.observe(HlcTimestamp{serverDateMs, 0});
    });
    auto failed = [&](const Error &error) -> Result<SyncOutcome> {
        outcome.durationMs = timer.elapsed();
        if (Status s = batchPolicy.record(client.batchReadsFailed(), client.batchReadsAnswered(),
                                          m_store.context().clock.nowMs());
            !s)
            qCWarning(lcSync) << "could not remember how batches fared:" << s.error().code;
        // A refusal may come from a DPI that changed what it offers: its statement is read again.
        if (!error.transient) {
            if (Status s = cache.forget(); !s)
                qCWarning(lcSync) << "could not forget the DPI's capabilities:" << s.error().code;
        }
        // Whichever request was told to wait (the first one, often): the next run waits as long
        // (sync-audit §28).
        outcome.retryAfterMs = client.lastRetryAfterMs();
        if (partial)
            *partial = outcome;
        qCInfo(lcSync) << "sync stopped:" << error.code << (error.transient ? "(will retry)" : "");
        return error;
    };

    state(SyncState::Connecting);
    Result<std::optional<QJsonObject>> kept = cache.fresh(m_store.context().clock.nowMs());
    if (!kept)
        return failed(kept.error());
    QJsonObject statement;
    if (*kept) {
        statement = **kept;
    } else {
        Result<QJsonObject> read = client.capabilityStatement();
        if (!read)
            return failed(read.error());
        statement = *read;
    }
    Result<fhir::ServerCapabilities> capabilities = fhir::parseCapabilityStatement(statement);
    if (!capabilities)
        return failed(capabilities.error());
    if (!*kept) {
        if (Status s = cache.keep(statement, m_store.context().clock.nowMs()); !s)
            return failed(s.error());
    }
    Result<bool> batchesAllowed = batchPolicy.allowed(m_store.context().clock.nowMs());
    if (!batchesAllowed)
        return failed(batchesAllowed.error());
    client.allowBatchReads(capabilities->batches && *batchesAllowed);

    Puller puller(m_store, client, *capabilities, m_scope, [&](int done, int total) {
        if (m_progress)
            m_progress(SyncState::Pulling, done, total);
    });
    Result<qint64> toSend = m_store.outbox().pendingCount();
    if (!toSend)
        return failed(toSend.error());
    if (*toSend > 0) {
        // Only when something is to be sent: the pull reads the same identities anyway.
        state(SyncState::Pulling);
        if (Status s = puller.refreshIdentities(outcome.counts); !s)
            return failed(s.error());
    }

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
    if (!pushed && (pushed.error().code == NetError::Unauthorized || client.lastStatus() == 0))
        return failed(pushed.error());

    state(SyncState::Pulling);
    if (Status pulled = puller.run(outcome.counts); !pulled)
        return failed(pushed ? pulled.error() : pushed.error());
    if (!pushed)
        return failed(pushed.error());

    if (Status s = batchPolicy.record(client.batchReadsFailed(), client.batchReadsAnswered(),
                                      m_store.context().clock.nowMs());
        !s)
        return failed(s.error());
    // The audit trail after the clinical work, into the DPI's keeping (security review F8); a DPI that
    // refuses it, or a link lost on the way, never fails the sync: the rest goes at the next one.
    if (Result<qint64> audited = AuditExporter(m_store, client, *capabilities, m_auditDelayMs).run();
        !audited)
        qCWarning(lcSync) << "audit trail not sent:" << audited.error().code << audited.error().message;
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
