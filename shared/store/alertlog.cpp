#include "alertlog.h"

#include "crypto/sealer.h"
#include "database.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QSet>

#include <algorithm>

namespace chevet {

namespace {

QByteArray aad(const QUuid &id)
{
    return QByteArrayLiteral("chevet-alert-v1|") + id.toString(QUuid::WithoutBraces).toUtf8();
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

Result<bool> AlertLog::raise(ClinicalAlert alert, const QString &key)
{
    const QString situation = key.isEmpty() ? dedupeKey(alert) : alert.kind + QLatin1Char('|') + key;
    Result<Statement *> existing = m_db.cached("SELECT id, sealed FROM alerts WHERE dedupe_key = ?1");
    if (!existing)
        return existing.error();
    (*existing)->bind(1, situation);
    Result<bool> found = (*existing)->step();
    if (!found)
        return found.error();
    QUuid known;
    QByteArray knownSealed;
    if (*found) {
        known = QUuid::fromString((*existing)->text(0));
        knownSealed = (*existing)->blob(1);
    }
    (*existing)->reset();
    if (!known.isNull()) {
        Result<QByteArray> content = m_sealer.open(knownSealed, aad(known));
        if (!content)
            return content.error();
        QSet<QUuid> before;
        for (const QCborValue &id :
             QCborValue::fromCbor(*content).toMap().value(QLatin1String("records")).toArray())
            before.insert(QUuid::fromString(id.toString()));
        if (before == QSet<QUuid>(alert.records.cbegin(), alert.records.cend()))
            return false;
        alert.id = known;
    } else if (alert.id.isNull()) {
        alert.id = QUuid::createUuid();
    }
    QCborArray records;
    for (const QUuid &id : alert.records)
        records.append(id.toString(QUuid::WithoutBraces));
    const QCborMap content{{QLatin1String("records"), records}, {QLatin1String("message"), alert.message}};
    Result<QByteArray> sealed = m_sealer.seal(content.toCborValue().toCbor(), aad(alert.id));
    if (!sealed)
        return sealed.error();
    // New, or the situation grew: (re)opened for the nurse.
    Result<Statement *> stmt = m_db.cached("INSERT INTO alerts (id, kind, patient_id, dedupe_key, raised_ms, "
                                           "sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                                           "ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed, "
                                           "raised_ms = excluded.raised_ms, state = 'open', "
                                           "acknowledged_by = NULL, acknowledged_ms = NULL");
    if (!stmt)
        return stmt.error();
    (*stmt)
        ->bind(1, alert.id.toString(QUuid::WithoutBraces))
        .bind(2, alert.kind)
        .bind(3, alert.patientId.toString(QUuid::WithoutBraces))
        .bind(4, situation)
        .bind(5, alert.raisedMs)
        .bind(6, *sealed);
    if (Status s = (*stmt)->exec(); !s)
        return s.error();
    return true;
}

Result<QList<ClinicalAlert>> AlertLog::list(bool openOnly)
{
    Result<Statement *> stmt = m_db.cached(
        "SELECT id, kind, patient_id, raised_ms, state, acknowledged_by, acknowledged_ms, sealed FROM alerts "
        "WHERE (?1 = 0 OR state = 'open') ORDER BY raised_ms, id");
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bind(1, openOnly ? 1 : 0);
    return s.collect<ClinicalAlert>([this](const Statement &row) -> Result<ClinicalAlert> {
        ClinicalAlert a;
        a.id = QUuid::fromString(row.text(0));
        a.kind = row.text(1);
        a.patientId = QUuid::fromString(row.text(2));
        a.raisedMs = row.int64(3);
        a.state = row.text(4);
        a.acknowledgedBy = row.text(5);
        a.acknowledgedMs = row.int64(6);
        Result<QByteArray> content = m_sealer.open(row.blob(7), aad(a.id));
        if (!content)
            return content.error();
        const QCborMap map = QCborValue::fromCbor(*content).toMap();
        for (const QCborValue &id : map.value(QLatin1String("records")).toArray())
            a.records.append(QUuid::fromString(id.toString()));
        a.message = map.value(QLatin1String("message")).toString();
        return a;
    });
}

Status AlertLog::acknowledge(const QUuid &id, const QString &author, qint64 atMs)
{
    Result<Statement *> stmt = m_db.cached("UPDATE alerts SET state = 'acknowledged', acknowledged_by = ?2, "
                                           "acknowledged_ms = ?3 WHERE id = ?1 AND state = 'open'");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, id.toString(QUuid::WithoutBraces)).bind(2, author).bind(3, atMs);
    if (Status s = (*stmt)->exec(); !s)
        return s;
    if (m_db.changes() == 0)
        return makeError(ErrorDomain::Store, QStringLiteral("not-found"),
                         QStringLiteral("no open alert with this id"));
    return {};
}

} // namespace chevet
