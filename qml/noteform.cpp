#include "noteform.h"
#include "services/errortext.h"

#include "model/nursingnote.h"
#include "store/noterepository.h"
#include "store/store.h"

using namespace chevet;

NoteForm::NoteForm(QObject *parent)
    : QObject(parent)
{}

QString NoteForm::problem() const
{
    if (m_target.trimmed().isEmpty())
        return tr("Indiquez la cible.");
    if (m_data.trimmed().isEmpty() && m_actions.trimmed().isEmpty() && m_results.trimmed().isEmpty())
        return tr("Écrivez au moins les données, les actions ou les résultats.");
    return {};
}

void NoteForm::clear()
{
    m_target.clear(), m_data.clear(), m_actions.clear(), m_results.clear();
    Q_EMIT changed();
}

void NoteForm::save()
{
    if (!canSave() || !m_session)
        return;
    NursingNote note;
    note.meta.patientId = QUuid(m_patientId);
    note.target = m_target.trimmed();
    note.data = m_data.trimmed();
    note.actions = m_actions.trimmed();
    note.results = m_results.trimmed();
    m_saving = true;
    Q_EMIT savingChanged();
    m_session->worker().write<NursingNote>(
        this, [note](Store &store) { return store.notes().record(note); },
        [this](Result<NursingNote> saved) {
            m_saving = false;
            Q_EMIT savingChanged();
            if (!saved) {
                Q_EMIT failed(tr("Non enregistrée : %1").arg(ErrorText::of(saved.error())));
                return;
            }
            clear();
            Q_EMIT this->saved();
        });
}
