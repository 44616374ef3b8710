#pragma once

#include "storereading.h"

#include <QJsonObject>
#include <QObject>
#include <QQmlEngine>
#include <QVariantList>

// What sync could not settle alone and a nurse must look at: open conflicts (base, local and remote
// side by side, field by field, to keep one side or merge) and clinical alerts to acknowledge.
class ReviewQueue : public QObject, public StoreReading
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(SessionController *session READ session WRITE setSession NOTIFY sessionChanged REQUIRED)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(QVariantList conflicts READ conflicts NOTIFY changed)
    Q_PROPERTY(QVariantList alerts READ alerts NOTIFY changed)
    Q_PROPERTY(QString selected READ selected NOTIFY selectionChanged)
    Q_PROPERTY(QVariantList rows READ rows NOTIFY selectionChanged)
    Q_PROPERTY(QString rule READ rule NOTIFY selectionChanged)
    Q_PROPERTY(bool remoteDeleted READ remoteDeleted NOTIFY selectionChanged)
    // Who the patient is: settled as "not the same person" or "the DPI's person", never by a merge.
    Q_PROPERTY(bool identity READ identity NOTIFY selectionChanged)
    // The selected conflict's patient, for a transmission written after deciding.
    Q_PROPERTY(QString patientId READ patientId NOTIFY selectionChanged)
    // Why the DPI changed the record (its statusReason or note), shown before the table.
    Q_PROPERTY(QString dpiReason READ dpiReason NOTIFY selectionChanged)
    // A care done on this tablet that keeping the DPI's side would leave out; empty when none.
    Q_PROPERTY(QString localCare READ localCare NOTIFY selectionChanged)

public:
    explicit ReviewQueue(QObject *parent = nullptr);
    void setSession(SessionController *session);

    QVariantList conflicts() const { return m_conflicts; }
    QVariantList alerts() const { return m_alerts; }
    QString selected() const { return m_selected; }
    QVariantList rows() const { return m_rows; }
    QString rule() const { return m_rule; }
    bool remoteDeleted() const { return m_remote.isEmpty() && !identity(); }
    bool identity() const;
    QString patientId() const { return m_patientId; }
    QString dpiReason() const;
    QString localCare() const;

    Q_INVOKABLE void reload() override;
    Q_INVOKABLE void select(const QString &conflictId);
    // For a merge: which side a differing field takes ("local" or "remote").
    Q_INVOKABLE void choose(int row, const QString &side);
    // "local", "remote" or "merged" (the per-field choices).
    Q_INVOKABLE void resolve(const QString &how);
    Q_INVOKABLE void acknowledge(const QString &alertId);
    Q_INVOKABLE QString ruleText(const QString &rule) const;
    QString fieldLabel(const QString &element) const;
    QString statusLabel(const QString &code) const;

Q_SIGNALS:
    void sessionChanged();
    void changed();
    void selectionChanged();
    void resolved();
    void failed(const QString &message);

private:
    void buildRows();
    void loadStateChanged() override { Q_EMIT changed(); }

    QVariantList m_conflicts;
    QVariantList m_alerts;
    QString m_selected;
    QString m_patientId;
    QString m_rule;
    QJsonObject m_base, m_local, m_remote;
    QVariantList m_rows;
};
