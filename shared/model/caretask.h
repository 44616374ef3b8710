#pragma once

#include "statuscode.h"

#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

// FHIR R4 Task.status, and Unknown for a code outside R4 (kept as otherStatus; R4 has no "unknown").
enum class TaskStatus {
    Requested,
    InProgress,
    Completed,
    Cancelled,
    Draft,
    Received,
    Accepted,
    Rejected,
    Ready,
    OnHold,
    Failed,
    EnteredInError,
    Unknown
};

QString taskStatusKey(TaskStatus status);
std::optional<TaskStatus> taskStatusFromKey(const QString &key);

// On the nurse's to-do list: requested (received, accepted, ready: steps before anyone starts it) or
// in progress. A draft, a task on hold or one whose status the device cannot read is not to do.
bool isToDo(TaskStatus status);

// A care task (dressing, turn, drain check) usually planned in the DPI and ticked at the bedside.
struct CareTask
{
    QUuid id;
    QUuid patientId;
    TaskStatus status = TaskStatus::Requested;
    QString otherStatus; // the DPI's code when status is Unknown
    QString description;
    qint64 dueMs = 0;
    std::optional<qint64> completedMs;
    QString completedBy;
    QString serverId;
    QString serverVersion;
};

} // namespace chevet
