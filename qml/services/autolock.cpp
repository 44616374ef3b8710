#include "autolock.h"

#include "inactivityguard.h"
#include "sessioncontroller.h"

#include <QCoreApplication>
#include <QEvent>

AutoLock::AutoLock(SessionController &session, int timeoutSeconds, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    // The last 30 s count down on screen (20 % of a short test setting).
    const qint64 timeoutMs = qint64(timeoutSeconds) * 1000;
    m_guard = new InactivityGuard(timeoutMs, std::min<qint64>(30000, timeoutMs / 5), this);
    connect(m_guard, &InactivityGuard::secondsLeftChanged, this, &AutoLock::secondsLeftChanged);
    connect(m_guard, &InactivityGuard::timedOut, this, [this]() {
        if (m_session.unlocked() && !m_session.training())
            m_session.lock();
    });
    connect(&m_session, &SessionController::phaseChanged, this, [this]() {
        if (m_session.unlocked())
            m_guard->start();
        else
            m_guard->stop();
        Q_EMIT secondsLeftChanged();
    });
    QCoreApplication::instance()->installEventFilter(this);
}

AutoLock::~AutoLock()
{
    QCoreApplication::instance()->removeEventFilter(this);
}

int AutoLock::secondsLeft() const
{
    return m_session.training() ? -1 : m_guard->secondsLeft();
}

void AutoLock::touch()
{
    if (m_session.unlocked())
        m_guard->touch();
}

bool AutoLock::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
    case QEvent::KeyPress:
    case QEvent::Wheel:
        touch();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}
