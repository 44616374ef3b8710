#include "fullpulls.h"

#include "database.h"

namespace chevet {

FullPulls::FullPulls(Database &db)
    : m_db(db)
{}

Result<bool> FullPulls::isDone(const QUuid &patientId)
{
    Result<Statement *> stmt = m_db.cached("SELECT 1 FROM full_pulls WHERE patient_id = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, patientId.toString(QUuid::WithoutBraces));
    Result<QList<int>> rows = (*stmt)->collect<int>([](const Statement &) -> Result<int> { return 1; });
    if (!rows)
        return rows.error();
    return !rows->isEmpty();
}

Status FullPulls::markDone(const QList<QUuid> &patientIds, qint64 atMs)
{
    for (const QUuid &id : patientIds) {
        Result<Statement *> stmt = m_db.cached("INSERT INTO full_pulls (patient_id, done_ms) VALUES (?1, ?2) "
                                               "ON CONFLICT(patient_id) DO UPDATE SET done_ms = ?2");
        if (!stmt)
            return stmt.error();
        (*stmt)->bind(1, id.toString(QUuid::WithoutBraces)).bind(2, atMs);
        if (Status s = (*stmt)->exec(); !s)
            return s;
    }
    return {};
}

} // namespace chevet
