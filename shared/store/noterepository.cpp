#include "noterepository.h"

#include "model/recordvalidation.h"
#include "recordcodec.h"
#include "recordrevision.h"

namespace chevet {

NoteRepository::NoteRepository(StoreContext &context)
    : m_context(context)
{}

Result<NursingNote> NoteRepository::record(NursingNote note)
{
    if (Status s = validateNote(note); !s)
        return s.error();
    m_context.stamp(note.meta);
    note.status = RecordStatus::Final;
    RecordChange change;
    change.row = noteRow(note);
    change.action = QStringLiteral("record.create");
    if (Status s = m_context.writeForPatient(note.meta.patientId, {change}); !s)
        return s.error();
    return note;
}

Result<QList<NursingNote>> NoteRepository::forPatient(const QUuid &patientId, qint64 fromMs, qint64 toMs)
{
    Result<QList<RecordRow>> rows = m_context.records.forPatient(patientId, RecordType::Note, fromMs, toMs);
    if (!rows)
        return rows.error();
    QList<NursingNote> notes;
    for (const RecordRow &row : std::as_const(*rows)) {
        Result<NursingNote> note = noteFromRow(row);
        if (!note)
            return note.error();
        notes.append(std::move(note).value());
    }
    return notes;
}

Result<NursingNote> NoteRepository::amend(const QUuid &id, const NursingNote &corrected,
                                          const QString &reason)
{
    return reviseRecord<NursingNote>(
        m_context, id, RecordType::Note, &noteFromRow, &noteRow,
        [&](NursingNote &note) -> Status {
            note.target = corrected.target;
            note.data = corrected.data;
            note.actions = corrected.actions;
            note.results = corrected.results;
            note.status = RecordStatus::Amended;
            note.statusReason = reason;
            return validateNote(note);
        },
        QStringLiteral("record.amend"), OutboxPriority::Routine);
}

Result<NursingNote> NoteRepository::enterInError(const QUuid &id, const QString &reason)
{
    return reviseRecord<NursingNote>(
        m_context, id, RecordType::Note, &noteFromRow, &noteRow,
        [&](NursingNote &note) -> Status {
            note.status = RecordStatus::EnteredInError;
            note.statusReason = reason;
            return {};
        },
        QStringLiteral("record.entered-in-error"), OutboxPriority::SafetyCritical);
}

} // namespace chevet
