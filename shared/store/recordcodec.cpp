#include "recordcodec.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>
#include <QCborValue>

namespace chevet {

namespace {

QCborMap parse(const RecordRow &row, bool *ok)
{
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(row.payload, &error);
    *ok = error.error == QCborError::NoError && value.isMap();
    // A container left half-built by a parse error must not be read: Qt 6.4 can crash on look-ups in
    // it (a truncated map did, depending on memory layout). Decoders see an empty map instead.
    if (!*ok)
        return {};
    return value.toMap();
}

Error corrupt(const RecordRow &row)
{
    return makeError(StoreError::CorruptRecord, QStringLiteral("record %1 (%2) has an unreadable payload")
                                                    .arg(row.id.toString(QUuid::WithoutBraces), row.type));
}

QString str(const QCborMap &map, const char *key)
{
    return map.value(QLatin1String(key)).toString();
}

// Meta fields live in the row's columns, except the device, which only the payload carries.
void putMeta(RecordRow &row, const RecordMeta &meta, QCborMap &payload)
{
    row.id = meta.id;
    row.patientId = meta.patientId;
    row.version = meta.version;
    row.author = meta.author;
    row.effectiveMs = meta.clinicalTimeMs;
    row.enteredMs = meta.enteredTimeMs;
    row.hlc = meta.hlc;
    row.serverId = meta.serverId;
    row.serverVersion = meta.serverVersion;
    row.serverMs = meta.serverTimeMs;
    payload.insert(QLatin1String("device"), meta.device);
}

RecordMeta takeMeta(const RecordRow &row, const QCborMap &payload)
{
    RecordMeta meta;
    meta.id = row.id;
    meta.patientId = row.patientId;
    meta.version = row.version;
    meta.author = row.author;
    meta.device = str(payload, "device");
    meta.clinicalTimeMs = row.effectiveMs.value_or(0);
    meta.enteredTimeMs = row.enteredMs;
    meta.hlc = row.hlc;
    meta.serverId = row.serverId;
    meta.serverVersion = row.serverVersion;
    meta.serverTimeMs = row.serverMs;
    return meta;
}

void putServer(RecordRow &row, const QString &serverId, const QString &serverVersion)
{
    row.serverId = serverId;
    row.serverVersion = serverVersion;
}

QCborMap doseMap(const Dose &dose)
{
    return QCborMap{{QLatin1String("value"), dose.value}, {QLatin1String("unit"), dose.unit}};
}

Dose doseFrom(const QCborValue &value)
{
    const QCborMap map = value.toMap();
    return Dose{map.value(QLatin1String("value")).toDouble(), map.value(QLatin1String("unit")).toString()};
}

} // namespace

RecordRow patientRow(const Patient &patient)
{
    RecordRow row;
    row.id = patient.id;
    row.type = RecordType::Patient;
    row.patientId = patient.id;
    row.status = QStringLiteral("active");
    putServer(row, patient.serverId, patient.serverVersion);
    QCborArray identifiers;
    for (const PatientIdentifier &id : patient.identifiers) {
        identifiers.append(QCborMap{{QLatin1String("kind"), id.kind == IdentifierKind::Ins ? 1 : 0},
                                    {QLatin1String("system"), id.system},
                                    {QLatin1String("value"), id.value},
                                    {QLatin1String("old"), id.old}});
    }
    const QCborMap payload{{QLatin1String("identifiers"), identifiers},
                           {QLatin1String("family"), patient.family},
                           {QLatin1String("given"), patient.given},
                           {QLatin1String("birthDate"), patient.birthDate.toString(Qt::ISODate)},
                           {QLatin1String("sex"), sexKey(patient.sex)},
                           {QLatin1String("identityStatus"), identityStatusKey(patient.identityStatus)}};
    row.payload = payload.toCborValue().toCbor();
    return row;
}

Result<Patient> patientFromRow(const RecordRow &row)
{
    bool ok = false;
    const QCborMap map = parse(row, &ok);
    if (!ok)
        return corrupt(row);
    Patient patient;
    patient.id = row.id;
    patient.serverId = row.serverId;
    patient.serverVersion = row.serverVersion;
    for (const QCborValue &value : map.value(QLatin1String("identifiers")).toArray()) {
        const QCborMap id = value.toMap();
        patient.identifiers.append(PatientIdentifier{
            id.value(QLatin1String("kind")).toInteger() == 1 ? IdentifierKind::Ins : IdentifierKind::Ipp,
            str(id, "system"), str(id, "value"), id.value(QLatin1String("old")).toBool()});
    }
    patient.family = str(map, "family");
    patient.given = str(map, "given");
    patient.birthDate = QDate::fromString(str(map, "birthDate"), Qt::ISODate);
    patient.sex = sexFromKey(str(map, "sex")).value_or(Sex::Unknown);
    patient.identityStatus =
        identityStatusFromKey(str(map, "identityStatus")).value_or(IdentityStatus::Unknown);
    return patient;
}

RecordRow encounterRow(const Encounter &encounter)
{
    RecordRow row;
    row.id = encounter.id;
    row.type = RecordType::Encounter;
    row.patientId = encounter.patientId;
    row.status = statusCode(encounter.status, encounter.otherStatus, &encounterStatusKey);
    row.effectiveMs = encounter.startMs;
    putServer(row, encounter.serverId, encounter.serverVersion);
    QCborMap payload{{QLatin1String("unit"), encounter.unit},
                     {QLatin1String("room"), encounter.room},
                     {QLatin1String("bed"), encounter.bed}};
    if (encounter.endMs)
        payload.insert(QLatin1String("endMs"), *encounter.endMs);
    if (!encounter.unitName.isEmpty())
        payload.insert(QLatin1String("unitName"), encounter.unitName);
    row.payload = payload.toCborValue().toCbor();
    return row;
}

Result<Encounter> encounterFromRow(const RecordRow &row)
{
    bool ok = false;
    const QCborMap map = parse(row, &ok);
    if (!ok)
        return corrupt(row);
    Encounter e;
    e.id = row.id;
    e.patientId = row.patientId;
    e.status = statusFromCode(row.status, &encounterStatusFromKey, &e.otherStatus);
    e.startMs = row.effectiveMs.value_or(0);
    e.unit = str(map, "unit");
    e.unitName = str(map, "unitName"); // empty in stays stored before names were kept
    e.room = str(map, "room");
    e.bed = str(map, "bed");
    if (map.contains(QLatin1String("endMs")))
        e.endMs = map.value(QLatin1String("endMs")).toInteger();
    e.serverId = row.serverId;
    e.serverVersion = row.serverVersion;
    return e;
}

RecordRow observationRow(const Observation &o)
{
    RecordRow row;
    row.type = RecordType::Observation;
    row.status = statusCode(o.status, o.otherStatus, &recordStatusKey);
    row.refId = o.panelId;
    QCborMap unused;
    putMeta(row, o.meta, unused);
    // Written straight to CBOR: every measure taken and every one pulled passes here, and building a
    // QCborMap first cost several times more. The same map as the other record types hold.
    QCborStreamWriter writer(&row.payload);
    writer.startMap(o.diastolic ? 9 : 8);
    const auto text = [&writer](QLatin1StringView key, const QString &value) {
        writer.append(key);
        writer.append(value);
    };
    text(QLatin1StringView("kind"), vitalCoding(o.kind).key);
    writer.append(QLatin1StringView("value"));
    writer.append(o.value);
    writer.append(QLatin1StringView("onOxygen"));
    writer.append(o.onOxygen);
    writer.append(QLatin1StringView("scale"));
    writer.append(qint64(o.spo2Scale));
    writer.append(QLatin1StringView("unusual"));
    writer.append(o.unusual);
    text(QLatin1StringView("unusualNote"), o.unusualNote);
    text(QLatin1StringView("statusReason"), o.statusReason);
    if (o.diastolic) {
        writer.append(QLatin1StringView("diastolic"));
        writer.append(*o.diastolic);
    }
    text(QLatin1StringView("device"), o.meta.device);
    writer.endMap();
    return row;
}

Result<Observation> observationFromRow(const RecordRow &row)
{
    bool ok = false;
    const QCborMap map = parse(row, &ok);
    const std::optional<VitalKind> kind = vitalKindFromKey(str(map, "kind"));
    if (!ok || !kind)
        return corrupt(row);
    Observation o;
    o.meta = takeMeta(row, map);
    o.status = statusFromCode(row.status, &recordStatusFromKey, &o.otherStatus);
    o.kind = *kind;
    o.value = map.value(QLatin1String("value")).toDouble();
    if (map.contains(QLatin1String("diastolic")))
        o.diastolic = map.value(QLatin1String("diastolic")).toDouble();
    o.panelId = row.refId;
    o.onOxygen = map.value(QLatin1String("onOxygen")).toBool();
    o.spo2Scale = int(map.value(QLatin1String("scale")).toInteger(1));
    o.unusual = map.value(QLatin1String("unusual")).toBool();
    o.unusualNote = str(map, "unusualNote");
    o.statusReason = str(map, "statusReason");
    return o;
}

RecordRow noteRow(const NursingNote &note)
{
    RecordRow row;
    row.type = RecordType::Note;
    row.status = statusCode(note.status, note.otherStatus, &recordStatusKey);
    QCborMap payload{{QLatin1String("target"), note.target},
                     {QLatin1String("data"), note.data},
                     {QLatin1String("actions"), note.actions},
                     {QLatin1String("results"), note.results},
                     {QLatin1String("statusReason"), note.statusReason}};
    putMeta(row, note.meta, payload);
    row.payload = payload.toCborValue().toCbor();
    return row;
}

Result<NursingNote> noteFromRow(const RecordRow &row)
{
    bool ok = false;
    const QCborMap map = parse(row, &ok);
    if (!ok)
        return corrupt(row);
    NursingNote note;
    note.meta = takeMeta(row, map);
    note.status = statusFromCode(row.status, &recordStatusFromKey, &note.otherStatus);
    note.target = str(map, "target");
    note.data = str(map, "data");
    note.actions = str(map, "actions");
    note.results = str(map, "results");
    note.statusReason = str(map, "statusReason");
    return note;
}

namespace {

// A dose schedule, field by field (absent fields stay absent: older builds read what they know).
QCborMap timingMap(const DoseTiming &t)
{
    QCborMap m;
    auto put = [&m](const char *key, const QCborValue &value) { m.insert(QLatin1String(key), value); };
    QCborArray events;
    for (qint64 e : t.eventsMs)
        events.append(e);
    if (!events.isEmpty())
        put("events", events);
    if (!t.code.isEmpty())
        put("code", t.code);
    if (t.asNeeded)
        put("asNeeded", true);
    if (t.frequency > 0)
        put("frequency", t.frequency);
    if (t.period > 0)
        put("period", t.period);
    if (!t.periodUnit.isEmpty())
        put("periodUnit", t.periodUnit);
    QCborArray clock;
    for (const QTime &at : t.timeOfDay)
        clock.append(at.msecsSinceStartOfDay());
    if (!clock.isEmpty())
        put("timeOfDay", clock);
    if (!t.when.isEmpty())
        put("when", QCborArray::fromStringList(t.when));
    if (t.offsetMinutes != 0)
        put("offset", t.offsetMinutes);
    QCborArray days;
    for (int d : t.daysOfWeek)
        days.append(d);
    if (!days.isEmpty())
        put("days", days);
    if (t.boundsStartMs)
        put("start", *t.boundsStartMs);
    if (t.boundsEndMs)
        put("end", *t.boundsEndMs);
    if (t.boundsDuration > 0) {
        put("duration", t.boundsDuration);
        put("durationUnit", t.boundsDurationUnit);
    }
    if (t.count > 0)
        put("count", t.count);
    return m;
}

DoseTiming timingFrom(const QCborMap &m)
{
    DoseTiming t;
    auto get = [&m](const char *key) { return m.value(QLatin1String(key)); };
    for (const QCborValue &e : get("events").toArray())
        t.eventsMs.append(e.toInteger());
    t.code = get("code").toString();
    t.asNeeded = get("asNeeded").toBool();
    t.frequency = int(get("frequency").toInteger());
    t.period = get("period").toDouble();
    t.periodUnit = get("periodUnit").toString();
    for (const QCborValue &at : get("timeOfDay").toArray())
        t.timeOfDay.append(QTime::fromMSecsSinceStartOfDay(int(at.toInteger())));
    for (const QCborValue &w : get("when").toArray())
        t.when.append(w.toString());
    t.offsetMinutes = int(get("offset").toInteger());
    for (const QCborValue &d : get("days").toArray())
        t.daysOfWeek.append(int(d.toInteger()));
    if (get("start").isInteger())
        t.boundsStartMs = get("start").toInteger();
    if (get("end").isInteger())
        t.boundsEndMs = get("end").toInteger();
    t.boundsDuration = get("duration").toDouble();
    t.boundsDurationUnit = get("durationUnit").toString();
    t.count = int(get("count").toInteger());
    return t;
}

} // namespace

RecordRow requestRow(const MedicationRequest &request)
{
    RecordRow row;
    row.id = request.id;
    row.type = RecordType::MedicationRequest;
    row.patientId = request.patientId;
    row.status = statusCode(request.status, request.otherStatus, &prescriptionStatusKey);
    row.effectiveMs = request.slotsMs.isEmpty() ? 0 : request.slotsMs.constFirst();
    putServer(row, request.serverId, request.serverVersion);
    QCborArray slots;
    for (qint64 slot : request.slotsMs)
        slots.append(slot);
    const QCborMap payload{{QLatin1String("system"), request.medicationSystem},
                           {QLatin1String("code"), request.medicationCode},
                           {QLatin1String("display"), request.medicationDisplay},
                           {QLatin1String("gtin"), request.gtin},
                           {QLatin1String("dose"), doseMap(request.dose)},
                           {QLatin1String("route"), request.route},
                           {QLatin1String("slots"), slots}};
    QCborMap full = payload;
    if (!request.timings.isEmpty()) {
        QCborArray timings;
        for (const DoseTiming &t : request.timings)
            timings.append(timingMap(t));
        full.insert(QLatin1String("timings"), timings);
    }
    if (request.asNeeded)
        full.insert(QLatin1String("asNeeded"), request.asNeededReason);
    full.insert(QLatin1String("timingsMarkAsNeeded"), true);
    if (!request.instructions.isEmpty())
        full.insert(QLatin1String("instructions"), request.instructions);
    if (request.authoredMs != 0)
        full.insert(QLatin1String("authored"), request.authoredMs);
    if (request.doseHigh > 0)
        full.insert(QLatin1String("doseHigh"), request.doseHigh);
    if (!request.rate.isEmpty())
        full.insert(QLatin1String("rate"), request.rate);
    if (!request.medicationReference.isEmpty())
        full.insert(QLatin1String("medicationReference"), request.medicationReference);
    if (request.maxDosePerPeriod.amount > 0)
        full.insert(QLatin1String("maxDose"),
                    QCborMap{{QLatin1String("amount"), request.maxDosePerPeriod.amount},
                             {QLatin1String("unit"), request.maxDosePerPeriod.unit},
                             {QLatin1String("period"), request.maxDosePerPeriod.period},
                             {QLatin1String("periodUnit"), request.maxDosePerPeriod.periodUnit}});
    row.payload = full.toCborValue().toCbor();
    return row;
}

Result<MedicationRequest> requestFromRow(const RecordRow &row)
{
    bool ok = false;
    const QCborMap map = parse(row, &ok);
    if (!ok)
        return corrupt(row);
    MedicationRequest r;
    r.id = row.id;
    r.patientId = row.patientId;
    r.status = statusFromCode(row.status, &prescriptionStatusFromKey, &r.otherStatus);
    r.medicationSystem = str(map, "system");
    r.medicationCode = str(map, "code");
    r.medicationDisplay = str(map, "display");
    r.gtin = str(map, "gtin");
    r.dose = doseFrom(map.value(QLatin1String("dose")));
    r.route = str(map, "route");
    for (const QCborValue &slot : map.value(QLatin1String("slots")).toArray())
        r.slotsMs.append(slot.toInteger());
    for (const QCborValue &t : map.value(QLatin1String("timings")).toArray())
        r.timings.append(timingFrom(t.toMap()));
    r.asNeeded = map.contains(QLatin1String("asNeeded"));
    // Stored before timings said which instruction they belong to: an as-needed order's were all its.
    if (r.asNeeded && !map.value(QLatin1String("timingsMarkAsNeeded")).toBool())
        for (DoseTiming &t : r.timings)
            t.asNeeded = true;
    r.asNeededReason = str(map, "asNeeded");
    r.instructions = str(map, "instructions");
    r.authoredMs = map.value(QLatin1String("authored")).toInteger();
    r.medicationReference = str(map, "medicationReference");
    r.doseHigh = map.value(QLatin1String("doseHigh")).toDouble();
    r.rate = str(map, "rate");
    if (const QCborMap limit = map.value(QLatin1String("maxDose")).toMap(); !limit.isEmpty()) {
        r.maxDosePerPeriod.amount = limit.value(QLatin1String("amount")).toDouble();
        r.maxDosePerPeriod.unit = limit.value(QLatin1String("unit")).toString();
        r.maxDosePerPeriod.period = limit.value(QLatin1String("period")).toDouble();
        r.maxDosePerPeriod.periodUnit = limit.value(QLatin1String("periodUnit")).toString();
    }
    r.serverId = row.serverId;
    r.serverVersion = row.serverVersion;
    return r;
}

RecordRow administrationRow(const MedicationAdministration &a)
{
    RecordRow row;
    row.type = RecordType::Administration;
    row.status = statusCode(a.status, a.otherStatus, &administrationStatusKey);
    row.refId = a.requestId;
    // 0 is "no slot" (a dose given on demand, or from a DPI that does not say): never 1970 (sync-audit §15).
    if (a.slotMs != 0)
        row.slotMs = a.slotMs;
    QCborMap payload{{QLatin1String("statusReason"), a.statusReason},
                     {QLatin1String("dose"), doseMap(a.dose)},
                     {QLatin1String("route"), a.route}};
    if (!a.reasonGiven.isEmpty())
        payload.insert(QLatin1String("reasonGiven"), a.reasonGiven);
    putMeta(row, a.meta, payload);
    row.payload = payload.toCborValue().toCbor();
    return row;
}

Result<MedicationAdministration> administrationFromRow(const RecordRow &row)
{
    bool ok = false;
    const QCborMap map = parse(row, &ok);
    if (!ok)
        return corrupt(row);
    MedicationAdministration a;
    a.meta = takeMeta(row, map);
    a.status = statusFromCode(row.status, &administrationStatusFromKey, &a.otherStatus);
    a.requestId = row.refId;
    a.slotMs = row.slotMs.value_or(0);
    a.statusReason = str(map, "statusReason");
    a.dose = doseFrom(map.value(QLatin1String("dose")));
    a.route = str(map, "route");
    a.reasonGiven = str(map, "reasonGiven");
    return a;
}

RecordRow taskRow(const CareTask &task)
{
    RecordRow row;
    row.id = task.id;
    row.type = RecordType::Task;
    row.patientId = task.patientId;
    row.status = statusCode(task.status, task.otherStatus, &taskStatusKey);
    row.effectiveMs = task.dueMs;
    putServer(row, task.serverId, task.serverVersion);
    QCborMap payload{{QLatin1String("description"), task.description},
                     {QLatin1String("completedBy"), task.completedBy}};
    if (task.completedMs)
        payload.insert(QLatin1String("completedMs"), *task.completedMs);
    row.payload = payload.toCborValue().toCbor();
    return row;
}

Result<CareTask> taskFromRow(const RecordRow &row)
{
    bool ok = false;
    const QCborMap map = parse(row, &ok);
    if (!ok)
        return corrupt(row);
    CareTask t;
    t.id = row.id;
    t.patientId = row.patientId;
    t.status = statusFromCode(row.status, &taskStatusFromKey, &t.otherStatus);
    t.description = str(map, "description");
    t.dueMs = row.effectiveMs.value_or(0);
    if (map.contains(QLatin1String("completedMs")))
        t.completedMs = map.value(QLatin1String("completedMs")).toInteger();
    t.completedBy = str(map, "completedBy");
    t.serverId = row.serverId;
    t.serverVersion = row.serverVersion;
    return t;
}

RecordRow allergyRow(const AllergyIntolerance &allergy)
{
    RecordRow row;
    row.id = allergy.id;
    row.type = RecordType::Allergy;
    row.patientId = allergy.patientId;
    // In clear: the state only, so that lists can leave out what was entered in error.
    row.status =
        allergy.verificationStatus == AllergyVerificationStatus::EnteredInError
            ? allergyVerificationStatusKey(allergy.verificationStatus)
            : allergyClinicalStatusKey(allergy.clinicalStatus.value_or(AllergyClinicalStatus::Active));
    row.effectiveMs = allergy.recordedMs;
    putServer(row, allergy.serverId, allergy.serverVersion);
    QCborMap payload{
        {QLatin1String("system"), allergy.substanceSystem},
        {QLatin1String("code"), allergy.substanceCode},
        {QLatin1String("display"), allergy.substanceDisplay},
        {QLatin1String("verification"), allergyVerificationStatusKey(allergy.verificationStatus)},
        {QLatin1String("reaction"), allergy.reactionText},
        {QLatin1String("recordedBy"), allergy.recordedBy}};
    if (allergy.clinicalStatus)
        payload.insert(QLatin1String("clinical"), allergyClinicalStatusKey(*allergy.clinicalStatus));
    if (allergy.criticality)
        payload.insert(QLatin1String("criticality"), allergyCriticalityKey(*allergy.criticality));
    if (allergy.category)
        payload.insert(QLatin1String("category"), allergyCategoryKey(*allergy.category));
    row.payload = payload.toCborValue().toCbor();
    return row;
}

Result<AllergyIntolerance> allergyFromRow(const RecordRow &row)
{
    bool ok = false;
    const QCborMap map = parse(row, &ok);
    if (!ok)
        return corrupt(row);
    AllergyIntolerance a;
    a.id = row.id;
    a.patientId = row.patientId;
    a.substanceSystem = str(map, "system");
    a.substanceCode = str(map, "code");
    a.substanceDisplay = str(map, "display");
    a.clinicalStatus = allergyClinicalStatusFromKey(str(map, "clinical"));
    a.verificationStatus = allergyVerificationStatusFromKey(str(map, "verification"))
                               .value_or(AllergyVerificationStatus::Unconfirmed);
    a.criticality = allergyCriticalityFromKey(str(map, "criticality"));
    a.category = allergyCategoryFromKey(str(map, "category"));
    a.reactionText = str(map, "reaction");
    a.recordedBy = str(map, "recordedBy");
    a.recordedMs = row.effectiveMs.value_or(0);
    a.serverId = row.serverId;
    a.serverVersion = row.serverVersion;
    return a;
}

} // namespace chevet
