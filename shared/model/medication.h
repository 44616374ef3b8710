#pragma once

#include "recordmeta.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

enum class PrescriptionStatus { Active, OnHold, Stopped, Completed, Cancelled };

QString prescriptionStatusKey(PrescriptionStatus status);
std::optional<PrescriptionStatus> prescriptionStatusFromKey(const QString &key);

struct Dose
{
    double value = 0;
    QString unit; // UCUM ("mg", "mL", "{tbl}")
};

// A prescription as the DPI holds it, with the dose slots a nurse works through.
struct MedicationRequest
{
    QUuid id;
    QUuid patientId;
    PrescriptionStatus status = PrescriptionStatus::Active;
    QString medicationSystem; // e.g. UCD or CIP code system
    QString medicationCode;
    QString medicationDisplay;
    QString gtin; // on the pack's GS1 DataMatrix, for the scan check
    Dose dose;
    QString route;         // "oral", "IV", ...
    QList<qint64> slotsMs; // scheduled administration times
    QString serverId;
    QString serverVersion;
};

enum class AdministrationStatus { Completed, NotDone, EnteredInError };

QString administrationStatusKey(AdministrationStatus status);
std::optional<AdministrationStatus> administrationStatusFromKey(const QString &key);

// One dose given, or not given with a reason. A dose slot is the prescription plus its scheduled time.
struct MedicationAdministration
{
    RecordMeta meta; // clinicalTimeMs is when it was given
    AdministrationStatus status = AdministrationStatus::Completed;
    QUuid requestId;
    qint64 slotMs = 0;
    QString statusReason; // required when not done
    Dose dose;
    QString route;
};

} // namespace chevet
