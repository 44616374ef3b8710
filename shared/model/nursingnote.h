#pragma once

#include "recordmeta.h"

#include <QString>

namespace chevet {

// A "transmission ciblée": a target (cible) then Données, Actions, Résultats.
struct NursingNote
{
    RecordMeta meta;
    RecordStatus status = RecordStatus::Final;
    QString otherStatus; // the DPI's code when status is Unknown and the code is not R4's
    QString target;
    QString data;
    QString actions;
    QString results;
    QString statusReason;
};

} // namespace chevet
