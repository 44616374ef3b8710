#pragma once

#include "store/auditlog.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace chevet {

// The tablet's audit trail as FHIR R4 AuditEvents, so the DPI holds a copy a nurse with the file cannot
// rewrite (security review F8). One AuditEvent carries a run of consecutive entries of one device: each
// as an `entity` (what: the entry's sequence number as an identifier; details: action, time, author,
// record, the chain hash and the previous one), never patient data. Its subtype names the run, so a DPI
// that does conditional creates keeps each run once however often it is sent.
inline constexpr auto kAuditRunSystem = "https://fhir.chevet.invalid/CodeSystem/audit-run";
inline constexpr auto kAuditEntrySystem = "https://fhir.chevet.invalid/audit-entry";

// "<device>/<first seq>-<last seq>": the run's code in kAuditRunSystem.
QString auditRunCode(const QString &device, qint64 firstSeq, qint64 lastSeq);
// `entries` are consecutive, of one device, and not empty.
QJsonObject auditEventFor(const QString &device, const QList<AuditEntry> &entries);

} // namespace chevet
