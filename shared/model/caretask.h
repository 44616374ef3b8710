#pragma once

#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

enum class TaskStatus { Requested, InProgress, Completed, Cancelled };

QString taskStatusKey(TaskStatus status);
std::optional<TaskStatus> taskStatusFromKey(const QString &key);

// A care task (dressing, turn, drain check) usually planned in the DPI and ticked at the bedside.
struct CareTask
{
    QUuid id;
    QUuid patientId;
    TaskStatus status = TaskStatus::Requested;
    QString description;
    qint64 dueMs = 0;
    std::optional<qint64> completedMs;
    QString completedBy;
    QString serverId;
    QString serverVersion;
};

} // namespace chevet
