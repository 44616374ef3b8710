#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QVariantList>

#include <memory>

namespace chevet {
class ConnectivityMonitor;
class SyncEngine;
} // namespace chevet

class SessionController;
class SignIn;
class UnitSelection;

// The always-visible answer to "has my work reached the DPI?": state, progress with real totals,
// what is still on the tablet, the last successful sync, quarantined records with the DPI's reason.
// Owns the sync engine while a real (non-training) session is open.
class SyncStatus : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(int done READ done NOTIFY changed)
    Q_PROPERTY(int total READ total NOTIFY changed)
    Q_PROPERTY(int pending READ pending NOTIFY changed)
    Q_PROPERTY(int quarantined READ quarantined NOTIFY changed)
    Q_PROPERTY(int conflicts READ conflicts NOTIFY changed)
    Q_PROPERTY(int alerts READ alerts NOTIFY changed)
    Q_PROPERTY(QDateTime lastSync READ lastSync NOTIFY changed)
    // How far the tablet's clock is from the DPI's, measured at each contact (sync-audit §23); the
    // times a nurse records come from this clock, so a skew of two minutes or more is shown to her.
    Q_PROPERTY(int clockSkewMinutes READ clockSkewMinutes NOTIFY changed)
    Q_PROPERTY(bool clockWrong READ clockWrong NOTIFY changed)
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)
    // Every record still only on this tablet: patient, what, at, state, stateText, reason, attempts
    Q_PROPERTY(QVariantList unsentRecords READ unsentRecords NOTIFY changed)
    Q_PROPERTY(bool online READ online WRITE setOnline NOTIFY changed)

public:
    // Training: never synchronised. Disabled: no DPI configured (offline-only tablet).
    // Pending: online, idle, with records a sync is about to send (a save starts one shortly).
    enum State { Offline, Syncing, Pending, UpToDate, NeedsAttention, Training, Disabled, Locked };
    Q_ENUM(State)

    // Without a connectivity monitor (no DPI configured) the tablet counts as online.
    SyncStatus(SessionController &session, UnitSelection &units, SignIn &signIn,
               chevet::ConnectivityMonitor *connectivity, QObject *parent = nullptr);
    ~SyncStatus() override;

    State state() const;
    int done() const { return m_done; }
    int total() const { return m_total; }
    int pending() const { return m_pending; }
    int quarantined() const { return m_quarantined; }
    int conflicts() const { return m_conflicts; }
    int alerts() const { return m_alerts; }
    QDateTime lastSync() const { return m_lastSync; }
    int clockSkewMinutes() const { return int(qRound64(double(m_clockSkewMs) / 60000.0)); }
    bool clockWrong() const;
    QString lastError() const { return m_lastError; }
    QVariantList unsentRecords() const { return m_unsentRecords; }
    bool online() const { return m_online; }
    void setOnline(bool online);

    Q_INVOKABLE void syncNow();
    // Quarantine is reversible: what the DPI refused goes again (once the cause is fixed), then a sync.
    Q_INVOKABLE void retryQuarantined();

Q_SIGNALS:
    void changed();

private:
    void startEngine();
    void stopEngine();
    void refreshCounts();
    void purgeDelivered();

    SessionController &m_session;
    UnitSelection &m_units;
    SignIn &m_signIn;
    std::unique_ptr<chevet::SyncEngine> m_engine;
    chevet::ConnectivityMonitor *m_connectivity = nullptr;
    QTimer m_afterSave; // a few saves in a row make one sync
    bool m_syncing = false;
    bool m_online = true;
    int m_done = 0;
    int m_total = 0;
    int m_pending = 0;
    int m_quarantined = 0;
    int m_conflicts = 0;
    int m_alerts = 0;
    QDateTime m_lastSync;
    qint64 m_clockSkewMs = 0; // the tablet's clock minus the DPI's
    QString m_lastError;
    QVariantList m_unsentRecords;
};
