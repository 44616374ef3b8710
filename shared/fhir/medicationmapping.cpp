// MedicationRequest and MedicationAdministration <-> FHIR R4.
#include "elements.h"
#include "resources.h"

#include <array>

namespace chevet::fhir {

namespace {

constexpr auto kGtinSystem = "https://www.gs1.org/gtin";

struct RouteCode
{
    const char *key;
    const char *code;
    const char *display;
};

// SNOMED CT route qualifiers (FR Core binds routes to < 284009009) for the routes nurses type most;
// route.text stays the authority so any other route still travels.
constexpr std::array<RouteCode, 4> kRoutes = {{
    {"oral", "26643006", "Oral route"},
    {"iv", "47625008", "Intravenous route"},
    {"sc", "34206005", "Subcutaneous route"},
    {"im", "78421000", "Intramuscular route"},
}};

QJsonObject routeToFhir(const QString &route)
{
    QJsonObject json{{QLatin1String("text"), route}};
    for (const RouteCode &r : kRoutes) {
        if (route.compare(QLatin1String(r.key), Qt::CaseInsensitive) == 0)
            json.insert(QLatin1String("coding"),
                        QJsonArray{coding(str(kSnomedSystem), str(r.code), str(r.display))});
    }
    return json;
}

QString readRoute(JsonReader route)
{
    const QString text = route.string(QStringLiteral("text"));
    if (!text.isEmpty())
        return text;
    const QList<CodingValue> codes = codings(route);
    for (const CodingValue &c : codes) {
        for (const RouteCode &r : kRoutes) {
            if (c.system == QLatin1String(kSnomedSystem) && c.code == QLatin1String(r.code))
                return str(r.key);
        }
    }
    return codes.isEmpty() ? QString()
                           : (codes.first().display.isEmpty() ? codes.first().code : codes.first().display);
}

QJsonObject medicationToFhir(const MedicationRequest &request)
{
    QJsonArray codings;
    if (!request.medicationCode.isEmpty())
        codings.append(coding(request.medicationSystem, request.medicationCode, request.medicationDisplay));
    // The pack's GTIN rides along so the bedside scan can be checked against the prescription.
    if (!request.gtin.isEmpty())
        codings.append(coding(str(kGtinSystem), request.gtin));
    QJsonObject json;
    if (!codings.isEmpty())
        json.insert(QLatin1String("coding"), codings);
    putIfSet(json, QStringLiteral("text"), request.medicationDisplay);
    return json;
}

void readMedication(JsonReader &r, MedicationRequest *request)
{
    if (!r.has(QStringLiteral("medicationCodeableConcept")) && r.has(QStringLiteral("medicationReference"))) {
        r.failAt(QStringLiteral("medicationReference"),
                 QStringLiteral("not supported, expected medicationCodeableConcept"));
        return;
    }
    JsonReader medication = r.object(QStringLiteral("medicationCodeableConcept"), Need::Required);
    for (const CodingValue &c : codings(medication)) {
        if (c.system == QLatin1String(kGtinSystem)) {
            request->gtin = c.code;
        } else if (request->medicationCode.isEmpty()) {
            request->medicationSystem = c.system;
            request->medicationCode = c.code;
            request->medicationDisplay = c.display;
        }
    }
    if (request->medicationDisplay.isEmpty())
        request->medicationDisplay = medication.string(QStringLiteral("text"));
}

QJsonObject dosageInstruction(const MedicationRequest &request)
{
    QJsonObject dosage;
    if (!request.slotsMs.isEmpty()) {
        QJsonArray events;
        for (qint64 slot : request.slotsMs)
            events.append(formatDateTime(slot));
        dosage.insert(QLatin1String("timing"), QJsonObject{{QLatin1String("event"), events}});
    }
    if (!request.route.isEmpty())
        dosage.insert(QLatin1String("route"), routeToFhir(request.route));
    if (!request.dose.unit.isEmpty())
        dosage.insert(QLatin1String("doseAndRate"),
                      QJsonArray{QJsonObject{
                          {QLatin1String("doseQuantity"), quantity(request.dose.value, request.dose.unit)}}});
    return dosage;
}

void readDosageInstruction(JsonReader &r, MedicationRequest *request)
{
    const QList<JsonReader> dosages = r.objects(QStringLiteral("dosageInstruction"));
    if (dosages.isEmpty())
        return;
    JsonReader dosage = dosages.first();
    JsonReader timing = dosage.object(QStringLiteral("timing"));
    const QStringList events = timing.strings(QStringLiteral("event"));
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (std::optional<qint64> slot = parseDateTime(events.at(i)))
            request->slotsMs.append(*slot);
        else
            timing.fail(timing.pathOf(QStringLiteral("event[%1]").arg(i)),
                        QStringLiteral("expected a dateTime with time and zone"));
    }
    request->route = readRoute(dosage.object(QStringLiteral("route")));
    const QList<JsonReader> rates = dosage.objects(QStringLiteral("doseAndRate"));
    if (!rates.isEmpty()) {
        JsonReader rate = rates.first();
        request->dose.value =
            quantityWithUnit(rate, QStringLiteral("doseQuantity"), &request->dose.unit, Need::Optional)
                .value_or(0);
    }
}

QString firstReasonText(JsonReader &r)
{
    const QList<JsonReader> reasons = r.objects(QStringLiteral("statusReason"));
    if (reasons.isEmpty())
        return {};
    JsonReader reason = reasons.first();
    const QString text = reason.string(QStringLiteral("text"));
    if (!text.isEmpty())
        return text;
    const QList<CodingValue> codes = codings(reason);
    return codes.isEmpty() ? QString()
                           : (codes.first().display.isEmpty() ? codes.first().code : codes.first().display);
}

} // namespace

QJsonObject requestToFhir(const MedicationRequest &request, const QString &patientRef)
{
    QJsonObject json{{QLatin1String("resourceType"), QStringLiteral("MedicationRequest")}};
    putServerState(json, request.serverId, request.serverVersion);
    json.insert(QLatin1String("identifier"), QJsonArray{clientIdentifier(request.id)});
    json.insert(QLatin1String("status"),
                statusCode(request.status, request.otherStatus, &prescriptionStatusKey));
    json.insert(QLatin1String("intent"), QStringLiteral("order"));
    json.insert(QLatin1String("medicationCodeableConcept"), medicationToFhir(request));
    if (!patientRef.isEmpty())
        json.insert(QLatin1String("subject"), reference(patientRef));
    const QJsonObject dosage = dosageInstruction(request);
    if (!dosage.isEmpty())
        json.insert(QLatin1String("dosageInstruction"), QJsonArray{dosage});
    return json;
}

Result<MedicationRequest> requestFromFhir(const QJsonObject &json, References *refs)
{
    JsonReader r = JsonReader::resource(json, QStringLiteral("MedicationRequest"));
    MedicationRequest request;
    readServerState(r, &request.serverId, &request.serverVersion);
    request.id = readClientId(r);
    request.status = readStatusCode(r, &prescriptionStatusFromKey, &request.otherStatus);
    r.string(QStringLiteral("intent"), Need::Required);
    readMedication(r, &request);
    const QString patient = readReference(r, QStringLiteral("subject"));
    const QString encounter = readReference(r, QStringLiteral("encounter"));
    readDosageInstruction(r, &request);
    if (!r.ok())
        return r.error();
    if (refs) {
        refs->patient = patient;
        refs->encounter = encounter;
    }
    return request;
}

QJsonObject administrationToFhir(const MedicationAdministration &administration, const QString &patientRef,
                                 const QString &requestRef)
{
    const MedicationAdministration &a = administration;
    QJsonObject json{{QLatin1String("resourceType"), QStringLiteral("MedicationAdministration")}};
    putRecordState(json, a.meta);
    if (a.slotMs != 0)
        json.insert(QLatin1String("extension"),
                    QJsonArray{extension(str(kDoseSlotExtension), QStringLiteral("valueDateTime"),
                                         formatDateTime(a.slotMs))});
    json.insert(QLatin1String("status"), statusCode(a.status, a.otherStatus, &administrationStatusKey));
    const bool notDone = a.status == AdministrationStatus::NotDone;
    if (notDone && !a.statusReason.isEmpty())
        json.insert(QLatin1String("statusReason"), QJsonArray{textConcept(a.statusReason)});
    // R4 requires medication[x]; what was given is the request's medication, which the request names.
    json.insert(QLatin1String("medicationCodeableConcept"), textConcept(QStringLiteral("see request")));
    if (!patientRef.isEmpty())
        json.insert(QLatin1String("subject"), reference(patientRef));
    json.insert(QLatin1String("effectiveDateTime"), formatDateTime(a.meta.clinicalTimeMs));
    if (!a.meta.author.isEmpty())
        json.insert(
            QLatin1String("performer"),
            QJsonArray{QJsonObject{{QLatin1String("actor"), practitionerByIdentifier(a.meta.author)}}});
    if (!requestRef.isEmpty())
        json.insert(QLatin1String("request"), reference(requestRef));
    // statusReason is only for doses not given; the reason an entry was amended or voided is a note.
    if (!notDone && !a.statusReason.isEmpty())
        json.insert(QLatin1String("note"), QJsonArray{QJsonObject{{QLatin1String("text"), a.statusReason}}});
    QJsonObject dosage;
    if (!a.route.isEmpty())
        dosage.insert(QLatin1String("route"), routeToFhir(a.route));
    if (!a.dose.unit.isEmpty())
        dosage.insert(QLatin1String("dose"), quantity(a.dose.value, a.dose.unit));
    if (!dosage.isEmpty())
        json.insert(QLatin1String("dosage"), dosage);
    return json;
}

Result<MedicationAdministration> administrationFromFhir(const QJsonObject &json, References *refs)
{
    JsonReader r = JsonReader::resource(json, QStringLiteral("MedicationAdministration"));
    MedicationAdministration a;
    readRecordState(r, &a.meta);
    a.status = readStatusCode(r, &administrationStatusFromKey, &a.otherStatus);
    if (std::optional<JsonReader> slot = findExtension(r, str(kDoseSlotExtension)))
        a.slotMs = slot->dateTime(QStringLiteral("valueDateTime"), Need::Required).value_or(0);
    // An infusion may be stated as a period; its start is when the dose was given.
    if (r.has(QStringLiteral("effectivePeriod"))) {
        JsonReader period = r.object(QStringLiteral("effectivePeriod"));
        a.meta.clinicalTimeMs = period.dateTime(QStringLiteral("start"), Need::Required).value_or(0);
    } else {
        a.meta.clinicalTimeMs = r.dateTime(QStringLiteral("effectiveDateTime"), Need::Required).value_or(0);
    }
    for (JsonReader performer : r.objects(QStringLiteral("performer"))) {
        a.meta.author = readPractitionerIdentifier(performer.object(QStringLiteral("actor"), Need::Required));
        if (!a.meta.author.isEmpty())
            break;
    }
    a.statusReason = firstReasonText(r);
    if (a.statusReason.isEmpty())
        a.statusReason = firstNoteText(r, QStringLiteral("note"));
    JsonReader dosage = r.object(QStringLiteral("dosage"));
    a.route = readRoute(dosage.object(QStringLiteral("route")));
    a.dose.value = quantityWithUnit(dosage, QStringLiteral("dose"), &a.dose.unit, Need::Optional).value_or(0);
    const QString patient = readReference(r, QStringLiteral("subject"));
    const QString request = readReference(r, QStringLiteral("request"));
    const QString encounter = readReference(r, QStringLiteral("context"));
    if (!r.ok())
        return r.error();
    if (refs) {
        refs->patient = patient;
        refs->request = request;
        refs->encounter = encounter;
    }
    return a;
}

} // namespace chevet::fhir
