#include "mergerules.h"

#include "elementidentity.h"

#include "fhir/resources.h"

#include <QDateTime>

#include <algorithm>

namespace chevet::merge {

namespace {

QString status(const QJsonObject &resource)
{
    return resource.value(QLatin1String("status")).toString();
}

// An Observation's clinical value: value[x] (or dataAbsentReason) of the resource or of a component, or a
// whole component.
bool isClinicalValue(const QString &path)
{
    QStringView rest(path);
    if (rest == QLatin1String("component"))
        return true;
    if (rest.startsWith(QLatin1String("component["))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        rest = rest.mid(close + 1);
        if (rest.isEmpty())
            return true;
        if (!rest.startsWith(QLatin1Char('.')))
            return false;
        rest = rest.mid(1);
    }
    qsizetype end = 0;
    while (end < rest.size() && rest.at(end) != QLatin1Char('.') && rest.at(end) != QLatin1Char('['))
        ++end;
    const QString element = rest.first(end).toString();
    return element == QLatin1String("dataAbsentReason") ||
           choiceElement(element) == QLatin1String("value[x]") || rest.startsWith(QLatin1String("value[x]"));
}

} // namespace

QString conflictRule(const QJsonObject &local, const QJsonObject &remote,
                     const QList<MergeConflict> &conflicts)
{
    const QString type = local.value(QLatin1String("resourceType")).toString();
    const bool statusClash = std::any_of(conflicts.begin(), conflicts.end(), [](const MergeConflict &c) {
        return c.path == QLatin1String("status");
    });
    if (type == QLatin1String("Task") && statusClash && status(local) == QLatin1String("completed") &&
        status(remote) == QLatin1String("cancelled")) {
        return QStringLiteral("completed-vs-cancelled");
    }
    if (type == QLatin1String("Observation")) {
        for (const MergeConflict &c : conflicts) {
            if (isClinicalValue(c.path))
                return QStringLiteral("amendment-conflict");
        }
    }
    return QStringLiteral("field-conflict");
}

bool entersInError(const QJsonObject &base, const QJsonObject &side)
{
    const QLatin1String eie("entered-in-error");
    return status(side) == eie && status(base) != eie;
}

std::optional<QJsonValue> laterTimestamp(const QString &path, const QJsonValue &l, const QJsonValue &r)
{
    if (path != QLatin1String("issued") && path != QLatin1String("lastModified"))
        return std::nullopt;
    const QDateTime tl = QDateTime::fromString(l.toString(), Qt::ISODateWithMs);
    const QDateTime tr = QDateTime::fromString(r.toString(), Qt::ISODateWithMs);
    if (!tl.isValid() || !tr.isValid())
        return std::nullopt;
    return tr > tl ? r : l;
}

// The mapping writes the text; reading the note back and writing it again gives the text its sections
// make, in the mapping's own words.
std::optional<QString> derivedNoteText(const QJsonObject &note)
{
    if (!fhir::isNursingNote(note) || !note.value(QLatin1String("component")).isArray())
        return std::nullopt;
    fhir::References refs;
    const Result<NursingNote> parsed = fhir::noteFromFhir(note, &refs);
    if (!parsed.ok())
        return std::nullopt;
    return fhir::noteToFhir(*parsed, refs.patient).value(QLatin1String("valueString")).toString();
}

bool hasDerivedNoteText(const QJsonObject &note)
{
    const std::optional<QString> text = derivedNoteText(note);
    return text && note.value(QLatin1String("valueString")).toString() == *text;
}

} // namespace chevet::merge
