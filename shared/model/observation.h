#pragma once

#include "recordmeta.h"
#include "vitalkind.h"

#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

// One vital-signs measure as a FHIR Observation. Blood pressure is one observation whose value is the
// systolic and `diastolic` the second component. ACVPU stores the Acvpu index in `value`.
struct Observation
{
    RecordMeta meta;
    RecordStatus status = RecordStatus::Final;
    QString otherStatus; // the DPI's code when status is Unknown and the code is not R4's
    VitalKind kind = VitalKind::HeartRate;
    double value = 0;
    std::optional<double> diastolic;
    QUuid panelId;         // the bedside entry this measure was taken in
    bool onOxygen = false; // SpO2 taken on supplemental oxygen
    int spo2Scale = 1;     // NEWS2 SpO2 scale prescribed for the patient
    bool unusual = false;  // accepted but outside the usual range: shown to the nurse
    QString unusualNote;
    QString statusReason; // why it was amended or entered in error
};

} // namespace chevet
