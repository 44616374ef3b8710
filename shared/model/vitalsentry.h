#pragma once

#include "core/result.h"
#include "news2.h"
#include "observation.h"

#include <QList>

#include <optional>

namespace chevet {

// What a nurse typed for one bedside round of vitals; any subset of measures.
struct VitalsInput
{
    std::optional<double> respiratoryRate;
    std::optional<double> spo2;
    bool onOxygen = false;
    int spo2Scale = 1;
    std::optional<double> systolic;
    std::optional<double> diastolic;
    std::optional<double> pulse;
    std::optional<double> temperature;
    std::optional<Acvpu> consciousness;
    std::optional<double> pain;
    std::optional<double> weightKg;
    std::optional<double> glucoseMmol;
};

// One bedside entry: an observation per measure sharing a panel id and clinical time, and the
// NEWS2 computed from them (with a derived NEWS2 observation when every parameter is present).
struct VitalsEntry
{
    QUuid panelId;
    QList<Observation> observations;
    News2Result news2;
};

// Validates every measure before anything is built: the first impossible value refuses the whole
// entry with an error naming the field. Unusual values are accepted and flagged on their observation.
Result<VitalsEntry> buildVitalsEntry(const VitalsInput &input, const RecordMeta &base);

News2Input news2InputFrom(const QList<Observation> &observations);

// A vitals entry counts as safety-critical (sent first) when NEWS2 reaches 5 or one parameter scores 3.
bool isCritical(const News2Result &news2);

} // namespace chevet
