#include "patientrelink.h"

#include "alertlog.h"
#include "auditlog.h"
#include "core/clock.h"
#include "crypto/keyring.h"
#include "database.h"
#include "recordtable.h"
#include "storecontext.h"

namespace chevet {

Result<int> relinkPatient(StoreContext &context, const QUuid &retired, const QUuid &survivor)
{
    if (retired == survivor || retired.isNull() || survivor.isNull())
        return 0;
    const QString from = retired.toString(QUuid::WithoutBraces);
    const QString to = survivor.toString(QUuid::WithoutBraces);
    Transaction tx(context.db);
    if (Status s = tx.begin(); !s)
        return s.error();
    // Records carry their patient in their sealed associated data: each is sealed again under the survivor.
    Result<QList<RecordRow>> records = context.records.ofPatient(retired);
    if (!records)
        return records.error();
    for (RecordRow row : std::as_const(*records)) {
        row.patientId = survivor;
        if (Status s = context.records.reseal(row); !s)
            return s.error();
    }
    const int moved = int(records->size());
    Result<std::optional<RecordRow>> patient = context.records.find(retired);
    if (!patient)
        return patient.error();
    if (*patient && (*patient)->type == RecordType::Patient) {
        RecordRow merged = **patient;
        merged.status = QStringLiteral("merged");
        if (Status s = context.records.reseal(merged); !s)
            return s.error();
    }
    Result<Statement *> conflicts =
        context.db.cached("UPDATE conflicts SET patient_id = ?2 WHERE patient_id = ?1");
    if (!conflicts)
        return conflicts.error();
    (*conflicts)->bind(1, from).bind(2, to);
    if (Status s = (*conflicts)->exec(); !s)
        return s.error();
    if (Status s = context.alerts.movePatient(retired, survivor); !s)
        return s.error();
    AuditEntry entry = context.auditEntry(QStringLiteral("patient.merged"));
    entry.recordType = RecordType::Patient;
    entry.recordId = retired;
    entry.detail = QStringLiteral("into %1; %2 record(s) moved").arg(to).arg(moved);
    if (Status s = context.audit.append(entry); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return moved;
}

} // namespace chevet
