#include "patient.h"

namespace chevet {

std::optional<PatientIdentifier> Patient::ipp(const QString &system) const
{
    for (const PatientIdentifier &id : identifiers) {
        if (id.kind == IdentifierKind::Ipp && id.system == system && !id.old)
            return id;
    }
    return std::nullopt;
}

std::optional<PatientIdentifier> Patient::ins() const
{
    for (const PatientIdentifier &id : identifiers) {
        if (id.kind == IdentifierKind::Ins)
            return id;
    }
    return std::nullopt;
}

bool Patient::insQualified() const
{
    return identityStatus == IdentityStatus::Qualified && ins().has_value();
}

bool isInsSystem(const QString &system)
{
    return system == QLatin1String(kInsNirSystem) || system == QLatin1String(kInsNiaSystem) ||
           system == QLatin1String(kInsNirTestSystem) || system == QLatin1String(kInsNirDemoSystem);
}

int ageOn(const QDate &birthDate, const QDate &day)
{
    if (!birthDate.isValid())
        return -1;
    const bool beforeBirthday =
        day.month() < birthDate.month() || (day.month() == birthDate.month() && day.day() < birthDate.day());
    return day.year() - birthDate.year() - (beforeBirthday ? 1 : 0);
}

} // namespace chevet
