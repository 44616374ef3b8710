#include "worklistmodel.h"

#include "core/logging.h"
#include "model/fiverights.h"

#include <QDateTime>

using namespace chevet;
using namespace chevet::app;

namespace {

int minutes(qint64 ms)
{
    return ms > 0 ? int(ms / 60000) : 0;
}

} // namespace

WorklistModel::WorklistModel(QObject *parent)
    : QAbstractListModel(parent)
    , StoreReading(this)
{
    m_minute.setInterval(60 * 1000);
    connect(&m_minute, &QTimer::timeout, this, &WorklistModel::reload);
    m_minute.start();
}

void WorklistModel::setSession(SessionController *session)
{
    bindSession(session);
    Q_EMIT sessionChanged();
}

void WorklistModel::setUnit(const QString &unit)
{
    if (m_unit == unit)
        return;
    m_unit = unit;
    // Another ward's patients are never shown (nor found by a wristband) under this one's name while
    // it loads.
    unload();
    const bool hadRows = !m_rows.isEmpty();
    beginResetModel();
    m_rows.clear();
    endResetModel();
    if (hadRows)
        Q_EMIT countChanged();
    loadStateChanged();
    Q_EMIT unitChanged();
    reload();
}

void WorklistModel::reload()
{
    const QString unit = m_unit;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    read<QList<WorklistRow>>([unit, now](Store &store) { return loadWorklist(store, unit, now); },
                             [this, unit, now](const Result<QList<WorklistRow>> &rows) {
                                 if (unit != m_unit)
                                     return false; // another ward chosen meanwhile: its read is queued
                                 const int before = int(m_rows.size());
                                 beginResetModel();
                                 m_rows = rows ? *rows : QList<WorklistRow>();
                                 m_loadedAtMs = now;
                                 endResetModel();
                                 if (!rows)
                                     qCWarning(lcApp) << "worklist not loaded:" << rows.error().code;
                                 if (before != m_rows.size())
                                     Q_EMIT countChanged();
                                 return true;
                             });
}

int WorklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorklistModel::rowForCode(const QString &code) const
{
    if (!session())
        return -1;
    const QString establishment = session()->establishment();
    for (int i = 0; i < m_rows.size(); ++i) {
        if (wristbandMatches(m_rows.at(i).patient, establishment, code))
            return i;
    }
    return -1;
}

QVariant WorklistModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const WorklistRow &row = m_rows.at(index.row());
    const QDate today = QDate::currentDate();
    switch (role) {
    case PatientIdRole:
        return row.patient.id.toString(QUuid::WithoutBraces);
    case NameRole:
        return displayName(row.patient);
    case BirthDateRole:
        return row.patient.birthDate.toString(QStringLiteral("dd/MM/yyyy"));
    case AgeRole:
        return ageOn(row.patient.birthDate, today);
    case SexRole:
        return sexKey(row.patient.sex);
    case RoomRole:
        return row.encounter.room;
    case BedRole:
        return row.encounter.bed;
    case IppRole:
        return currentIpp(row.patient);
    case News2Role:
        return row.news2 ? row.news2->total : -1;
    case News2RiskRole:
        return row.news2 ? news2RiskKey(row.news2->risk) : QString();
    case News2CompleteRole:
        return row.news2 ? row.news2->complete : false;
    case News2TimeRole:
        return row.news2AtMs > 0 ? QDateTime::fromMSecsSinceEpoch(row.news2AtMs) : QDateTime();
    case DueDosesRole:
        return row.dueDoses;
    case OpenTasksRole:
        return row.openTasks;
    case UndeliveredRole:
        return row.undelivered;
    case ConflictRole:
        return row.conflict;
    case AlertRole:
        return row.alert;
    case News2AgeMinutesRole:
        return row.news2AtMs > 0 ? minutes(m_loadedAtMs - row.news2AtMs) : -1;
    case MonitoringRole:
        return monitoringKey(row.vitalsDue.monitoring);
    case VitalsDueInMinutesRole:
        return minutes(row.vitalsDue.dueAtMs - m_loadedAtMs);
    case VitalsLateMinutesRole:
        return minutes(row.vitalsDue.lateByMs);
    case LateDosesRole:
        return row.lateDoses;
    case LateDoseMinutesRole:
        return row.lateDoses > 0 ? minutes(m_loadedAtMs - row.oldestLateDoseMs) : 0;
    case LateTasksRole:
        return row.lateTasks;
    case LateTaskMinutesRole:
        return row.lateTasks > 0 ? minutes(m_loadedAtMs - row.oldestLateTaskMs) : 0;
    }
    return {};
}

QHash<int, QByteArray> WorklistModel::roleNames() const
{
    return {
        {PatientIdRole, "patientId"},
        {NameRole, "name"},
        {BirthDateRole, "birthDate"},
        {AgeRole, "age"},
        {SexRole, "sex"},
        {RoomRole, "room"},
        {BedRole, "bed"},
        {IppRole, "ipp"},
        {News2Role, "news2"},
        {News2RiskRole, "news2Risk"},
        {News2CompleteRole, "news2Complete"},
        {News2TimeRole, "news2Time"},
        {DueDosesRole, "dueDoses"},
        {OpenTasksRole, "openTasks"},
        {UndeliveredRole, "undelivered"},
        {ConflictRole, "conflict"},
        {AlertRole, "alert"},
        {News2AgeMinutesRole, "news2AgeMinutes"},
        {MonitoringRole, "monitoring"},
        {VitalsDueInMinutesRole, "vitalsDueInMinutes"},
        {VitalsLateMinutesRole, "vitalsLateMinutes"},
        {LateDosesRole, "lateDoses"},
        {LateDoseMinutesRole, "lateDoseMinutes"},
        {LateTasksRole, "lateTasks"},
        {LateTaskMinutesRole, "lateTaskMinutes"},
    };
}
