#pragma once

#include "core/result.h"
#include "model/allergy.h"
#include "model/caretask.h"
#include "model/encounter.h"
#include "model/medication.h"
#include "model/nursingnote.h"
#include "model/observation.h"
#include "model/patient.h"
#include "recordtable.h"

namespace chevet {

// Domain records <-> rows of the records table. The payload is CBOR: compact and fast to parse,
// which matters on the hot paths (record(), a patient's chart).
RecordRow patientRow(const Patient &patient);
Result<Patient> patientFromRow(const RecordRow &row);

RecordRow encounterRow(const Encounter &encounter);
Result<Encounter> encounterFromRow(const RecordRow &row);

RecordRow observationRow(const Observation &observation);
Result<Observation> observationFromRow(const RecordRow &row);

RecordRow noteRow(const NursingNote &note);
Result<NursingNote> noteFromRow(const RecordRow &row);

RecordRow requestRow(const MedicationRequest &request);
Result<MedicationRequest> requestFromRow(const RecordRow &row);

RecordRow administrationRow(const MedicationAdministration &administration);
Result<MedicationAdministration> administrationFromRow(const RecordRow &row);

RecordRow taskRow(const CareTask &task);
Result<CareTask> taskFromRow(const RecordRow &row);

RecordRow allergyRow(const AllergyIntolerance &allergy);
Result<AllergyIntolerance> allergyFromRow(const RecordRow &row);

} // namespace chevet
