#include "vitalkind.h"

#include <QHash>

#include <array>

namespace chevet {

namespace {

const QString kLoinc = QString::fromLatin1(kLoincSystem);
const QString kSnomed = QString::fromLatin1(kSnomedSystem);

// Order matches the VitalKind enumerators.
const std::array<VitalCoding, 13> kCodings = {{
    {kLoinc, QStringLiteral("9279-1"), QStringLiteral("Respiratory rate"), QStringLiteral("/min"),
     QStringLiteral("rr")},
    {kLoinc, QStringLiteral("8867-4"), QStringLiteral("Heart rate"), QStringLiteral("/min"),
     QStringLiteral("pulse")},
    {kLoinc, QStringLiteral("2708-6"), QStringLiteral("Oxygen saturation in Arterial blood"),
     QStringLiteral("%"), QStringLiteral("spo2")},
    {kLoinc, QStringLiteral("8310-5"), QStringLiteral("Body temperature"), QStringLiteral("Cel"),
     QStringLiteral("temp")},
    {kLoinc, QStringLiteral("85354-9"), QStringLiteral("Blood pressure panel with all children optional"),
     QStringLiteral("mm[Hg]"), QStringLiteral("bp")},
    {kLoinc, QStringLiteral("29463-7"), QStringLiteral("Body weight"), QStringLiteral("kg"),
     QStringLiteral("weight")},
    {kLoinc, QStringLiteral("8302-2"), QStringLiteral("Body height"), QStringLiteral("cm"),
     QStringLiteral("height")},
    {kLoinc, QStringLiteral("39156-5"), QStringLiteral("Body mass index (BMI) [Ratio]"),
     QStringLiteral("kg/m2"), QStringLiteral("bmi")},
    {kLoinc, QStringLiteral("72514-3"), QStringLiteral("Pain severity - 0-10 verbal numeric rating [Score]"),
     QStringLiteral("{score}"), QStringLiteral("pain")},
    {kLoinc, QStringLiteral("14743-9"),
     QStringLiteral("Glucose [Moles/volume] in Capillary blood by Glucometer"), QStringLiteral("mmol/L"),
     QStringLiteral("glucose-mmol")},
    {kLoinc, QStringLiteral("2339-0"), QStringLiteral("Glucose [Mass/volume] in Blood"),
     QStringLiteral("mg/dL"), QStringLiteral("glucose-mgdl")},
    {kSnomed, QStringLiteral("1104441000000107"),
     QStringLiteral("ACVPU (Alert Confusion Voice Pain Unresponsive) scale score"), QString(),
     QStringLiteral("acvpu")},
    {kSnomed, QStringLiteral("1104051000000101"),
     QStringLiteral("Royal College of Physicians NEWS2 (National Early Warning Score 2) total score"),
     QStringLiteral("{score}"), QStringLiteral("news2")},
}};

} // namespace

const VitalCoding &vitalCoding(VitalKind kind)
{
    return kCodings[static_cast<size_t>(kind)];
}

std::optional<VitalKind> vitalKindFromKey(const QString &key)
{
    for (size_t i = 0; i < kCodings.size(); ++i) {
        if (kCodings[i].key == key)
            return static_cast<VitalKind>(i);
    }
    return std::nullopt;
}

std::optional<VitalKind> vitalKindFromCode(const QString &system, const QString &code)
{
    // US Core adds 59408-5 for pulse oximetry; accept it as SpO2 when reading.
    if (system == kLoinc && code == QLatin1String("59408-5"))
        return VitalKind::OxygenSaturation;
    for (size_t i = 0; i < kCodings.size(); ++i) {
        if (kCodings[i].system == system && kCodings[i].code == code)
            return static_cast<VitalKind>(i);
    }
    return std::nullopt;
}

QString acvpuLetter(Acvpu level)
{
    static const char letters[] = {'A', 'C', 'V', 'P', 'U'};
    return QString(QLatin1Char(letters[static_cast<int>(level)]));
}

std::optional<Acvpu> acvpuFromLetter(const QString &letter)
{
    const QString upper = letter.trimmed().toUpper();
    static const QString letters = QStringLiteral("ACVPU");
    if (upper.size() != 1 || !letters.contains(upper))
        return std::nullopt;
    return static_cast<Acvpu>(letters.indexOf(upper));
}

} // namespace chevet
