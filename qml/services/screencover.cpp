#include "screencover.h"

#include "sessioncontroller.h"

#include "lifecycle/applifecycle.h"

using namespace chevet;

ScreenCover::ScreenCover(SessionController &session, AppLifecycle &lifecycle, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    connect(&lifecycle, &AppLifecycle::suspending, this, [this]() {
        // The cover first, in the same event: the lock below closes the store on its own thread.
        setCovered(true);
        if (m_session.unlocked() && !m_session.training())
            m_session.lock();
    });
    connect(&lifecycle, &AppLifecycle::resumed, this, [this]() { setCovered(false); });
}

void ScreenCover::setCovered(bool covered)
{
    if (m_covered == covered)
        return;
    m_covered = covered;
    Q_EMIT coveredChanged();
}
