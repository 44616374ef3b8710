#pragma once

#include "backend/appoptions.h"
#include "backend/storeworker.h"
#include "core/result.h"
#include "model/news2.h"

#include <QObject>
#include <QStringList>

namespace chevet {
class DeviceSecretStore;
} // namespace chevet

// Who is at the tablet and which store is open: enrolment on first use, unlock with the nurse's PIN,
// lock on demand, nurse switch, training mode. Closing the store on lock forgets the keys; unsynced
// work stays in the store for whoever unlocks next. Built once by AppServices; QML sees it as
// `Session`, the adaptors QML creates are handed it.
class SessionController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Phase phase READ phase NOTIFY phaseChanged)
    Q_PROPERTY(QString nurse READ nurse NOTIFY phaseChanged)
    Q_PROPERTY(QStringList nurses READ nurses NOTIFY nursesChanged)
    // The nurse who unlocked last (this run, or the last one): the unlock screen offers her first.
    Q_PROPERTY(QString lastNurse READ lastNurse NOTIFY phaseChanged)
    Q_PROPERTY(bool training READ training NOTIFY phaseChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(bool connectedToDpi READ connectedToDpi CONSTANT)

public:
    enum Phase { Setup, Locked, Unlocked };
    Q_ENUM(Phase)

    SessionController(const chevet::app::AppOptions &options, chevet::app::StoreWorker &worker,
                      chevet::DeviceSecretStore &secrets, QObject *parent = nullptr);
    ~SessionController() override;

    Phase phase() const { return m_phase; }
    bool unlocked() const { return m_phase == Unlocked; }
    QString nurse() const { return m_nurse; }
    QString lastNurse() const;
    QStringList nurses() const { return m_nurses; }
    bool training() const { return m_training; }
    bool busy() const { return m_busy; }
    QString error() const { return m_error; }
    bool connectedToDpi() const { return !m_options.dpi.isEmpty(); }
    const chevet::app::AppOptions &options() const { return m_options; }
    // The RCP response for a NEWS2 result, in the interface's language.
    QString news2Response(const chevet::News2Result &result) const;
    // The IPP system of the open store: the training ward's, or this establishment's.
    QString establishment() const;
    // The store file of this tablet (the gate reads its own records there before any unlock).
    QString storePath() const;

    chevet::app::StoreWorker &worker() { return m_worker; }
    chevet::Result<QByteArray> deviceSecret();

    // First use of the tablet: makes the sealed store for this nurse.
    Q_INVOKABLE void enrol(const QString &nurse, const QString &pin, const QString &pinAgain);
    Q_INVOKABLE void unlock(const QString &nurse, const QString &pin);
    // Opens the training ward (synthetic, never synchronised), made afresh.
    Q_INVOKABLE void startTraining();
    Q_INVOKABLE void lock();
    Q_INVOKABLE void clearError();
    // Enrols another nurse of the ward on this tablet with her own PIN (an unlocked session needed).
    Q_INVOKABLE void addNurse(const QString &nurse, const QString &pin, const QString &pinAgain);

Q_SIGNALS:
    void phaseChanged();
    void nursesChanged();
    void busyChanged();
    void errorChanged();
    // After every saved change and every sync: models reload.
    void dataChanged();
    // Just before the store closes (lock, switch): the sync engine stops first.
    void aboutToLock();
    void nurseAdded();
    // Emitted by lock() once the sync has stopped and before the store closes: the last writes the
    // session's keys allow.
    void storeClosing();

private:
    // Takes the PIN over: its holders wipe it as they let go (security review F10).
    void openStore(const QString &path, const QString &nurse, QByteArray pin, bool create, bool training);
    void opened(const QString &nurse, bool training);
    void setBusy(bool busy);
    void setError(const QString &message);
    void setPhase(Phase phase);
    void loadNurses();
    QString trainingPath() const;

    const chevet::app::AppOptions m_options;
    chevet::app::StoreWorker &m_worker;
    chevet::DeviceSecretStore &m_secrets;
    Phase m_phase = Setup;
    QString m_nurse;
    QStringList m_nurses;
    bool m_training = false;
    bool m_busy = false;
    QString m_error;
};
