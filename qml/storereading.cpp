#include "storereading.h"

void StoreReading::bindSession(SessionController *session)
{
    if (m_session == session)
        return;
    QObject::disconnect(m_dataChanged);
    m_session = session;
    if (m_session)
        m_dataChanged =
            QObject::connect(m_session, &SessionController::dataChanged, m_self, [this]() { reload(); });
    reload();
}

void StoreReading::unload()
{
    m_loaded = false;
    m_error.clear();
}
