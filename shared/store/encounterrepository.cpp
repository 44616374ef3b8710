#include "encounterrepository.h"

#include "recordcodec.h"
#include "storecontext.h"

namespace chevet {

EncounterRepository::EncounterRepository(StoreContext &context)
    : m_context(context)
{}

Result<Encounter> EncounterRepository::save(Encounter encounter)
{
    if (Status s = m_context.requirePatient(encounter.patientId); !s)
        return s.error();
    if (encounter.unit.trimmed().isEmpty()) {
        Error e = makeError(ValidationError::MissingValue, QStringLiteral("a stay needs a unit"));
        e.field = QStringLiteral("unit");
        return e;
    }
    if (encounter.id.isNull())
        encounter.id = QUuid::createUuid();
    RecordChange change;
    change.row = encounterRow(encounter);
    change.queueForDpi = false;
    change.action = QStringLiteral("encounter.import");
    if (Status s = m_context.write({change}); !s)
        return s.error();
    return encounter;
}

Result<QList<Encounter>> EncounterRepository::forPatient(const QUuid &patientId)
{
    Result<QList<RecordRow>> rows =
        m_context.records.forPatient(patientId, RecordType::Encounter, std::numeric_limits<qint64>::min(),
                                     std::numeric_limits<qint64>::max());
    if (!rows)
        return rows.error();
    QList<Encounter> out;
    for (const RecordRow &row : std::as_const(*rows)) {
        Result<Encounter> e = encounterFromRow(row);
        if (!e)
            return e.error();
        out.append(std::move(e).value());
    }
    return out;
}

Result<std::optional<Encounter>> EncounterRepository::current(const QUuid &patientId)
{
    Result<QList<Encounter>> all = forPatient(patientId);
    if (!all)
        return all.error();
    for (auto it = all->crbegin(); it != all->crend(); ++it) {
        if (isOngoing(it->status))
            return std::optional<Encounter>(*it);
    }
    return std::optional<Encounter>();
}

} // namespace chevet
