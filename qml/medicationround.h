#pragma once

#include "backend/wardqueries.h"
#include "model/fiverights.h"
#include "storereading.h"

#include <QObject>
#include <QQmlEngine>
#include <QVariantList>

// The medication round: the dose slots due now, those missed earlier and not yet documented, and the
// as-needed orders; for the chosen one the "règle des 5 B" checked from what was scanned (wristband,
// then pack) before "given" is possible. "Not given" needs a reason and is not offered on a dose given:
// a mistaken dose is corrected as entered in error, with a reason. Any scan that reads as a wristband
// is a wristband: another patient's band is a hard stop naming both patients.
// Scans come from a camera, a keyboard-wedge scanner or typed codes: all end up in scan().
class MedicationRound : public QObject, public StoreReading
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(SessionController *session READ session WRITE setSession NOTIFY sessionChanged REQUIRED)
    // The ward or round whose doses are due (with no patient chosen: the whole round).
    Q_PROPERTY(QString unit READ unit WRITE setUnit NOTIFY unitChanged)
    Q_PROPERTY(QString patientId READ patientId WRITE setPatientId NOTIFY patientIdChanged)
    Q_PROPERTY(QVariantList doses READ doseList NOTIFY dosesChanged)
    Q_PROPERTY(int selected READ selected WRITE select NOTIFY selectionChanged)
    Q_PROPERTY(QString wristband READ wristband NOTIFY selectionChanged)
    Q_PROPERTY(QString pack READ pack NOTIFY selectionChanged)
    Q_PROPERTY(QString doseValue READ doseValue WRITE setDoseValue NOTIFY selectionChanged)
    Q_PROPERTY(QString route READ route WRITE setRoute NOTIFY selectionChanged)
    Q_PROPERTY(QVariantList checks READ checks NOTIFY selectionChanged)
    Q_PROPERTY(bool allRight READ allRight NOTIFY selectionChanged)
    Q_PROPERTY(QString message READ message NOTIFY selectionChanged)
    // A hard stop (another patient's wristband): the message says which patients.
    Q_PROPERTY(bool stop READ stop NOTIFY selectionChanged)
    Q_PROPERTY(QVariantList routeChoices READ routeChoices NOTIFY selectionChanged)
    Q_PROPERTY(int routeIndex READ routeIndex NOTIFY selectionChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY dosesChanged)
    Q_PROPERTY(QString error READ error NOTIFY dosesChanged)

public:
    explicit MedicationRound(QObject *parent = nullptr);
    void setSession(SessionController *session);
    QString unit() const { return m_unit; }
    void setUnit(const QString &unit);

    QString patientId() const { return m_patientId; }
    void setPatientId(const QString &id);
    QVariantList doseList() const;
    int selected() const { return m_selected; }
    void select(int index);
    QString wristband() const { return m_wristband; }
    QString pack() const { return m_pack; }
    QString doseValue() const { return m_doseValue; }
    void setDoseValue(const QString &value);
    QString route() const { return m_route; }
    void setRoute(const QString &route);
    QVariantList checks() const;
    bool allRight() const { return m_result.allOk(); }
    QString message() const { return m_stop ? m_stopMessage : m_message; }
    bool stop() const { return m_stop; }
    QVariantList routeChoices() const;
    int routeIndex() const;
    Q_INVOKABLE void chooseRoute(int index);

    // A wristband or a medication pack, however it was read.
    Q_INVOKABLE void scan(const QString &code);
    Q_INVOKABLE void give();
    // An as-needed dose: given now, for `reason`.
    Q_INVOKABLE void giveOnDemand(const QString &reason);
    Q_INVOKABLE void notGiven(const QString &reason);
    // The dose recorded on the chosen slot was a mistake: it becomes entered in error, with `reason`.
    Q_INVOKABLE void enterInError(const QString &reason);
    Q_INVOKABLE void reload() override;
    Q_INVOKABLE QStringList notGivenReasons() const;

Q_SIGNALS:
    void sessionChanged();
    void unitChanged();
    void patientIdChanged();
    void dosesChanged();
    void selectionChanged();
    void recorded(const QString &what);
    void failed(const QString &message);

private:
    void loadStateChanged() override { Q_EMIT dosesChanged(); }
    void forgetShown();
    void recheck();
    void record(bool given, const QString &reason);
    QVariantMap describe(const chevet::app::DoseSlot &slot, qint64 nowMs) const;
    QString asNeededText(const chevet::app::DoseSlot &slot) const;
    void stopForWristband(const chevet::Patient &scanned);
    QString rightLabel(chevet::Right right) const;
    QString failureText(const chevet::RightCheck &check) const;

    QString m_unit;
    QString m_patientId;
    QList<chevet::app::DoseSlot> m_slots;
    QList<chevet::Patient> m_knownPatients; // every patient on the device: any wristband is recognised
    int m_selected = -1;
    QString m_wristband;
    QString m_pack;
    QString m_doseValue;
    QString m_route;
    QString m_message;
    bool m_stop = false;
    QString m_stopMessage;
    chevet::FiveRightsResult m_result;
    bool m_saving = false;
};
