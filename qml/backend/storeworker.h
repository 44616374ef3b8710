#pragma once

#include "core/result.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QThread;

namespace chevet::app {

// Owns the open store on a thread of its own, so the UI thread never waits on the disk (scrypt at
// unlock, fsync at every save, decrypting a chart). Jobs run in order; each answer comes back on the
// UI thread, dropped if the object that asked is gone.
class StoreWorker : public QObject
{
    Q_OBJECT

public:
    explicit StoreWorker(QObject *parent = nullptr);
    ~StoreWorker() override;

    // Runs `job` with the open store on the store thread, then `done` with its result on the UI
    // thread. Without an open store (locked) the job is not run and `done` gets a "locked" error.
    template<typename T>
    void run(QObject *receiver, std::function<Result<T>(Store &)> job, std::function<void(Result<T>)> done)
    {
        QPointer<QObject> guard(receiver);
        post([this, guard, job = std::move(job), done = std::move(done)]() {
            Result<T> result = m_store ? job(*m_store) : Result<T>(lockedError());
            QMetaObject::invokeMethod(qApp, [guard, done, result = std::move(result)]() {
                if (guard)
                    done(result);
            });
        });
    }

    // Runs `job` on the store thread without the store (the session gate reads the file's own
    // records before anything is unlocked); `done` gets its result on the UI thread.
    template<typename T>
    void runUnlocked(QObject *receiver, std::function<T()> job, std::function<void(T)> done)
    {
        QPointer<QObject> guard(receiver);
        post([guard, job = std::move(job), done = std::move(done)]() {
            T result = job();
            QMetaObject::invokeMethod(qApp, [guard, done, result = std::move(result)]() {
                if (guard)
                    done(result);
            });
        });
    }

    // Like run(), for a write: every model reloads once it has landed.
    template<typename T>
    void write(QObject *receiver, std::function<Result<T>(Store &)> job, std::function<void(Result<T>)> done)
    {
        run<T>(receiver, std::move(job), [this, done = std::move(done)](Result<T> result) {
            done(result);
            if (result)
                Q_EMIT dataChanged();
        });
    }

    // Runs `opener` on the store thread (Store::create, or the session gate's unlock) and keeps what it
    // opens; the old store is closed first.
    using Opener = std::function<Result<std::unique_ptr<Store>>()>;
    void open(Opener opener, std::function<void(Status)> done);
    // Closes the store and forgets its keys (lock, nurse switch). Waits for jobs already queued.
    void close();

    bool isOpen() const { return m_openOnUi; }
    // The open store, for the sync engine's own connection; null when locked.
    Store *store() const { return m_store.get(); }

Q_SIGNALS:
    void dataChanged();

private:
    void post(std::function<void()> job);
    static Error lockedError();

    QThread *m_thread = nullptr;
    QObject *m_context = nullptr; // lives on m_thread; jobs are queued to it
    std::unique_ptr<Store> m_store;
    bool m_openOnUi = false;
};

} // namespace chevet::app
