#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace chevet {

class Database;

// What the session gate must know about a nurse before her PIN has unlocked anything.
struct NurseSessionState
{
    int failures = 0;         // wrong PINs since the last success or full sign-in
    qint64 lastFailureMs = 0; // device time of the last wrong PIN
    bool lockedOut = false;   // only a full sign-in clears it
    qint64 lastSignInMs = 0;  // last full (identity provider) sign-in; 0 = never on this device
    // The same two moments on the boot clock (core/clock.h), which a date set forward or back does not
    // move; empty boot ids in records kept before they were.
    QByteArray lastFailureBootId;
    qint64 lastFailureSinceBootMs = 0;
    QByteArray lastSignInBootId;
    qint64 lastSignInSinceBootMs = 0;
};

// Per-nurse session state kept in the store's `meta` table ("session.<nurse id>"), readable before the
// store is unlocked. Each value carries an HMAC-SHA256 under a key derived from the device secret and
// the store id, bound to the nurse id: editing a counter in the SQLite file, or copying another nurse's
// value over it, is detected ("session-tampered") and the gate then fails closed. The MAC cannot stop a
// whole old value being put back (rollback); see docs/security.md.
class SessionRecords
{
public:
    // Opens the store file without unlocking it. Errors: no-store, not-a-store, corrupt.
    static Result<std::unique_ptr<SessionRecords>> open(const QString &path, const QByteArray &deviceSecret);
    // Over a connection the store already holds (creation, enrolment, removal).
    static Result<std::unique_ptr<SessionRecords>> over(Database &db, const QByteArray &deviceSecret,
                                                        const QByteArray &storeId);
    ~SessionRecords();
    SessionRecords(const SessionRecords &) = delete;
    SessionRecords &operator=(const SessionRecords &) = delete;

    // Nurses holding a key slot (ids only), sorted.
    Result<QStringList> nurses();
    Result<bool> hasNurse(const QString &nurse);
    // A fresh state when none is stored; "session-tampered" when the stored one fails its MAC.
    Result<NurseSessionState> read(const QString &nurse);
    Status write(const QString &nurse, const NurseSessionState &state);
    Status remove(const QString &nurse);

    // Wrong PINs on this device across all nurses since the last unlock or full sign-in (security
    // review F2: each nurse's own budget alone gave a thief 8 guesses per enrolled nurse). MACed like a
    // nurse's state, under another binding; "session-tampered" when it fails.
    Result<int> deviceFailures();
    Status setDeviceFailures(int failures);

    // The connection, for a check and its update in one write transaction (security review F11).
    Database &database() { return m_db; }

private:
    SessionRecords(std::unique_ptr<Database> owned, Database &db, QByteArray macKey);
    Result<QByteArray> mac(const QByteArray &binding, const QByteArray &body) const;
    // A MACed value of meta: empty when absent, "session-tampered" when it fails its MAC.
    Result<QByteArray> readSealed(const QString &key, const QByteArray &binding);
    Status writeSealed(const QString &key, const QByteArray &binding, const QByteArray &body);

    std::unique_ptr<Database> m_owned;
    Database &m_db;
    QByteArray m_macKey;
};

} // namespace chevet
