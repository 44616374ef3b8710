#pragma once

#include "fhirerror.h"

#include <QJsonObject>

namespace chevet::dpi {

enum class Severity { Fatal, Error, Warning, Information };

// OperationOutcome bodies: every error answer carries one, and searches use one to report what they
// ignored.
QJsonObject operationOutcome(Severity severity, Issue issue, const QString &diagnostics,
                             const QString &expression = {});
QJsonObject operationOutcome(const FhirError &error);

} // namespace chevet::dpi
