#include "latecare.h"

#include <algorithm>

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
