#pragma once

#include "demoorders.h"

#include <QJsonObject>
#include <QList>

namespace chevet::dpi::seed {

// The allergies the DPI holds for demo patient `number` (1-based, as in demoPatients()): a fixed table,
// not drawn at random, so adding it changed no other demo resource. Seven patients have none recorded,
// some an explicit "no known allergy", others one or two (penicillins, iodinated contrast media,
// latex, NSAIDs, chlorhexidine, adhesive tape, foods), coded in ATC or SNOMED CT, or as free text.
QList<QJsonObject> demoAllergies(const OrderContext &context, int number);

} // namespace chevet::dpi::seed
