#include "fiverights.h"

#include "asneeded.h"
#include "route.h"

#include "gs1.h"

#include <QDateTime>

#include <cmath>

namespace chevet {

namespace {

RightCheck passed(Right right)
{
    return RightCheck{right, true, RightFailure::None};
}

RightCheck failed(Right right, RightFailure failure)
{
    return RightCheck{right, false, failure};
}

QString normalizedCode(const QString &code)
{
    return code.trimmed().toUpper().remove(u' ');
}

RightCheck checkPatient(const FiveRightsInput &in)
{
    if (in.wristbandCode.trimmed().isEmpty())
        return failed(Right::Patient, RightFailure::NotScanned);
    return wristbandMatches(in.patient, in.establishment, in.wristbandCode)
               ? passed(Right::Patient)
               : failed(Right::Patient, RightFailure::WrongPatient);
}

RightCheck checkMedication(const FiveRightsInput &in)
{
    const QString code = in.packCode.trimmed();
    if (code.isEmpty())
        return failed(Right::Medication, RightFailure::NotScanned);
    if (looksLikeGs1(code)) {
        const Result<Gs1Data> pack = parseGs1(code);
        if (!pack)
            return failed(Right::Medication, RightFailure::UnreadableCode);
        if (normalizedGtin(in.request.gtin) != pack->gtin)
            return failed(Right::Medication, RightFailure::WrongMedication);
        const QDate today = QDateTime::fromMSecsSinceEpoch(in.nowMs).date();
        if (pack->expiry && *pack->expiry < today)
            return failed(Right::Medication, RightFailure::Expired);
        return passed(Right::Medication);
    }
    // Typed or a plain barcode: the prescription's code (UCD/CIP) or the pack's GTIN.
    const QString typed = normalizedCode(code);
    const bool matches =
        (!in.request.medicationCode.isEmpty() && typed == normalizedCode(in.request.medicationCode)) ||
        (!in.request.gtin.isEmpty() && normalizedGtin(typed) == normalizedGtin(in.request.gtin));
    return matches ? passed(Right::Medication) : failed(Right::Medication, RightFailure::WrongMedication);
}

RightCheck checkDose(const FiveRightsInput &in)
{
    const bool sameUnit = in.dose.unit == in.request.dose.unit;
    constexpr double kEpsilon = 1e-9;
    // A range ("1 to 2 tablets"): any dose within it.
    const bool inRange = in.request.doseHigh > 0 ? in.dose.value >= in.request.dose.value - kEpsilon &&
                                                       in.dose.value <= in.request.doseHigh + kEpsilon
                                                 : std::abs(in.dose.value - in.request.dose.value) < kEpsilon;
    return sameUnit && inRange ? passed(Right::Dose) : failed(Right::Dose, RightFailure::DoseMismatch);
}

RightCheck checkRoute(const FiveRightsInput &in)
{
    return sameRoute(in.route, in.request.route) ? passed(Right::Route)
                                                 : failed(Right::Route, RightFailure::RouteMismatch);
}

RightCheck checkTime(const FiveRightsInput &in)
{
    if (!givesDoses(in.request.status))
        return failed(Right::Time, RightFailure::PrescriptionNotActive);
    // On demand: the right time is "not closer to the last dose than the order allows".
    if (in.request.asNeeded) {
        const std::optional<AsNeededWarning> w =
            asNeededWarning(in.request, in.slotAdministrations, in.nowMs);
        if (!w)
            return passed(Right::Time);
        return failed(Right::Time, w->kind == AsNeededWarning::Kind::TooSoon ? RightFailure::AsNeededTooSoon
                                                                             : RightFailure::AsNeededTooMany);
    }
    for (const MedicationAdministration &a : in.slotAdministrations) {
        if (doseReachedPatient(a.status))
            return failed(Right::Time, RightFailure::AlreadyGiven);
    }
    if (in.nowMs < in.slotMs - in.windowMs)
        return failed(Right::Time, RightFailure::TooEarly);
    if (in.nowMs > in.slotMs + in.windowMs)
        return failed(Right::Time, RightFailure::TooLate);
    return passed(Right::Time);
}

} // namespace

bool wristbandMatches(const Patient &patient, const QString &establishment, const QString &code)
{
    const QString scanned = normalizedCode(code);
    if (scanned.isEmpty())
        return false;
    for (const PatientIdentifier &id : patient.identifiers) {
        if (id.old)
            continue; // a retired IPP on an old wristband must be replaced, not accepted
        const bool ours = id.kind == IdentifierKind::Ins || id.system == establishment;
        if (ours && normalizedCode(id.value) == scanned)
            return true;
    }
    return false;
}

bool FiveRightsResult::allOk() const
{
    if (checks.size() != 5)
        return false;
    for (const RightCheck &c : checks) {
        if (!c.ok)
            return false;
    }
    return true;
}

const RightCheck &FiveRightsResult::check(Right right) const
{
    return checks.at(int(right));
}

FiveRightsResult checkFiveRights(const FiveRightsInput &input)
{
    FiveRightsResult result;
    result.checks = {checkPatient(input), checkMedication(input), checkDose(input), checkRoute(input),
                     checkTime(input)};
    return result;
}

QString rightFailureKey(RightFailure failure)
{
    switch (failure) {
    case RightFailure::None:
        return {};
    case RightFailure::NotScanned:
        return QStringLiteral("not-scanned");
    case RightFailure::WrongPatient:
        return QStringLiteral("wrong-patient");
    case RightFailure::WrongMedication:
        return QStringLiteral("wrong-medication");
    case RightFailure::Expired:
        return QStringLiteral("expired");
    case RightFailure::UnreadableCode:
        return QStringLiteral("unreadable-code");
    case RightFailure::DoseMismatch:
        return QStringLiteral("dose-mismatch");
    case RightFailure::RouteMismatch:
        return QStringLiteral("route-mismatch");
    case RightFailure::TooEarly:
        return QStringLiteral("too-early");
    case RightFailure::TooLate:
        return QStringLiteral("too-late");
    case RightFailure::AlreadyGiven:
        return QStringLiteral("already-given");
    case RightFailure::PrescriptionNotActive:
        return QStringLiteral("prescription-not-active");
    case RightFailure::AsNeededTooSoon:
        return QStringLiteral("as-needed-too-soon");
    case RightFailure::AsNeededTooMany:
        return QStringLiteral("as-needed-too-many");
    }
    return {};
}

QString rightKey(Right right)
{
    switch (right) {
    case Right::Patient:
        return QStringLiteral("patient");
    case Right::Medication:
        return QStringLiteral("medication");
    case Right::Dose:
        return QStringLiteral("dose");
    case Right::Route:
        return QStringLiteral("route");
    case Right::Time:
        return QStringLiteral("time");
    }
    return QString();
}

} // namespace chevet
