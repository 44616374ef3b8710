// String keys of the model's status enumerations, as used in storage, the CLI and FHIR.
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

} // namespace chevet
