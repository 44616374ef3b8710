#pragma once

#include <QObject>

class InactivityGuard;
class SessionController;

// Locks the session after a quiet spell (the app's auto-lock setting), counting the last 30 s down
// on screen so a nurse mid-form can stay; any touch, key or wheel anywhere in the app counts as
// activity. Training sessions never lock. QML sees it as `AutoLock`.
class AutoLock : public QObject
{
    Q_OBJECT
    // Seconds before the lock while its warning shows; -1 otherwise.
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY secondsLeftChanged)

public:
    AutoLock(SessionController &session, int timeoutSeconds, QObject *parent = nullptr);
    ~AutoLock() override;

    int secondsLeft() const;
    // Activity the event filter cannot see (tests, a scanner's input).
    Q_INVOKABLE void touch();

Q_SIGNALS:
    void secondsLeftChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    SessionController &m_session;
    InactivityGuard *m_guard = nullptr;
};
