#include "lifetimepurge.h"

#include "alertlog.h"
#include "auditlog.h"
#include "conflictqueue.h"
#include "core/clock.h"
#include "core/hybridlogicalclock.h"
#include "core/ids.h"
#include "core/logging.h"
#include "database.h"
#include "encounterrepository.h"
#include "outbox.h"
#include "store.h"
#include "storecontext.h"

namespace chevet {

namespace {

// Every record of the patient, the patient's own row included (its patient_id is its own id).
#define PATIENT_RECORDS "SELECT id FROM records WHERE patient_id = ?1"

Result<qint64> scalar(Database &db, const char *sql, const QString &patient)
{
    Result<Statement *> stmt = db.cached(sql);
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, patient);
    Result<bool> row = (*stmt)->step();
    const qint64 value = row && *row ? (*stmt)->int64(0) : 0;
    (*stmt)->reset();
    if (!row)
        return row.error();
    return value;
}

Status execFor(Database &db, const char *sql, const QString &patient)
{
    Result<Statement *> stmt = db.cached(sql);
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, patient);
    return (*stmt)->exec();
}

} // namespace

LifetimePurge::LifetimePurge(Store &store)
    : m_store(store)
{}

Result<PurgeDecision> LifetimePurge::decide(const QUuid &patientId, qint64 maxAgeMs)
{
    Database &db = m_store.context().db;
    const QString id = idToString(patientId);
    PurgeDecision d;
    d.patientId = patientId;
    Result<qint64> records = scalar(db, "SELECT count(*) FROM records WHERE patient_id = ?1", id);
    if (!records)
        return records.error();
    d.records = *records;

    // Due? Discharged: at least one stay and none planned or in progress. Expired: nothing entered,
    // observed or confirmed by the DPI for longer than the policy allows.
    Result<QList<Encounter>> stays = m_store.encounters().forPatient(patientId);
    if (!stays)
        return stays.error();
    bool inStay = false;
    for (const Encounter &e : std::as_const(*stays))
        inStay = inStay || isOngoing(e.status) || e.status == EncounterStatus::Planned;
    const bool discharged = !stays->isEmpty() && !inStay;
    Result<qint64> newest =
        scalar(db,
               "SELECT max(max(entered_ms, coalesce(effective_ms, 0), coalesce(server_ms, 0))) "
               "FROM records WHERE patient_id = ?1",
               id);
    if (!newest)
        return newest.error();
    const bool expired = m_store.context().clock.nowMs() - *newest > maxAgeMs;
    if (!discharged && !expired) {
        d.reason = inStay ? QStringLiteral("in-stay") : QStringLiteral("recent");
        return d;
    }

    // Due, but nothing undelivered or undecided may go.
    const std::pair<const char *, const char *> blockers[] = {
        {"undelivered",
         "SELECT count(*) FROM outbox WHERE state = 'pending' AND record_id IN (" PATIENT_RECORDS ")"},
        {"quarantined",
         "SELECT count(*) FROM outbox WHERE state = 'quarantined' AND record_id IN (" PATIENT_RECORDS ")"},
        {"conflict",
         "SELECT count(*) FROM outbox WHERE state = 'conflict' AND record_id IN (" PATIENT_RECORDS ")"},
        {"conflict",
         "SELECT count(*) FROM conflicts WHERE state = 'open' AND (patient_id = ?1 OR record_id IN "
         "(" PATIENT_RECORDS "))"},
        {"open-alert", "SELECT count(*) FROM alerts WHERE state = 'open' AND patient_id = ?1"},
    };
    for (const auto &[reason, sql] : blockers) {
        Result<qint64> n = scalar(db, sql, id);
        if (!n)
            return n.error();
        if (*n > 0) {
            d.reason = QString::fromLatin1(reason);
            return d;
        }
    }
    d.erase = true;
    d.reason = discharged ? QStringLiteral("discharged") : QStringLiteral("expired");
    return d;
}

Result<QList<PurgeDecision>> LifetimePurge::plan(qint64 maxAgeMs)
{
    Result<Statement> stmt = m_store.context().db.prepare(
        QStringLiteral("SELECT id FROM records WHERE type = 'patient' ORDER BY seq"));
    if (!stmt)
        return stmt.error();
    Result<QList<QString>> ids =
        stmt->collect<QString>([](const Statement &s) -> Result<QString> { return s.text(0); });
    if (!ids)
        return ids.error();
    QList<PurgeDecision> decisions;
    for (const QString &id : std::as_const(*ids)) {
        Result<PurgeDecision> d = decide(QUuid::fromString(id), maxAgeMs);
        if (!d)
            return d.error();
        decisions.append(*d);
    }
    return decisions;
}

Status LifetimePurge::erase(const PurgeDecision &decision)
{
    StoreContext &c = m_store.context();
    const QString id = idToString(decision.patientId);
    Transaction tx(c.db);
    if (Status s = tx.begin(); !s)
        return s;
    // Outbox rows stay (ids, versions, states: the proof of delivery, and their seq never goes back);
    // only their sealed reasons, which may quote the DPI about the patient, are cleared.
    const char *const steps[] = {
        "INSERT INTO erasing (patient_id) VALUES (?1)",
        "DELETE FROM record_history WHERE record_id IN (" PATIENT_RECORDS ")",
        "DELETE FROM lookup WHERE record_id = ?1",
        "DELETE FROM dpi_copies WHERE patient_id = ?1 OR record_id IN (" PATIENT_RECORDS ")",
        "DELETE FROM full_pulls WHERE patient_id = ?1",
        "DELETE FROM conflicts WHERE patient_id = ?1 OR record_id IN (" PATIENT_RECORDS ")",
        "DELETE FROM alerts WHERE patient_id = ?1",
        "DELETE FROM records WHERE patient_id = ?1",
        "DELETE FROM erasing WHERE patient_id = ?1",
    };
    if (Status s = c.outbox.forgetReasonsOfPatient(decision.patientId, c.clock.nowMs()); !s)
        return s;
    for (const char *sql : steps) {
        if (Status s = execFor(c.db, sql, id); !s)
            return s;
    }
    AuditEntry entry = c.auditEntry(QStringLiteral("patient.erase"));
    entry.recordType = QStringLiteral("patient");
    entry.recordId = decision.patientId;
    entry.detail = QStringLiteral("%1; %2 records").arg(decision.reason).arg(decision.records);
    if (Status s = c.audit.append(entry); !s)
        return s;
    return tx.commit();
}

Result<bool> LifetimePurge::truncateWal()
{
    // Copies every committed page into the database file and empties the WAL, so the page images that
    // held erased rows are gone from it. busy = 1 when another connection is still reading.
    Result<Statement> stmt = m_store.context().db.prepare(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    if (!stmt)
        return stmt.error();
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    return *row && stmt->int64(0) == 0;
}

Result<PurgeReport> LifetimePurge::run(qint64 maxAgeMs)
{
    // What is erased is chosen by outbox state: an entry marked delivered in the file must not get its
    // undelivered record erased (security review F1).
    if (Status s = m_store.outbox().verifyAll(); !s)
        return s.error();
    if (Status s = m_store.alerts().verifyAll(); !s) // open alerts keep their patient too
        return s.error();
    Result<QList<PurgeDecision>> decisions = plan(maxAgeMs);
    if (!decisions)
        return decisions.error();
    PurgeReport report;
    report.decisions = *decisions;
    for (const PurgeDecision &d : std::as_const(*decisions)) {
        if (!d.erase)
            continue;
        if (Status s = erase(d); !s)
            return s.error();
        ++report.erasedPatients;
        report.erasedRecords += d.records;
    }
    Result<bool> truncated = truncateWal();
    if (!truncated)
        return truncated.error();
    report.walTruncated = *truncated;
    qCInfo(lcStore) << "lifetime purge:" << report.erasedPatients << "patients," << report.erasedRecords
                    << "records erased;" << (report.decisions.size() - report.erasedPatients) << "kept";
    return report;
}

Result<bool> LifetimePurge::forgetDevice(bool force)
{
    StoreContext &c = m_store.context();
    // The counts below decide whether anything is lost; an entry marked delivered in the file would lie.
    if (!force) {
        if (Status s = c.outbox.verifyAll(); !s)
            return s.error();
    }
    Result<OutboxCounts> counts = c.outbox.counts();
    if (!counts)
        return counts.error();
    Result<qint64> openConflicts = m_store.conflicts().openCount();
    if (!openConflicts)
        return openConflicts.error();
    const qint64 undelivered = counts->pending + counts->quarantined + counts->conflicts + *openConflicts;
    if (undelivered > 0 && !force)
        return Error(
            makeError(StoreError::UndeliveredData,
                      QStringLiteral("%1 changes are not delivered to the DPI yet; sync first, or force the "
                                     "erase (audited) if they may be lost")
                          .arg(undelivered)));
    Transaction tx(c.db);
    if (Status s = tx.begin(); !s)
        return s.error();
    AuditEntry entry = c.auditEntry(QStringLiteral("device.forget"));
    entry.detail = QStringLiteral("%1; undelivered %2 (pending %3, quarantined %4, conflicts %5)")
                       .arg(undelivered > 0 ? QStringLiteral("forced") : QStringLiteral("all delivered"))
                       .arg(undelivered)
                       .arg(counts->pending)
                       .arg(counts->quarantined)
                       .arg(counts->conflicts + *openConflicts);
    if (Status s = c.audit.append(entry); !s)
        return s.error();
    // Every wrapped copy of the data key: per-nurse slots, the pre-slot key, and the session records.
    for (const char *sql :
         {"DELETE FROM meta WHERE key >= 'key_slot.' AND key < 'key_slot/'",
          "DELETE FROM meta WHERE key >= 'session.' AND key < 'session/'",
          "DELETE FROM meta WHERE key = 'session-device'", "DELETE FROM meta WHERE key = 'wrapped_key'"}) {
        if (Status s = c.db.exec(QString::fromLatin1(sql)); !s)
            return s.error();
    }
    Result<Statement *> marker =
        c.db.cached("INSERT OR REPLACE INTO meta (key, value) VALUES ('erased_ms', ?1)");
    if (!marker)
        return marker.error();
    (*marker)->bind(1, QByteArray::number(c.clock.nowMs()));
    if (Status s = (*marker)->exec(); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    if (undelivered > 0)
        qCWarning(lcStore) << "device erased with" << undelivered << "undelivered changes (forced)";
    else
        qCInfo(lcStore) << "device erased; everything was delivered";
    Result<bool> truncated = truncateWal();
    if (!truncated)
        return truncated.error();
    if (!*truncated)
        qCWarning(lcStore) << "device erased, but another connection keeps the journal: not emptied yet";
    return *truncated;
}

} // namespace chevet
