#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// How the three-way merge recognises "the same element" across versions of a FHIR resource. Internal to
// sync/merge; the entry point is threewaymerge.h.
namespace chevet::merge {

// One element of a list, with the key that matches it across versions.
struct KeyedElement
{
    QString key;   // unique within its list
    QString label; // how a path names it, e.g. "code=8480-6"; empty: name it by position
    int position = 0;
    QJsonValue value;
};

// The same list in several versions (base, local, remote), keyed consistently.
struct KeyedLists
{
    QList<QList<KeyedElement>> lists;
    // True when the list named has a known identity (component: code, identifier: system|value, ...) and
    // every element of every version has a distinct one. Then order carries no meaning. Otherwise elements
    // are matched by whole-value equality, and order may mean something.
    bool byIdentity = false;
};

KeyedLists keyLists(const QString &name, const QList<QJsonArray> &versions);

const KeyedElement *find(const QList<KeyedElement> &list, const QString &key);
QString elementPath(const QString &arrayPath, const KeyedElement &element);
QString childPath(const QString &parent, const QString &key);

// The FHIR choice element a key belongs to: "value[x]" for valueQuantity or valueString, "effective[x]"
// for effectiveDateTime, ...; empty when the key is not one.
QString choiceElement(const QString &key);

// The paths where `after` differs from `before`, as deep as the difference goes. Lists with an identity are
// compared as sets of elements. `name` is the key the value sits under (it picks the list identity).
// Appended to `out`.
void changedPaths(const QString &path, const QString &name, const QJsonValue &before, const QJsonValue &after,
                  QStringList *out);

} // namespace chevet::merge
