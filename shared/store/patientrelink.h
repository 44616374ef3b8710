#pragma once

#include "core/result.h"

#include <QUuid>

namespace chevet {

struct StoreContext;

// A patient merged in the DPI (identity fusion, Patient.link replaced-by): every record, conflict and
// alert of the retired patient moves to the survivor, and pending writes follow (they resolve the
// patient at push time), in one transaction with an audit entry. The retired identity row stays,
// marked "merged", so its history is kept. Nothing is ever pushed to the retired id.
Result<int> relinkPatient(StoreContext &context, const QUuid &retired, const QUuid &survivor);

} // namespace chevet
