#pragma once

#include "fhirtypes.h"
#include "model/allergy.h"
#include "model/caretask.h"
#include "model/encounter.h"
#include "model/medication.h"
#include "model/nursingnote.h"
#include "model/observation.h"
#include "model/patient.h"

#include <QJsonObject>

namespace chevet::fhir {

// Domain <-> FHIR R4 JSON. Pure functions, no I/O. `*ToFhir` takes the reference strings to write
// (e.g. "Patient/123" or "urn:uuid:..."); `*FromFhir` refuses malformed input with the element's path
// and reports the references it found so the caller can resolve them. Server ids and versions go to
// the domain type's serverId/serverVersion (and RecordMeta.serverTimeMs from meta.lastUpdated).

// Patient (FR Core): INS identifiers with their systems, IPP as type PI with the establishment system,
// official name, birthDate, gender; Patient.link replaced-by -> replacedBy; the identity's trust status
// (PROV/RECUP/VALI/QUAL) in the fr-core-identity-reliability extension, sub-extension identityStatus.
QJsonObject patientToFhir(const Patient &patient);
Result<Patient> patientFromFhir(const QJsonObject &json);
// Patient.link of type replaced-by: the surviving patient's reference, empty when none.
QString replacedBy(const QJsonObject &patientJson);

QJsonObject encounterToFhir(const Encounter &encounter, const QString &patientRef);
Result<Encounter> encounterFromFhir(const QJsonObject &json, References *refs);

// Vital-signs profile: category vital-signs, LOINC code, UCUM valueQuantity; BP panel 85354-9 with
// systolic/diastolic components; ACVPU as a coded value; NEWS2 total as an integer score.
QJsonObject observationToFhir(const Observation &observation, const QString &patientRef);
Result<Observation> observationFromFhir(const QJsonObject &json, References *refs);

// Transmission ciblée as an Observation (LOINC 34746-8 Nurse note) with one component per section.
QJsonObject noteToFhir(const NursingNote &note, const QString &patientRef);
Result<NursingNote> noteFromFhir(const QJsonObject &json, References *refs);
bool isNursingNote(const QJsonObject &observationJson);

QJsonObject requestToFhir(const MedicationRequest &request, const QString &patientRef);
Result<MedicationRequest> requestFromFhir(const QJsonObject &json, References *refs);

// The dose slot travels in an extension (valueDateTime); not-done carries statusReason.
QJsonObject administrationToFhir(const MedicationAdministration &administration, const QString &patientRef,
                                 const QString &requestRef);
Result<MedicationAdministration> administrationFromFhir(const QJsonObject &json, References *refs);

QJsonObject taskToFhir(const CareTask &task, const QString &patientRef);
Result<CareTask> taskFromFhir(const QJsonObject &json, References *refs);

// AllergyIntolerance: clinical and verification status (HL7 code systems), category, criticality, the
// substance as `code` (coding and/or text), recordedDate, recorder (a practitioner by identifier),
// reaction manifestations as text. Unknown status codes read as absent rather than refused; a missing
// substance or patient is refused.
QJsonObject allergyToFhir(const AllergyIntolerance &allergy, const QString &patientRef);
Result<AllergyIntolerance> allergyFromFhir(const QJsonObject &json, References *refs);

} // namespace chevet::fhir
