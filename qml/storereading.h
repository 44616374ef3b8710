#pragma once

#include "services/errortext.h"
#include "services/sessioncontroller.h"

#include <QPointer>
#include <QString>

// What every adaptor that shows store data shares: the session it reads through (handed over by QML
// as `session: Session`, or by a test), a reload whenever a save or a sync lands, one read at a time
// on the store thread with at most one more queued however many changes arrive meanwhile, and the
// loaded and error state. A class mixes it in beside QObject (or a model base) and declares the
// session, loaded and error properties with the accessors below.
class StoreReading
{
public:
    SessionController *session() const { return m_session; }
    bool loaded() const { return m_loaded; }
    QString error() const { return m_error; }

    // Reads again with the adaptor's current inputs (patient, unit); nothing while locked.
    virtual void reload() = 0;

protected:
    explicit StoreReading(QObject *self)
        : m_self(self)
    {}
    virtual ~StoreReading() = default;
    StoreReading(const StoreReading &) = delete;
    StoreReading &operator=(const StoreReading &) = delete;

    // Binds to a session: reloads on every change it reports, and once now.
    void bindSession(SessionController *session);
    // Called when loaded or error changed: the adaptor emits its own signal.
    virtual void loadStateChanged() = 0;

    // Runs `read` on the store thread, then `apply` with its result on the UI thread, which returns
    // false for a result no longer wanted (read for a patient or ward no longer shown: nothing of it
    // is kept); then marks the adaptor loaded (or in error) and runs a reload queued meanwhile.
    // Returns at once when locked.
    template<typename T>
    void read(std::function<chevet::Result<T>(chevet::Store &)> read,
              std::function<bool(const chevet::Result<T> &)> apply)
    {
        if (!m_session || !m_session->unlocked())
            return;
        if (m_reading) {
            m_reloadQueued = true;
            return;
        }
        m_reading = true;
        m_session->worker().run<T>(m_self, std::move(read), [this, apply](chevet::Result<T> result) {
            m_reading = false;
            if (apply(result)) {
                m_loaded = true;
                m_error = result ? QString() : ErrorText::of(result.error());
                loadStateChanged();
            }
            if (m_reloadQueued) {
                m_reloadQueued = false;
                reload();
            }
        });
    }
    // Forgets what was shown (another patient chosen): not loaded until the next read lands.
    void unload();

private:
    QObject *m_self;
    QPointer<SessionController> m_session;
    QMetaObject::Connection m_dataChanged;
    bool m_reading = false;
    bool m_reloadQueued = false;
    bool m_loaded = false;
    QString m_error;
};
