#include "taskrepository.h"

#include "core/clock.h"
#include "recordcodec.h"
#include "storecontext.h"

namespace chevet {

TaskRepository::TaskRepository(StoreContext &context)
    : m_context(context)
{}

Result<CareTask> TaskRepository::save(CareTask task)
{
    if (Status s = m_context.requirePatient(task.patientId); !s)
        return s.error();
    if (task.description.trimmed().isEmpty()) {
        Error e = makeError(ValidationError::MissingValue, QStringLiteral("a task needs a description"));
        e.field = QStringLiteral("description");
        return e;
    }
    if (task.id.isNull())
        task.id = QUuid::createUuid();
    RecordChange change;
    change.row = taskRow(task);
    change.queueForDpi = false;
    change.action = QStringLiteral("task.import");
    if (Status s = m_context.write({change}); !s)
        return s.error();
    return task;
}

Result<std::optional<CareTask>> TaskRepository::find(const QUuid &id)
{
    Result<std::optional<RecordRow>> row = m_context.records.find(id);
    if (!row)
        return row.error();
    if (!*row || (*row)->type != RecordType::Task)
        return std::optional<CareTask>();
    Result<CareTask> task = taskFromRow(**row);
    if (!task)
        return task.error();
    return std::optional<CareTask>(std::move(task).value());
}

Result<QList<CareTask>> TaskRepository::forPatient(const QUuid &patientId)
{
    Result<QList<RecordRow>> rows = m_context.records.forPatient(
        patientId, RecordType::Task, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
    if (!rows)
        return rows.error();
    QList<CareTask> tasks;
    for (const RecordRow &row : std::as_const(*rows)) {
        Result<CareTask> t = taskFromRow(row);
        if (!t)
            return t.error();
        tasks.append(std::move(t).value());
    }
    return tasks;
}

Result<CareTask> TaskRepository::complete(const QUuid &id, qint64 completedMs)
{
    Result<std::optional<RecordRow>> row = m_context.records.find(id);
    if (!row)
        return row.error();
    if (!*row || (*row)->type != RecordType::Task)
        return makeError(StoreError::NotFound, QStringLiteral("no such task"));
    Result<CareTask> task = taskFromRow(**row);
    if (!task)
        return task.error();
    if (task->status == TaskStatus::Completed)
        return makeError(ValidationError::AlreadyDone, QStringLiteral("the task is already done"));
    if (task->status == TaskStatus::Cancelled)
        return makeError(ValidationError::Cancelled, QStringLiteral("the task was cancelled in the DPI"));
    if (!isToDo(task->status))
        return makeError(
            ValidationError::NotToDo,
            QStringLiteral("the task is not to do (draft, on hold, refused, failed, voided or of "
                           "a status this device cannot read)"));
    task->status = TaskStatus::Completed;
    task->completedMs = completedMs > 0 ? completedMs : m_context.clock.nowMs();
    task->completedBy = m_context.author;
    RecordChange change;
    change.row = taskRow(*task);
    change.row.version = (*row)->version + 1;
    change.kind = RecordChange::Kind::Supersede;
    change.action = QStringLiteral("task.complete");
    if (Status s = m_context.write({change}); !s)
        return s.error();
    return task;
}

} // namespace chevet
