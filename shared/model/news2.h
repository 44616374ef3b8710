#pragma once

#include "vitalkind.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace chevet {

// One set of observations to score with NEWS2 (RCP 2017, chart 1). Absent values stay empty so the
// score can still be shown, marked incomplete.
struct News2Input
{
    std::optional<int> respiratoryRate; // /min
    std::optional<int> spo2;            // %
    int spo2Scale = 1;                  // 1, or 2 for a prescribed 88–92% target
    std::optional<bool> onOxygen;       // air (false) or supplemental oxygen (true)
    std::optional<int> systolic;        // mmHg
    std::optional<int> pulse;           // /min
    std::optional<Acvpu> consciousness;
    std::optional<double> temperature; // °C, scored at one decimal
};

enum class News2Risk { Low, LowMedium, Medium, High };

struct News2Result
{
    int total = 0;               // sum of the parameters present
    bool complete = false;       // all 7 parameters present
    QStringList missing;         // "rr", "spo2", "oxygen", "sbp", "pulse", "acvpu", "temp"
    bool anySingleThree = false; // a 3 in any single parameter
    QMap<QString, int> parts;    // per-parameter score by key (present ones only)
    News2Risk risk = News2Risk::Low;
};

// An incomplete input scores what is present: the total is then a lower bound, and so is the risk.
News2Result computeNews2(const News2Input &input);

QString news2RiskKey(News2Risk risk); // "low", "low-medium", "medium", "high"
// Minimum monitoring and clinical response from the RCP table, for the nurse at the bedside.
QString news2Response(const News2Result &result);
QString news2ResponseFr(const News2Result &result);

} // namespace chevet
