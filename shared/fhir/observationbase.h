#pragma once

#include "elements.h"
#include "fhirtypes.h"

#include "model/recordmeta.h"

// What vital signs and nursing notes share as Observations: identity, status, category, subject,
// times, author and the reason for an amendment. Internal to fhir/.
namespace chevet::fhir {

inline constexpr auto kObservationCategorySystem =
    "http://terminology.hl7.org/CodeSystem/observation-category";

// `status` is written as statusCode(status, otherStatus).
QJsonObject observationBase(const RecordMeta &meta, RecordStatus status, const QString &otherStatus,
                            const QString &statusReason, const QString &category, const QJsonObject &code,
                            const QString &patientRef);

// Reads what observationBase writes (category and code are left to the caller).
void readObservationBase(JsonReader &r, RecordMeta *meta, RecordStatus *status, QString *otherStatus,
                         QString *statusReason, References *refs);

} // namespace chevet::fhir
