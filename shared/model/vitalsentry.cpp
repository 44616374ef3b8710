#include "vitalsentry.h"

#include "core/ids.h"
#include "vitalranges.h"

namespace chevet {

namespace {

Status addMeasure(VitalsEntry &entry, const RecordMeta &base, VitalKind kind, double value)
{
    Result<MeasureCheck> check = checkMeasure(kind, value);
    if (!check)
        return check.error();
    Observation o;
    o.meta = base;
    o.meta.id = newId();
    o.kind = kind;
    o.value = value;
    o.panelId = entry.panelId;
    o.unusual = check->plausibility == Plausibility::Unusual;
    o.unusualNote = check->note;
    entry.observations.append(o);
    return {};
}

} // namespace

Result<VitalsEntry> buildVitalsEntry(const VitalsInput &in, const RecordMeta &base)
{
    if (base.patientId.isNull())
        return makeError(ValidationError::MissingPatient, QStringLiteral("vital signs need a patient"));
    VitalsEntry entry;
    entry.panelId = newId();

    if (in.systolic.has_value() != in.diastolic.has_value()) {
        Error e = makeError(ValidationError::IncompleteBp,
                            QStringLiteral("blood pressure needs both systolic and diastolic values"));
        e.field = QStringLiteral("bp");
        return e;
    }
    if (in.spo2Scale != 1 && in.spo2Scale != 2) {
        Error e = makeError(ValidationError::BadValue,
                            QStringLiteral("SpO2 scale must be 1 or 2, not %1").arg(in.spo2Scale));
        e.field = QStringLiteral("spo2");
        return e;
    }

    const std::pair<VitalKind, std::optional<double>> simple[] = {
        {VitalKind::RespiratoryRate, in.respiratoryRate},
        {VitalKind::OxygenSaturation, in.spo2},
        {VitalKind::HeartRate, in.pulse},
        {VitalKind::BodyTemperature, in.temperature},
        {VitalKind::PainScore, in.pain},
        {VitalKind::BodyWeight, in.weightKg},
        {VitalKind::GlucoseMmol, in.glucoseMmol},
    };
    for (const auto &[kind, value] : simple) {
        if (!value)
            continue;
        if (Status s = addMeasure(entry, base, kind, *value); !s)
            return s.error();
        if (kind == VitalKind::OxygenSaturation) {
            entry.observations.last().onOxygen = in.onOxygen;
            entry.observations.last().spo2Scale = in.spo2Scale;
        }
    }
    if (in.systolic) {
        Result<MeasureCheck> check = checkBloodPressure(*in.systolic, *in.diastolic);
        if (!check)
            return check.error();
        Observation bp;
        bp.meta = base;
        bp.meta.id = newId();
        bp.kind = VitalKind::BloodPressure;
        bp.value = *in.systolic;
        bp.diastolic = *in.diastolic;
        bp.panelId = entry.panelId;
        bp.unusual = check->plausibility == Plausibility::Unusual;
        bp.unusualNote = check->note;
        entry.observations.append(bp);
    }
    if (in.consciousness) {
        if (Status s = addMeasure(entry, base, VitalKind::Consciousness, double(int(*in.consciousness))); !s)
            return s.error();
    }
    if (entry.observations.isEmpty())
        return makeError(ValidationError::EmptyEntry, QStringLiteral("no measure was given"));

    News2Input news2 = news2InputFrom(entry.observations);
    // Recording SpO2 states air or oxygen; without SpO2 the oxygen flag alone still counts.
    if (!news2.onOxygen && in.onOxygen)
        news2.onOxygen = true;
    entry.news2 = computeNews2(news2);
    if (entry.news2.complete) {
        Observation score;
        score.meta = base;
        score.meta.id = newId();
        score.kind = VitalKind::News2Score;
        score.value = entry.news2.total;
        score.panelId = entry.panelId;
        entry.observations.append(score);
    }
    return entry;
}

News2Input news2InputFrom(const QList<Observation> &observations)
{
    News2Input in;
    for (const Observation &o : observations) {
        if (!carriesResult(o.status))
            continue;
        switch (o.kind) {
        case VitalKind::RespiratoryRate:
            in.respiratoryRate = qRound(o.value);
            break;
        case VitalKind::OxygenSaturation:
            in.spo2 = qRound(o.value);
            in.spo2Scale = o.spo2Scale;
            in.onOxygen = o.onOxygen;
            break;
        case VitalKind::BloodPressure:
            in.systolic = qRound(o.value);
            break;
        case VitalKind::HeartRate:
            in.pulse = qRound(o.value);
            break;
        case VitalKind::BodyTemperature:
            in.temperature = o.value;
            break;
        case VitalKind::Consciousness:
            in.consciousness = static_cast<Acvpu>(qRound(o.value));
            break;
        default:
            break;
        }
    }
    return in;
}

bool isCritical(const News2Result &news2)
{
    return news2.total >= 5 || news2.anySingleThree;
}

} // namespace chevet
