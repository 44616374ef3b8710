#include "observationbase.h"

namespace chevet::fhir {

QJsonObject observationBase(const RecordMeta &meta, RecordStatus status, const QString &otherStatus,
                            const QString &statusReason, const QString &category, const QJsonObject &code,
                            const QString &patientRef)
{
    QJsonObject json{{QLatin1String("resourceType"), QStringLiteral("Observation")}};
    putRecordState(json, meta);
    json.insert(QLatin1String("status"), statusCode(status, otherStatus, &recordStatusKey));
    json.insert(QLatin1String("category"),
                QJsonArray{codeableConcept({coding(str(kObservationCategorySystem), category)})});
    json.insert(QLatin1String("code"), code);
    if (!patientRef.isEmpty())
        json.insert(QLatin1String("subject"), reference(patientRef));
    json.insert(QLatin1String("effectiveDateTime"), formatDateTime(meta.clinicalTimeMs));
    if (meta.enteredTimeMs > 0)
        json.insert(QLatin1String("issued"), formatDateTime(meta.enteredTimeMs));
    if (!meta.author.isEmpty())
        json.insert(QLatin1String("performer"), QJsonArray{practitionerByIdentifier(meta.author)});
    // R4 Observation has no statusReason; a note is where readers of an amended record look.
    if (!statusReason.isEmpty())
        json.insert(QLatin1String("note"), QJsonArray{QJsonObject{{QLatin1String("text"), statusReason}}});
    return json;
}

void readObservationBase(JsonReader &r, RecordMeta *meta, RecordStatus *status, QString *otherStatus,
                         QString *statusReason, References *refs)
{
    readRecordState(r, meta);
    *status = readStatusCode(r, &recordStatusFromKey, otherStatus);
    r.object(QStringLiteral("code"), Need::Required);
    const QString patient = readReference(r, QStringLiteral("subject"));
    const QString encounter = readReference(r, QStringLiteral("encounter"));
    if (refs) {
        refs->patient = patient;
        refs->encounter = encounter;
    }
    // effectiveInstant is the other form a clinical time can take in R4.
    const QString effectiveKey = r.has(QStringLiteral("effectiveInstant"))
                                     ? QStringLiteral("effectiveInstant")
                                     : QStringLiteral("effectiveDateTime");
    meta->clinicalTimeMs = r.dateTime(effectiveKey, Need::Required).value_or(0);
    meta->enteredTimeMs = r.dateTime(QStringLiteral("issued")).value_or(0);
    for (JsonReader performer : r.objects(QStringLiteral("performer"))) {
        meta->author = readPractitionerIdentifier(performer);
        if (!meta->author.isEmpty())
            break;
    }
    *statusReason = firstNoteText(r, QStringLiteral("note"));
}

} // namespace chevet::fhir
