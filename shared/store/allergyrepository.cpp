#include "allergyrepository.h"

#include "core/clock.h"
#include "recordcodec.h"
#include "storecontext.h"

#include <algorithm>
#include <limits>

namespace chevet {

namespace {

int clinicalRank(const AllergyIntolerance &a)
{
    switch (a.clinicalStatus.value_or(AllergyClinicalStatus::Active)) {
    case AllergyClinicalStatus::Active:
        return 0;
    case AllergyClinicalStatus::Inactive:
        return 1;
    case AllergyClinicalStatus::Resolved:
        break;
    }
    return 2;
}

int criticalityRank(const AllergyIntolerance &a)
{
    if (a.criticality == AllergyCriticality::High)
        return 0;
    if (a.criticality == AllergyCriticality::UnableToAssess)
        return 1;
    return 2;
}

} // namespace

AllergyRepository::AllergyRepository(StoreContext &context)
    : m_context(context)
{}

Status AllergyRepository::write(AllergyIntolerance &allergy, bool fromBedside)
{
    if (allergy.substanceDisplay.trimmed().isEmpty() && allergy.substanceCode.trimmed().isEmpty()) {
        Error e = makeError(ValidationError::MissingValue,
                            QStringLiteral("an allergy needs a substance, coded or as text"));
        e.field = QStringLiteral("substance");
        return e;
    }
    if (allergy.id.isNull())
        allergy.id = QUuid::createUuid();
    RecordChange change;
    change.row = allergyRow(allergy);
    change.queueForDpi = fromBedside;
    change.priority = OutboxPriority::SafetyCritical;
    change.action = fromBedside ? QStringLiteral("allergy.record") : QStringLiteral("allergy.import");
    return m_context.writeForPatient(allergy.patientId, {change});
}

Result<AllergyIntolerance> AllergyRepository::save(AllergyIntolerance allergy)
{
    if (Status s = write(allergy, false); !s)
        return s.error();
    return allergy;
}

Result<AllergyIntolerance> AllergyRepository::record(AllergyIntolerance allergy)
{
    if (!allergy.serverId.isEmpty() || !allergy.serverVersion.isEmpty())
        return makeError(ValidationError::NotNew,
                         QStringLiteral("an allergy recorded at the bedside is new to the DPI"));
    allergy.id = QUuid();
    allergy.recordedBy = m_context.author;
    if (allergy.recordedMs == 0)
        allergy.recordedMs = m_context.clock.nowMs();
    if (Status s = write(allergy, true); !s)
        return s.error();
    return allergy;
}

Result<std::optional<AllergyIntolerance>> AllergyRepository::find(const QUuid &id)
{
    Result<std::optional<RecordRow>> row = m_context.records.find(id);
    if (!row)
        return row.error();
    if (!*row || (*row)->type != RecordType::Allergy)
        return std::optional<AllergyIntolerance>();
    Result<AllergyIntolerance> allergy = allergyFromRow(**row);
    if (!allergy)
        return allergy.error();
    return std::optional<AllergyIntolerance>(std::move(allergy).value());
}

Result<QList<AllergyIntolerance>> AllergyRepository::forPatient(const QUuid &patientId)
{
    Result<QList<RecordRow>> rows =
        m_context.records.forPatient(patientId, RecordType::Allergy, std::numeric_limits<qint64>::min(),
                                     std::numeric_limits<qint64>::max());
    if (!rows)
        return rows.error();
    QList<AllergyIntolerance> allergies;
    for (const RecordRow &row : std::as_const(*rows)) {
        Result<AllergyIntolerance> a = allergyFromRow(row);
        if (!a)
            return a.error();
        if (a->verificationStatus != AllergyVerificationStatus::EnteredInError)
            allergies.append(std::move(a).value());
    }
    std::stable_sort(allergies.begin(), allergies.end(),
                     [](const AllergyIntolerance &a, const AllergyIntolerance &b) {
                         if (clinicalRank(a) != clinicalRank(b))
                             return clinicalRank(a) < clinicalRank(b);
                         if (criticalityRank(a) != criticalityRank(b))
                             return criticalityRank(a) < criticalityRank(b);
                         return a.recordedMs > b.recordedMs;
                     });
    return allergies;
}

} // namespace chevet
