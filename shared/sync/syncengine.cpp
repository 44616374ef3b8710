#include "syncengine.h"

#include "core/logging.h"
#include "net/cancellation.h"
#include "net/http.h"
#include "store/store.h"

#include <QThread>

namespace chevet {

SyncEngine::SyncEngine(Store &store, TransportFactory transportFactory, SyncScope scope, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_transportFactory(std::move(transportFactory))
    , m_scope(std::move(scope))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SyncEngine::syncNow);
}

SyncEngine::~SyncEngine()
{
    m_cancel = true;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void SyncEngine::setState(SyncState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SyncEngine::setOnline(bool online)
{
    m_online = online;
    if (!online) {
        m_retry.stop();
        if (!m_running)
            setState(SyncState::Offline);
        return;
    }
    m_backoff.reset();
    syncNow();
}

void SyncEngine::syncNow()
{
    if (!m_online) {
        setState(SyncState::Offline);
        return;
    }
    if (m_running) {
        m_again = true;
        return;
    }
    m_retry.stop();
    m_running = true;
    m_again = false;
    setState(SyncState::Connecting);

    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
    QPointer<SyncEngine> self(this);
    m_thread = QThread::create([self, this]() {
        const CancellationScope cancellable(m_cancel);
        bool ok = false;
        Error error;
        SyncOutcome outcome;
        Result<std::unique_ptr<Store>> connection = m_store.openConnection();
        if (!connection) {
            error = connection.error();
        } else {
            std::unique_ptr<Transport> transport = m_transportFactory();
            SyncRun run(**connection, *transport, m_scope);
            run.onState([self](SyncState s) {
                QMetaObject::invokeMethod(self, [self, s]() {
                    if (self)
                        self->setState(s);
                });
            });
            run.onProgress([self](SyncState phase, int done, int total) {
                QMetaObject::invokeMethod(self, [self, phase, done, total]() {
                    if (self)
                        Q_EMIT self->progress(phase, done, total);
                });
            });
            Result<SyncOutcome> result = run.run(&outcome);
            ok = bool(result);
            if (ok)
                outcome = *result;
            else
                error = result.error();
        }
        QMetaObject::invokeMethod(self, [self, ok, error, outcome]() {
            if (self)
                self->runFinished(ok, error, outcome);
        });
    });
    m_thread->start();
}

void SyncEngine::runFinished(bool ok, const Error &error, const SyncOutcome &outcome)
{
    m_running = false;
    m_lastOutcome = outcome;
    if (ok) {
        m_backoff.reset();
        setState(SyncState::Idle);
    } else if (error.transient && m_online) {
        // The DPI's own Retry-After, when it said one, is never undercut (sync-audit §28).
        const qint64 delay = std::max(m_backoff.nextDelayMs(), outcome.retryAfterMs);
        qCInfo(lcSync) << "sync will retry in" << delay << "ms (attempt" << m_backoff.attempts() << ")";
        setState(SyncState::Error);
        m_retry.start(int(delay));
    } else {
        setState(m_online ? SyncState::Error : SyncState::Offline);
    }
    Q_EMIT finished(ok, ok ? Error() : error);
    if (!ok && error.code == NetError::SignInNeeded)
        Q_EMIT signInNeeded();
    // A save during a failed run waits for the backoff like everything else (sync-audit §28).
    if (m_again && m_online && !m_retry.isActive())
        syncNow();
}

} // namespace chevet
