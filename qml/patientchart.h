#pragma once

#include "storereading.h"

#include <QObject>
#include <QQmlEngine>
#include <QVariantList>
#include <QVariantMap>

// One patient's chart for the chart page: identity, stay, allergies, vital-sign trends over the stay,
// NEWS2 history with the RCP response for the current score, notes, tasks and open alerts. Loaded on
// the store thread whenever the patient or the data changes.
class PatientChart : public QObject, public StoreReading
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(SessionController *session READ session WRITE setSession NOTIFY sessionChanged REQUIRED)
    Q_PROPERTY(QString patientId READ patientId WRITE setPatientId NOTIFY patientIdChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(QVariantMap identity READ identity NOTIFY changed)
    Q_PROPERTY(QVariantList allergies READ allergies NOTIFY changed)
    Q_PROPERTY(bool allergiesRecorded READ allergiesRecorded NOTIFY changed)
    Q_PROPERTY(int news2 READ news2 NOTIFY changed)
    Q_PROPERTY(QString news2Risk READ news2Risk NOTIFY changed)
    Q_PROPERTY(bool news2Complete READ news2Complete NOTIFY changed)
    Q_PROPERTY(QString news2Response READ news2Response NOTIFY changed)
    Q_PROPERTY(QVariantList news2History READ news2History NOTIFY changed)
    Q_PROPERTY(QVariantMap series READ series NOTIFY changed)
    Q_PROPERTY(QVariantMap lastValues READ lastValues NOTIFY changed)
    Q_PROPERTY(QVariantList notes READ notes NOTIFY changed)
    Q_PROPERTY(QVariantList tasks READ tasks NOTIFY changed)
    Q_PROPERTY(QVariantList alerts READ alerts NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    // news2AgeMinutes, monitoring, vitalsDueInMinutes, vitalsLateMinutes (issue "the app" item 3)
    Q_PROPERTY(QVariantMap lateCare READ lateCare NOTIFY changed)
    // "", "urgent-review", "urgent-response" or "emergency": the call the current NEWS2 asks for
    Q_PROPERTY(QString escalation READ escalation NOTIFY changed)
    // What to read out on that call, in SBAR order; empty without an escalation
    Q_PROPERTY(QString sbar READ sbar NOTIFY changed)

public:
    explicit PatientChart(QObject *parent = nullptr);

    QString patientId() const { return m_patientId; }
    void setPatientId(const QString &id);
    void setSession(SessionController *session);
    QVariantMap identity() const { return m_identity; }
    QVariantList allergies() const { return m_allergies; }
    bool allergiesRecorded() const { return m_allergiesRecorded; }
    int news2() const { return m_news2; }
    QString news2Risk() const { return m_news2Risk; }
    bool news2Complete() const { return m_news2Complete; }
    QString news2Response() const { return m_news2Response; }
    QVariantList news2History() const { return m_news2History; }
    QVariantMap series() const { return m_series; }
    QVariantMap lastValues() const { return m_lastValues; }
    QVariantList notes() const { return m_notes; }
    QVariantList tasks() const { return m_tasks; }
    QVariantList alerts() const { return m_alerts; }
    QVariantMap lateCare() const { return m_lateCare; }
    QString escalation() const { return m_escalation; }
    QString sbar() const { return m_sbar; }

    Q_INVOKABLE void reload() override;
    Q_INVOKABLE void completeTask(const QString &taskId);
    Q_INVOKABLE void acknowledgeAlert(const QString &alertId);

Q_SIGNALS:
    void sessionChanged();
    void patientIdChanged();
    void changed();
    void actionFailed(const QString &message);

private:
    struct Data;
    void apply(const Data &data);
    void clear();
    void loadStateChanged() override { Q_EMIT changed(); }

    QString m_patientId;
    QVariantMap m_identity;
    QVariantList m_allergies;
    bool m_allergiesRecorded = false;
    int m_news2 = -1;
    QString m_news2Risk;
    bool m_news2Complete = false;
    QString m_news2Response;
    QVariantMap m_lateCare;
    QString m_escalation;
    QString m_sbar;
    QVariantList m_news2History;
    QVariantMap m_series;
    QVariantMap m_lastValues;
    QVariantList m_notes;
    QVariantList m_tasks;
    QVariantList m_alerts;
};
