#include "alertlog.h"

#include "crypto/digest.h"
#include "crypto/sealer.h"
#include "database.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QSet>

#include <algorithm>

namespace chevet {

namespace {

// Before the columns were bound, an alert was sealed with its id only: acknowledged or moved to another
// patient in the file, it still opened (security review F1).
QByteArray legacyAad(const QUuid &id)
{
    return QByteArrayLiteral("chevet-alert-v1|") + id.toString(QUuid::WithoutBraces).toUtf8();
}

#define SELECT_ALERTS                                                                                        \
    "SELECT id, kind, patient_id, raised_ms, state, acknowledged_by, acknowledged_ms, sealed, dedupe_key "   \
    "FROM alerts "

void readContent(const QByteArray &content, ClinicalAlert &a)
{
    const QCborMap map = QCborValue::fromCbor(content).toMap();
    a.records.clear();
    for (const QCborValue &id : map.value(QLatin1String("records")).toArray())
        a.records.append(QUuid::fromString(id.toString()));
    a.message = map.value(QLatin1String("message")).toString();
}

QByteArray content(const ClinicalAlert &a)
{
    QCborArray records;
    for (const QUuid &id : a.records)
        records.append(id.toString(QUuid::WithoutBraces));
    return QCborMap{{QLatin1String("records"), records}, {QLatin1String("message"), a.message}}
        .toCborValue()
        .toCbor();
}

Error tampered(const QUuid &id)
{
    return makeError(
        StoreError::AlertTampered,
        QStringLiteral("alert %1 was changed outside the app").arg(id.toString(QUuid::WithoutBraces)));
}

QString dedupeKey(const ClinicalAlert &alert)
{
    QStringList ids;
    for (const QUuid &id : alert.records)
        ids.append(id.toString(QUuid::WithoutBraces));
    ids.sort();
    return alert.kind + QLatin1Char('|') + ids.join(QLatin1Char(','));
}

} // namespace

AlertLog::AlertLog(Database &db, const crypto::Sealer &sealer)
    : m_db(db)
    , m_sealer(sealer)
{}

QByteArray AlertLog::associatedData(const ClinicalAlert &a, const QString &situation)
{
    return QStringLiteral("chevet-alert-v2|%1|%2|%3|%4|%5|%6|%7|%8")
        .arg(a.id.toString(QUuid::WithoutBraces), a.kind, a.patientId.toString(QUuid::WithoutBraces),
             situation)
        .arg(a.raisedMs)
        .arg(a.state, a.acknowledgedBy)
        .arg(a.acknowledgedMs)
        .toUtf8();
}

Result<ClinicalAlert> AlertLog::open(const AlertRow &row) const
{
    ClinicalAlert a = row.alert;
    if (!row.storedAsWritten)
        return tampered(a.id);
    Result<QByteArray> plain = m_sealer.open(row.sealed, associatedData(a, row.situation));
    if (!plain)
        return tampered(a.id);
    readContent(*plain, a);
    return a;
}

Status AlertLog::write(const ClinicalAlert &a, const QString &situation)
{
    Result<QByteArray> sealed = m_sealer.seal(content(a), associatedData(a, situation));
    if (!sealed)
        return sealed.error();
    Result<Statement *> stmt = m_db.cached(
        "INSERT INTO alerts (id, kind, patient_id, dedupe_key, state, raised_ms, acknowledged_by, "
        "acknowledged_ms, sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
        "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, patient_id = excluded.patient_id, "
        "dedupe_key = excluded.dedupe_key, state = excluded.state, raised_ms = excluded.raised_ms, "
        "acknowledged_by = excluded.acknowledged_by, acknowledged_ms = excluded.acknowledged_ms, "
        "sealed = excluded.sealed");
    if (!stmt)
        return stmt.error();
    (*stmt)
        ->bind(1, a.id.toString(QUuid::WithoutBraces))
        .bind(2, a.kind)
        .bind(3, a.patientId.toString(QUuid::WithoutBraces))
        .bind(4, situation)
        .bind(5, a.state)
        .bind(6, a.raisedMs)
        .bind(7, a.acknowledgedBy)
        .bind(8, a.acknowledgedMs);
    (*stmt)->bind(9, *sealed);
    // The row and its audit entry together, or neither (a savepoint inside the caller's transaction).
    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    if (Status s = (*stmt)->exec(); !s)
        return s;
    if (m_writeAudit) {
        if (Status s = m_writeAudit(a.id, a.patientId, rowDigest(*sealed)); !s)
            return s;
    }
    return tx.commit();
}

QByteArray AlertLog::rowDigest(const QByteArray &sealed)
{
    return crypto::sha256(sealed).left(16);
}

AlertLog::AlertRow AlertLog::readColumns(const Statement &row)
{
    AlertRow r;
    // Types first (reading converts them): see Statement::isTextOrNull.
    r.storedAsWritten = row.isTextOrNull(0) && row.isTextOrNull(1) && row.isTextOrNull(2) &&
                        row.isIntegerOrNull(3) && row.isTextOrNull(4) && row.isTextOrNull(5) &&
                        row.isIntegerOrNull(6) && row.isTextOrNull(8);
    ClinicalAlert &a = r.alert;
    a.id = QUuid::fromString(row.text(0));
    a.kind = row.text(1);
    a.patientId = QUuid::fromString(row.text(2));
    a.raisedMs = row.int64(3);
    a.state = row.text(4);
    a.acknowledgedBy = row.text(5);
    a.acknowledgedMs = row.int64(6);
    r.sealed = row.blob(7);
    r.situation = row.text(8);
    return r;
}

Result<QList<AlertLog::AlertRow>> AlertLog::rows(const char *sql,
                                                 const std::function<void(Statement &)> &bind)
{
    Result<Statement *> stmt = m_db.cached(sql);
    if (!stmt)
        return stmt.error();
    bind(**stmt);
    return (*stmt)->collect<AlertRow>(
        [](const Statement &row) -> Result<AlertRow> { return readColumns(row); });
}

Result<bool> AlertLog::raise(ClinicalAlert alert, const QString &key)
{
    const QString situation = key.isEmpty() ? dedupeKey(alert) : alert.kind + QLatin1Char('|') + key;
    Result<QList<AlertRow>> existing =
        rows(SELECT_ALERTS "WHERE dedupe_key = ?1", [&](Statement &s) { s.bind(1, situation); });
    if (!existing)
        return existing.error();
    if (!existing->isEmpty()) {
        Result<ClinicalAlert> known = open(existing->constFirst());
        if (!known)
            return known.error();
        const QSet<QUuid> before(known->records.cbegin(), known->records.cend());
        if (before == QSet<QUuid>(alert.records.cbegin(), alert.records.cend()))
            return false;
        alert.id = known->id;
    } else if (alert.id.isNull()) {
        alert.id = QUuid::createUuid();
    }
    // New, or the situation grew: (re)opened for the nurse.
    alert.state = QStringLiteral("open");
    alert.acknowledgedBy.clear();
    alert.acknowledgedMs = 0;
    if (Status s = write(alert, situation); !s)
        return s.error();
    return true;
}

Result<QList<ClinicalAlert>> AlertLog::list(bool openOnly)
{
    // Every alert is read and opened, then filtered: an open alert marked acknowledged in the file must
    // not drop out of the list unseen.
    Result<QList<AlertRow>> all = rows(SELECT_ALERTS "ORDER BY raised_ms, id", [](Statement &) {});
    if (!all)
        return all.error();
    QList<ClinicalAlert> alerts;
    for (const AlertRow &row : std::as_const(*all)) {
        Result<ClinicalAlert> a = open(row);
        if (!a)
            return a.error();
        if (!openOnly || a->state == QLatin1String("open"))
            alerts.append(std::move(a).value());
    }
    return alerts;
}

Status AlertLog::acknowledge(const QUuid &id, const QString &author, qint64 atMs)
{
    Result<QList<AlertRow>> found = rows(SELECT_ALERTS "WHERE id = ?1",
                                         [&](Statement &s) { s.bind(1, id.toString(QUuid::WithoutBraces)); });
    if (!found)
        return found.error();
    if (found->isEmpty() || found->constFirst().alert.state != QLatin1String("open"))
        return makeError(StoreError::NotFound, QStringLiteral("no open alert with this id"));
    Result<ClinicalAlert> alert = open(found->constFirst());
    if (!alert)
        return alert.error();
    alert->state = QStringLiteral("acknowledged");
    alert->acknowledgedBy = author;
    alert->acknowledgedMs = atMs;
    return write(*alert, found->constFirst().situation);
}

Status AlertLog::movePatient(const QUuid &from, const QUuid &to)
{
    Result<QList<AlertRow>> moving = rows(SELECT_ALERTS "WHERE patient_id = ?1", [&](Statement &s) {
        s.bind(1, from.toString(QUuid::WithoutBraces));
    });
    if (!moving)
        return moving.error();
    for (const AlertRow &row : std::as_const(*moving)) {
        Result<ClinicalAlert> alert = open(row);
        if (!alert)
            return alert.error();
        alert->patientId = to;
        if (Status s = write(*alert, row.situation); !s)
            return s;
    }
    return {};
}

Status AlertLog::verifyAll()
{
    Result<QList<AlertRow>> stored = rows(SELECT_ALERTS, [](Statement &) {});
    if (!stored)
        return stored.error();
    for (const AlertRow &row : std::as_const(*stored)) {
        if (Result<ClinicalAlert> opened = open(row); !opened)
            return opened.error();
    }
    if (!m_trail)
        return {};
    Result<Trail> trail = m_trail();
    if (!trail)
        return trail.error();
    if (trail->lastWritten.isEmpty() && !stored->isEmpty() && m_writeAudit) {
        // Written by a build that did not audit alerts: entered as they are, once.
        Transaction tx(m_db);
        if (Status s = tx.begin(); !s)
            return s;
        for (const AlertRow &row : std::as_const(*stored)) {
            if (Status s = m_writeAudit(row.alert.id, row.alert.patientId, rowDigest(row.sealed)); !s)
                return s;
        }
        return tx.commit();
    }
    // Each row as last written: an older one put back (acknowledged, say, over the alert a third dose
    // opened again) opens with its own seal, but is not the row the trail saw last.
    QSet<QUuid> present;
    for (const AlertRow &row : std::as_const(*stored)) {
        present.insert(row.alert.id);
        const auto last = trail->lastWritten.constFind(row.alert.id);
        if (last == trail->lastWritten.cend() || last->first != rowDigest(row.sealed))
            return tampered(row.alert.id);
    }
    // And none gone but with its patient.
    for (auto it = trail->lastWritten.cbegin(); it != trail->lastWritten.cend(); ++it) {
        if (!present.contains(it.key()) && !trail->erasedPatients.contains(it->second))
            return tampered(it.key());
    }
    return {};
}

Result<int> AlertLog::sealLegacyAlerts()
{
    Result<QList<AlertRow>> all = rows(SELECT_ALERTS, [](Statement &) {});
    if (!all)
        return all.error();
    int sealed = 0;
    for (const AlertRow &row : std::as_const(*all)) {
        if (open(row))
            continue;
        Result<QByteArray> plain = m_sealer.open(row.sealed, legacyAad(row.alert.id));
        if (!plain)
            return tampered(row.alert.id);
        ClinicalAlert a = row.alert;
        readContent(*plain, a);
        if (Status s = write(a, row.situation); !s)
            return s.error();
        ++sealed;
    }
    return sealed;
}

Result<resealing::Carried> AlertLog::resealAll(const crypto::Sealer &from)
{
    const AlertLog old(m_db, from);
    Result<QList<AlertRow>> all = rows(SELECT_ALERTS, [](Statement &) {});
    if (!all)
        return all.error();
    resealing::Carried carried;
    for (const AlertRow &row : std::as_const(*all)) {
        Result<ClinicalAlert> alert = old.open(row);
        if (!alert) {
            ++carried.unreadable;
            continue;
        }
        if (Status s = write(*alert, row.situation); !s)
            return s.error();
        ++carried.rows;
    }
    return carried;
}

} // namespace chevet
