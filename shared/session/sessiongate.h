#pragma once

#include "core/result.h"
#include "sessionpolicy.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace chevet {

class Clock;
class Store;

// Where a nurse stands before she types her PIN, for the unlock screen.
struct SessionGateStatus
{
    bool enrolled = false;
    bool needsSignIn = false; // the offline window is over: full sign-in first
    bool lockedOut = false;   // too many wrong PINs, or an altered record: full sign-in first
    int attemptsLeft = 0;
    qint64 waitMs = 0; // before the next PIN attempt
    qint64 windowRemainingMs = 0;
};

// The one way the app and chevetctl unlock a shared tablet's store with a PIN: applies the offline
// window and the attempt limits before Store::open, and counts what Store::open says.
// Errors of unlock() (domain store unless noted):
//   unknown-nurse  no key slot for her on this device
//   sign-in-needed no full sign-in within the offline window
//   locked-out     too many wrong PINs (or the counter was altered); full sign-in needed
//   too-soon       a wait is running: message "wait N s"
//   wrong-pin      (crypto) message says attempts left and the wait before the next one
//   anything Store::open reports (no-store, wrong-device, corrupt, ...), which does not count.
class SessionGate
{
public:
    SessionGate(QString path, QByteArray deviceSecret, SessionPolicy policy = {},
                const Clock *clock = nullptr);
    ~SessionGate();

    // Enrolled nurse ids, read without unlocking (for the "who are you" list).
    Result<QStringList> nurses();
    Result<SessionGateStatus> status(const QString &nurse);
    Result<std::unique_ptr<Store>> unlock(const QString &nurse, const QByteArray &pin);

    // For the identity provider's sign-in, once it succeeded: restarts her offline window and clears a
    // lockout (clearLockout() alone keeps the window as it is).
    Status recordSignIn(const QString &nurse);
    Status clearLockout(const QString &nurse);

    const SessionPolicy &policy() const { return m_policy; }

private:
    QString m_path;
    QByteArray m_deviceSecret;
    SessionPolicy m_policy;
    const Clock &m_clock;
};

} // namespace chevet
