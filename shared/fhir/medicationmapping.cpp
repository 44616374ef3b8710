// MedicationRequest and MedicationAdministration <-> FHIR R4.
#include "elements.h"
#include "model/route.h"
#include "resources.h"

#include <QDateTime>
#include <QTimeZone>

namespace chevet::fhir {

namespace {

constexpr auto kGtinSystem = "https://www.gs1.org/gtin";

// SNOMED CT route qualifiers (FR Core binds routes to < 284009009) for every route the model knows,
// whatever words the DPI or the nurse used; route.text stays the authority so any other route travels.
QJsonObject routeToFhir(const QString &route)
{
    QJsonObject json{{QLatin1String("text"), route}};
    const RouteKind kind = routeKindOf(route);
    if (kind != RouteKind::Unknown)
        json.insert(QLatin1String("coding"),
                    QJsonArray{coding(str(kSnomedSystem), routeSnomedCode(kind), routeSnomedDisplay(kind))});
    return json;
}

// The DPI's text when it gives one (its label, "IVD lente"); else the route its code names.
QString readRoute(JsonReader route)
{
    const QString text = route.string(QStringLiteral("text"));
    if (!text.isEmpty())
        return text;
    const QList<CodingValue> codes = codings(route);
    for (const CodingValue &c : codes) {
        if (c.system != QLatin1String(kSnomedSystem))
            continue;
        if (const RouteKind kind = routeKindOf(c.code); kind != RouteKind::Unknown)
            return routeKey(kind);
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

void readMedicationConcept(JsonReader &medication, MedicationRequest *request)
{
    for (const CodingValue &c : codings(medication)) {
        if (c.system == QLatin1String(kGtinSystem)) {
            request->gtin = c.code;
        } else if (request->medicationCode.isEmpty()) {
            request->medicationSystem = c.system;
            request->medicationCode = c.code;
            request->medicationDisplay = c.display;
        }
    }
    if (const QString text = medication.string(QStringLiteral("text")); !text.isEmpty())
        request->medicationDisplay = text; // the DPI's full label wins over a code's short display
}

// A Medication resource: its code (and the pack's GTIN), its label.
void readMedicationResource(JsonReader &medication, MedicationRequest *request)
{
    const QString referenceDisplay = request->medicationDisplay;
    request->medicationDisplay.clear();
    JsonReader code = medication.object(QStringLiteral("code"));
    readMedicationConcept(code, request);
    if (request->medicationDisplay.isEmpty())
        request->medicationDisplay = referenceDisplay;
}

// A contained Medication ("#med"), as DPIs write a compounded or pack-level product: its code, and the
// label that names its strength. The puller contains a Medication it fetched the same way
// (medicationresolver.h); one it could not fetch leaves the reference's display and no code, so the
// pack scan cannot pass on it.
void readMedicationReference(JsonReader &r, MedicationRequest *request)
{
    JsonReader reference = r.object(QStringLiteral("medicationReference"), Need::Required);
    const QString target = reference.string(QStringLiteral("reference"));
    request->medicationReference = target;
    request->medicationDisplay = reference.string(QStringLiteral("display"));
    if (!target.startsWith(QLatin1Char('#')))
        return;
    for (JsonReader contained : r.objects(QStringLiteral("contained"))) {
        if (contained.string(QStringLiteral("resourceType")) != QLatin1String("Medication") ||
            QLatin1Char('#') + contained.string(QStringLiteral("id")) != target)
            continue;
        readMedicationResource(contained, request);
        request->medicationReference.clear();
        return;
    }
    r.failAt(QStringLiteral("medicationReference"),
             QStringLiteral("names a contained Medication the order does not contain"));
}

void readMedication(JsonReader &r, MedicationRequest *request)
{
    if (!r.has(QStringLiteral("medicationCodeableConcept")) && r.has(QStringLiteral("medicationReference"))) {
        readMedicationReference(r, request);
        return;
    }
    JsonReader medication = r.object(QStringLiteral("medicationCodeableConcept"), Need::Required);
    readMedicationConcept(medication, request);
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

// A FHIR dateTime or a bare date (the start of that day on the wards' clock).
std::optional<qint64> instantOrDay(const QString &text)
{
    if (std::optional<qint64> at = parseDateTime(text))
        return at;
    if (std::optional<QDate> day = parseDate(text))
        return QDateTime(*day, QTime(0, 0), QTimeZone(QByteArrayLiteral("Europe/Paris"))).toMSecsSinceEpoch();
    return std::nullopt;
}

// Timing.repeat and Timing.code as DPIs write them. What this model cannot read is left out (the order
// then has no computed slot for it and the round says so), never guessed.
DoseTiming readTiming(JsonReader &timing)
{
    DoseTiming t;
    JsonReader repeat = timing.object(QStringLiteral("repeat"));
    t.frequency = int(repeat.integer(QStringLiteral("frequency")).value_or(0));
    t.period = repeat.number(QStringLiteral("period")).value_or(0);
    t.periodUnit = repeat.string(QStringLiteral("periodUnit"));
    for (const QString &at : repeat.strings(QStringLiteral("timeOfDay"))) {
        const QTime time = QTime::fromString(at, Qt::ISODate);
        if (time.isValid())
            t.timeOfDay.append(time);
    }
    for (const QString &when : repeat.strings(QStringLiteral("when")))
        t.when.append(when.contains(QLatin1Char('.')) ? when : when.toUpper());
    t.offsetMinutes = int(repeat.integer(QStringLiteral("offset")).value_or(0));
    static const QStringList kDays{QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                                   QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                                   QStringLiteral("sun")};
    for (const QString &day : repeat.strings(QStringLiteral("dayOfWeek")))
        if (const qsizetype i = kDays.indexOf(day); i >= 0)
            t.daysOfWeek.append(int(i) + 1);
    JsonReader bounds = repeat.object(QStringLiteral("boundsPeriod"));
    t.boundsStartMs = instantOrDay(bounds.string(QStringLiteral("start")));
    t.boundsEndMs = instantOrDay(bounds.string(QStringLiteral("end")));
    JsonReader duration = repeat.object(QStringLiteral("boundsDuration"));
    t.boundsDuration = duration.number(QStringLiteral("value")).value_or(0);
    t.boundsDurationUnit = duration.string(QStringLiteral("code"));
    if (t.boundsDurationUnit.isEmpty())
        t.boundsDurationUnit = duration.string(QStringLiteral("unit"));
    t.count = int(repeat.integer(QStringLiteral("count")).value_or(0));
    JsonReader code = timing.object(QStringLiteral("code"));
    for (const CodingValue &c : codings(code))
        if (t.code.isEmpty())
            t.code = c.code.toUpper();
    return t;
}

// rateQuantity ("100 mL/h") or rateRatio ("500 mL per 4 h"), as text for the nurse to read.
QString readRate(JsonReader &doseAndRate)
{
    const auto quantityText = [](JsonReader q) {
        const std::optional<double> value = q.number(QStringLiteral("value"));
        QString unit = q.string(QStringLiteral("unit"));
        if (unit.isEmpty())
            unit = q.string(QStringLiteral("code"));
        return value ? QString::number(*value) + (unit.isEmpty() ? QString() : QLatin1Char(' ') + unit)
                     : QString();
    };
    if (doseAndRate.has(QStringLiteral("rateQuantity")))
        return quantityText(doseAndRate.object(QStringLiteral("rateQuantity")));
    if (doseAndRate.has(QStringLiteral("rateRatio"))) {
        JsonReader ratio = doseAndRate.object(QStringLiteral("rateRatio"));
        const QString numerator = quantityText(ratio.object(QStringLiteral("numerator")));
        const QString denominator = quantityText(ratio.object(QStringLiteral("denominator")));
        return denominator.isEmpty() ? numerator : numerator + QStringLiteral(" / ") + denominator;
    }
    return {};
}

// A Ratio: amount (numerator) per period (denominator, a duration).
DoseLimit readDoseLimit(JsonReader ratio)
{
    DoseLimit limit;
    JsonReader numerator = ratio.object(QStringLiteral("numerator"));
    limit.amount = numerator.number(QStringLiteral("value")).value_or(0);
    limit.unit = numerator.string(QStringLiteral("code"));
    if (limit.unit.isEmpty())
        limit.unit = numerator.string(QStringLiteral("unit"));
    JsonReader denominator = ratio.object(QStringLiteral("denominator"));
    limit.period = denominator.number(QStringLiteral("value")).value_or(0);
    limit.periodUnit = denominator.string(QStringLiteral("code"));
    if (limit.periodUnit.isEmpty())
        limit.periodUnit = denominator.string(QStringLiteral("unit"));
    return limit;
}

void readDosageInstruction(JsonReader &r, MedicationRequest *request)
{
    const QList<JsonReader> dosages = r.objects(QStringLiteral("dosageInstruction"));
    if (dosages.isEmpty())
        return;
    for (JsonReader dosage : dosages) {
        JsonReader timing = dosage.object(QStringLiteral("timing"));
        const QStringList events = timing.strings(QStringLiteral("event"));
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (std::optional<qint64> slot = parseDateTime(events.at(i)))
                request->slotsMs.append(*slot);
            else
                timing.fail(timing.pathOf(QStringLiteral("event[%1]").arg(i)),
                            QStringLiteral("expected a dateTime with time and zone"));
        }
        const bool asNeeded = dosage.boolean(QStringLiteral("asNeededBoolean")).value_or(false) ||
                              dosage.has(QStringLiteral("asNeededCodeableConcept"));
        request->asNeeded = request->asNeeded || asNeeded;
        if (timing.has(QStringLiteral("repeat")) || timing.has(QStringLiteral("code"))) {
            DoseTiming t = readTiming(timing);
            t.asNeeded = asNeeded;
            request->timings.append(t);
        }
        if (dosage.has(QStringLiteral("asNeededCodeableConcept"))) {
            JsonReader reason = dosage.object(QStringLiteral("asNeededCodeableConcept"));
            request->asNeededReason = reason.string(QStringLiteral("text"));
            const QList<CodingValue> codes = codings(reason);
            if (request->asNeededReason.isEmpty() && !codes.isEmpty())
                request->asNeededReason =
                    codes.first().display.isEmpty() ? codes.first().code : codes.first().display;
        }
        if (request->instructions.isEmpty())
            request->instructions = dosage.string(QStringLiteral("text"));
        if (dosage.has(QStringLiteral("maxDosePerPeriod")) && request->maxDosePerPeriod.amount <= 0)
            request->maxDosePerPeriod = readDoseLimit(dosage.object(QStringLiteral("maxDosePerPeriod")));
    }
    JsonReader dosage = dosages.first();
    request->route = readRoute(dosage.object(QStringLiteral("route")));
    const QList<JsonReader> rates = dosage.objects(QStringLiteral("doseAndRate"));
    if (!rates.isEmpty()) {
        JsonReader rate = rates.first();
        if (rate.has(QStringLiteral("doseRange"))) {
            // "1 to 2 tablets": the nurse gives a dose within it.
            JsonReader range = rate.object(QStringLiteral("doseRange"));
            QString highUnit;
            request->dose.value =
                quantityWithUnit(range, QStringLiteral("low"), &request->dose.unit, Need::Required)
                    .value_or(0);
            request->doseHigh =
                quantityWithUnit(range, QStringLiteral("high"), &highUnit, Need::Required).value_or(0);
            if (highUnit != request->dose.unit || request->doseHigh < request->dose.value)
                range.failAt(QStringLiteral("high"), QStringLiteral("a range needs low <= high in one unit"));
        } else {
            request->dose.value =
                quantityWithUnit(rate, QStringLiteral("doseQuantity"), &request->dose.unit, Need::Optional)
                    .value_or(0);
        }
        request->rate = readRate(rate);
    }
}

QString firstReasonText(JsonReader &r, const QString &key)
{
    const QList<JsonReader> reasons = r.objects(key);
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
    if (const QString authored = r.string(QStringLiteral("authoredOn")); !authored.isEmpty())
        request.authoredMs = instantOrDay(authored).value_or(0);
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
    QJsonArray extensions;
    if (a.slotMs != 0)
        extensions.append(
            extension(str(kDoseSlotExtension), QStringLiteral("valueDateTime"), formatDateTime(a.slotMs)));
    // R4 mad-1: a dosage needs a dose (or a rate). Without one (an order that states no dose), the
    // route the nurse used travels in an extension and no invalid dosage is sent.
    if (a.dose.unit.isEmpty() && !a.route.isEmpty())
        extensions.append(extension(str(kAdministrationRouteExtension),
                                    QStringLiteral("valueCodeableConcept"), routeToFhir(a.route)));
    if (!extensions.isEmpty())
        json.insert(QLatin1String("extension"), extensions);
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
    if (!a.reasonGiven.isEmpty())
        json.insert(QLatin1String("reasonCode"), QJsonArray{textConcept(a.reasonGiven)});
    // statusReason is only for doses not given; the reason an entry was amended or voided is a note.
    if (!notDone && !a.statusReason.isEmpty())
        json.insert(QLatin1String("note"), QJsonArray{QJsonObject{{QLatin1String("text"), a.statusReason}}});
    if (!a.dose.unit.isEmpty()) {
        QJsonObject dosage{{QLatin1String("dose"), quantity(a.dose.value, a.dose.unit)}};
        if (!a.route.isEmpty())
            dosage.insert(QLatin1String("route"), routeToFhir(a.route));
        json.insert(QLatin1String("dosage"), dosage);
    }
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
    a.statusReason = firstReasonText(r, QStringLiteral("statusReason"));
    a.reasonGiven = firstReasonText(r, QStringLiteral("reasonCode"));
    if (a.statusReason.isEmpty())
        a.statusReason = firstNoteText(r, QStringLiteral("note"));
    JsonReader dosage = r.object(QStringLiteral("dosage"));
    a.route = readRoute(dosage.object(QStringLiteral("route")));
    if (a.route.isEmpty())
        if (std::optional<JsonReader> route = findExtension(r, str(kAdministrationRouteExtension)))
            a.route = readRoute(route->object(QStringLiteral("valueCodeableConcept")));
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
