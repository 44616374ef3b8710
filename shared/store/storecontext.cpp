#include "storecontext.h"

#include "auditlog.h"
#include "core/clock.h"
#include "core/hybridlogicalclock.h"
#include "core/ids.h"
#include "core/logging.h"
#include "database.h"
#include "model/recordmeta.h"

namespace chevet {

void StoreContext::stamp(RecordMeta &meta)
{
    if (meta.id.isNull())
        meta.id = newId();
    meta.author = author;
    meta.device = device;
    meta.enteredTimeMs = clock.nowMs();
    if (meta.clinicalTimeMs == 0)
        meta.clinicalTimeMs = meta.enteredTimeMs;
    meta.hlc = hlc.now();
}

Status StoreContext::requirePatient(const QUuid &patientId)
{
    Result<bool> found = patientId.isNull() ? Result<bool>(false) : records.exists(patientId, RecordType::Patient);
    if (!found)
        return found.error();
    if (!*found) {
        Error e = makeError(ErrorDomain::Validation, QStringLiteral("missing-patient"),
                            QStringLiteral("no such patient on this device"));
        e.field = QStringLiteral("patient");
        return e;
    }
    return {};
}

Status StoreContext::write(const QList<RecordChange> &changes, const std::function<Status()> &extra)
{
    Transaction tx(db);
    if (Status s = tx.begin(); !s)
        return s;
    const qint64 now = clock.nowMs();
    for (const RecordChange &change : changes) {
        RecordRow row = change.row;
        if (row.author.isEmpty())
            row.author = author;
        if (row.enteredMs == 0)
            row.enteredMs = now;
        if (row.hlc == HlcTimestamp{})
            row.hlc = hlc.now();

        Status stored =
            change.kind == RecordChange::Kind::Create ? records.insert(row) : records.supersede(row);
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
            if (Status s = outbox.enqueue(entry); !s)
                return s;
        }
        AuditEntry audited;
        audited.atMs = now;
        audited.hlc = row.hlc;
        audited.author = row.author;
        audited.device = device;
        audited.action = change.action;
        audited.recordType = row.type;
        audited.recordId = row.id;
        audited.version = row.version;
        audited.detail = change.detail;
        if (Status s = audit.append(audited); !s)
            return s;
    }
    if (extra) {
        if (Status s = extra(); !s)
            return s;
    }
    if (Status s = tx.commit(); !s) {
        qCWarning(lcStore) << "local write failed at commit:" << s.error().code;
        return s;
    }
    return {};
}

} // namespace chevet
