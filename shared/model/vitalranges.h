#pragma once

#include "core/result.h"
#include "vitalkind.h"

#include <QString>

namespace chevet {

// Unusual values are kept but worth a second look before they are signed (a probe slipped, a typo).
enum class Plausibility { Normal, Unusual };

struct MeasureCheck
{
    Plausibility plausibility = Plausibility::Normal;
    QString note; // explains an unusual value, empty when normal
};

// A kind's limits in its reference unit, for forms that show the accepted range next to a refusal.
struct MeasureLimits
{
    double hardMin = 0;
    double hardMax = 0;
    double softMin = 0;
    double softMax = 0;
};
MeasureLimits measureLimits(VitalKind kind);

// Checks one measure in its kind's reference unit (vitalCoding(kind).unit). Impossible values are
// refused with a Validation error whose field is the kind's key: "bad-value" for NaN, infinity or a
// fraction where a whole number is expected, "out-of-range" otherwise. BloodPressure checks a systolic
// value; Consciousness expects the Acvpu index (0 = Alert … 4 = Unresponsive).
Result<MeasureCheck> checkMeasure(VitalKind kind, double value);
// Also refuses a diastolic not below the systolic (swapped fields).
Result<MeasureCheck> checkBloodPressure(double systolic, double diastolic);

// Converts a value entered in `unit` (UCUM) to the kind's reference unit. Accepts the reference unit
// itself and only the conversions a kind allows; anything else is a "bad-unit" error.
Result<double> convertToUnit(VitalKind kind, double value, const QString &unit);

} // namespace chevet
