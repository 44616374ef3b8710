#include "vitalranges.h"

#include <QStringList>

#include <array>
#include <cmath>
#include <initializer_list>

namespace chevet {

namespace {

// Limits for an adult ward, in the reference unit of each kind. Outside the hard range a value cannot
// be a real reading of a living patient (or is a unit/typing mistake) and is refused; outside the soft
// range it is accepted and flagged for a second look. Soft ranges are plausibility checks, not
// clinical alerts: NEWS2 does the scoring.
//
// clang-format off
// | kind          | unit   | hard (refused) | soft (flagged) | note                                  |
// |---------------|--------|----------------|----------------|---------------------------------------|
// | rr            | /min   | 0–80           | 8–35           | 0 = apnoea, still recordable          |
// | pulse         | /min   | 20–300         | 40–150         | beyond: artefact or arrest            |
// | spo2          | %      | 40–100         | 80–100         | oximeters unreliable below 40         |
// | temp          | °C     | 25–45          | 34–40          | 77–113 gets a Fahrenheit hint         |
// | bp systolic   | mmHg   | 40–300         | 80–200         | cuff range                            |
// | bp diastolic  | mmHg   | 20–200         | 40–120         | and below the systolic                |
// | weight        | kg     | 0.3–600        | 30–200         | premature neonate to heaviest adult   |
// | height        | cm     | 20–260         | 140–210        |                                       |
// | bmi           | kg/m2  | 5–150          | 16–45          |                                       |
// | pain          | score  | 0–10, whole    | —              | the scale itself                      |
// | glucose-mmol  | mmol/L | 0.5–60         | 3.9–13.9       | meter range; hypo/hyperglycaemia      |
// | glucose-mgdl  | mg/dL  | 9–1080         | 70–250         | the mmol/L limits × 18                |
// | acvpu         | index  | 0–4, whole     | —              | Alert … Unresponsive                  |
// | news2         | score  | 0–20, whole    | —              | chart total                           |
// clang-format on
struct Limits
{
    double hardMin;
    double hardMax;
    double softMin;
    double softMax;
    const char *unit; // as people read it; empty for scores
    bool whole;       // scores and codes take whole numbers only
};

// Order matches the VitalKind enumerators; BloodPressure holds the systolic limits.
const std::array<Limits, 13> kLimits = {{
    {0, 80, 8, 35, "/min", false},
    {20, 300, 40, 150, "/min", false},
    {40, 100, 80, 100, "%", false},
    {25, 45, 34, 40, "°C", false},
    {40, 300, 80, 200, "mmHg", false},
    {0.3, 600, 30, 200, "kg", false},
    {20, 260, 140, 210, "cm", false},
    {5, 150, 16, 45, "kg/m²", false},
    {0, 10, 0, 10, "", true},
    {0.5, 60, 3.9, 13.9, "mmol/L", false},
    {9, 1080, 70, 250, "mg/dL", false},
    {0, 4, 0, 4, "", true},
    {0, 20, 0, 20, "", true},
}};

const Limits kDiastolic = {20, 200, 40, 120, "mmHg", false};

// 180.16 g/mol: 1 mmol/L of glucose is 18.016 mg/dL.
constexpr double kGlucoseMgdlPerMmol = 18.016;

// Units accepted besides each kind's reference unit, with the conversion to it.
struct Conversion
{
    VitalKind kind;
    const char *unit; // UCUM
    double (*toReference)(double);
};

const std::array<Conversion, 8> kConversions = {{
    {VitalKind::BodyTemperature, "[degF]", [](double f) { return (f - 32.0) * 5.0 / 9.0; }},
    {VitalKind::BodyWeight, "g", [](double g) { return g / 1000.0; }},
    {VitalKind::BodyWeight, "[lb_av]", [](double lb) { return lb * 0.45359237; }},
    {VitalKind::BodyHeight, "m", [](double m) { return m * 100.0; }},
    {VitalKind::BodyHeight, "[in_i]", [](double in) { return in * 2.54; }},
    // The French measures guide codes the 0–10 pain score with the unit "1".
    {VitalKind::PainScore, "1", [](double score) { return score; }},
    {VitalKind::GlucoseMmol, "mg/dL", [](double mgdl) { return mgdl / kGlucoseMgdlPerMmol; }},
    {VitalKind::GlucoseMgdl, "mmol/L", [](double mmol) { return mmol * kGlucoseMgdlPerMmol; }},
}};

const Limits &limitsFor(VitalKind kind)
{
    return kLimits[static_cast<size_t>(kind)];
}

QString number(double value)
{
    return QString::number(value, 'g', 6);
}

// "140 %", "98.6 °C", or just "11" for scores.
QString withUnit(double value, const Limits &limits)
{
    const QString unit = QString::fromUtf8(limits.unit);
    return unit.isEmpty() ? number(value) : number(value) + QLatin1Char(' ') + unit;
}

QString rangeText(double low, double high, const Limits &limits)
{
    const QString unit = QString::fromUtf8(limits.unit);
    const QString range = number(low) + QStringLiteral("–") + number(high);
    return unit.isEmpty() ? range : range + QLatin1Char(' ') + unit;
}

Error refusal(VitalKind kind, ValidationError code, const QString &message)
{
    Error error = makeError(code, message);
    error.field = vitalCoding(kind).key;
    return error;
}

// `label` names the value in messages; it differs from the field only for blood-pressure components.
Result<MeasureCheck> check(VitalKind kind, const QString &label, double value, const Limits &limits)
{
    if (!std::isfinite(value)) {
        return refusal(kind, ValidationError::BadValue, QStringLiteral("%1 has no numeric value").arg(label));
    }
    if (value < limits.hardMin || value > limits.hardMax) {
        QString message =
            QStringLiteral("%1 %2 is impossible (accepted range %3)")
                .arg(label, withUnit(value, limits), rangeText(limits.hardMin, limits.hardMax, limits));
        // The usual slip with thermometers: a Fahrenheit reading typed into a Celsius field.
        const double asCelsius = (value - 32.0) * 5.0 / 9.0;
        if (kind == VitalKind::BodyTemperature && asCelsius >= limits.hardMin &&
            asCelsius <= limits.hardMax) {
            message +=
                QStringLiteral("; it looks like Fahrenheit (%1 °F = %2 °C): enter it in °C or with the "
                               "unit [degF]")
                    .arg(number(value), QString::number(asCelsius, 'f', 1));
        }
        return refusal(kind, ValidationError::OutOfRange, message);
    }
    if (limits.whole && value != std::floor(value)) {
        return refusal(kind, ValidationError::BadValue,
                       QStringLiteral("%1 %2 must be a whole number from %3")
                           .arg(label, number(value), rangeText(limits.hardMin, limits.hardMax, limits)));
    }
    MeasureCheck result;
    if (value < limits.softMin || value > limits.softMax) {
        result.plausibility = Plausibility::Unusual;
        result.note =
            QStringLiteral("%1 %2 is unusual (expected %3); check the measurement")
                .arg(label, withUnit(value, limits), rangeText(limits.softMin, limits.softMax, limits));
    }
    return result;
}

} // namespace

MeasureLimits measureLimits(VitalKind kind)
{
    const Limits &l = kLimits.at(std::size_t(kind));
    return {l.hardMin, l.hardMax, l.softMin, l.softMax};
}

Result<MeasureCheck> checkMeasure(VitalKind kind, double value)
{
    const QString label =
        kind == VitalKind::BloodPressure ? QStringLiteral("systolic") : vitalCoding(kind).key;
    return check(kind, label, value, limitsFor(kind));
}

Result<MeasureCheck> checkBloodPressure(double systolic, double diastolic)
{
    const VitalKind kind = VitalKind::BloodPressure;
    auto high = check(kind, QStringLiteral("systolic"), systolic, limitsFor(kind));
    if (!high)
        return high;
    auto low = check(kind, QStringLiteral("diastolic"), diastolic, kDiastolic);
    if (!low)
        return low;
    if (diastolic >= systolic) {
        return refusal(kind, ValidationError::OutOfRange,
                       QStringLiteral("diastolic %1 mmHg must be lower than systolic %2 mmHg (swapped?)")
                           .arg(number(diastolic), number(systolic)));
    }
    MeasureCheck result;
    QStringList notes;
    for (const MeasureCheck &part : {*high, *low}) {
        if (part.plausibility == Plausibility::Unusual) {
            result.plausibility = Plausibility::Unusual;
            notes.append(part.note);
        }
    }
    result.note = notes.join(QStringLiteral("; "));
    return result;
}

Result<double> convertToUnit(VitalKind kind, double value, const QString &unit)
{
    const VitalCoding &coding = vitalCoding(kind);
    const QString given = unit.trimmed();
    if (!std::isfinite(value)) {
        return refusal(kind, ValidationError::BadValue,
                       QStringLiteral("%1 has no numeric value").arg(coding.key));
    }
    if (given == coding.unit)
        return value;

    QStringList accepted;
    accepted.append(coding.unit.isEmpty() ? QStringLiteral("no unit") : coding.unit);
    for (const Conversion &conversion : kConversions) {
        if (conversion.kind != kind)
            continue;
        if (given == QLatin1String(conversion.unit))
            return conversion.toReference(value);
        accepted.append(QString::fromLatin1(conversion.unit));
    }
    return refusal(kind, ValidationError::BadUnit,
                   QStringLiteral("unit \"%1\" is not accepted for %2 (accepted: %3)")
                       .arg(given, coding.key, accepted.join(QStringLiteral(", "))));
}

} // namespace chevet
