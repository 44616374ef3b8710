#pragma once

#include "dosetiming.h"
#include "recordmeta.h"
#include "statuscode.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

// FHIR R4 MedicationRequest.status; Unknown also stands for a code outside R4 (kept as otherStatus).
enum class PrescriptionStatus {
    Active,
    OnHold,
    Stopped,
    Completed,
    Cancelled,
    EnteredInError,
    Draft,
    Unknown
};

QString prescriptionStatusKey(PrescriptionStatus status);
std::optional<PrescriptionStatus> prescriptionStatusFromKey(const QString &key);

// Doses are given on an active prescription only.
bool givesDoses(PrescriptionStatus status);
// Gives no doses now but may again (on hold, a draft, or a status the device cannot read): its dose
// slots stay on the round, shown as not to be given, with the status.
bool isSuspended(PrescriptionStatus status);

struct Dose
{
    double value = 0;
    QString unit; // UCUM ("mg", "mL", "{tbl}")
};

// FHIR dosage maxDosePerPeriod: at most `amount` (in `unit`, or doses when the unit is empty or
// "{dose}") in any `period` (UCUM time unit). Zero amount: the order states none.
struct DoseLimit
{
    double amount = 0;
    QString unit;
    double period = 0;
    QString periodUnit;
};

// A prescription as the DPI holds it, with the dose slots a nurse works through.
struct MedicationRequest
{
    QUuid id;
    QUuid patientId;
    PrescriptionStatus status = PrescriptionStatus::Active;
    QString otherStatus;      // the DPI's code when status is Unknown and the code is not R4's
    QString medicationSystem; // e.g. UCD or CIP code system
    QString medicationCode;
    QString medicationDisplay;
    QString gtin; // on the pack's GS1 DataMatrix, for the scan check
    // A Medication the order references but the device could not read (not contained, not fetched):
    // only its display is known. Empty once read.
    QString medicationReference;
    Dose dose;           // the dose, or the low end of a range ("1 to 2 tablets")
    double doseHigh = 0; // the high end of a range, in dose.unit; 0 when the dose is not a range
    QString rate;        // an infusion rate as the DPI states it ("100 mL/h"), shown to the nurse
    QString route;       // "oral", "IV", ...
    // Scheduled administration times: the order's explicit dates as stored; read through the
    // MedicationRepository, also every dose its schedules (timings) give around now.
    QList<qint64> slotsMs;
    QList<DoseTiming> timings;  // one per dosage instruction with a repeat or a code
    bool asNeeded = false;      // "as needed" (PRN): doses given on demand, no schedule
    QString asNeededReason;     // e.g. "douleur"
    DoseLimit maxDosePerPeriod; // as-needed orders mostly
    QString instructions;       // the DPI's dosage text, as written
    qint64 authoredMs = 0;      // when the order was written: where an unbounded schedule starts
    QString serverId;
    QString serverVersion;
};

// FHIR R4 MedicationAdministration.status; Unknown also stands for a code outside R4.
enum class AdministrationStatus { Completed, NotDone, EnteredInError, InProgress, OnHold, Stopped, Unknown };

QString administrationStatusKey(AdministrationStatus status);
std::optional<AdministrationStatus> administrationStatusFromKey(const QString &key);

// Whether the dose reached the patient, in full or in part (an infusion running, paused or stopped),
// or may have (unknown): another dose for the same slot would be a double dose.
bool doseReachedPatient(AdministrationStatus status);

// One dose given, or not given with a reason. A dose slot is the prescription plus its scheduled time.
struct MedicationAdministration
{
    RecordMeta meta; // clinicalTimeMs is when it was given
    AdministrationStatus status = AdministrationStatus::Completed;
    QString otherStatus; // the DPI's code when status is Unknown and the code is not R4's
    QUuid requestId;
    qint64 slotMs = 0;
    QString statusReason; // required when not done; why it was corrected or voided otherwise
    QString reasonGiven;  // why a dose on demand (as-needed order) was given: required for those
    Dose dose;
    QString route;
};

} // namespace chevet
