#include "asneeded.h"

#include "dosetiming.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace chevet {

namespace {

// UCUM mass and volume units a maximum is written in, in grams or litres.
std::optional<std::pair<char, double>> unitScale(const QString &unit)
{
    static const QHash<QString, std::pair<char, double>> kUnits{
        {QStringLiteral("kg"), {'g', 1e3}},  {QStringLiteral("g"), {'g', 1}},
        {QStringLiteral("mg"), {'g', 1e-3}}, {QStringLiteral("ug"), {'g', 1e-6}},
        {QStringLiteral("µg"), {'g', 1e-6}}, {QStringLiteral("mcg"), {'g', 1e-6}},
        {QStringLiteral("L"), {'L', 1}},     {QStringLiteral("l"), {'L', 1}},
        {QStringLiteral("mL"), {'L', 1e-3}}, {QStringLiteral("ml"), {'L', 1e-3}},
    };
    const auto found = kUnits.constFind(unit);
    return found == kUnits.cend() ? std::nullopt : std::optional<std::pair<char, double>>(*found);
}

} // namespace

std::optional<double> inUnit(const Dose &dose, const QString &unit)
{
    if (dose.unit == unit)
        return dose.value;
    const auto from = unitScale(dose.unit);
    const auto to = unitScale(unit);
    if (!from || !to || from->first != to->first)
        return std::nullopt;
    return dose.value * from->second / to->second;
}

AsNeededLimit asNeededLimit(const MedicationRequest &request)
{
    AsNeededLimit limit;
    if (!request.asNeeded)
        return limit;
    for (const DoseTiming &t : request.timings) {
        if (!t.asNeeded)
            continue; // a scheduled instruction beside it is no interval
        const qint64 periodMs = qint64(t.period * double(ucumDurationMs(t.periodUnit)));
        if (periodMs <= 0)
            continue;
        const int perPeriod = std::max(1, t.frequency);
        const qint64 interval = periodMs / perPeriod;
        limit.minIntervalMs = std::max(limit.minIntervalMs, interval);
    }
    const DoseLimit &max = request.maxDosePerPeriod;
    const qint64 periodMs = qint64(max.period * double(ucumDurationMs(max.periodUnit)));
    if (max.amount > 0 && periodMs > 0) {
        // A count of doses, or an amount that the order's dose divides (4 g a day of 1 g doses: 4).
        const bool countsDoses =
            max.unit.isEmpty() || max.unit == QLatin1String("{dose}") || max.unit == QLatin1String("1");
        const std::optional<double> perDose = inUnit(request.dose, max.unit);
        if (countsDoses)
            limit.maxDoses = int(std::floor(max.amount));
        else if (perDose && *perDose > 0)
            limit.maxDoses = int(std::floor(max.amount / *perDose + 1e-9));
        if (limit.maxDoses > 0)
            limit.periodMs = periodMs;
    }
    limit.textOnly = !limit.stated() && !request.instructions.trimmed().isEmpty();
    return limit;
}

std::optional<AsNeededWarning> asNeededWarning(const MedicationRequest &request,
                                               const QList<MedicationAdministration> &recorded, qint64 atMs)
{
    const AsNeededLimit limit = asNeededLimit(request);
    if (!limit.stated())
        return std::nullopt;
    // Doses given up to now: one recorded later (a wrong clock elsewhere) does not block this one.
    QList<qint64> given;
    for (const MedicationAdministration &a : recorded)
        if (doseReachedPatient(a.status) && a.meta.clinicalTimeMs <= atMs)
            given.append(a.meta.clinicalTimeMs);
    std::sort(given.begin(), given.end());
    if (limit.minIntervalMs > 0 && !given.isEmpty() && atMs - given.constLast() < limit.minIntervalMs) {
        AsNeededWarning w;
        w.kind = AsNeededWarning::Kind::TooSoon;
        w.previousMs = given.constLast(); // the most recent dose sets when the next is allowed
        w.allowedFromMs = w.previousMs + limit.minIntervalMs;
        w.limit = limit;
        return w;
    }
    if (limit.maxDoses > 0) {
        const int inPeriod = int(std::count_if(given.cbegin(), given.cend(), [&](qint64 at) {
            return at > atMs - limit.periodMs && at <= atMs;
        }));
        if (inPeriod >= limit.maxDoses) {
            AsNeededWarning w;
            w.kind = AsNeededWarning::Kind::TooMany;
            w.dosesInPeriod = inPeriod;
            w.limit = limit;
            return w;
        }
    }
    return std::nullopt;
}

} // namespace chevet
