#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// Three-way merge of two edits of one FHIR R4 resource against the version both started from: the base a
// local edit was made on, the local edit, and the DPI's version met on a 412 or a pull. Pure: no I/O, no
// store, no clock. In namespace chevet, like the rest of sync/.
//
// Paths name elements the way a person reads them: "valueQuantity.value",
// "component[code=8480-6].valueQuantity.value", "performer[identifier=nurse-42]", "note[1]". List
// elements are named by identity where they have one, else by position (free text such as a note's never
// appears in a path). Paths can still hold identifier values: treat them as patient data, never log them.
namespace chevet {

struct MergeConflict
{
    QString path;
    // The element in each version; undefined where that version has none (removed, or never there).
    QJsonValue base;
    QJsonValue local;
    QJsonValue remote;
};

struct MergeResult
{
    enum class Outcome {
        Merged,     // both edits combined; `merged` holds the result
        Conflict,   // a person decides; `conflicts` says where, `merged` is empty
        LocalWins,  // a clinical rule kept the local version whole; the remote edit is in `discardedPaths`
        RemoteWins, // a clinical rule kept the remote version whole; the local edit is in `discardedPaths`
    };

    Outcome outcome = Outcome::Merged;
    QJsonObject merged;
    QList<MergeConflict> conflicts;
    // Which rule decided:
    //   "no-change"          neither side changed anything (but perhaps the order of an identity list)
    //   "same-change"        both sides made exactly the same changes
    //   "field-merge"        changes merged field by field (and element by element in lists)
    //   "entered-in-error"   one side marked the record entered-in-error; it wins over the other's edit
    //   "amendment-conflict" an Observation's value (or a component's) changed differently on both sides
    //   "completed-vs-cancelled" a Task completed on the device that the DPI cancelled meanwhile
    //   "field-conflict"     any other field changed differently on both sides, or removed on one and
    //                        changed on the other
    QString rule;
    // For the audit trail: the paths whose one-sided change went into `merged`.
    QStringList autoMergedPaths;
    // For the audit trail: what the losing side of a LocalWins/RemoteWins had changed from the base.
    QStringList discardedPaths;
};

// Server-managed elements (meta, id, text) are left out of the comparison; the result carries the newest
// ones (the side that changed them, the remote when both did), and drops a narrative that no longer
// matches the merged content. Two more elements are bookkeeping, not content: a version's own timestamp
// (Observation.issued, Task.lastModified) takes the later of two edits, and a nursing note's valueString,
// while it is just its sections written out, is written anew from the merged sections.
MergeResult mergeResources(const QJsonObject &base, const QJsonObject &local, const QJsonObject &remote);

QString outcomeName(MergeResult::Outcome outcome); // "merged", "conflict", "local-wins", "remote-wins"

} // namespace chevet
