#include "asneeded.h"

#include "dosetiming.h"

#include <algorithm>
#include <cmath>

namespace chevet {

AsNeededLimit asNeededLimit(const MedicationRequest &request)
{
    AsNeededLimit limit;
    if (!request.asNeeded)
        return limit;
    for (const DoseTiming &t : request.timings) {
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
        if (countsDoses) {
            limit.maxDoses = int(std::floor(max.amount));
        } else if (max.unit == request.dose.unit && request.dose.value > 0) {
            limit.maxDoses = int(std::floor(max.amount / request.dose.value + 1e-9));
        }
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
    QList<qint64> given;
    for (const MedicationAdministration &a : recorded)
        if (doseReachedPatient(a.status))
            given.append(a.meta.clinicalTimeMs);
    std::sort(given.begin(), given.end());
    if (limit.minIntervalMs > 0) {
        for (qint64 at : std::as_const(given)) {
            if (std::llabs(atMs - at) < limit.minIntervalMs) {
                AsNeededWarning w;
                w.kind = AsNeededWarning::Kind::TooSoon;
                w.previousMs = at;
                w.allowedFromMs = at + limit.minIntervalMs;
                w.limit = limit;
                return w;
            }
        }
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
