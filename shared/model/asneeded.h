#pragma once

#include "medication.h"

#include <QList>

#include <optional>

namespace chevet {

// How often an as-needed (PRN) order allows a dose, as the DPI states it in structured form: a repeat
// ("every 6 h if needed": one dose per period, or frequency per period) and maxDosePerPeriod ("at most
// 4 g a day"). A limit written only in the dosage text is not parsed: `textOnly` says so, for the UI.
struct AsNeededLimit
{
    qint64 minIntervalMs = 0; // 0: none stated
    int maxDoses = 0;         // at most this many doses in any periodMs; 0: none stated
    qint64 periodMs = 0;
    bool textOnly = false; // no structured limit, but the order has dosage text the nurse must read

    bool stated() const { return minIntervalMs > 0 || maxDoses > 0; }
};

AsNeededLimit asNeededLimit(const MedicationRequest &request);

// A dose in another unit of the same kind (1000 mg in g: 1); nullopt when they do not convert.
std::optional<double> inUnit(const Dose &dose, const QString &unit);

// Why one more dose at `atMs` would break the order's limit, given the doses recorded on it up to
// `atMs` (a dose recorded later does not count: the sync's rule compares every pair, clinicalrules.h).
struct AsNeededWarning
{
    enum class Kind { TooSoon, TooMany };
    Kind kind = Kind::TooSoon;
    qint64 previousMs = 0;    // TooSoon: the dose given within the interval
    qint64 allowedFromMs = 0; // TooSoon: when the next dose is allowed
    int dosesInPeriod = 0;    // TooMany: doses already in the period ending at atMs
    AsNeededLimit limit;
};

// Only doses that reached the patient count; none for a scheduled order or one with no stated limit.
std::optional<AsNeededWarning> asNeededWarning(const MedicationRequest &request,
                                               const QList<MedicationAdministration> &recorded, qint64 atMs);

} // namespace chevet
