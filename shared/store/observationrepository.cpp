#include "observationrepository.h"

#include "model/vitalranges.h"
#include "recordcodec.h"
#include "recordrevision.h"

namespace chevet {

namespace {

Result<QList<Observation>> toObservations(const Result<QList<RecordRow>> &rows)
{
    if (!rows)
        return rows.error();
    QList<Observation> out;
    out.reserve(rows->size());
    for (const RecordRow &row : *rows) {
        Result<Observation> o = observationFromRow(row);
        if (!o)
            return o.error();
        out.append(std::move(o).value());
    }
    return out;
}

} // namespace

ObservationRepository::ObservationRepository(StoreContext &context)
    : m_context(context)
{}

Result<VitalsEntry> ObservationRepository::recordVitals(const QUuid &patientId, const VitalsInput &input,
                                                        qint64 clinicalTimeMs)
{
    RecordMeta base;
    base.patientId = patientId;
    base.clinicalTimeMs = clinicalTimeMs;
    m_context.stampShared(base); // each measure gets an id of its own
    Result<VitalsEntry> entry = buildVitalsEntry(input, base);
    if (!entry)
        return entry.error();

    const OutboxPriority priority =
        isCritical(entry->news2) ? OutboxPriority::SafetyCritical : OutboxPriority::Routine;
    QList<RecordChange> changes;
    changes.reserve(entry->observations.size());
    for (Observation &o : entry->observations) {
        o.meta.hlc = m_context.hlc.now();
        RecordChange change;
        change.row = observationRow(o);
        change.priority = priority;
        change.action = QStringLiteral("record.create");
        change.detail = vitalCoding(o.kind).key;
        changes.append(change);
    }
    if (Status s = m_context.writeForPatient(patientId, changes); !s)
        return s.error();
    return entry;
}

Result<std::optional<Observation>> ObservationRepository::find(const QUuid &id)
{
    Result<std::optional<RecordRow>> row = m_context.records.find(id);
    if (!row)
        return row.error();
    if (!*row || (*row)->type != RecordType::Observation)
        return std::optional<Observation>();
    Result<Observation> o = observationFromRow(**row);
    if (!o)
        return o.error();
    return std::optional<Observation>(std::move(o).value());
}

Result<QList<Observation>> ObservationRepository::forPatient(const QUuid &patientId, qint64 fromMs,
                                                             qint64 toMs)
{
    return toObservations(m_context.records.forPatient(patientId, RecordType::Observation, fromMs, toMs));
}

Result<QList<Observation>> ObservationRepository::history(const QUuid &id)
{
    return toObservations(m_context.records.history(id));
}

Result<Observation> ObservationRepository::amend(const QUuid &id, double value,
                                                 std::optional<double> diastolic, const QString &reason)
{
    return reviseRecord<Observation>(
        m_context, id, RecordType::Observation, &observationFromRow, &observationRow,
        [&](Observation &o) -> Status {
            Result<MeasureCheck> check = o.kind == VitalKind::BloodPressure
                                             ? checkBloodPressure(value, diastolic.value_or(-1))
                                             : checkMeasure(o.kind, value);
            if (!check)
                return check.error();
            o.value = value;
            if (o.kind == VitalKind::BloodPressure)
                o.diastolic = diastolic;
            o.unusual = check->plausibility == Plausibility::Unusual;
            o.unusualNote = check->note;
            o.status = RecordStatus::Amended;
            o.statusReason = reason;
            return {};
        },
        QStringLiteral("record.amend"), OutboxPriority::Routine);
}

Result<Observation> ObservationRepository::enterInError(const QUuid &id, const QString &reason)
{
    return reviseRecord<Observation>(
        m_context, id, RecordType::Observation, &observationFromRow, &observationRow,
        [&](Observation &o) -> Status {
            o.status = RecordStatus::EnteredInError;
            o.statusReason = reason;
            return {};
        },
        QStringLiteral("record.entered-in-error"), OutboxPriority::SafetyCritical);
}

} // namespace chevet
