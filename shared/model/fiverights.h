#pragma once

#include "medication.h"
#include "patient.h"

#include <QList>
#include <QString>

namespace chevet {

// The "règle des 5 B" (HAS 2011) before a dose is given: bon patient, bon médicament, bonne dose,
// bonne voie, bon moment. Each right is checked from what was scanned or entered at the bedside,
// never from what the screen happens to show.
enum class Right { Patient, Medication, Dose, Route, Time };

// Why a right failed.
enum class RightFailure {
    None, // the right holds
    NotScanned,
    WrongPatient,
    WrongMedication,
    Expired,
    UnreadableCode,
    DoseMismatch,
    RouteMismatch,
    TooEarly,
    TooLate,
    AlreadyGiven,
    PrescriptionNotActive,
    AsNeededTooSoon,
    AsNeededTooMany,
};

// Its stable key ("not-scanned", "wrong-patient", ...; empty for None), for QML and logs.
QString rightFailureKey(RightFailure failure);

struct RightCheck
{
    Right right = Right::Patient;
    bool ok = false;
    RightFailure failure = RightFailure::None;
};

struct FiveRightsInput
{
    Patient patient;
    QString establishment; // IPP system of the wristband's establishment
    MedicationRequest request;
    qint64 slotMs = 0;
    QString wristbandCode; // as scanned or typed; empty when not yet scanned
    QString packCode;      // GS1 element string or the prescription's medication code
    Dose dose;             // what the nurse is about to give
    QString route;
    qint64 nowMs = 0;
    qint64 windowMs = 60 * 60 * 1000; // how far from the scheduled time a dose may be given
    // Already recorded for this slot; for an as-needed order, every dose recorded on it.
    QList<MedicationAdministration> slotAdministrations;
};

struct FiveRightsResult
{
    QList<RightCheck> checks; // one per right, in the order of the rule
    bool allOk() const;
    const RightCheck &check(Right right) const;
};

FiveRightsResult checkFiveRights(const FiveRightsInput &input);

QString rightKey(Right right); // "patient", "medication", "dose", "route", "time"

// Whether a scanned or typed wristband code names this patient: her INS, or a current (not retired)
// IPP of this establishment, compared without case or spaces. Used by the check and to find a patient.
bool wristbandMatches(const Patient &patient, const QString &establishment, const QString &code);

} // namespace chevet
