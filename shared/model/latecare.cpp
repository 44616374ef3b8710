#include "latecare.h"

#include <algorithm>
#include <numeric>

namespace chevet {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;

} // namespace

Monitoring monitoringFor(const News2Result &news2)
{
    switch (news2.risk) {
    case News2Risk::High:
        return Monitoring::Continuous;
    case News2Risk::Medium:
    case News2Risk::LowMedium:
        return Monitoring::Hourly;
    case News2Risk::Low:
        return news2.total == 0 && news2.complete ? Monitoring::Every12h : Monitoring::Every4h;
    }
    return Monitoring::Every4h;
}

QString monitoringKey(Monitoring monitoring)
{
    switch (monitoring) {
    case Monitoring::FirstSet:
        return QStringLiteral("first");
    case Monitoring::Every12h:
        return QStringLiteral("12h");
    case Monitoring::Every4h:
        return QStringLiteral("4h");
    case Monitoring::Hourly:
        return QStringLiteral("hourly");
    case Monitoring::Continuous:
        return QStringLiteral("continuous");
    }
    return QStringLiteral("4h");
}

qint64 monitoringIntervalMs(Monitoring monitoring)
{
    switch (monitoring) {
    case Monitoring::FirstSet:
        return 0;
    case Monitoring::Every12h:
        return 12 * kHourMs;
    case Monitoring::Every4h:
        return 4 * kHourMs;
    case Monitoring::Hourly:
        return kHourMs;
    case Monitoring::Continuous:
        return 15 * kMinuteMs;
    }
    return 0;
}

VitalsDue vitalsDue(const std::optional<News2Result> &last, qint64 takenAtMs, qint64 nowMs)
{
    VitalsDue due;
    if (!last || takenAtMs <= 0) {
        due.monitoring = Monitoring::FirstSet;
        due.dueAtMs = nowMs;
        return due;
    }
    due.monitoring = monitoringFor(*last);
    due.dueAtMs = takenAtMs + monitoringIntervalMs(due.monitoring);
    due.lateByMs = std::max<qint64>(0, nowMs - due.dueAtMs);
    return due;
}

std::optional<DecidingNews2> decidingNews2(const QList<ScoredSet> &sets)
{
    if (sets.isEmpty())
        return std::nullopt;
    QList<qsizetype> byTime(sets.size());
    std::iota(byTime.begin(), byTime.end(), 0);
    std::stable_sort(byTime.begin(), byTime.end(), [&sets](qsizetype a, qsizetype b) {
        return sets.at(a).takenAtMs < sets.at(b).takenAtMs;
    });
    const qsizetype newestIndex = byTime.last();
    const ScoredSet &newest = sets.at(newestIndex);
    DecidingNews2 deciding{newest.news2, newest.takenAtMs, newest.takenAtMs,
                           false,        std::nullopt,     newestIndex};
    if (newest.news2.complete)
        return deciding;
    for (qsizetype i = byTime.size() - 2; i >= 0; --i) {
        const ScoredSet &earlier = sets.at(byTime.at(i));
        if (!earlier.news2.complete)
            continue;
        if (earlier.news2.total > newest.news2.total || earlier.news2.risk > newest.news2.risk) {
            deciding.news2 = earlier.news2;
            deciding.scoredAtMs = earlier.takenAtMs;
            deciding.fromEarlierSet = true;
            deciding.newestIncomplete = newest.news2;
            deciding.index = byTime.at(i);
        }
        break;
    }
    return deciding;
}

Escalation escalationFor(const News2Result &news2)
{
    switch (news2.risk) {
    case News2Risk::High:
        return Escalation::Emergency;
    case News2Risk::Medium:
        return Escalation::UrgentResponse;
    case News2Risk::LowMedium:
        return Escalation::UrgentReview;
    case News2Risk::Low:
        return Escalation::None;
    }
    return Escalation::None;
}

QString escalationKey(Escalation escalation)
{
    switch (escalation) {
    case Escalation::None:
        return {};
    case Escalation::UrgentReview:
        return QStringLiteral("urgent-review");
    case Escalation::UrgentResponse:
        return QStringLiteral("urgent-response");
    case Escalation::Emergency:
        return QStringLiteral("emergency");
    }
    return {};
}

} // namespace chevet
