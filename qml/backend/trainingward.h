#pragma once

#include "core/result.h"

#include <QString>

namespace chevet {
class Store;
}

namespace chevet::app {

// The training ward: synthetic patients (demo INS system, a training establishment) with three days of
// vitals, prescriptions due now, tasks, notes, one possible double dose and one conflict to practise
// on. It lives in its own store that is never given a transport, so nothing in it can reach a DPI.
inline constexpr auto kTrainingUnit = "formation";
inline constexpr auto kTrainingEstablishment = "urn:oid:2.999.250.99";

// Fills an empty training store; `nowMs` anchors the history and the dose slots.
Status seedTrainingWard(Store &store, qint64 nowMs, int patientCount = 12, int days = 3);

} // namespace chevet::app
