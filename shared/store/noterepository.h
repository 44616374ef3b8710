#pragma once

#include "core/result.h"
#include "model/nursingnote.h"

#include <QList>

namespace chevet {

struct StoreContext;

class NoteRepository
{
public:
    explicit NoteRepository(StoreContext &context);

    Result<NursingNote> record(NursingNote note);
    Result<QList<NursingNote>> forPatient(const QUuid &patientId, qint64 fromMs, qint64 toMs);
    Result<NursingNote> amend(const QUuid &id, const NursingNote &corrected, const QString &reason);
    Result<NursingNote> enterInError(const QUuid &id, const QString &reason);

private:
    StoreContext &m_context;
};

} // namespace chevet
