#include "storeworker.h"

#include <QSemaphore>
#include <QThread>

namespace chevet::app {

StoreWorker::StoreWorker(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_context(new QObject)
{
    m_thread->setObjectName(QStringLiteral("store"));
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
}

StoreWorker::~StoreWorker()
{
    close();
    m_thread->quit();
    m_thread->wait();
}

void StoreWorker::post(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_context, std::move(job), Qt::QueuedConnection);
}

Error StoreWorker::lockedError()
{
    return makeError(StoreError::Locked, QStringLiteral("the session is locked"));
}

void StoreWorker::open(Opener opener, std::function<void(Status)> done)
{
    m_openOnUi = false;
    post([this, opener = std::move(opener), done = std::move(done)]() {
        m_store.reset();
        Result<std::unique_ptr<Store>> opened = opener();
        Status status;
        if (opened)
            m_store = std::move(*opened);
        else
            status = opened.error();
        QMetaObject::invokeMethod(this, [this, status, done]() {
            m_openOnUi = bool(status);
            done(status);
        });
    });
}

void StoreWorker::close()
{
    m_openOnUi = false;
    if (!m_thread->isRunning())
        return;
    // Blocking here is deliberate and short: closing must be finished before the keys are gone and
    // before another nurse's store is opened.
    QSemaphore closed;
    post([this, &closed]() {
        m_store.reset();
        closed.release();
    });
    closed.acquire();
}

} // namespace chevet::app
