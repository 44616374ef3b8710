#pragma once

#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

// A stay: where the patient is (unit, room, bed) for a ward, or a home-care episode (HAD, SSIAD).
enum class EncounterStatus { Planned, InProgress, Finished, Cancelled };

QString encounterStatusKey(EncounterStatus status);
std::optional<EncounterStatus> encounterStatusFromKey(const QString &key);

struct Encounter
{
    QUuid id;
    QUuid patientId;
    EncounterStatus status = EncounterStatus::InProgress;
    QString unit; // ward or home-care round identifier
    QString room;
    QString bed;
    qint64 startMs = 0;
    std::optional<qint64> endMs;
    QString serverId;
    QString serverVersion;
};

} // namespace chevet
