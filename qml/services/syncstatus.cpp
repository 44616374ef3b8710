#include "syncstatus.h"

#include "errortext.h"

#include "core/clock.h"

#include "store/storecontext.h"

#include "backend/unsentrecords.h"
#include "connectivity/connectivitymonitor.h"
#include "core/logging.h"
#include "net/owningnetworktransport.h"
#include "session/sessionpolicy.h"
#include "sessioncontroller.h"
#include "signin.h"
#include "store/alertlog.h"
#include "store/conflictqueue.h"
#include "store/lifetimepurge.h"
#include "store/outbox.h"
#include "store/store.h"
#include "sync/syncengine.h"
#include "unitselection.h"

#include <cstdlib>

using namespace chevet;

namespace {

// What the status page shows; read on the store thread.
struct Counts
{
    OutboxCounts outbox;
    qint64 conflicts = 0;
    int alerts = 0;
    qint64 lastSyncMs = 0;
    qint64 clockSkewMs = 0;
    QVariantList unsent;
};

Result<Counts> readCounts(Store &store)
{
    Counts c;
    Result<OutboxCounts> outbox = store.outbox().counts();
    if (!outbox)
        return outbox.error();
    c.outbox = *outbox;
    Result<qint64> conflicts = store.conflicts().openCount();
    if (!conflicts)
        return conflicts.error();
    c.conflicts = *conflicts;
    Result<QList<ClinicalAlert>> alerts = store.alerts().list(true);
    if (!alerts)
        return alerts.error();
    c.alerts = int(alerts->size());
    if (Result<QByteArray> last = store.metaValue(QStringLiteral("last_sync_ms")); last)
        c.lastSyncMs = last->toLongLong();
    if (Result<QByteArray> skew = store.metaValue(QStringLiteral("clock_skew_ms")); skew)
        c.clockSkewMs = skew->toLongLong();
    // Every record not in the DPI, with whose, what, when and why (issue "the app" item 6).
    Result<QList<app::UnsentRecord>> unsent = app::loadUnsent(store);
    if (!unsent)
        return unsent.error();
    for (const app::UnsentRecord &u : std::as_const(*unsent)) {
        c.unsent.append(QVariantMap{
            {QStringLiteral("patient"), u.patient},
            {QStringLiteral("what"), u.what},
            {QStringLiteral("at"), u.atMs > 0 ? QDateTime::fromMSecsSinceEpoch(u.atMs) : QDateTime()},
            {QStringLiteral("state"), outboxStateKey(u.state)},
            {QStringLiteral("stateText"), app::unsentStateLabel(u.state)},
            {QStringLiteral("reason"), u.reason},
            {QStringLiteral("attempts"), u.attempts}});
    }
    return c;
}

} // namespace

SyncStatus::SyncStatus(SessionController &session, UnitSelection &units, SignIn &signIn,
                       ConnectivityMonitor *connectivity, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_units(units)
    , m_signIn(signIn)
    , m_connectivity(connectivity)
{
    if (m_connectivity) {
        m_online = m_connectivity->online();
        connect(m_connectivity, &ConnectivityMonitor::onlineChanged, this, &SyncStatus::setOnline);
    }
    connect(&m_session, &SessionController::phaseChanged, this, [this]() {
        if (m_session.unlocked())
            startEngine();
        Q_EMIT changed();
    });
    connect(&m_session, &SessionController::aboutToLock, this, &SyncStatus::stopEngine);
    // The nurse's tokens arrive after the engine started (they are read from the store): sync then.
    connect(&m_signIn, &SignIn::providerReady, this, &SyncStatus::syncNow);
    connect(&m_session, &SessionController::dataChanged, this, &SyncStatus::refreshCounts);
    // A nurse's save goes to the DPI soon, not at the next reconnect. Only saves start this (the
    // store worker's signal): a sync's own reload must not start another sync.
    m_afterSave.setSingleShot(true);
    m_afterSave.setInterval(3000);
    connect(&m_session.worker(), &app::StoreWorker::dataChanged, &m_afterSave, qOverload<>(&QTimer::start));
    connect(&m_afterSave, &QTimer::timeout, this, &SyncStatus::syncNow);
    // A sync covers one ward or round: another one means another engine.
    connect(&m_units, &UnitSelection::currentChanged, this, [this]() {
        if (m_session.unlocked() && m_engine) {
            stopEngine();
            startEngine();
        }
    });
    if (m_session.unlocked())
        startEngine();
}

SyncStatus::~SyncStatus() = default;

SyncStatus::State SyncStatus::state() const
{
    if (!m_session.unlocked())
        return Locked;
    if (m_session.training())
        return Training;
    if (!m_session.connectedToDpi())
        return Disabled;
    if (m_syncing)
        return Syncing;
    if (!m_online || (m_engine && m_engine->state() == SyncState::Offline))
        return Offline;
    if (m_quarantined > 0 || m_conflicts > 0 || m_alerts > 0 || !m_lastError.isEmpty())
        return NeedsAttention;
    return m_pending > 0 ? Pending : UpToDate;
}

void SyncStatus::startEngine()
{
    Store *store = m_session.worker().store();
    // Training stores are never given a transport: nothing in them can reach a DPI.
    if (m_engine || m_session.training() || !m_session.connectedToDpi() || !store)
        return;
    NetworkOptions options;
    options.baseUrl = m_session.options().dpi;
    options.bearerToken = m_session.options().token;
    options.pinnedSpkiSha256 = m_session.options().dpiPins;
    SyncScope scope;
    scope.unit = m_units.current();
    // With a sign-in, requests carry the nurse's access token (refreshed as needed); without, the
    // configured static token, if any.
    SignIn *signIn = &m_signIn;
    m_engine = std::make_unique<SyncEngine>(
        *store,
        [options, signIn]() -> std::unique_ptr<Transport> {
            if (std::unique_ptr<Transport> authorizing = signIn->transport(options))
                return authorizing;
            return std::make_unique<OwningNetworkTransport>(options);
        },
        scope);
    connect(m_engine.get(), &SyncEngine::signInNeeded, this, [this]() {
        m_lastError =
            tr("Connexion au DPI nécessaire : rien n'est perdu, les données attendent sur la tablette.");
        Q_EMIT changed();
    });
    connect(m_engine.get(), &SyncEngine::stateChanged, this, [this](SyncState s) {
        m_syncing = s == SyncState::Connecting || s == SyncState::Pulling || s == SyncState::Pushing;
        if (m_syncing)
            m_lastError.clear();
        Q_EMIT changed();
    });
    connect(m_engine.get(), &SyncEngine::progress, this, [this](SyncState, int done, int total) {
        m_done = done;
        m_total = total;
        Q_EMIT changed();
    });
    connect(m_engine.get(), &SyncEngine::finished, this, [this](bool ok, const Error &error) {
        m_syncing = false;
        if (m_lastError.isEmpty() || ok)
            m_lastError = ok ? QString() : ErrorText::of(error);
        m_done = m_total = 0;
        if (!ok && m_connectivity)
            m_connectivity->probeNow(); // a network failure may mean the DPI is gone: find out
        if (ok)
            purgeDelivered();
        Q_EMIT m_session.dataChanged();
    });
    m_engine->setOnline(m_online);
    refreshCounts();
}

void SyncStatus::purgeDelivered()
{
    // Offline data lifetime: once the DPI has everything of a discharged (or long untouched) patient,
    // their data leaves the tablet. The purge itself refuses anything undelivered or in conflict.
    const qint64 maxAge = SessionPolicy().offlineDataMaxAgeMs;
    m_session.worker().run<PurgeReport>(
        this, [maxAge](Store &store) { return LifetimePurge(store).run(maxAge); },
        [this](Result<PurgeReport> report) {
            if (!report)
                qCWarning(lcApp) << "lifetime purge failed:" << report.error().code;
            else if (report->erasedPatients > 0)
                Q_EMIT m_session.dataChanged(); // the lists drop them; not a save: no sync
        });
}

void SyncStatus::stopEngine()
{
    // The engine's destructor stops a run in flight (its request is aborted) and waits for it: a sync
    // never outlives the keys it uses, and the lock never waits for a slow DPI (sync-audit §22).
    m_engine.reset();
    m_syncing = false;
    Q_EMIT changed();
}

void SyncStatus::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    if (m_engine)
        m_engine->setOnline(online);
    Q_EMIT changed();
}

void SyncStatus::syncNow()
{
    if (m_engine)
        m_engine->syncNow();
}

void SyncStatus::retryQuarantined()
{
    m_session.worker().write<int>(
        this,
        [](Store &store) -> Result<int> {
            return store.outbox().retryQuarantined(QUuid(), store.context().clock.nowMs());
        },
        [this](Result<int> moved) {
            if (moved && *moved > 0)
                syncNow();
            refreshCounts();
        });
}

bool SyncStatus::clockWrong() const
{
    constexpr qint64 kTolerableSkewMs = 2 * 60 * 1000;
    return std::abs(m_clockSkewMs) >= kTolerableSkewMs;
}

void SyncStatus::refreshCounts()
{
    m_session.worker().run<Counts>(this, readCounts, [this](Result<Counts> counts) {
        if (!counts)
            return;
        m_pending = int(counts->outbox.pending + counts->outbox.conflicts);
        m_quarantined = int(counts->outbox.quarantined);
        m_conflicts = int(counts->conflicts);
        m_alerts = counts->alerts;
        m_lastSync =
            counts->lastSyncMs > 0 ? QDateTime::fromMSecsSinceEpoch(counts->lastSyncMs) : QDateTime();
        m_unsentRecords = counts->unsent;
        m_clockSkewMs = counts->clockSkewMs;
        Q_EMIT changed();
    });
}
