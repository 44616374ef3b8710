#pragma once

#include "model/recordmeta.h"
#include "storecontext.h"

#include <functional>

namespace chevet {

// Makes the next version of an append-only clinical record: loads the current version, lets `edit`
// change it, stamps the new version (author, entry time, HLC; clinical time kept) and supersedes the
// old one, which stays in the history. An entered-in-error record is final and cannot be revised.
template<typename T>
Result<T> reviseRecord(StoreContext &context, const QUuid &id, const QString &type,
                       Result<T> (*fromRow)(const RecordRow &), RecordRow (*toRow)(const T &),
                       const std::function<Status(T &)> &edit, const QString &action, OutboxPriority priority)
{
    Result<std::optional<RecordRow>> row = context.records.find(id);
    if (!row)
        return row.error();
    if (!*row || (*row)->type != type)
        return makeError(StoreError::NotFound, QStringLiteral("no such %1").arg(type));
    Result<T> current = fromRow(**row);
    if (!current)
        return current.error();
    T next = std::move(current).value();
    if ((*row)->status == recordStatusKey(RecordStatus::EnteredInError))
        return makeError(
            ValidationError::EnteredInError,
            QStringLiteral("this %1 was marked entered in error and can no longer change").arg(type));
    if (Status s = edit(next); !s)
        return s.error();
    const qint64 clinical = next.meta.clinicalTimeMs;
    const int version = next.meta.version + 1;
    context.stamp(next.meta);
    next.meta.clinicalTimeMs = clinical;
    next.meta.version = version;
    RecordChange change;
    change.row = toRow(next);
    change.kind = RecordChange::Kind::Supersede;
    change.priority = priority;
    change.action = action;
    if (Status s = context.write({change}); !s)
        return s.error();
    return next;
}

} // namespace chevet
