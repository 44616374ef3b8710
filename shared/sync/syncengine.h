#pragma once

#include "backoff.h"
#include "syncrun.h"
#include "syncsummary.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace chevet {

class Store;
class Transport;

// The app's sync service: one sync at a time (single flight) on its own thread with its own store
// connection, so the UI and a nurse's saves never wait for the network. Started on reconnect and on
// demand; a transient failure retries with capped exponential backoff and jitter; "offline" waits for
// the next connectivity change instead of retrying.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    // Makes the transport on the sync thread (a QNetworkAccessManager must live where it is used).
    using TransportFactory = std::function<std::unique_ptr<Transport>()>;

    SyncEngine(Store &store, TransportFactory transportFactory, SyncScope scope, QObject *parent = nullptr);
    // Stops a run in flight (its request is aborted, sync-audit §22) and waits for its thread: the UI
    // never waits for a slow DPI on lock or suspend. Nothing is lost: the run is crash-safe.
    ~SyncEngine() override;

    SyncState state() const { return m_state; }
    bool isRunning() const { return m_running; }
    const SyncOutcome &lastOutcome() const { return m_lastOutcome; }
    Backoff &backoff() { return m_backoff; }

public Q_SLOTS:
    // Starts a sync unless one is running; then one more follows it (requests are not lost).
    void syncNow();
    void setOnline(bool online);

Q_SIGNALS:
    void stateChanged(chevet::SyncState state);
    void progress(chevet::SyncState phase, int done, int total);
    // `error` is the run's (empty when ok): its code says what the nurse is told.
    void finished(bool ok, const chevet::Error &error);
    // The run stopped because nobody is signed in (or the session ended): show sign-in. Nothing
    // was lost; the outbox waits. Not retried until the next syncNow() after a sign-in.
    void signInNeeded();

private:
    void setState(SyncState state);
    void runFinished(bool ok, const Error &error, const SyncOutcome &outcome);

    Store &m_store;
    TransportFactory m_transportFactory;
    SyncScope m_scope;
    SyncState m_state = SyncState::Idle;
    bool m_online = true;
    bool m_running = false;
    bool m_again = false;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel = false;
    QTimer m_retry;
    Backoff m_backoff;
    SyncOutcome m_lastOutcome;
};

} // namespace chevet
