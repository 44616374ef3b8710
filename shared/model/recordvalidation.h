#pragma once

#include "core/result.h"

namespace chevet {

struct MedicationAdministration;
struct NursingNote;
struct Patient;

// Each refuses bad input with an Error naming the field; nothing is stored on refusal.
// A validation refusal naming the field it is about.
Error refuse(const QString &field, ValidationError code, const QString &message);

Status validatePatient(const Patient &patient);
Status validateNote(const NursingNote &note);
Status validateAdministration(const MedicationAdministration &administration);

// INS-NIR: 13 characters (2A/2B allowed for Corsica) and a 2-digit key, 97 - (number mod 97).
bool isValidNir(const QString &nir);

} // namespace chevet
