#pragma once

#include "model/allergy.h"
#include "model/caretask.h"
#include "model/medication.h"
#include "model/news2.h"
#include "model/nursingnote.h"
#include "model/observation.h"
#include "model/patient.h"

#include <QJsonArray>
#include <QJsonObject>

namespace chevet::cli {

// Domain values as the JSON chevetctl prints: stable keys that scripts can rely on.
QString isoTime(qint64 ms);
QJsonObject toJson(const Patient &patient);
QJsonObject toJson(const Observation &observation);
QJsonObject toJson(const News2Result &news2);
QJsonObject toJson(const NursingNote &note);
QJsonObject toJson(const MedicationAdministration &administration);
QJsonObject toJson(const MedicationRequest &request);
QJsonObject toJson(const CareTask &task);
QJsonObject toJson(const AllergyIntolerance &allergy);

} // namespace chevet::cli
