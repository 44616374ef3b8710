#include "patientrepository.h"

#include "core/ids.h"
#include "crypto/keyring.h"
#include "database.h"
#include "model/recordvalidation.h"
#include "recordcodec.h"
#include "storecontext.h"

namespace chevet {

PatientRepository::PatientRepository(StoreContext &context, QString establishment)
    : m_context(context)
    , m_establishment(std::move(establishment))
{}

QByteArray PatientRepository::indexKey(const PatientIdentifier &id) const
{
    const QString domain =
        (id.kind == IdentifierKind::Ins ? QStringLiteral("ins|") : QStringLiteral("ipp|")) + id.system;
    QString value = id.value.trimmed().toUpper();
    // An INS is often typed in groups, as printed on the carte Vitale; validation ignores the spaces, so
    // must the index, or the same INS could be stored twice as two patients.
    if (id.kind == IdentifierKind::Ins)
        value.remove(QLatin1Char(' '));
    return m_context.keys.blindIndex(domain, value);
}

Result<Patient> PatientRepository::add(Patient patient, bool queueForDpi)
{
    if (Status s = validatePatient(patient); !s)
        return s.error();
    for (const PatientIdentifier &id : std::as_const(patient.identifiers)) {
        Result<std::optional<Patient>> existing = findByIdentifier(id.kind, id.system, id.value);
        if (!existing)
            return existing.error();
        if (*existing) {
            Error e = makeError(
                ValidationError::DuplicatePatient,
                QStringLiteral("a patient with this %1 is already on the device")
                    .arg(id.kind == IdentifierKind::Ins ? QStringLiteral("INS") : QStringLiteral("IPP")));
            e.field = id.kind == IdentifierKind::Ins ? QStringLiteral("ins") : QStringLiteral("ipp");
            return e;
        }
    }
    if (patient.id.isNull())
        patient.id = newId();

    RecordChange change;
    change.row = patientRow(patient);
    change.queueForDpi = queueForDpi;
    change.priority = OutboxPriority::Identity;
    change.action = queueForDpi ? QStringLiteral("patient.create") : QStringLiteral("patient.import");
    const Status written = m_context.write({change}, [&]() -> Status {
        for (const PatientIdentifier &id : std::as_const(patient.identifiers)) {
            Result<Statement *> stmt =
                m_context.db.cached("INSERT INTO lookup (hash, record_id) VALUES (?1, ?2)");
            if (!stmt)
                return stmt.error();
            (*stmt)->bind(1, indexKey(id)).bind(2, idToString(patient.id));
            if (Status s = (*stmt)->exec(); !s)
                return s;
        }
        return {};
    });
    if (!written)
        return written.error();
    return patient;
}

Status PatientRepository::index(const Patient &patient)
{
    // The index says what the patient carries now: an identifier the DPI corrected away no longer finds
    // her, and one the DPI moved to her finds her, not the patient who had it before. So a look-up that
    // lands on a patient without the identifier can only be an edit of the file (findByIdentifier).
    Result<Statement *> stale = m_context.db.cached("DELETE FROM lookup WHERE record_id = ?1");
    if (!stale)
        return stale.error();
    (*stale)->bind(1, idToString(patient.id));
    if (Status s = (*stale)->exec(); !s)
        return s;
    for (const PatientIdentifier &id : patient.identifiers) {
        Result<Statement *> stmt =
            m_context.db.cached("INSERT OR REPLACE INTO lookup (hash, record_id) VALUES (?1, ?2)");
        if (!stmt)
            return stmt.error();
        (*stmt)->bind(1, indexKey(id)).bind(2, idToString(patient.id));
        if (Status s = (*stmt)->exec(); !s)
            return s;
    }
    return {};
}

Result<std::optional<Patient>> PatientRepository::find(const QUuid &id)
{
    Result<std::optional<RecordRow>> row = m_context.records.find(id);
    if (!row)
        return row.error();
    if (!*row || (*row)->type != RecordType::Patient)
        return std::optional<Patient>();
    Result<Patient> patient = patientFromRow(**row);
    if (!patient)
        return patient.error();
    return std::optional<Patient>(std::move(patient).value());
}

Result<std::optional<Patient>> PatientRepository::findByIdentifier(IdentifierKind kind, const QString &system,
                                                                   const QString &value)
{
    Result<Statement *> stmt = m_context.db.cached("SELECT record_id FROM lookup WHERE hash = ?1");
    if (!stmt)
        return stmt.error();
    const QByteArray searched = indexKey(PatientIdentifier{kind, system, value, false});
    (*stmt)->bind(1, searched);
    Result<bool> found = (*stmt)->step();
    if (!found)
        return found.error();
    const QString recordId = *found ? (*stmt)->text(0) : QString();
    (*stmt)->reset();
    if (recordId.isEmpty())
        return std::optional<Patient>();
    Result<std::optional<Patient>> patient = find(idFromString(recordId));
    if (!patient || !*patient)
        return patient;
    // The look-up row is not sealed: the patient it points to must really carry the identifier, or two
    // rows swapped in the file would answer the wrong patient (security review F1).
    for (const PatientIdentifier &carried : std::as_const((*patient)->identifiers)) {
        if (indexKey(carried) == searched)
            return patient;
    }
    return makeError(StoreError::LookupTampered,
                     QStringLiteral("the identifier index points to a patient who does not carry that "
                                    "identifier: it was changed outside the app"));
}

Result<std::optional<Patient>> PatientRepository::findByIpp(const QString &value)
{
    return findByIdentifier(IdentifierKind::Ipp, m_establishment, value);
}

Result<std::optional<Patient>> PatientRepository::findByServerId(const QString &serverId)
{
    // The type spelt out, not bound: a bound type would make SQLite prepare the statement again at every
    // bind (see RecordTable::findByServerId).
    Result<Statement *> stmt =
        m_context.db.cached("SELECT id FROM records WHERE type = 'patient' AND server_id = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, serverId);
    Result<bool> found = (*stmt)->step();
    if (!found)
        return found.error();
    const QString recordId = *found ? (*stmt)->text(0) : QString();
    (*stmt)->reset();
    if (recordId.isEmpty())
        return std::optional<Patient>();
    return find(idFromString(recordId));
}

Result<std::optional<Patient>> PatientRepository::resolve(const QString &reference)
{
    Result<std::optional<Patient>> byIpp = findByIpp(reference);
    if (!byIpp || *byIpp)
        return byIpp;
    Result<std::optional<Patient>> byServer = findByServerId(reference);
    if (!byServer || *byServer)
        return byServer;
    const QUuid local = idFromString(reference);
    if (!local.isNull())
        return find(local);
    return std::optional<Patient>();
}

Result<QStringList> PatientRepository::serverIds()
{
    Result<Statement *> stmt = m_context.db.cached(
        "SELECT server_id FROM records WHERE type = 'patient' AND server_id IS NOT NULL ORDER BY server_id");
    if (!stmt)
        return stmt.error();
    Result<QList<QString>> ids =
        (*stmt)->collect<QString>([](const Statement &row) -> Result<QString> { return row.text(0); });
    if (!ids)
        return ids.error();
    ids->removeAll(QString());
    return QStringList(*ids);
}

Result<QList<Patient>> PatientRepository::all()
{
    Result<QList<RecordRow>> rows = m_context.records.byType(RecordType::Patient);
    if (!rows)
        return rows.error();
    QList<Patient> patients;
    for (const RecordRow &row : std::as_const(*rows)) {
        if (row.status == QLatin1String("merged"))
            continue; // merged into another patient in the DPI: its records moved there
        Result<Patient> p = patientFromRow(row);
        if (!p)
            return p.error();
        patients.append(std::move(p).value());
    }
    return patients;
}

} // namespace chevet
