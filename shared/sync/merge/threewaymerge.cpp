#include "threewaymerge.h"

#include "elementidentity.h"
#include "mergerules.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <array>
#include <iterator>

namespace chevet {

namespace {

using merge::KeyedElement;

const std::array<QLatin1String, 3> kServerManaged{QLatin1String("meta"), QLatin1String("id"),
                                                  QLatin1String("text")};

QJsonObject content(QJsonObject resource)
{
    for (const QLatin1String &key : kServerManaged)
        resource.remove(key);
    return resource;
}

// Merges one value (an element, a list, a whole resource) and collects what it decided.
class Merger
{
public:
    QList<MergeConflict> conflicts;
    QStringList autoMerged;

    // Undefined when the element is absent from the result (removed, or in conflict).
    QJsonValue value(const QString &path, const QString &name, const QJsonValue &b, const QJsonValue &l,
                     const QJsonValue &r)
    {
        if (l == r)
            return l;
        if (l == b) {
            took(path, name, b, r);
            return r;
        }
        if (r == b) {
            took(path, name, b, l);
            return l;
        }
        // Both changed, differently: look inside when both are still the same kind of thing.
        if (l.isObject() && r.isObject() && (b.isObject() || b.isUndefined()))
            return object(path, b.toObject(), l.toObject(), r.toObject());
        if (l.isArray() && r.isArray() && (b.isArray() || b.isUndefined()))
            return array(path, name, b.toArray(), l.toArray(), r.toArray());
        if (const std::optional<QJsonValue> later = merge::laterTimestamp(path, l, r)) {
            autoMerged.append(path);
            return *later;
        }
        conflicts.append({path, b, l, r});
        return QJsonValue(QJsonValue::Undefined);
    }

private:
    void took(const QString &path, const QString &name, const QJsonValue &from, const QJsonValue &to)
    {
        merge::changedPaths(path, name, from, to, &autoMerged);
    }

    QJsonObject object(const QString &path, const QJsonObject &b, const QJsonObject &l, const QJsonObject &r)
    {
        QStringList keys = b.keys() + l.keys() + r.keys();
        keys.sort();
        keys.removeDuplicates();
        QJsonObject out;
        QSet<QString> done;
        for (const QString &key : std::as_const(keys)) {
            if (done.contains(key))
                continue;
            const QString choice = merge::choiceElement(key);
            QStringList group{key};
            if (!choice.isEmpty()) {
                group.clear();
                std::copy_if(keys.begin(), keys.end(), std::back_inserter(group),
                             [&](const QString &k) { return merge::choiceElement(k) == choice; });
            }
            for (const QString &k : std::as_const(group))
                done.insert(k);
            if (group.size() == 1 || !choiceGroup(path, choice, group, b, l, r, &out)) {
                for (const QString &k : std::as_const(group))
                    put(&out, k, value(merge::childPath(path, k), k, b.value(k), l.value(k), r.value(k)));
            }
        }
        return out;
    }

    // A choice element (value[x], effective[x], ...) whose type differs between versions: one element, so
    // valueQuantity on one side and valueString on the other never both reach the result. False when a
    // version holds two types at once (not valid FHIR): then the caller merges the keys one by one.
    bool choiceGroup(const QString &path, const QString &choice, const QStringList &group,
                     const QJsonObject &b, const QJsonObject &l, const QJsonObject &r, QJsonObject *out)
    {
        const auto pick = [&](const QJsonObject &version) {
            QJsonObject sub;
            for (const QString &k : group) {
                if (version.contains(k))
                    sub.insert(k, version.value(k));
            }
            return sub;
        };
        const QJsonObject sb = pick(b), sl = pick(l), sr = pick(r);
        if (sb.size() > 1 || sl.size() > 1 || sr.size() > 1)
            return false;
        const QString kl = sl.isEmpty() ? QString() : sl.begin().key();
        const QString kr = sr.isEmpty() ? QString() : sr.begin().key();
        if (kl == kr) {
            if (!kl.isEmpty())
                put(out, kl, value(merge::childPath(path, kl), kl, b.value(kl), l.value(kl), r.value(kl)));
            return true;
        }
        const auto insertAll = [&](const QJsonObject &sub) {
            for (auto it = sub.begin(); it != sub.end(); ++it)
                out->insert(it.key(), it.value());
        };
        if (sl == sb) {
            took(path, {}, sb, sr);
            insertAll(sr);
        } else if (sr == sb) {
            took(path, {}, sb, sl);
            insertAll(sl);
        } else {
            const auto orAbsent = [](const QJsonObject &sub) {
                return sub.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(sub);
            };
            conflicts.append({merge::childPath(path, choice), orAbsent(sb), orAbsent(sl), orAbsent(sr)});
        }
        return true;
    }

    QJsonArray array(const QString &path, const QString &name, const QJsonArray &b, const QJsonArray &l,
                     const QJsonArray &r)
    {
        const merge::KeyedLists keyed = merge::keyLists(name, {b, l, r});
        const QList<KeyedElement> &kb = keyed.lists.at(0), &kl = keyed.lists.at(1), &kr = keyed.lists.at(2);
        QHash<QString, QJsonValue> merged;
        for (const QList<KeyedElement> *list : {&kl, &kr, &kb}) {
            for (const KeyedElement &e : *list) {
                if (merged.contains(e.key))
                    continue;
                const KeyedElement *eb = merge::find(kb, e.key);
                const KeyedElement *el = merge::find(kl, e.key);
                const KeyedElement *er = merge::find(kr, e.key);
                const auto valueOf = [](const KeyedElement *x) {
                    return x ? x->value : QJsonValue(QJsonValue::Undefined);
                };
                merged.insert(e.key,
                              value(merge::elementPath(path, e), {}, valueOf(eb), valueOf(el), valueOf(er)));
            }
        }
        QJsonArray out;
        for (const QString &key : order(kb, kl, kr)) {
            const QJsonValue v = merged.value(key);
            if (!v.isUndefined())
                out.append(v);
        }
        return out;
    }

    // The order of the merged list: the side that reordered it decides, else the remote; elements only
    // the other side has follow their predecessor there, after the first side's own additions.
    static QStringList order(const QList<KeyedElement> &b, const QList<KeyedElement> &l,
                             const QList<KeyedElement> &r)
    {
        const bool localFirst = reordered(b, l) && !reordered(b, r);
        const QList<KeyedElement> &primary = localFirst ? l : r;
        const QList<KeyedElement> &secondary = localFirst ? r : l;
        QStringList out;
        for (const KeyedElement &e : primary)
            out.append(e.key);
        const auto primaryAddition = [&](const QString &key) {
            return !merge::find(b, key) && !merge::find(secondary, key);
        };
        qsizetype anchor = -1;
        for (const KeyedElement &e : secondary) {
            if (const qsizetype at = out.indexOf(e.key); at >= 0) {
                anchor = at;
                continue;
            }
            qsizetype at = anchor + 1;
            while (at < out.size() && primaryAddition(out.at(at)))
                ++at;
            out.insert(at, e.key);
            anchor = at;
        }
        return out;
    }

    // Whether the elements `side` shares with `base` come in another order.
    static bool reordered(const QList<KeyedElement> &base, const QList<KeyedElement> &side)
    {
        QStringList inBase, inSide;
        for (const KeyedElement &e : base) {
            if (merge::find(side, e.key))
                inBase.append(e.key);
        }
        for (const KeyedElement &e : side) {
            if (merge::find(base, e.key))
                inSide.append(e.key);
        }
        return inBase != inSide;
    }

    static void put(QJsonObject *out, const QString &key, const QJsonValue &v)
    {
        if (!v.isUndefined())
            out->insert(key, v);
    }
};

// meta and id from the side that changed them (the remote when both did); the narrative likewise, but only
// while it still describes the merged content.
QJsonObject withServerElements(QJsonObject merged, const QJsonObject &base, const QJsonObject &local,
                               const QJsonObject &remote)
{
    const QJsonObject mergedContent = merged;
    for (const QLatin1String &key : kServerManaged) {
        const QJsonValue b = base.value(key), l = local.value(key), r = remote.value(key);
        const QJsonValue chosen = (l != b && r == b) ? l : r;
        if (chosen.isUndefined())
            continue;
        if (key == QLatin1String("text")) {
            const bool current = (l == chosen && content(local) == mergedContent) ||
                                 (r == chosen && content(remote) == mergedContent) ||
                                 (b == chosen && content(base) == mergedContent);
            if (!current)
                continue;
        }
        merged.insert(key, chosen);
    }
    return merged;
}

} // namespace

MergeResult mergeResources(const QJsonObject &base, const QJsonObject &local, const QJsonObject &remote)
{
    const QJsonObject cb = content(base), cl = content(local), cr = content(remote);
    MergeResult result;

    const bool localInError = merge::entersInError(base, local);
    if (localInError != merge::entersInError(base, remote)) {
        merge::changedPaths({}, {}, cb, localInError ? cr : cl, &result.discardedPaths);
        // Nothing to overrule when the other side changed nothing: an ordinary one-sided change.
        if (!result.discardedPaths.isEmpty()) {
            result.outcome =
                localInError ? MergeResult::Outcome::LocalWins : MergeResult::Outcome::RemoteWins;
            result.rule = QStringLiteral("entered-in-error");
            result.merged = withServerElements(localInError ? cl : cr, base, local, remote);
            return result;
        }
    }

    // While the note text follows the sections on every side, merge the sections and write the text anew.
    const QLatin1String noteText("valueString");
    const bool derivedText =
        merge::hasDerivedNoteText(cb) && merge::hasDerivedNoteText(cl) && merge::hasDerivedNoteText(cr);
    const auto withoutText = [&](QJsonObject c) {
        if (derivedText)
            c.remove(noteText);
        return c;
    };

    Merger merger;
    const QJsonValue merged = merger.value({}, {}, withoutText(cb), withoutText(cl), withoutText(cr));
    if (!merger.conflicts.isEmpty()) {
        result.outcome = MergeResult::Outcome::Conflict;
        result.conflicts = merger.conflicts;
        result.rule = merge::conflictRule(local, remote, merger.conflicts);
        return result;
    }
    QJsonObject mergedContent = merged.toObject();
    if (derivedText) {
        if (const std::optional<QString> text = merge::derivedNoteText(mergedContent);
            text && !text->isEmpty())
            mergedContent.insert(noteText, *text);
    }
    result.merged = withServerElements(mergedContent, base, local, remote);
    result.autoMergedPaths = merger.autoMerged;
    if (!result.autoMergedPaths.isEmpty()) {
        result.rule = QStringLiteral("field-merge");
    } else {
        QStringList changed;
        merge::changedPaths({}, {}, cb, cl, &changed);
        result.rule = changed.isEmpty() ? QStringLiteral("no-change") : QStringLiteral("same-change");
    }
    return result;
}

QString outcomeName(MergeResult::Outcome outcome)
{
    switch (outcome) {
    case MergeResult::Outcome::Merged:
        return QStringLiteral("merged");
    case MergeResult::Outcome::Conflict:
        return QStringLiteral("conflict");
    case MergeResult::Outcome::LocalWins:
        return QStringLiteral("local-wins");
    case MergeResult::Outcome::RemoteWins:
        return QStringLiteral("remote-wins");
    }
    return {};
}

} // namespace chevet
