#pragma once

#include "core/result.h"
#include "dosetiming.h"

#include <QJsonObject>

namespace chevet {

// An establishment's standard administration times as JSON, what `chevetctl administration-times`
// reads and the store keeps (sealed):
//   {"zone": "Europe/Paris",
//    "when": {"MORN": ["07:30"], "C": ["07:30", "12:00", "18:30"]},
//    "perDay": {"3": ["08:00", "13:00", "19:00"]},
//    "intervalAnchor": "06:00"}
// Every entry left out keeps the French default (AdministrationTimes::frenchDefaults()). Refused with
// the entry named: an unknown time zone or EventTiming code, a time that is not HH:mm, a count of
// doses a day outside 1..24 or not matching its times.
Result<AdministrationTimes> administrationTimesFromJson(const QJsonObject &json);
// Every entry, defaults included.
QJsonObject administrationTimesToJson(const AdministrationTimes &times);

} // namespace chevet
