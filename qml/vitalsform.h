#pragma once

#include "services/sessioncontroller.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QVariantMap>

// The bedside vitals form: values as typed (decimal comma accepted), each checked as it is typed
// (impossible values refused with the reason and the accepted range, unusual ones flagged), NEWS2
// recomputed live, then one save for the whole entry on the store thread.
class VitalsForm : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // Whose store it saves into (QML hands it `Session`).
    Q_PROPERTY(SessionController *session MEMBER m_session NOTIFY sessionChanged REQUIRED)
    Q_PROPERTY(QString patientId MEMBER m_patientId NOTIFY patientIdChanged)
    Q_PROPERTY(QString respiratoryRate MEMBER m_rr NOTIFY valuesChanged)
    Q_PROPERTY(QString spo2 MEMBER m_spo2 NOTIFY valuesChanged)
    Q_PROPERTY(bool onOxygen MEMBER m_onOxygen NOTIFY valuesChanged)
    Q_PROPERTY(int spo2Scale MEMBER m_spo2Scale NOTIFY valuesChanged)
    Q_PROPERTY(QString systolic MEMBER m_systolic NOTIFY valuesChanged)
    Q_PROPERTY(QString diastolic MEMBER m_diastolic NOTIFY valuesChanged)
    Q_PROPERTY(QString pulse MEMBER m_pulse NOTIFY valuesChanged)
    Q_PROPERTY(QString temperature MEMBER m_temperature NOTIFY valuesChanged)
    Q_PROPERTY(int consciousness MEMBER m_consciousness NOTIFY valuesChanged) // -1 unset, 0 = Alert
    Q_PROPERTY(QString pain MEMBER m_pain NOTIFY valuesChanged)
    Q_PROPERTY(QString glucose MEMBER m_glucose NOTIFY valuesChanged)

    Q_PROPERTY(int news2 READ news2 NOTIFY evaluated)
    Q_PROPERTY(QString news2Risk READ news2Risk NOTIFY evaluated)
    Q_PROPERTY(bool news2Complete READ news2Complete NOTIFY evaluated)
    Q_PROPERTY(QVariantMap news2Parts READ news2Parts NOTIFY evaluated)
    Q_PROPERTY(QString news2Response READ news2Response NOTIFY evaluated)
    Q_PROPERTY(QVariantMap errors READ errors NOTIFY evaluated)     // field -> why it is refused
    Q_PROPERTY(QVariantMap warnings READ warnings NOTIFY evaluated) // field -> why it is unusual
    Q_PROPERTY(bool canSave READ canSave NOTIFY evaluated)
    Q_PROPERTY(bool saving READ saving NOTIFY savingChanged)

public:
    explicit VitalsForm(QObject *parent = nullptr);

    int news2() const { return m_news2; }
    QString news2Risk() const { return m_news2Risk; }
    bool news2Complete() const { return m_news2Complete; }
    QVariantMap news2Parts() const { return m_news2Parts; }
    QString news2Response() const { return m_news2Response; }
    QVariantMap errors() const { return m_errors; }
    QVariantMap warnings() const { return m_warnings; }
    bool canSave() const { return m_canSave; }
    bool saving() const { return m_saving; }

    // Saves the entry. With unusual values and `confirmed` false, asks first (needsConfirmation).
    Q_INVOKABLE void save(bool confirmed = false);
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void sessionChanged();
    void patientIdChanged();
    void valuesChanged();
    void evaluated();
    void savingChanged();
    void needsConfirmation(const QStringList &warnings);
    void saved(int news2, const QString &risk);
    void failed(const QString &message);

private:
    QPointer<SessionController> m_session;
    void evaluate();

    QString m_patientId;
    QString m_rr, m_spo2, m_systolic, m_diastolic, m_pulse, m_temperature, m_pain, m_glucose;
    bool m_onOxygen = false;
    int m_spo2Scale = 1;
    int m_consciousness = -1;

    int m_news2 = 0;
    QString m_news2Risk;
    bool m_news2Complete = false;
    QVariantMap m_news2Parts;
    QString m_news2Response;
    QVariantMap m_errors;
    QVariantMap m_warnings;
    bool m_canSave = false;
    bool m_saving = false;
};
