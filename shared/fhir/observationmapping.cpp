// Observation (vital signs) <-> FHIR R4 vital-signs Observation.
#include "observationbase.h"
#include "resources.h"

#include "core/ids.h"

#include <array>

namespace chevet::fhir {

namespace {

// Chevet extensions for what NEWS2 needs and R4 has no element for. Extensions rather than
// components: a DPI that ignores them loses nothing it could misread as a measure.
constexpr auto kOnOxygenExtension = "https://fhir.chevet.invalid/StructureDefinition/on-oxygen";
constexpr auto kSpo2ScaleExtension = "https://fhir.chevet.invalid/StructureDefinition/spo2-scale";
constexpr auto kPulseOximetryCode = "59408-5"; // US Core asks for it next to 2708-6

struct AcvpuCode
{
    Acvpu level;
    const char *code;
    const char *display;
};

// SNOMED CT findings of HL7 UK's CareConnect-ACVPU-1 value set.
constexpr std::array<AcvpuCode, 5> kAcvpuCodes = {{
    {Acvpu::Alert, "248234008", "Mentally alert"},
    {Acvpu::Confusion, "130987000", "Acute confusion"},
    {Acvpu::Voice, "300202002", "Responds to voice"},
    {Acvpu::Pain, "450847001", "Responds to pain"},
    {Acvpu::Unresponsive, "422768004", "Unresponsive"},
}};

QJsonObject loinc(const char *code, const char *display)
{
    return coding(str(kLoincSystem), str(code), str(display));
}

QJsonObject codeFor(VitalKind kind)
{
    const VitalCoding &vc = vitalCoding(kind);
    QJsonArray codings{coding(vc.system, vc.code, vc.display)};
    if (kind == VitalKind::OxygenSaturation)
        codings.append(loinc(kPulseOximetryCode, "Oxygen saturation in Arterial blood by Pulse oximetry"));
    return codeableConcept(codings);
}

QJsonObject component(const QJsonObject &codingValue, double value, const QString &ucum)
{
    return QJsonObject{{QLatin1String("code"), codeableConcept({codingValue})},
                       {QLatin1String("valueQuantity"), quantity(value, ucum)}};
}

void putValue(QJsonObject &json, const Observation &o)
{
    const VitalCoding &vc = vitalCoding(o.kind);
    if (o.kind == VitalKind::BloodPressure) {
        QJsonArray components{component(loinc(kLoincSystolic, "Systolic blood pressure"), o.value, vc.unit)};
        if (o.diastolic)
            components.append(
                component(loinc(kLoincDiastolic, "Diastolic blood pressure"), *o.diastolic, vc.unit));
        json.insert(QLatin1String("component"), components);
    } else if (o.kind == VitalKind::Consciousness) {
        const int index = qRound(o.value);
        if (index < 0 || index >= int(kAcvpuCodes.size()) || index != o.value)
            return; // not a level: leave the value out rather than send a different one
        const AcvpuCode &level = kAcvpuCodes[size_t(index)];
        json.insert(QLatin1String("valueCodeableConcept"),
                    codeableConcept({coding(str(kSnomedSystem), str(level.code), str(level.display))},
                                    acvpuLetter(level.level)));
    } else {
        json.insert(QLatin1String("valueQuantity"), quantity(o.value, vc.unit));
    }
}

QJsonArray extensionsOf(const Observation &o)
{
    QJsonArray extensions;
    if (!o.panelId.isNull())
        extensions.append(extension(str(kPanelExtension), QStringLiteral("valueString"), idUrn(o.panelId)));
    // On SpO2 both always travel (air is a NEWS2 fact too); elsewhere only when set.
    const bool spo2 = o.kind == VitalKind::OxygenSaturation;
    if (spo2 || o.onOxygen)
        extensions.append(extension(str(kOnOxygenExtension), QStringLiteral("valueBoolean"), o.onOxygen));
    if (spo2 || o.spo2Scale != 1)
        extensions.append(extension(str(kSpo2ScaleExtension), QStringLiteral("valueInteger"), o.spo2Scale));
    return extensions;
}

std::optional<VitalKind> readKind(JsonReader &r)
{
    for (const CodingValue &c : codings(r.object(QStringLiteral("code")))) {
        if (std::optional<VitalKind> kind = vitalKindFromCode(c.system, c.code))
            return kind;
    }
    if (r.ok())
        r.failAt(QStringLiteral("code"), QStringLiteral("no vital-sign coding Chevet knows"));
    return std::nullopt;
}

void readBloodPressure(JsonReader &r, Observation *o)
{
    const QString unit = vitalCoding(VitalKind::BloodPressure).unit;
    bool systolic = false;
    for (JsonReader c : r.objects(QStringLiteral("component"))) {
        const std::optional<CodingValue> code =
            codingIn(c.object(QStringLiteral("code"), Need::Required), str(kLoincSystem));
        if (!code)
            continue;
        if (code->code == QLatin1String(kLoincSystolic)) {
            o->value = quantityValue(c, QStringLiteral("valueQuantity"), unit, Need::Required).value_or(0);
            systolic = true;
        } else if (code->code == QLatin1String(kLoincDiastolic)) {
            o->diastolic = quantityValue(c, QStringLiteral("valueQuantity"), unit, Need::Required);
        }
    }
    if (!systolic && r.ok())
        r.failAt(QStringLiteral("component"),
                 QStringLiteral("no systolic component (LOINC %1)").arg(str(kLoincSystolic)));
}

void readConsciousness(JsonReader &r, Observation *o)
{
    JsonReader value = r.object(QStringLiteral("valueCodeableConcept"), Need::Required);
    if (std::optional<CodingValue> c = codingIn(value, str(kSnomedSystem))) {
        for (const AcvpuCode &level : kAcvpuCodes) {
            if (c->code == QLatin1String(level.code)) {
                o->value = int(level.level);
                return;
            }
        }
    }
    // A DPI that does not code ACVPU in SNOMED CT may still write the letter.
    if (std::optional<Acvpu> level = acvpuFromLetter(value.string(QStringLiteral("text")))) {
        o->value = int(*level);
        return;
    }
    if (r.ok())
        r.failAt(QStringLiteral("valueCodeableConcept"), QStringLiteral("not an ACVPU level"));
}

void readValue(JsonReader &r, Observation *o)
{
    const VitalCoding &vc = vitalCoding(o->kind);
    if (o->kind == VitalKind::BloodPressure) {
        readBloodPressure(r, o);
    } else if (o->kind == VitalKind::Consciousness) {
        readConsciousness(r, o);
    } else if (o->kind == VitalKind::News2Score && r.has(QStringLiteral("valueInteger"))) {
        o->value = double(r.integer(QStringLiteral("valueInteger")).value_or(0)); // as other systems send it
    } else {
        o->value = quantityValue(r, QStringLiteral("valueQuantity"), vc.unit, Need::Required).value_or(0);
    }
}

void readExtensions(JsonReader &r, Observation *o)
{
    if (std::optional<JsonReader> panel = findExtension(r, str(kPanelExtension))) {
        const QString urn = panel->string(QStringLiteral("valueString"), Need::Required);
        o->panelId = urn.startsWith(QLatin1String("urn:uuid:")) ? idFromString(urn.mid(9)) : QUuid();
        if (o->panelId.isNull() && !urn.isEmpty())
            panel->failAt(QStringLiteral("valueString"), QStringLiteral("expected urn:uuid:<uuid>"));
    }
    if (std::optional<JsonReader> oxygen = findExtension(r, str(kOnOxygenExtension)))
        o->onOxygen = oxygen->boolean(QStringLiteral("valueBoolean"), Need::Required).value_or(false);
    if (std::optional<JsonReader> scale = findExtension(r, str(kSpo2ScaleExtension))) {
        o->spo2Scale = int(scale->integer(QStringLiteral("valueInteger"), Need::Required).value_or(1));
        if (o->spo2Scale != 1 && o->spo2Scale != 2)
            scale->failAt(QStringLiteral("valueInteger"), QStringLiteral("expected SpO2 scale 1 or 2"));
    }
}

} // namespace

QJsonObject observationToFhir(const Observation &observation, const QString &patientRef)
{
    QJsonObject json = observationBase(observation.meta, observation.status, observation.otherStatus,
                                       observation.statusReason, QStringLiteral("vital-signs"),
                                       codeFor(observation.kind), patientRef);
    const QJsonArray extensions = extensionsOf(observation);
    if (!extensions.isEmpty())
        json.insert(QLatin1String("extension"), extensions);
    putValue(json, observation);
    return json;
}

Result<Observation> observationFromFhir(const QJsonObject &json, References *refs)
{
    JsonReader r = JsonReader::resource(json, QStringLiteral("Observation"));
    Observation o;
    readObservationBase(r, &o.meta, &o.status, &o.otherStatus, &o.statusReason, refs);
    if (!r.ok())
        return r.error();
    std::optional<VitalKind> kind = readKind(r);
    if (!kind)
        return r.error();
    o.kind = *kind;
    // A record voided in the DPI may have lost its value, and a measure only registered or cancelled
    // has none; either must still reach the device (sync-audit §5).
    const bool voidedWithoutValue = !carriesResult(o.status) && !r.has(QStringLiteral("valueQuantity")) &&
                                    !r.has(QStringLiteral("valueCodeableConcept")) &&
                                    !r.has(QStringLiteral("valueInteger")) &&
                                    !r.has(QStringLiteral("component"));
    if (!voidedWithoutValue)
        readValue(r, &o);
    readExtensions(r, &o);
    if (!r.ok())
        return r.error();
    return o;
}

} // namespace chevet::fhir
