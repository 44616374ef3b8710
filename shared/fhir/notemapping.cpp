// NursingNote (transmission ciblée) <-> Observation coded LOINC 34746-8 Nurse note.
#include "observationbase.h"
#include "resources.h"

#include <algorithm>
#include <array>

namespace chevet::fhir {

namespace {

constexpr auto kNurseNoteCode = "34746-8";

struct Section
{
    const char *code;
    const char *label; // as nurses write it in the chart
    QString NursingNote::*field;
};

constexpr std::array<Section, 4> kSections = {{
    {"target", "Cible", &NursingNote::target},
    {"data", "Données", &NursingNote::data},
    {"actions", "Actions", &NursingNote::actions},
    {"results", "Résultats", &NursingNote::results},
}};

QString label(const Section &section)
{
    return QString::fromUtf8(section.label);
}

// The whole note as one text, for DPIs and people that do not read components.
QString readableText(const NursingNote &note)
{
    QStringList lines;
    for (const Section &section : kSections) {
        const QString &text = note.*section.field;
        if (!text.isEmpty())
            lines.append(label(section) + QStringLiteral(" : ") + text);
    }
    return lines.join(QLatin1Char('\n'));
}

// The sections one by one, so the note comes back exactly as written.
QJsonArray sectionComponents(const NursingNote &note)
{
    QJsonArray components;
    for (const Section &section : kSections) {
        const QString &text = note.*section.field;
        if (text.isEmpty())
            continue; // FHIR strings cannot be empty
        components.append(QJsonObject{
            {QLatin1String("code"),
             codeableConcept({coding(str(kNoteSectionSystem), str(section.code), label(section))})},
            {QLatin1String("valueString"), text}});
    }
    return components;
}

// Returns whether any section component was found.
bool readSections(JsonReader &r, NursingNote *note)
{
    bool found = false;
    for (JsonReader c : r.objects(QStringLiteral("component"))) {
        const std::optional<CodingValue> code =
            codingIn(c.object(QStringLiteral("code"), Need::Required), str(kNoteSectionSystem));
        if (!code)
            continue;
        const auto section = std::find_if(kSections.begin(), kSections.end(), [&](const Section &s) {
            return code->code == QLatin1String(s.code);
        });
        if (section == kSections.end()) {
            c.failAt(QStringLiteral("code"),
                     QStringLiteral("unknown section \"%1\"").arg(code->code.left(20)));
            return found;
        }
        note->*section->field = c.string(QStringLiteral("valueString"), Need::Required);
        found = true;
    }
    return found;
}

} // namespace

QJsonObject noteToFhir(const NursingNote &note, const QString &patientRef)
{
    const QJsonObject code =
        codeableConcept({coding(str(kLoincSystem), str(kNurseNoteCode), QStringLiteral("Nurse Note"))});
    // "exam": what a nurse notes is mostly direct observation of the patient; no R4 category fits better.
    QJsonObject json = observationBase(note.meta, note.status, note.otherStatus, note.statusReason,
                                       QStringLiteral("exam"), code, patientRef);
    putIfSet(json, QStringLiteral("valueString"), readableText(note));
    const QJsonArray components = sectionComponents(note);
    if (!components.isEmpty())
        json.insert(QLatin1String("component"), components);
    return json;
}

Result<NursingNote> noteFromFhir(const QJsonObject &json, References *refs)
{
    JsonReader r = JsonReader::resource(json, QStringLiteral("Observation"));
    if (r.ok() && !isNursingNote(json))
        r.failAt(QStringLiteral("code"),
                 QStringLiteral("expected LOINC %1 (Nurse note)").arg(str(kNurseNoteCode)));
    NursingNote note;
    readObservationBase(r, &note.meta, &note.status, &note.otherStatus, &note.statusReason, refs);
    const QString text = r.string(QStringLiteral("valueString"));
    // A note written elsewhere as plain text keeps all of it, as data.
    if (!readSections(r, &note) && r.ok()) {
        // As for vital signs, a note voided, cancelled or only registered in the DPI may come back empty.
        if (text.isEmpty() && carriesResult(note.status))
            r.failAt(QStringLiteral("valueString"), QStringLiteral("required element missing"));
        note.data = text;
    }
    if (!r.ok())
        return r.error();
    return note;
}

bool isNursingNote(const QJsonObject &observationJson)
{
    const QJsonArray codings =
        observationJson.value(QLatin1String("code")).toObject().value(QLatin1String("coding")).toArray();
    for (const QJsonValue &v : codings) {
        const QJsonObject c = v.toObject();
        if (c.value(QLatin1String("system")).toString() == QLatin1String(kLoincSystem) &&
            c.value(QLatin1String("code")).toString() == QLatin1String(kNurseNoteCode))
            return true;
    }
    return false;
}

} // namespace chevet::fhir
