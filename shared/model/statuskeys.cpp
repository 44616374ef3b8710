// String keys of the model's status enumerations, as used in storage, the CLI and FHIR.
#include "allergy.h"
#include "caretask.h"
#include "encounter.h"
#include "medication.h"
#include "patient.h"
#include "recordmeta.h"

#include <array>
#include <utility>

namespace chevet {

namespace {

template<typename Enum, size_t N>
QString keyOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[e, key] : table) {
        if (e == value)
            return QString::fromLatin1(key);
    }
    return {};
}

template<typename Enum, size_t N>
std::optional<Enum> fromKey(const std::array<std::pair<Enum, const char *>, N> &table, const QString &key)
{
    for (const auto &[e, k] : table) {
        if (key == QLatin1String(k))
            return e;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<RecordStatus, const char *>, 3> kRecord = {{
    {RecordStatus::Final, "final"},
    {RecordStatus::Amended, "amended"},
    {RecordStatus::EnteredInError, "entered-in-error"},
}};

constexpr std::array<std::pair<Sex, const char *>, 4> kSex = {{
    {Sex::Unknown, "unknown"},
    {Sex::Female, "female"},
    {Sex::Male, "male"},
    {Sex::Other, "other"},
}};

constexpr std::array<std::pair<EncounterStatus, const char *>, 4> kEncounter = {{
    {EncounterStatus::Planned, "planned"},
    {EncounterStatus::InProgress, "in-progress"},
    {EncounterStatus::Finished, "finished"},
    {EncounterStatus::Cancelled, "cancelled"},
}};

constexpr std::array<std::pair<PrescriptionStatus, const char *>, 5> kPrescription = {{
    {PrescriptionStatus::Active, "active"},
    {PrescriptionStatus::OnHold, "on-hold"},
    {PrescriptionStatus::Stopped, "stopped"},
    {PrescriptionStatus::Completed, "completed"},
    {PrescriptionStatus::Cancelled, "cancelled"},
}};

constexpr std::array<std::pair<AdministrationStatus, const char *>, 3> kAdministration = {{
    {AdministrationStatus::Completed, "completed"},
    {AdministrationStatus::NotDone, "not-done"},
    {AdministrationStatus::EnteredInError, "entered-in-error"},
}};

constexpr std::array<std::pair<TaskStatus, const char *>, 4> kTask = {{
    {TaskStatus::Requested, "requested"},
    {TaskStatus::InProgress, "in-progress"},
    {TaskStatus::Completed, "completed"},
    {TaskStatus::Cancelled, "cancelled"},
}};

constexpr std::array<std::pair<IdentityStatus, const char *>, 4> kIdentity = {{
    {IdentityStatus::Provisional, "PROV"},
    {IdentityStatus::Recovered, "RECUP"},
    {IdentityStatus::Validated, "VALI"},
    {IdentityStatus::Qualified, "QUAL"},
}};

constexpr std::array<std::pair<AllergyClinicalStatus, const char *>, 3> kAllergyClinical = {{
    {AllergyClinicalStatus::Active, "active"},
    {AllergyClinicalStatus::Inactive, "inactive"},
    {AllergyClinicalStatus::Resolved, "resolved"},
}};

constexpr std::array<std::pair<AllergyVerificationStatus, const char *>, 4> kAllergyVerification = {{
    {AllergyVerificationStatus::Unconfirmed, "unconfirmed"},
    {AllergyVerificationStatus::Confirmed, "confirmed"},
    {AllergyVerificationStatus::Refuted, "refuted"},
    {AllergyVerificationStatus::EnteredInError, "entered-in-error"},
}};

constexpr std::array<std::pair<AllergyCriticality, const char *>, 3> kAllergyCriticality = {{
    {AllergyCriticality::Low, "low"},
    {AllergyCriticality::High, "high"},
    {AllergyCriticality::UnableToAssess, "unable-to-assess"},
}};

constexpr std::array<std::pair<AllergyCategory, const char *>, 4> kAllergyCategory = {{
    {AllergyCategory::Medication, "medication"},
    {AllergyCategory::Food, "food"},
    {AllergyCategory::Environment, "environment"},
    {AllergyCategory::Biologic, "biologic"},
}};

} // namespace

QString recordStatusKey(RecordStatus status)
{
    return keyOf(kRecord, status);
}
std::optional<RecordStatus> recordStatusFromKey(const QString &key)
{
    return fromKey(kRecord, key);
}
QString sexKey(Sex sex)
{
    return keyOf(kSex, sex);
}
std::optional<Sex> sexFromKey(const QString &key)
{
    return fromKey(kSex, key);
}
QString encounterStatusKey(EncounterStatus status)
{
    return keyOf(kEncounter, status);
}
std::optional<EncounterStatus> encounterStatusFromKey(const QString &key)
{
    return fromKey(kEncounter, key);
}
QString prescriptionStatusKey(PrescriptionStatus status)
{
    return keyOf(kPrescription, status);
}
std::optional<PrescriptionStatus> prescriptionStatusFromKey(const QString &key)
{
    return fromKey(kPrescription, key);
}
QString administrationStatusKey(AdministrationStatus status)
{
    return keyOf(kAdministration, status);
}
std::optional<AdministrationStatus> administrationStatusFromKey(const QString &key)
{
    return fromKey(kAdministration, key);
}
QString taskStatusKey(TaskStatus status)
{
    return keyOf(kTask, status);
}
std::optional<TaskStatus> taskStatusFromKey(const QString &key)
{
    return fromKey(kTask, key);
}

QString identityStatusKey(IdentityStatus status)
{
    return keyOf(kIdentity, status);
}
std::optional<IdentityStatus> identityStatusFromKey(const QString &key)
{
    return fromKey(kIdentity, key);
}
QString allergyClinicalStatusKey(AllergyClinicalStatus status)
{
    return keyOf(kAllergyClinical, status);
}
std::optional<AllergyClinicalStatus> allergyClinicalStatusFromKey(const QString &key)
{
    return fromKey(kAllergyClinical, key);
}
QString allergyVerificationStatusKey(AllergyVerificationStatus status)
{
    return keyOf(kAllergyVerification, status);
}
std::optional<AllergyVerificationStatus> allergyVerificationStatusFromKey(const QString &key)
{
    return fromKey(kAllergyVerification, key);
}
QString allergyCriticalityKey(AllergyCriticality criticality)
{
    return keyOf(kAllergyCriticality, criticality);
}
std::optional<AllergyCriticality> allergyCriticalityFromKey(const QString &key)
{
    return fromKey(kAllergyCriticality, key);
}
QString allergyCategoryKey(AllergyCategory category)
{
    return keyOf(kAllergyCategory, category);
}
std::optional<AllergyCategory> allergyCategoryFromKey(const QString &key)
{
    return fromKey(kAllergyCategory, key);
}

} // namespace chevet
