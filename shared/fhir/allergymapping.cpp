// AllergyIntolerance <-> FHIR R4 AllergyIntolerance.
#include "elements.h"
#include "resources.h"

namespace chevet::fhir {

namespace {

constexpr auto kClinicalSystem = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
constexpr auto kVerificationSystem = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

// The first coding whose code `fromKey` knows, whatever its system: DPIs differ in how they code these.
template<typename Enum, typename FromKey> std::optional<Enum> readStatus(JsonReader cc, FromKey fromKey)
{
    for (const CodingValue &c : codings(cc)) {
        if (std::optional<Enum> value = fromKey(c.code))
            return value;
    }
    return std::nullopt;
}

QString manifestationText(JsonReader manifestation)
{
    const QString text = manifestation.string(QStringLiteral("text"));
    if (!text.isEmpty())
        return text;
    for (const CodingValue &c : codings(manifestation)) {
        if (!c.display.isEmpty())
            return c.display;
    }
    return {};
}

} // namespace

QJsonObject allergyToFhir(const AllergyIntolerance &allergy, const QString &patientRef)
{
    QJsonObject json{{QLatin1String("resourceType"), QStringLiteral("AllergyIntolerance")}};
    putServerState(json, allergy.serverId, allergy.serverVersion);
    json.insert(QLatin1String("identifier"), QJsonArray{clientIdentifier(allergy.id)});
    const bool inError = allergy.verificationStatus == AllergyVerificationStatus::EnteredInError;
    // FHIR ait-2: no clinical status on a record entered in error.
    if (allergy.clinicalStatus && !inError)
        json.insert(QLatin1String("clinicalStatus"),
                    codeableConcept(
                        {coding(str(kClinicalSystem), allergyClinicalStatusKey(*allergy.clinicalStatus))}));
    json.insert(QLatin1String("verificationStatus"),
                codeableConcept({coding(str(kVerificationSystem),
                                        allergyVerificationStatusKey(allergy.verificationStatus))}));
    if (allergy.category)
        json.insert(QLatin1String("category"), QJsonArray{allergyCategoryKey(*allergy.category)});
    if (allergy.criticality)
        json.insert(QLatin1String("criticality"), allergyCriticalityKey(*allergy.criticality));
    json.insert(QLatin1String("code"),
                allergy.substanceCode.isEmpty()
                    ? textConcept(allergy.substanceDisplay)
                    : codeableConcept(
                          {coding(allergy.substanceSystem, allergy.substanceCode, allergy.substanceDisplay)},
                          allergy.substanceDisplay));
    if (!patientRef.isEmpty())
        json.insert(QLatin1String("patient"), reference(patientRef));
    if (allergy.recordedMs != 0)
        json.insert(QLatin1String("recordedDate"), formatDateTime(allergy.recordedMs));
    if (!allergy.recordedBy.isEmpty())
        json.insert(QLatin1String("recorder"), practitionerByIdentifier(allergy.recordedBy));
    if (!allergy.reactionText.isEmpty()) {
        json.insert(QLatin1String("reaction"),
                    QJsonArray{QJsonObject{
                        {QLatin1String("manifestation"), QJsonArray{textConcept(allergy.reactionText)}}}});
    }
    return json;
}

Result<AllergyIntolerance> allergyFromFhir(const QJsonObject &json, References *refs)
{
    JsonReader r = JsonReader::resource(json, QStringLiteral("AllergyIntolerance"));
    AllergyIntolerance a;
    readServerState(r, &a.serverId, &a.serverVersion);
    a.id = readClientId(r);
    // Codes outside the value sets are read as "not said" rather than refused: an allergy the device
    // drops over an unexpected status is worse than one shown without it.
    a.clinicalStatus = readStatus<AllergyClinicalStatus>(r.object(QStringLiteral("clinicalStatus")),
                                                         allergyClinicalStatusFromKey);
    a.verificationStatus =
        readStatus<AllergyVerificationStatus>(r.object(QStringLiteral("verificationStatus")),
                                              allergyVerificationStatusFromKey)
            .value_or(AllergyVerificationStatus::Unconfirmed);
    for (const QString &category : r.strings(QStringLiteral("category"))) {
        if ((a.category = allergyCategoryFromKey(category)))
            break;
    }
    a.criticality = allergyCriticalityFromKey(r.string(QStringLiteral("criticality")));

    JsonReader code = r.object(QStringLiteral("code"), Need::Required);
    const QList<CodingValue> substance = codings(code);
    a.substanceDisplay = code.string(QStringLiteral("text"));
    for (const CodingValue &c : substance) {
        if (c.code.isEmpty())
            continue;
        a.substanceSystem = c.system;
        a.substanceCode = c.code;
        if (a.substanceDisplay.isEmpty())
            a.substanceDisplay = c.display;
        break;
    }
    if (r.ok() && a.substanceCode.isEmpty() && a.substanceDisplay.isEmpty())
        r.failAt(QStringLiteral("code"), QStringLiteral("expected a coded or a text substance"));

    if (std::optional<qint64> recorded = r.dateTime(QStringLiteral("recordedDate")))
        a.recordedMs = *recorded;
    a.recordedBy = readPractitionerIdentifier(r.object(QStringLiteral("recorder")));
    QStringList manifestations;
    for (JsonReader reaction : r.objects(QStringLiteral("reaction"))) {
        for (JsonReader manifestation : reaction.objects(QStringLiteral("manifestation"))) {
            const QString text = manifestationText(manifestation);
            if (!text.isEmpty() && !manifestations.contains(text))
                manifestations.append(text);
        }
    }
    a.reactionText = manifestations.join(QLatin1String(", "));
    const QString patient = readReference(r, QStringLiteral("patient"));
    if (!r.ok())
        return r.error();
    if (refs)
        refs->patient = patient;
    return a;
}

} // namespace chevet::fhir
