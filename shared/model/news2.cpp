#include "news2.h"

#include <algorithm>
#include <cmath>

namespace chevet {

namespace {

int scoreRespiratoryRate(int rate)
{
    if (rate <= 8)
        return 3;
    if (rate <= 11)
        return 1;
    if (rate <= 20)
        return 0;
    if (rate <= 24)
        return 2;
    return 3;
}

int scoreSpo2Scale1(int spo2)
{
    if (spo2 <= 91)
        return 3;
    if (spo2 <= 93)
        return 2;
    if (spo2 <= 95)
        return 1;
    return 0;
}

// Scale 2 only penalises high saturations under oxygen: on air they are the patient's own. When the
// air/oxygen parameter is unknown the reading is scored as on air, keeping the total a lower bound
// like every other absent parameter.
int scoreSpo2Scale2(int spo2, bool onOxygen)
{
    if (spo2 <= 83)
        return 3;
    if (spo2 <= 85)
        return 2;
    if (spo2 <= 87)
        return 1;
    if (spo2 <= 92 || !onOxygen)
        return 0;
    if (spo2 <= 94)
        return 1;
    if (spo2 <= 96)
        return 2;
    return 3;
}

int scoreSystolic(int systolic)
{
    if (systolic <= 90)
        return 3;
    if (systolic <= 100)
        return 2;
    if (systolic <= 110)
        return 1;
    if (systolic <= 219)
        return 0;
    return 3;
}

int scorePulse(int pulse)
{
    if (pulse <= 40)
        return 3;
    if (pulse <= 50)
        return 1;
    if (pulse <= 90)
        return 0;
    if (pulse <= 110)
        return 1;
    if (pulse <= 130)
        return 2;
    return 3;
}

// The chart is read at one decimal. Rounding is half away from zero on the value as typed: snapping to
// micro-degrees first makes 38.05 (stored as 38.04999…) round to 38.1 as a nurse would, and comparing
// integer tenths keeps band edges such as 38.0/38.1 free of floating-point error.
int temperatureTenths(double celsius)
{
    const double clamped = std::clamp(celsius, -1000.0, 1000.0);
    const long long micro = std::llround(clamped * 1e6);
    const long long magnitude = micro < 0 ? -micro : micro;
    const long long tenths = (magnitude + 50'000) / 100'000;
    return static_cast<int>(micro < 0 ? -tenths : tenths);
}

int scoreTemperature(double celsius)
{
    const int tenths = temperatureTenths(celsius);
    if (tenths <= 350)
        return 3;
    if (tenths <= 360)
        return 1;
    if (tenths <= 380)
        return 0;
    if (tenths <= 390)
        return 1;
    return 2;
}

template<typename T, typename Score>
std::optional<int> scoreIfPresent(const std::optional<T> &value, Score score)
{
    if (!value)
        return std::nullopt;
    return score(*value);
}

News2Risk riskFor(int total, bool anySingleThree)
{
    if (total >= 7)
        return News2Risk::High;
    if (total >= 5)
        return News2Risk::Medium;
    if (anySingleThree)
        return News2Risk::LowMedium;
    return News2Risk::Low;
}

} // namespace

News2Result computeNews2(const News2Input &input)
{
    News2Result result;
    auto add = [&result](const QString &key, std::optional<int> score) {
        if (!score) {
            result.missing.append(key);
            return;
        }
        result.parts.insert(key, *score);
        result.total += *score;
        result.anySingleThree = result.anySingleThree || *score == 3;
    };

    add(QStringLiteral("rr"), scoreIfPresent(input.respiratoryRate, scoreRespiratoryRate));

    std::optional<int> spo2Score;
    if (input.spo2) {
        spo2Score = input.spo2Scale == 2 ? scoreSpo2Scale2(*input.spo2, input.onOxygen.value_or(false))
                                         : scoreSpo2Scale1(*input.spo2);
    }
    add(QStringLiteral("spo2"), spo2Score);

    add(QStringLiteral("oxygen"), scoreIfPresent(input.onOxygen, [](bool oxygen) { return oxygen ? 2 : 0; }));
    add(QStringLiteral("sbp"), scoreIfPresent(input.systolic, scoreSystolic));
    add(QStringLiteral("pulse"), scoreIfPresent(input.pulse, scorePulse));
    add(QStringLiteral("acvpu"),
        scoreIfPresent(input.consciousness, [](Acvpu level) { return level == Acvpu::Alert ? 0 : 3; }));

    // A NaN or infinite reading cannot be placed on the chart: it counts as not taken.
    std::optional<int> temperatureScore;
    if (input.temperature && std::isfinite(*input.temperature))
        temperatureScore = scoreTemperature(*input.temperature);
    add(QStringLiteral("temp"), temperatureScore);

    result.complete = result.missing.isEmpty();
    result.risk = riskFor(result.total, result.anySingleThree);
    return result;
}

QString news2RiskKey(News2Risk risk)
{
    switch (risk) {
    case News2Risk::Low:
        return QStringLiteral("low");
    case News2Risk::LowMedium:
        return QStringLiteral("low-medium");
    case News2Risk::Medium:
        return QStringLiteral("medium");
    case News2Risk::High:
        return QStringLiteral("high");
    }
    return QStringLiteral("low");
}

QString news2Response(const News2Result &result)
{
    switch (result.risk) {
    case News2Risk::Low:
        // Both aggregates 0 and 1–4 are low risk, but the chart asks for closer monitoring above 0.
        if (result.total == 0)
            return QStringLiteral("Minimum monitoring every 12 h; continue routine NEWS2 monitoring.");
        return QStringLiteral("Minimum monitoring every 4–6 h; a registered nurse assesses the patient.");
    case News2Risk::LowMedium:
        return QStringLiteral("Minimum monitoring hourly; urgent ward-based review.");
    case News2Risk::Medium:
        return QStringLiteral(
            "Minimum monitoring hourly; urgent response by a clinician with acute-care competencies.");
    case News2Risk::High:
        return QStringLiteral("Continuous monitoring; emergency response by the critical-care team.");
    }
    return {};
}

QString news2ResponseFr(const News2Result &result)
{
    switch (result.risk) {
    case News2Risk::Low:
        if (result.total == 0)
            return QStringLiteral(
                "Surveillance toutes les 12 h ; poursuivre la surveillance NEWS2 habituelle.");
        return QStringLiteral("Surveillance toutes les 4 à 6 h ; évaluation par l’infirmier(ère).");
    case News2Risk::LowMedium:
        return QStringLiteral("Surveillance horaire ; avis médical urgent dans le service.");
    case News2Risk::Medium:
        return QStringLiteral(
            "Surveillance horaire ; intervention urgente d’un médecin compétent en soins aigus.");
    case News2Risk::High:
        return QStringLiteral("Surveillance continue ; appel en urgence de l’équipe de réanimation.");
    }
    return {};
}

} // namespace chevet
