#pragma once

#include "backend/appoptions.h"
#include "backend/storeworker.h"
#include "core/result.h"
#include "lifecycle/applifecycle.h"
#include "model/news2.h"
#include "session/pinrules.h"

#include <QHash>
#include <QObject>
#include <QQmlEngine>
#include <QStringList>
#include <QTimer>
#include <QVariantMap>

class InactivityGuard;

#include <memory>

namespace chevet {
class DeviceSecretStore;
} // namespace chevet

// Who is at the tablet and which store is open: enrolment on first use, unlock with the nurse's PIN,
// lock on inactivity or on demand, nurse switch, training mode. Closing the store on lock forgets the
// keys; unsynced work stays in the store for whoever unlocks next.
class Session : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(Phase phase READ phase NOTIFY phaseChanged)
    Q_PROPERTY(QString nurse READ nurse NOTIFY phaseChanged)
    Q_PROPERTY(QStringList nurses READ nurses NOTIFY nursesChanged)
    // The nurse who unlocked last (this run, or the last one): the unlock screen offers her first.
    Q_PROPERTY(QString lastNurse READ lastNurse NOTIFY phaseChanged)
    Q_PROPERTY(QString unit READ unit WRITE setUnit NOTIFY unitChanged)
    Q_PROPERTY(QStringList units READ units NOTIFY unitsChanged)
    // Ward and round names by id, as the DPI gives them (its Location display); ids without a name absent.
    Q_PROPERTY(QVariantMap unitNames READ unitNamesMap NOTIFY unitsChanged)
    Q_PROPERTY(bool training READ training NOTIFY phaseChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)
    Q_PROPERTY(bool connectedToDpi READ connectedToDpi CONSTANT)
    Q_PROPERTY(int autoLockSeconds READ autoLockSeconds CONSTANT)
    // Seconds before the automatic lock while its warning shows; -1 otherwise.
    Q_PROPERTY(int lockWarningSeconds READ lockWarningSeconds NOTIFY lockWarningChanged)
    Q_PROPERTY(QSize windowSize READ windowSize CONSTANT)
    // True from the moment the app leaves the foreground (or the screen locks) until it is back: the
    // window shows a cover, so the last frame the OS keeps for its app switcher shows no patient
    // (security review F9).
    Q_PROPERTY(bool screenCovered READ screenCovered NOTIFY screenCoveredChanged)

public:
    enum Phase { Setup, Locked, Unlocked };
    Q_ENUM(Phase)

    ~Session() override;

    // main.cpp configures the one instance before QML asks for it. Without a lifecycle, the
    // application's own state and the desktop screen lock are followed.
    static void configure(const chevet::app::AppOptions &options,
                          std::unique_ptr<chevet::AppLifecycle> lifecycle = nullptr);
    static Session *instance();
    // Closes the store before the application object goes (main.cpp, last thing).
    static void release();
    static Session *create(QQmlEngine *, QJSEngine *);

    Phase phase() const { return m_phase; }
    QString nurse() const { return m_nurse; }
    QString lastNurse() const;
    QStringList nurses() const { return m_nurses; }
    QString unit() const { return m_unit; }
    void setUnit(const QString &unit);
    QStringList units() const { return m_units; }
    bool training() const { return m_training; }
    bool busy() const { return m_busy; }
    QString error() const { return m_error; }
    bool dark() const { return m_dark; }
    void setDark(bool dark);
    bool connectedToDpi() const { return !m_options.dpi.isEmpty(); }
    int autoLockSeconds() const { return m_options.autoLockSeconds; }
    int lockWarningSeconds() const;
    QSize windowSize() const { return m_options.windowSize; }
    bool screenCovered() const { return m_screenCovered; }
    const chevet::app::AppOptions &options() const { return m_options; }
    // The RCP response for a NEWS2 result, in the interface's language.
    QString news2Response(const chevet::News2Result &result) const;
    // The IPP system of the open store: the training ward's, or this establishment's.
    QString establishment() const;

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
    // Any touch or key counts as activity (also caught application-wide by an event filter).
    Q_INVOKABLE void touch();
    QVariantMap unitNamesMap() const;

Q_SIGNALS:
    void phaseChanged();
    void nursesChanged();
    void unitChanged();
    void unitsChanged();
    void busyChanged();
    void errorChanged();
    void darkChanged();
    void lockWarningChanged();
    void screenCoveredChanged();
    // After every saved change and every sync: models reload.
    void dataChanged();
    // Just before the store closes (lock, switch): the sync engine stops first.
    void aboutToLock();
    void nurseAdded();
    // Emitted by lock() once the sync has stopped and before the store closes: the last writes the
    // session's keys allow.
    void storeClosing();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // One instance, made by instance(): QML reaches it through create() (a public default
    // constructor would make Qt 6.4 build a second one).
    explicit Session(QObject *parent = nullptr);
    // Takes the PIN over: its holders wipe it as they let go (security review F10).
    void openStore(const QString &path, const QString &nurse, QByteArray pin, bool create, bool training);
    void opened(const QString &nurse, bool training);
    void setBusy(bool busy);
    void setError(const QString &message);
    void setPhase(Phase phase);
    void refreshUnits();
    void loadNurses();
    QString storePath() const;
    QString trainingPath() const;
    static QString describe(const chevet::Error &error);
    // The nurse-facing words for a PIN the rules refuse (session/pinrules.h); empty for a good one.
    static QString pinWeaknessText(chevet::PinWeakness weakness);

    chevet::app::AppOptions m_options;
    chevet::app::StoreWorker m_worker;
    std::unique_ptr<chevet::DeviceSecretStore> m_secrets;
    chevet::AppLifecycle *m_lifecycle = nullptr;
    Phase m_phase = Setup;
    QString m_nurse;
    QStringList m_nurses;
    QString m_unit;
    QStringList m_units;
    QHash<QString, QString> m_unitNames; // from the stays, kept for the unlock screen
    bool m_training = false;
    bool m_busy = false;
    bool m_dark = false;
    bool m_screenCovered = false;
    QString m_error;
    InactivityGuard *m_inactivity = nullptr;
};
