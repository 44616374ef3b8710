#pragma once

#include "statuscode.h"

#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

// A stay: where the patient is (unit, room, bed) for a ward, or a home-care episode (HAD, SSIAD).
// FHIR R4 Encounter.status; Unknown also stands for a code outside R4 (kept as otherStatus).
enum class EncounterStatus {
    Planned,
    InProgress,
    Finished,
    Cancelled,
    Arrived,
    Triaged,
    OnLeave,
    EnteredInError,
    Unknown
};

QString encounterStatusKey(EncounterStatus status);
std::optional<EncounterStatus> encounterStatusFromKey(const QString &key);

// The stay is under way: the patient is on the ward's list (on leave included). An unknown status counts
// as under way: hiding a patient who is there is worse than listing one who left.
bool isOngoing(EncounterStatus status);

struct Encounter
{
    QUuid id;
    QUuid patientId;
    EncounterStatus status = EncounterStatus::InProgress;
    QString otherStatus; // the DPI's code when status is Unknown and the code is not R4's
    QString unit;        // ward or home-care round identifier
    QString unitName;    // its name as the DPI shows it (the Location's display): "Cardiologie — 3e étage"
    QString room;
    QString bed;
    qint64 startMs = 0;
    std::optional<qint64> endMs;
    QString serverId;
    QString serverVersion;
};

} // namespace chevet
