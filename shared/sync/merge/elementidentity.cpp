#include "elementidentity.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <iterator>
#include <optional>

namespace chevet::merge {

namespace {

struct Identity
{
    QString key;
    QString label;
};

using IdentityOf = Identity (*)(const QJsonObject &element);

QString field(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

QJsonObject child(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toObject();
}

Identity codingIdentity(const QJsonObject &coding)
{
    const QString code = field(coding, "code");
    if (code.isEmpty())
        return {};
    return {field(coding, "system") + QLatin1Char('|') + code, QLatin1String("code=") + code};
}

// A CodeableConcept: all its codings, in any order; free text only when it has none (named by position,
// so free text never lands in a path).
Identity conceptIdentity(const QJsonObject &cc)
{
    QStringList keys;
    QString firstCode;
    const QJsonArray codings = cc.value(QLatin1String("coding")).toArray();
    for (const QJsonValue &c : codings) {
        const Identity id = codingIdentity(c.toObject());
        if (id.key.isEmpty())
            continue;
        keys.append(id.key);
        if (firstCode.isEmpty())
            firstCode = id.label;
    }
    if (keys.isEmpty()) {
        const QString text = field(cc, "text");
        return text.isEmpty() ? Identity{} : Identity{QLatin1String("text:") + text, {}};
    }
    keys.sort();
    return {keys.join(QLatin1Char(',')), firstCode};
}

Identity componentIdentity(const QJsonObject &component)
{
    const QJsonArray codings = child(component, "code").value(QLatin1String("coding")).toArray();
    return codings.isEmpty() ? Identity{} : codingIdentity(codings.first().toObject());
}

Identity identifierIdentity(const QJsonObject &identifier)
{
    const QString value = field(identifier, "value");
    if (value.isEmpty())
        return {};
    return {field(identifier, "system") + QLatin1Char('|') + value, QLatin1String("value=") + value};
}

Identity referenceIdentity(const QJsonObject &reference)
{
    const QJsonObject identifier = child(reference, "identifier");
    const QString value = field(identifier, "value");
    if (!value.isEmpty()) {
        return {QLatin1String("identifier|") + field(identifier, "system") + QLatin1Char('|') + value,
                QLatin1String("identifier=") + value};
    }
    const QString ref = field(reference, "reference");
    if (!ref.isEmpty())
        return {QLatin1String("reference|") + ref, QLatin1String("reference=") + ref};
    const QString display = field(reference, "display");
    if (!display.isEmpty())
        return {QLatin1String("display|") + display, QLatin1String("display=") + display};
    return {};
}

// Observation.performer is a Reference; MedicationAdministration.performer holds one in `actor`.
Identity performerIdentity(const QJsonObject &performer)
{
    const QJsonValue actor = performer.value(QLatin1String("actor"));
    return referenceIdentity(actor.isObject() ? actor.toObject() : performer);
}

Identity noteIdentity(const QJsonObject &note)
{
    const QString text = field(note, "text");
    return text.isEmpty() ? Identity{} : Identity{text, {}};
}

Identity extensionIdentity(const QJsonObject &extension)
{
    const QString url = field(extension, "url");
    return url.isEmpty() ? Identity{} : Identity{url, QLatin1String("url=") + url};
}

Identity nameIdentity(const QJsonObject &name)
{
    const QString use = field(name, "use");
    return use.isEmpty() ? Identity{} : Identity{use, QLatin1String("use=") + use};
}

Identity typed(const QJsonObject &cc)
{
    Identity id = conceptIdentity(cc);
    if (id.label.startsWith(QLatin1String("code=")))
        id.label.replace(0, 4, QStringLiteral("type"));
    return id;
}

// Encounter.location: one ward, room and bed, told apart by physical type.
Identity locationIdentity(const QJsonObject &location)
{
    return typed(child(location, "physicalType"));
}

// Task.input and Task.output, by type.
Identity parameterIdentity(const QJsonObject &parameter)
{
    return typed(child(parameter, "type"));
}

IdentityOf identityFor(const QString &name)
{
    static const QHash<QString, IdentityOf> identities{
        {QStringLiteral("component"), componentIdentity},
        {QStringLiteral("identifier"), identifierIdentity},
        {QStringLiteral("coding"), codingIdentity},
        {QStringLiteral("performer"), performerIdentity},
        {QStringLiteral("note"), noteIdentity},
        {QStringLiteral("extension"), extensionIdentity},
        {QStringLiteral("modifierExtension"), extensionIdentity},
        {QStringLiteral("category"), conceptIdentity},
        {QStringLiteral("interpretation"), conceptIdentity},
        {QStringLiteral("reasonCode"), conceptIdentity},
        {QStringLiteral("name"), nameIdentity},
        {QStringLiteral("location"), locationIdentity},
        {QStringLiteral("input"), parameterIdentity},
        {QStringLiteral("output"), parameterIdentity},
    };
    return identities.value(name, nullptr);
}

QString canonical(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

// Whole-value equality; the n-th copy of the same value gets "#n", so duplicates pair up in order.
QList<KeyedElement> byEquality(const QJsonArray &array)
{
    QList<KeyedElement> out;
    QHash<QString, int> seen;
    for (int i = 0; i < array.size(); ++i) {
        const QString value = QLatin1Char('=') + canonical(array.at(i));
        const int copy = seen[value]++;
        const QString key = copy == 0 ? value : value + QLatin1Char('#') + QString::number(copy);
        out.append({key, {}, i, array.at(i)});
    }
    return out;
}

// Null when an element of the list has no object shape or two elements share an identity.
std::optional<QList<KeyedElement>> byIdentity(IdentityOf identityOf, const QJsonArray &array)
{
    QList<KeyedElement> out;
    QSet<QString> seen;
    for (int i = 0; i < array.size(); ++i) {
        const QJsonValue value = array.at(i);
        if (!value.isObject())
            return std::nullopt;
        Identity id = identityOf(value.toObject());
        if (id.key.isEmpty())
            id = {QLatin1Char('=') + canonical(value), {}};
        else
            id.key.prepend(QLatin1Char('#'));
        if (seen.contains(id.key))
            return std::nullopt;
        seen.insert(id.key);
        out.append({id.key, id.label, i, value});
    }
    return out;
}

const QStringList &choicePrefixes()
{
    static const QStringList prefixes{
        QStringLiteral("value"),      QStringLiteral("effective"),  QStringLiteral("onset"),
        QStringLiteral("abatement"),  QStringLiteral("deceased"),   QStringLiteral("multipleBirth"),
        QStringLiteral("medication"), QStringLiteral("occurrence"), QStringLiteral("author"),
        QStringLiteral("asNeeded"),   QStringLiteral("dose"),       QStringLiteral("rate"),
        QStringLiteral("performed"),  QStringLiteral("born"),       QStringLiteral("age"),
        QStringLiteral("reported"),   QStringLiteral("allowed"),
    };
    return prefixes;
}

const QSet<QString> &choiceTypes()
{
    static const QSet<QString> types{
        QStringLiteral("Base64Binary"), QStringLiteral("Boolean"),      QStringLiteral("Canonical"),
        QStringLiteral("Code"),         QStringLiteral("Date"),         QStringLiteral("DateTime"),
        QStringLiteral("Decimal"),      QStringLiteral("Id"),           QStringLiteral("Instant"),
        QStringLiteral("Integer"),      QStringLiteral("Markdown"),     QStringLiteral("Oid"),
        QStringLiteral("PositiveInt"),  QStringLiteral("String"),       QStringLiteral("Time"),
        QStringLiteral("UnsignedInt"),  QStringLiteral("Uri"),          QStringLiteral("Url"),
        QStringLiteral("Uuid"),         QStringLiteral("Address"),      QStringLiteral("Age"),
        QStringLiteral("Annotation"),   QStringLiteral("Attachment"),   QStringLiteral("CodeableConcept"),
        QStringLiteral("Coding"),       QStringLiteral("ContactPoint"), QStringLiteral("Count"),
        QStringLiteral("Distance"),     QStringLiteral("Duration"),     QStringLiteral("HumanName"),
        QStringLiteral("Identifier"),   QStringLiteral("Money"),        QStringLiteral("Period"),
        QStringLiteral("Quantity"),     QStringLiteral("Range"),        QStringLiteral("Ratio"),
        QStringLiteral("Reference"),    QStringLiteral("SampledData"),  QStringLiteral("Signature"),
        QStringLiteral("Timing"),       QStringLiteral("Dosage"),       QStringLiteral("Meta"),
    };
    return types;
}

void diff(const QString &path, const QString &name, const QJsonValue &before, const QJsonValue &after,
          QStringList *out)
{
    if (before == after)
        return;
    if (before.isObject() && after.isObject()) {
        const QJsonObject b = before.toObject();
        const QJsonObject a = after.toObject();
        QStringList keys = b.keys() + a.keys();
        keys.sort();
        keys.removeDuplicates();
        for (const QString &key : std::as_const(keys))
            diff(childPath(path, key), key, b.value(key), a.value(key), out);
        return;
    }
    if (!before.isArray() || !after.isArray()) {
        out->append(path);
        return;
    }
    const KeyedLists keyed = keyLists(name, {before.toArray(), after.toArray()});
    const QList<KeyedElement> &b = keyed.lists.at(0);
    const QList<KeyedElement> &a = keyed.lists.at(1);
    const qsizetype reported = out->size();
    for (const KeyedElement &e : b) {
        const KeyedElement *other = find(a, e.key);
        diff(elementPath(path, other ? *other : e), {}, e.value,
             other ? other->value : QJsonValue(QJsonValue::Undefined), out);
    }
    for (const KeyedElement &e : a) {
        if (!find(b, e.key))
            diff(elementPath(path, e), {}, QJsonValue(QJsonValue::Undefined), e.value, out);
    }
    // Same elements in another order: a change only for lists whose order may mean something.
    if (!keyed.byIdentity && out->size() == reported)
        out->append(path);
}

} // namespace

KeyedLists keyLists(const QString &name, const QList<QJsonArray> &versions)
{
    KeyedLists out;
    if (const IdentityOf identityOf = identityFor(name)) {
        out.byIdentity = true;
        for (const QJsonArray &array : versions) {
            std::optional<QList<KeyedElement>> keyed = byIdentity(identityOf, array);
            if (!keyed) {
                out.byIdentity = false;
                break;
            }
            out.lists.append(std::move(*keyed));
        }
    }
    if (!out.byIdentity) {
        out.lists.clear();
        std::transform(versions.begin(), versions.end(), std::back_inserter(out.lists), byEquality);
    }
    return out;
}

const KeyedElement *find(const QList<KeyedElement> &list, const QString &key)
{
    const auto it =
        std::find_if(list.begin(), list.end(), [&](const KeyedElement &e) { return e.key == key; });
    return it == list.end() ? nullptr : &*it;
}

QString elementPath(const QString &arrayPath, const KeyedElement &element)
{
    const QString label = element.label.isEmpty() ? QString::number(element.position) : element.label;
    return arrayPath + QLatin1Char('[') + label + QLatin1Char(']');
}

QString childPath(const QString &parent, const QString &key)
{
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

QString choiceElement(const QString &key)
{
    for (const QString &prefix : choicePrefixes()) {
        if (key.size() > prefix.size() && key.startsWith(prefix) &&
            choiceTypes().contains(key.mid(prefix.size())))
            return prefix + QLatin1String("[x]");
    }
    return {};
}

void changedPaths(const QString &path, const QString &name, const QJsonValue &before, const QJsonValue &after,
                  QStringList *out)
{
    diff(path, name, before, after, out);
}

} // namespace chevet::merge
