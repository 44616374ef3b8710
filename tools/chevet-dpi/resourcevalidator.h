#pragma once

#include "fhirerror.h"

#include <QJsonObject>
#include <QString>

namespace chevet::dpi {

// Checks a resource a client writes against the FHIR R4 rules strict servers enforce, for the types
// this server serves: only the top-level elements R4 defines for the type (choice elements such as
// value[x] with their R4 types, and at most one of them), every element R4 makes 1..1 (status, intent,
// subject, patient, code...), the codes of required bindings (status, intent, gender...), and the
// invariants mad-1, obs-3, obs-6, obs-7, ait-1, ait-2 and pat-1. Pure: no storage, no state.
//
// A refusal is a 422 whose issue code is `structure` (an unknown or repeated element), `required`,
// `code-invalid` or `invariant`, and whose diagnostics name the element or the invariant's key.
Expected<void> validateResource(const QString &type, const QJsonObject &resource);

} // namespace chevet::dpi
