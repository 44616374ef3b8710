#pragma once

#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

// FHIR R4 AllergyIntolerance codes; the keys (allergy*Key) are the FHIR codes, used in storage,
// the CLI and FHIR alike.
enum class AllergyClinicalStatus { Active, Inactive, Resolved };
enum class AllergyVerificationStatus { Unconfirmed, Confirmed, Refuted, EnteredInError };
enum class AllergyCriticality { Low, High, UnableToAssess };
enum class AllergyCategory { Medication, Food, Environment, Biologic };

QString allergyClinicalStatusKey(AllergyClinicalStatus status);
std::optional<AllergyClinicalStatus> allergyClinicalStatusFromKey(const QString &key);
QString allergyVerificationStatusKey(AllergyVerificationStatus status);
std::optional<AllergyVerificationStatus> allergyVerificationStatusFromKey(const QString &key);
QString allergyCriticalityKey(AllergyCriticality criticality);
std::optional<AllergyCriticality> allergyCriticalityFromKey(const QString &key);
QString allergyCategoryKey(AllergyCategory category);
std::optional<AllergyCategory> allergyCategoryFromKey(const QString &key);

inline constexpr auto kAllergySnomedSystem = "http://snomed.info/sct";
// SNOMED CT "No known allergy": an assessed absence of allergies, not a missing record.
inline constexpr auto kNoKnownAllergyCode = "716186003";

// An allergy or intolerance as the DPI holds it. The substance may be coded (system + code, with a
// display) or free text only (display alone).
struct AllergyIntolerance
{
    QUuid id;
    QUuid patientId;
    QString substanceSystem;
    QString substanceCode;
    QString substanceDisplay;
    // Absent only when the record was entered in error (FHIR ait-2) or the DPI did not say.
    std::optional<AllergyClinicalStatus> clinicalStatus = AllergyClinicalStatus::Active;
    AllergyVerificationStatus verificationStatus = AllergyVerificationStatus::Unconfirmed;
    std::optional<AllergyCriticality> criticality;
    std::optional<AllergyCategory> category;
    QString reactionText;  // the reaction's manifestations, as text ("urticaire, œdème de Quincke")
    qint64 recordedMs = 0; // when it was recorded; 0 when unknown
    QString recordedBy;    // who recorded it, when the DPI shares it (a nurse's identifier)
    QString serverId;
    QString serverVersion;

    bool isNoKnownAllergy() const
    {
        return substanceSystem == QLatin1String(kAllergySnomedSystem) &&
               substanceCode == QLatin1String(kNoKnownAllergyCode);
    }
};

} // namespace chevet
