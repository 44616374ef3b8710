#pragma once

#include <QString>

namespace chevet::app {

// A conflict's rule ("completed-vs-cancelled") in the nurse's words, for the review page and the list of
// what is not in the DPI. A rule the app does not know is named as it is, never hidden.
QString conflictRuleText(const QString &rule);

} // namespace chevet::app
