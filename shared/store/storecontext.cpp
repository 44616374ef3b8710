#include "storecontext.h"

#include "auditlog.h"
#include "core/clock.h"
#include "core/hybridlogicalclock.h"
#include "core/ids.h"
#include "core/logging.h"
#include "database.h"
#include "model/recordmeta.h"

namespace chevet {

namespace {

Status writeChanges(StoreContext &context, const QUuid *patientId, const QList<RecordChange> &changes,
                    const std::function<Status()> &extra)
{
    Transaction tx(context.db);
    if (Status s = tx.begin(); !s)
        return s;
    if (patientId) {
        if (Status s = context.requirePatient(*patientId); !s)
            return s;
    }
    const qint64 now = context.clock.nowMs();
    QList<AuditEntry> audited;
    audited.reserve(changes.size());
    for (const RecordChange &change : changes) {
        RecordRow row = change.row;
        if (row.author.isEmpty())
            row.author = context.author;
        if (row.enteredMs == 0)
            row.enteredMs = now;
        if (row.hlc == HlcTimestamp{})
            row.hlc = context.hlc.now();

        Status stored = change.kind == RecordChange::Kind::Create ? context.records.insert(row)
                                                                  : context.records.supersede(row);
        if (!stored)
            return stored;
        if (change.queueForDpi) {
            OutboxEntry entry;
            entry.recordId = row.id;
            entry.recordType = row.type;
            entry.version = row.version;
            entry.operation = change.kind == RecordChange::Kind::Create ? QStringLiteral("create")
                                                                        : QStringLiteral("update");
            entry.priority = int(change.priority);
            entry.createdHlc = row.hlc;
            if (Status s = context.outbox.enqueue(entry); !s)
                return s;
        }
        AuditEntry &entry = audited.emplace_back();
        entry.atMs = now;
        entry.hlc = row.hlc;
        entry.author = row.author;
        entry.device = context.device;
        entry.action = change.action;
        entry.recordType = row.type;
        entry.recordId = row.id;
        entry.version = row.version;
        entry.detail = change.detail;
    }
    if (extra) {
        if (Status s = extra(); !s)
            return s;
    }
    // All the entries of the write at once: the audit head moves once per transaction.
    if (Status s = context.audit.append(std::move(audited)); !s)
        return s;
    if (Status s = tx.commit(); !s) {
        qCWarning(lcStore) << "local write failed at commit:" << s.error().code;
        return s;
    }
    return {};
}

} // namespace

void StoreContext::stampShared(RecordMeta &meta)
{
    meta.author = author;
    meta.device = device;
    meta.enteredTimeMs = clock.nowMs();
    if (meta.clinicalTimeMs == 0)
        meta.clinicalTimeMs = meta.enteredTimeMs;
    meta.hlc = hlc.now();
}

void StoreContext::stamp(RecordMeta &meta)
{
    if (meta.id.isNull())
        meta.id = newId();
    stampShared(meta);
}

Status StoreContext::requirePatient(const QUuid &patientId)
{
    Result<bool> found =
        patientId.isNull() ? Result<bool>(false) : records.exists(patientId, RecordType::Patient);
    if (!found)
        return found.error();
    if (!*found) {
        Error e =
            makeError(ValidationError::MissingPatient, QStringLiteral("no such patient on this device"));
        e.field = QStringLiteral("patient");
        return e;
    }
    return {};
}

Status StoreContext::write(const QList<RecordChange> &changes, const std::function<Status()> &extra)
{
    return writeChanges(*this, nullptr, changes, extra);
}

Status StoreContext::writeForPatient(const QUuid &patientId, const QList<RecordChange> &changes,
                                     const std::function<Status()> &extra)
{
    return writeChanges(*this, &patientId, changes, extra);
}

} // namespace chevet
