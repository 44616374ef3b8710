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

// The status tables hold R4's whole value sets (sync-audit §5): a status missing here made a pulled
// resource unreadable.
constexpr std::array<std::pair<RecordStatus, const char *>, 8> kRecord = {{
    {RecordStatus::Final, "final"},
    {RecordStatus::Amended, "amended"},
    {RecordStatus::EnteredInError, "entered-in-error"},
    {RecordStatus::Registered, "registered"},
    {RecordStatus::Preliminary, "preliminary"},
    {RecordStatus::Corrected, "corrected"},
    {RecordStatus::Cancelled, "cancelled"},
    {RecordStatus::Unknown, "unknown"},
}};

constexpr std::array<std::pair<Sex, const char *>, 4> kSex = {{
    {Sex::Unknown, "unknown"},
    {Sex::Female, "female"},
    {Sex::Male, "male"},
    {Sex::Other, "other"},
}};

constexpr std::array<std::pair<EncounterStatus, const char *>, 9> kEncounter = {{
    {EncounterStatus::Planned, "planned"},
    {EncounterStatus::InProgress, "in-progress"},
    {EncounterStatus::Finished, "finished"},
    {EncounterStatus::Cancelled, "cancelled"},
    {EncounterStatus::Arrived, "arrived"},
    {EncounterStatus::Triaged, "triaged"},
    {EncounterStatus::OnLeave, "onleave"},
    {EncounterStatus::EnteredInError, "entered-in-error"},
    {EncounterStatus::Unknown, "unknown"},
}};

constexpr std::array<std::pair<PrescriptionStatus, const char *>, 8> kPrescription = {{
    {PrescriptionStatus::Active, "active"},
    {PrescriptionStatus::OnHold, "on-hold"},
    {PrescriptionStatus::Stopped, "stopped"},
    {PrescriptionStatus::Completed, "completed"},
    {PrescriptionStatus::Cancelled, "cancelled"},
    {PrescriptionStatus::EnteredInError, "entered-in-error"},
    {PrescriptionStatus::Draft, "draft"},
    {PrescriptionStatus::Unknown, "unknown"},
}};

constexpr std::array<std::pair<AdministrationStatus, const char *>, 7> kAdministration = {{
    {AdministrationStatus::Completed, "completed"},
    {AdministrationStatus::NotDone, "not-done"},
    {AdministrationStatus::EnteredInError, "entered-in-error"},
    {AdministrationStatus::InProgress, "in-progress"},
    {AdministrationStatus::OnHold, "on-hold"},
    {AdministrationStatus::Stopped, "stopped"},
    {AdministrationStatus::Unknown, "unknown"},
}};

// R4 Task has no "unknown": a Task read as Unknown keeps the DPI's code and is written with it.
constexpr std::array<std::pair<TaskStatus, const char *>, 13> kTask = {{
    {TaskStatus::Requested, "requested"},
    {TaskStatus::InProgress, "in-progress"},
    {TaskStatus::Completed, "completed"},
    {TaskStatus::Cancelled, "cancelled"},
    {TaskStatus::Draft, "draft"},
    {TaskStatus::Received, "received"},
    {TaskStatus::Accepted, "accepted"},
    {TaskStatus::Rejected, "rejected"},
    {TaskStatus::Ready, "ready"},
    {TaskStatus::OnHold, "on-hold"},
    {TaskStatus::Failed, "failed"},
    {TaskStatus::EnteredInError, "entered-in-error"},
    {TaskStatus::Unknown, "unknown"},
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

// What the statuses mean at the bedside. Exhaustive switches: a new status must be placed (-Wswitch).

bool carriesResult(RecordStatus status)
{
    switch (status) {
    case RecordStatus::Final:
    case RecordStatus::Amended:
    case RecordStatus::Corrected:
    case RecordStatus::Preliminary:
        return true;
    case RecordStatus::EnteredInError:
    case RecordStatus::Registered:
    case RecordStatus::Cancelled:
    case RecordStatus::Unknown:
        return false;
    }
    return false;
}

bool isOngoing(EncounterStatus status)
{
    switch (status) {
    case EncounterStatus::Arrived:
    case EncounterStatus::Triaged:
    case EncounterStatus::InProgress:
    case EncounterStatus::OnLeave:
    case EncounterStatus::Unknown:
        return true;
    case EncounterStatus::Planned:
    case EncounterStatus::Finished:
    case EncounterStatus::Cancelled:
    case EncounterStatus::EnteredInError:
        return false;
    }
    return false;
}

bool givesDoses(PrescriptionStatus status)
{
    return status == PrescriptionStatus::Active;
}

bool isSuspended(PrescriptionStatus status)
{
    switch (status) {
    case PrescriptionStatus::OnHold:
    case PrescriptionStatus::Draft:
    case PrescriptionStatus::Unknown:
        return true;
    case PrescriptionStatus::Active:
    case PrescriptionStatus::Stopped:
    case PrescriptionStatus::Completed:
    case PrescriptionStatus::Cancelled:
    case PrescriptionStatus::EnteredInError:
        return false;
    }
    return false;
}

bool doseReachedPatient(AdministrationStatus status)
{
    switch (status) {
    case AdministrationStatus::Completed:
    case AdministrationStatus::InProgress:
    case AdministrationStatus::OnHold:
    case AdministrationStatus::Stopped:
    case AdministrationStatus::Unknown:
        return true;
    case AdministrationStatus::NotDone:
    case AdministrationStatus::EnteredInError:
        return false;
    }
    return false;
}

bool isToDo(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Requested:
    case TaskStatus::Received:
    case TaskStatus::Accepted:
    case TaskStatus::Ready:
    case TaskStatus::InProgress:
        return true;
    case TaskStatus::Draft:
    case TaskStatus::OnHold:
    case TaskStatus::Rejected:
    case TaskStatus::Failed:
    case TaskStatus::Cancelled:
    case TaskStatus::Completed:
    case TaskStatus::EnteredInError:
    case TaskStatus::Unknown:
        return false;
    }
    return false;
}

} // namespace chevet
