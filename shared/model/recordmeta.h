#pragma once

#include "core/hybridlogicalclock.h"
#include "statuscode.h"

#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

// What every clinical record carries besides its content. Three times are kept apart: clinical
// (when it happened at the bedside), entered (device time of entry) and server (when the DPI accepted it).
struct RecordMeta
{
    QUuid id;        // client id, made on the device at creation and sent to the DPI as an identifier
    QUuid patientId; // local patient id
    int version = 1; // local version; an amendment is a new version, never an overwrite
    QString author;  // who recorded it (nurse identifier)
    QString device;  // which device
    qint64 clinicalTimeMs = 0;
    qint64 enteredTimeMs = 0;
    std::optional<qint64> serverTimeMs;
    HlcTimestamp hlc;
    QString serverId;      // the DPI's logical id once known
    QString serverVersion; // opaque versionId from the DPI
};

// Status of an append-only clinical record: FHIR R4 Observation.status. The device itself writes final,
// amended and entered-in-error; the others come from the DPI. Unknown also stands for a code outside R4
// (kept as the record's otherStatus).
enum class RecordStatus {
    Final,
    Amended,
    EnteredInError,
    Registered,
    Preliminary,
    Corrected,
    Cancelled,
    Unknown
};

QString recordStatusKey(RecordStatus status);
std::optional<RecordStatus> recordStatusFromKey(const QString &key);

// Whether the record holds a result to chart and score: not voided, cancelled, only registered, or of a
// status the device cannot read.
bool carriesResult(RecordStatus status);

} // namespace chevet
