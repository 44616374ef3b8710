#pragma once

#include <QObject>

namespace chevet {
class AppLifecycle;
} // namespace chevet

class SessionController;

// Covers the window from the moment the app leaves the foreground (or the screen locks) until it is
// back, so the last frame the OS keeps for its app switcher shows no patient (security review F9),
// and locks the session then: everything is already on disk, the keys go. QML sees it as `ScreenCover`.
class ScreenCover : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool covered READ covered NOTIFY coveredChanged)

public:
    ScreenCover(SessionController &session, chevet::AppLifecycle &lifecycle, QObject *parent = nullptr);

    bool covered() const { return m_covered; }

Q_SIGNALS:
    void coveredChanged();

private:
    void setCovered(bool covered);

    SessionController &m_session;
    // Uncovered at start: nothing is shown yet to protect, and an offscreen or unfocused start never
    // becomes "active" to lift a cover.
    bool m_covered = false;
};
