#pragma once

#include <QString>

#include <optional>

namespace chevet {

// The measures a nurse records at the bedside, as FHIR vital-signs Observations.
enum class VitalKind {
    RespiratoryRate,
    HeartRate,
    OxygenSaturation,
    BodyTemperature,
    BloodPressure, // one observation, systolic and diastolic components
    BodyWeight,
    BodyHeight,
    BodyMassIndex,
    PainScore,
    GlucoseMmol,
    GlucoseMgdl,
    Consciousness, // ACVPU, coded value
    News2Score,    // derived total
};

// Coding facts from the clinical reference: code system, code, display and UCUM unit.
struct VitalCoding
{
    QString system; // http://loinc.org or http://snomed.info/sct
    QString code;
    QString display; // English display as in the FHIR vital-signs profile
    QString unit;    // UCUM code; empty for coded values
    QString key;     // short stable name used by the CLI, storage and error messages ("pulse")
};

const VitalCoding &vitalCoding(VitalKind kind);
std::optional<VitalKind> vitalKindFromKey(const QString &key);
std::optional<VitalKind> vitalKindFromCode(const QString &system, const QString &code);

// Blood-pressure component codes.
inline constexpr auto kLoincSystolic = "8480-6";
inline constexpr auto kLoincDiastolic = "8462-4";
inline constexpr auto kLoincVitalSignsPanel = "85353-1";
inline constexpr auto kLoincSystem = "http://loinc.org";
inline constexpr auto kSnomedSystem = "http://snomed.info/sct";

// Level of consciousness on the ACVPU scale.
enum class Acvpu { Alert, Confusion, Voice, Pain, Unresponsive };

QString acvpuLetter(Acvpu level);
std::optional<Acvpu> acvpuFromLetter(const QString &letter);

} // namespace chevet
