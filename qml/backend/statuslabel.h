#pragma once

#include <QString>

namespace chevet::app {

// A FHIR status code in the nurse's words ("on-hold" -> "en suspens"). A code the app does not know
// (a DPI's own) is shown as it is, never hidden (sync-audit §5).
QString statusLabel(const QString &code);

} // namespace chevet::app
