#pragma once

#include "recordmeta.h"

#include <QString>

namespace chevet {

// A "transmission ciblée": a target (cible) then Données, Actions, Résultats.
struct NursingNote
{
    RecordMeta meta;
    RecordStatus status = RecordStatus::Final;
    QString target;
    QString data;
    QString actions;
    QString results;
    QString statusReason;
};

} // namespace chevet
