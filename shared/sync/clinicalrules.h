#pragma once

#include "core/result.h"
#include "model/medication.h"

#include <QUuid>

namespace chevet {

class Store;

// The clinical rules sync applies once a change is stored. Each keeps every record and raises an
// alert that stays until a nurse acknowledges it; none merges or drops anything.
class ClinicalRules
{
public:
    explicit ClinicalRules(Store &store);

    // Two administrations given for the same dose slot (same prescription, same scheduled time), from
    // two devices or a device and the DPI: a possible double dose. On an as-needed order the slot is
    // when the dose was given, and a dose closer to another than the order allows, or beyond its
    // maximum per period, raises one alert. Returns alerts newly raised.
    Result<int> checkDoseSlot(const QUuid &requestId, qint64 slotMs);
    // A dose recorded (offline) on a prescription the DPI has stopped, cancelled, voided or suspended
    // (anything but active or completed): it happened, so it is kept and sent, and an alert says so.
    Result<int> checkStoppedPrescription(const QUuid &requestId);

private:
    Result<int> checkAsNeededLimit(const MedicationRequest &request,
                                   const QList<MedicationAdministration> &all, qint64 givenMs);

    Store &m_store;
};

} // namespace chevet
