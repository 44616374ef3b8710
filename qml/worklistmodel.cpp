#include "worklistmodel.h"

#include "core/logging.h"
#include "model/fiverights.h"
#include "session.h"

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
{
    Session *session = Session::instance();
    connect(session, &Session::dataChanged, this, &WorklistModel::reload);
    connect(session, &Session::unitChanged, this, &WorklistModel::reload);
    m_minute.setInterval(60 * 1000);
    connect(&m_minute, &QTimer::timeout, this, &WorklistModel::reload);
    m_minute.start();
    reload();
}

void WorklistModel::reload()
{
    Session *session = Session::instance();
    if (session->phase() != Session::Unlocked)
        return;
    if (m_loading) {
        m_reloadQueued = true; // one more after this one, however many changes arrive meanwhile
        return;
    }
    m_loading = true;
    const QString unit = session->unit();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    session->worker().run<QList<WorklistRow>>(
        this, [unit, now](Store &store) { return loadWorklist(store, unit, now); },
        [this, now](Result<QList<WorklistRow>> rows) {
            m_loading = false;
            const int before = int(m_rows.size());
            beginResetModel();
            m_rows = rows ? *rows : QList<WorklistRow>();
            m_loadedAtMs = now;
            endResetModel();
            m_error = rows ? QString() : rows.error().message;
            if (!rows)
                qCWarning(lcApp) << "worklist not loaded:" << rows.error().code;
            qCDebug(lcApp) << "worklist rows" << m_rows.size();
            m_loaded = true;
            Q_EMIT loadedChanged();
            if (before != m_rows.size())
                Q_EMIT countChanged();
            if (m_reloadQueued) {
                m_reloadQueued = false;
                reload();
            }
        });
}

int WorklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorklistModel::rowForCode(const QString &code) const
{
    const QString establishment = Session::instance()->establishment();
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
