#pragma once

#include "threewaymerge.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

// The rules of the three-way merge that know what the elements mean: clinical rules (DESIGN.md §3) and
// elements that are bookkeeping rather than content. Internal to sync/merge.
namespace chevet::merge {

// `side` is the version that marked the record entered-in-error (the base was not).
bool entersInError(const QJsonObject &base, const QJsonObject &side);

// The rule that names a set of conflicts: "completed-vs-cancelled" (a Task completed here that the DPI
// cancelled), "amendment-conflict" (an Observation's value changed differently on both sides), else
// "field-conflict".
QString conflictRule(const QJsonObject &local, const QJsonObject &remote,
                     const QList<MergeConflict> &conflicts);

// When a version was made (Observation.issued, Task.lastModified): every edit touches it, on both sides,
// and it is no clinical content. The later of the two; null for any other path, or unreadable times.
std::optional<QJsonValue> laterTimestamp(const QString &path, const QJsonValue &local,
                                         const QJsonValue &remote);

// A nursing note's valueString is its sections written out as one text (fhir/notemapping.cpp): derived, so
// two sides editing different sections would always clash on it. The text the note's sections give; null
// when it is not a nursing note with sections.
std::optional<QString> derivedNoteText(const QJsonObject &note);
// Whether the note's text is still exactly the one its sections give (nobody rewrote it by hand).
bool hasDerivedNoteText(const QJsonObject &note);

} // namespace chevet::merge
