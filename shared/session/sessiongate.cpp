#include "sessiongate.h"

#include "core/clock.h"
#include "core/logging.h"
#include "crypto/opensslholders.h"
#include "offlinesessionwindow.h"
#include "pinattemptguard.h"
#include "store/sessionrecords.h"
#include "store/store.h"

namespace chevet {

namespace {

Error gateError(StoreError code, const QString &message)
{
    return makeError(code, message);
}

QString seconds(qint64 ms)
{
    return QString::number((ms + 999) / 1000);
}

Error lockedOut(const PinAttemptStatus &status)
{
    return gateError(
        StoreError::LockedOut,
        status.deviceLockedOut
            ? QStringLiteral("too many wrong PINs on this tablet: sign in with your hospital account "
                             "to unlock")
            : QStringLiteral("too many wrong PINs: sign in with your hospital account to unlock"));
}

} // namespace

SessionGate::SessionGate(QString path, QByteArray deviceSecret, SessionPolicy policy, const Clock *clock)
    : m_path(std::move(path))
    , m_deviceSecret(std::move(deviceSecret))
    , m_policy(std::move(policy))
    , m_clock(clock ? *clock : SystemClock::instance())
{}

SessionGate::~SessionGate()
{
    crypto::wipe(m_deviceSecret);
}

Result<QStringList> SessionGate::nurses()
{
    Result<std::unique_ptr<SessionRecords>> records = SessionRecords::open(m_path, m_deviceSecret);
    if (!records)
        return records.error();
    return (*records)->nurses();
}

Result<SessionGateStatus> SessionGate::status(const QString &nurse)
{
    Result<std::unique_ptr<SessionRecords>> records = SessionRecords::open(m_path, m_deviceSecret);
    if (!records)
        return records.error();
    SessionGateStatus out;
    Result<bool> enrolled = (*records)->hasNurse(nurse);
    if (!enrolled)
        return enrolled.error();
    out.enrolled = *enrolled;
    if (!out.enrolled)
        return out;
    PinAttemptGuard guard(**records, m_policy, m_clock);
    Result<PinAttemptStatus> attempts = guard.status(nurse);
    if (!attempts)
        return attempts.error();
    OfflineSessionWindow window(**records, m_policy, m_clock);
    Result<qint64> left = window.remainingMs(nurse);
    if (!left)
        return left.error();
    out.lockedOut = attempts->lockedOut;
    out.attemptsLeft = attempts->attemptsLeft;
    out.waitMs = attempts->waitMs;
    out.windowRemainingMs = *left;
    out.needsSignIn = *left == 0;
    return out;
}

Result<std::unique_ptr<Store>> SessionGate::unlock(const QString &nurse, const QByteArray &pin)
{
    Result<SessionGateStatus> before = status(nurse);
    if (!before)
        return before.error();
    if (!before->enrolled)
        return gateError(StoreError::UnknownNurse,
                         QStringLiteral("this nurse is not enrolled on this device"));
    if (before->lockedOut)
        return gateError(StoreError::LockedOut,
                         QStringLiteral("too many wrong PINs: sign in with your hospital account to unlock"));
    if (before->needsSignIn)
        return gateError(
            StoreError::SignInNeeded,
            QStringLiteral("the offline PIN period is over: sign in with your hospital account"));

    Result<std::unique_ptr<SessionRecords>> records = SessionRecords::open(m_path, m_deviceSecret);
    if (!records)
        return records.error();
    PinAttemptGuard guard(**records, m_policy, m_clock);
    // Checked and counted in one transaction (security review F11); what status() said above may be
    // stale by now if another process was trying PINs meanwhile.
    Result<PinAttemptStatus> counted = guard.beginAttempt(nurse);
    if (!counted)
        return counted.error();
    if (!counted->counted && counted->lockedOut)
        return lockedOut(*counted);
    if (!counted->counted)
        return gateError(
            StoreError::TooSoon,
            QStringLiteral("wait %1 s before the next PIN attempt").arg(seconds(counted->waitMs)));

    StoreOptions options;
    options.path = m_path;
    options.pin = pin;
    options.deviceSecret = m_deviceSecret;
    options.author = nurse;
    options.clock = &m_clock;
    Result<std::unique_ptr<Store>> opened = Store::open(options);
    if (opened) {
        if (Status s = guard.recordSuccess(nurse); !s)
            return s.error();
        // The attempt counted above is settled from here: a process killed before this line has used one
        // (3 are free), which is what stops killing the app to try PINs without waiting.
        qCInfo(lcStore) << "store unlocked";
        return opened;
    }
    if (opened.error().code != CryptoError::WrongPin) {
        if (Status s = guard.undoAttempt(nurse); !s)
            return s.error();
        return opened.error();
    }
    qCInfo(lcStore) << "wrong PIN;" << counted->attemptsLeft << "attempts left";
    if (counted->lockedOut)
        return lockedOut(*counted);
    Error wrong = opened.error();
    wrong.message = counted->waitMs > 0
                        ? QStringLiteral("wrong PIN: %1 attempts left; wait %2 s before the next")
                              .arg(counted->attemptsLeft)
                              .arg(seconds(counted->waitMs))
                        : QStringLiteral("wrong PIN: %1 attempts left").arg(counted->attemptsLeft);
    return wrong;
}

Status SessionGate::recordSignIn(const QString &nurse)
{
    Result<std::unique_ptr<SessionRecords>> records = SessionRecords::open(m_path, m_deviceSecret);
    if (!records)
        return records.error();
    Result<bool> enrolled = (*records)->hasNurse(nurse);
    if (!enrolled)
        return enrolled.error();
    if (!*enrolled)
        return gateError(StoreError::UnknownNurse,
                         QStringLiteral("this nurse is not enrolled on this device"));
    PinAttemptGuard guard(**records, m_policy, m_clock);
    if (Status s = guard.clearLockout(nurse); !s)
        return s;
    OfflineSessionWindow window(**records, m_policy, m_clock);
    return window.recordSignIn(nurse);
}

Status SessionGate::clearLockout(const QString &nurse)
{
    Result<std::unique_ptr<SessionRecords>> records = SessionRecords::open(m_path, m_deviceSecret);
    if (!records)
        return records.error();
    PinAttemptGuard guard(**records, m_policy, m_clock);
    return guard.clearLockout(nurse);
}

} // namespace chevet
