#pragma once

#include <QObject>

namespace chevet {

// Where AppLifecycle learns that the app left the foreground. Small interfaces so tests (and a
// platform without a notion of it) can supply their own.
class ApplicationStateSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    virtual Qt::ApplicationState state() const = 0;

Q_SIGNALS:
    void stateChanged(Qt::ApplicationState state);
};

// Whether the session's screen is locked (desktop); never locked where that cannot be known.
class ScreenLockSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    virtual bool isLocked() const = 0;

Q_SIGNALS:
    void lockedChanged(bool locked);
};

} // namespace chevet
