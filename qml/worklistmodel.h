#pragma once

#include "backend/wardqueries.h"
#include "storereading.h"

#include <QAbstractListModel>
#include <QQmlEngine>
#include <QTimer>

// The patients of the chosen ward or round, for the worklist page. Reloads after every save and sync,
// and every minute (doses fall due as time passes), on the store thread.
class WorklistModel : public QAbstractListModel, public StoreReading
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(SessionController *session READ session WRITE setSession NOTIFY sessionChanged REQUIRED)
    Q_PROPERTY(QString unit READ unit WRITE setUnit NOTIFY unitChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadedChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QString error READ error NOTIFY loadedChanged)

public:
    enum Role {
        PatientIdRole = Qt::UserRole + 1,
        NameRole,
        BirthDateRole,
        AgeRole,
        SexRole,
        RoomRole,
        BedRole,
        IppRole,
        News2Role,
        News2RiskRole,
        News2CompleteRole,
        News2TimeRole,
        DueDosesRole,
        OpenTasksRole,
        UndeliveredRole,
        ConflictRole,
        AlertRole,
        News2AgeMinutesRole,    // since the last vitals; -1 when none
        MonitoringRole,         // "first", "12h", "4h", "hourly", "continuous"
        VitalsDueInMinutesRole, // until the next vitals are due; 0 when due or late
        VitalsLateMinutesRole,  // past due; 0 when not late
        LateDosesRole,
        LateDoseMinutesRole, // how late the oldest missed dose is
        LateTasksRole,
        LateTaskMinutesRole, // how late the oldest task is
    };

    explicit WorklistModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setSession(SessionController *session);
    QString unit() const { return m_unit; }
    void setUnit(const QString &unit);

    Q_INVOKABLE void reload() override;
    // The row of the patient whose wristband (IPP) was scanned on the worklist, or -1.
    Q_INVOKABLE int rowForCode(const QString &code) const;

Q_SIGNALS:
    void sessionChanged();
    void unitChanged();
    void loadedChanged();
    void countChanged();

private:
    void loadStateChanged() override { Q_EMIT loadedChanged(); }

    QString m_unit;
    QList<chevet::app::WorklistRow> m_rows;
    qint64 m_loadedAtMs = 0; // the "now" the rows were computed for
    QTimer m_minute;
};
