// Domain <-> FHIR R4 mappings: reference JSON both ways, and round trips of every type.
#include "fhir/resources.h"

#include "core/ids.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

#include <functional>

using namespace chevet;
using namespace chevet::fhir;

namespace {

qint64 at(const char *iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QUuid uuid(const char *text)
{
    return QUuid::fromString(QLatin1String(text));
}

const QString kPatientRef = QStringLiteral("Patient/pat-1");
const QString kRequestRef = QStringLiteral("MedicationRequest/rx-9");

// --- every field as "name=value", so a mismatch names the first field that differs ---

QString num(double v)
{
    return QString::number(v, 'g', 17);
}

QString opt(const std::optional<qint64> &v)
{
    return v ? QString::number(*v) : QStringLiteral("none");
}

QString opt(const std::optional<double> &v)
{
    return v ? num(*v) : QStringLiteral("none");
}

QString field(const char *name, const QString &value)
{
    return QLatin1String(name) + QLatin1Char('=') + value;
}

QStringList describe(const RecordMeta &m)
{
    return {field("meta.id", idToString(m.id)),
            field("meta.patientId", idToString(m.patientId)),
            field("meta.version", QString::number(m.version)),
            field("meta.author", m.author),
            field("meta.device", m.device),
            field("meta.clinicalTimeMs", QString::number(m.clinicalTimeMs)),
            field("meta.enteredTimeMs", QString::number(m.enteredTimeMs)),
            field("meta.serverTimeMs", opt(m.serverTimeMs)),
            field("meta.hlc", m.hlc.toString()),
            field("meta.serverId", m.serverId),
            field("meta.serverVersion", m.serverVersion)};
}

QStringList describe(const Observation &o)
{
    return describe(o.meta) +
           QStringList{field("status", statusCode(o.status, o.otherStatus, &recordStatusKey)),
                       field("kind", vitalCoding(o.kind).key),
                       field("value", num(o.value)),
                       field("diastolic", opt(o.diastolic)),
                       field("panelId", idToString(o.panelId)),
                       field("onOxygen", QString::number(o.onOxygen)),
                       field("spo2Scale", QString::number(o.spo2Scale)),
                       field("unusual", QString::number(o.unusual)),
                       field("unusualNote", o.unusualNote),
                       field("statusReason", o.statusReason)};
}

QStringList describe(const NursingNote &n)
{
    return describe(n.meta) +
           QStringList{field("status", statusCode(n.status, n.otherStatus, &recordStatusKey)),
                       field("target", n.target),
                       field("data", n.data),
                       field("actions", n.actions),
                       field("results", n.results),
                       field("statusReason", n.statusReason)};
}

QStringList describe(const Patient &p)
{
    QStringList out{field("id", idToString(p.id))};
    for (const PatientIdentifier &id : p.identifiers)
        out.append(field("identifier", QStringLiteral("%1|%2|%3|old=%4")
                                           .arg(id.kind == IdentifierKind::Ins ? QStringLiteral("INS")
                                                                               : QStringLiteral("IPP"),
                                                id.system, id.value, QString::number(id.old))));
    return out + QStringList{field("family", p.family),
                             field("given", p.given),
                             field("birthDate", p.birthDate.toString(Qt::ISODate)),
                             field("sex", sexKey(p.sex)),
                             field("identityStatus", identityStatusKey(p.identityStatus)),
                             field("serverId", p.serverId),
                             field("serverVersion", p.serverVersion)};
}

QStringList describe(const Encounter &e)
{
    return {field("id", idToString(e.id)),
            field("patientId", idToString(e.patientId)),
            field("status", statusCode(e.status, e.otherStatus, &encounterStatusKey)),
            field("unit", e.unit),
            field("unitName", e.unitName),
            field("room", e.room),
            field("bed", e.bed),
            field("startMs", QString::number(e.startMs)),
            field("endMs", opt(e.endMs)),
            field("serverId", e.serverId),
            field("serverVersion", e.serverVersion)};
}

QStringList describe(const MedicationRequest &r)
{
    QStringList slots;
    for (qint64 s : r.slotsMs)
        slots.append(QString::number(s));
    return {field("id", idToString(r.id)),
            field("patientId", idToString(r.patientId)),
            field("status", statusCode(r.status, r.otherStatus, &prescriptionStatusKey)),
            field("medicationSystem", r.medicationSystem),
            field("medicationCode", r.medicationCode),
            field("medicationDisplay", r.medicationDisplay),
            field("gtin", r.gtin),
            field("dose", num(r.dose.value) + QLatin1Char(' ') + r.dose.unit),
            field("route", r.route),
            field("slotsMs", slots.join(QLatin1Char(','))),
            field("serverId", r.serverId),
            field("serverVersion", r.serverVersion)};
}

QStringList describe(const MedicationAdministration &a)
{
    return describe(a.meta) +
           QStringList{field("status", statusCode(a.status, a.otherStatus, &administrationStatusKey)),
                       field("requestId", idToString(a.requestId)),
                       field("slotMs", QString::number(a.slotMs)),
                       field("statusReason", a.statusReason),
                       field("reasonGiven", a.reasonGiven),
                       field("dose", num(a.dose.value) + QLatin1Char(' ') + a.dose.unit),
                       field("route", a.route)};
}

QStringList describe(const CareTask &t)
{
    return {field("id", idToString(t.id)),
            field("patientId", idToString(t.patientId)),
            field("status", statusCode(t.status, t.otherStatus, &taskStatusKey)),
            field("description", t.description),
            field("dueMs", QString::number(t.dueMs)),
            field("completedMs", opt(t.completedMs)),
            field("completedBy", t.completedBy),
            field("serverId", t.serverId),
            field("serverVersion", t.serverVersion)};
}

QStringList describe(const AllergyIntolerance &a)
{
    return {
        field("id", idToString(a.id)),
        field("patientId", idToString(a.patientId)),
        field("substanceSystem", a.substanceSystem),
        field("substanceCode", a.substanceCode),
        field("substanceDisplay", a.substanceDisplay),
        field("clinicalStatus",
              a.clinicalStatus ? allergyClinicalStatusKey(*a.clinicalStatus) : QStringLiteral("none")),
        field("verificationStatus", allergyVerificationStatusKey(a.verificationStatus)),
        field("criticality", a.criticality ? allergyCriticalityKey(*a.criticality) : QStringLiteral("none")),
        field("category", a.category ? allergyCategoryKey(*a.category) : QStringLiteral("none")),
        field("reactionText", a.reactionText),
        field("recordedMs", QString::number(a.recordedMs)),
        field("recordedBy", a.recordedBy),
        field("serverId", a.serverId),
        field("serverVersion", a.serverVersion)};
}

// --- what stays on the device: local bookkeeping, and ids the sync engine resolves from references ---

RecordMeta travelling(RecordMeta m)
{
    m.patientId = {};
    m.version = 1;
    m.device.clear();
    m.hlc = {};
    return m;
}

Observation travelling(Observation o)
{
    o.meta = travelling(o.meta);
    o.unusual = false;
    o.unusualNote.clear();
    return o;
}

NursingNote travelling(NursingNote n)
{
    n.meta = travelling(n.meta);
    return n;
}

Patient travelling(const Patient &p)
{
    return p;
}

Encounter travelling(Encounter e)
{
    e.patientId = {};
    return e;
}

MedicationRequest travelling(MedicationRequest r)
{
    r.patientId = {};
    return r;
}

MedicationAdministration travelling(MedicationAdministration a)
{
    a.meta = travelling(a.meta);
    a.meta.enteredTimeMs = 0; // R4 MedicationAdministration has no element for it
    a.requestId = {};
    return a;
}

CareTask travelling(CareTask t)
{
    t.patientId = {};
    return t;
}

AllergyIntolerance travelling(AllergyIntolerance a)
{
    a.patientId = {};
    return a;
}

// --- fixtures; local-only fields are set too, to show they do not leak into FHIR ---

RecordMeta baseMeta(const char *id)
{
    RecordMeta m;
    m.id = uuid(id);
    m.patientId = uuid("7d3f1a52-0c4e-4f7b-9d2a-5b8e6c1f0a11");
    m.version = 3;
    m.author = QStringLiteral("nurse-42");
    m.device = QStringLiteral("tablet-7");
    m.clinicalTimeMs = at("2024-03-05T08:30:00.000Z");
    m.enteredTimeMs = at("2024-03-05T08:31:12.345Z");
    m.hlc = HlcTimestamp{m.enteredTimeMs, 4};
    return m;
}

const QUuid kPanel = QUuid::fromString(QLatin1String("0b5c2e7a-8f31-4d6a-a9c4-2e1f7d3b6a90"));

Observation bloodPressure()
{
    Observation o;
    o.meta = baseMeta("3f2a9c1e-5b7d-4e8f-a1c2-d3e4f5a6b7c8");
    o.meta.serverId = QStringLiteral("obs-123");
    o.meta.serverVersion = QStringLiteral("2");
    o.meta.serverTimeMs = at("2024-03-05T08:32:00.000Z");
    o.kind = VitalKind::BloodPressure;
    o.value = 128;
    o.diastolic = 82;
    o.panelId = kPanel;
    return o;
}

Observation consciousness()
{
    Observation o;
    o.meta = baseMeta("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    o.status = RecordStatus::Amended;
    o.statusReason = QStringLiteral("Réévalué après réveil complet");
    o.kind = VitalKind::Consciousness;
    o.value = int(Acvpu::Confusion);
    o.panelId = kPanel;
    return o;
}

Observation news2()
{
    Observation o;
    o.meta = baseMeta("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9");
    o.kind = VitalKind::News2Score;
    o.value = 7;
    o.panelId = kPanel;
    return o;
}

Observation spo2OnOxygen()
{
    Observation o;
    o.meta = baseMeta("c0ffee00-1234-4abc-8def-0123456789ab");
    o.kind = VitalKind::OxygenSaturation;
    o.value = 91;
    o.onOxygen = true;
    o.spo2Scale = 2;
    o.unusual = true;
    o.unusualNote = QStringLiteral("below target");
    o.panelId = kPanel;
    return o;
}

Observation temperatureInError()
{
    Observation o;
    o.meta = baseMeta("d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a");
    o.meta.serverId = QStringLiteral("obs-77");
    o.meta.serverVersion = QStringLiteral("W7-opaque");
    o.status = RecordStatus::EnteredInError;
    o.statusReason = QStringLiteral("wrong patient");
    o.kind = VitalKind::BodyTemperature;
    o.value = 38.45;
    return o;
}

Observation bareWeight()
{
    Observation o;
    o.meta.id = uuid("e9d8c7b6-a5f4-4e3d-9c2b-1a0f9e8d7c6b");
    o.meta.clinicalTimeMs = at("2024-03-06T07:00:00.000Z");
    o.kind = VitalKind::BodyWeight;
    o.value = 72.3;
    return o;
}

Observation systolicOnly()
{
    Observation o = bloodPressure();
    o.diastolic.reset();
    return o;
}

NursingNote note()
{
    NursingNote n;
    n.meta = baseMeta("f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f");
    n.meta.serverId = QStringLiteral("obs-501");
    n.meta.serverVersion = QStringLiteral("1");
    n.meta.serverTimeMs = at("2024-03-05T09:00:00.000Z");
    n.target = QStringLiteral("Douleur");
    n.data = QStringLiteral("EVA 6/10 au flanc droit, faciès crispé");
    n.actions = QStringLiteral("Paracétamol 1 g PO selon prescription");
    n.results = QStringLiteral("EVA 3/10 à 1 h");
    return n;
}

NursingNote partialNote()
{
    NursingNote n;
    n.meta = baseMeta("0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d");
    n.status = RecordStatus::Amended;
    n.statusReason = QStringLiteral("précision");
    n.target = QStringLiteral("Sommeil");
    n.data = QStringLiteral("Réveillé 3 fois\nsecond line");
    return n;
}

Patient patient()
{
    Patient p;
    p.id = uuid("7d3f1a52-0c4e-4f7b-9d2a-5b8e6c1f0a11");
    p.identifiers = {
        {IdentifierKind::Ins, QString::fromLatin1(kInsNirTestSystem), QStringLiteral("280057512345674"),
         false},
        {IdentifierKind::Ipp, QStringLiteral("urn:oid:1.2.250.1.999.42.1.1"), QStringLiteral("00123456"),
         false},
        {IdentifierKind::Ipp, QStringLiteral("urn:oid:1.2.250.1.999.42.1.1"), QStringLiteral("00098765"),
         true},
    };
    p.family = QStringLiteral("MARTIN");
    p.given = QStringLiteral("Jeanne");
    p.birthDate = QDate(1980, 5, 7);
    p.sex = Sex::Female;
    p.identityStatus = IdentityStatus::Qualified;
    p.serverId = QStringLiteral("pat-1");
    p.serverVersion = QStringLiteral("5");
    return p;
}

Patient minimalPatient()
{
    Patient p;
    p.id = uuid("11111111-2222-4333-8444-555555555555");
    p.identifiers = {
        {IdentifierKind::Ins, QString::fromLatin1(kInsNiaSystem), QStringLiteral("185069912378978"), false},
        {IdentifierKind::Ins, QString::fromLatin1(kInsNirDemoSystem), QStringLiteral("185069912378978"),
         true}};
    p.family = QStringLiteral("DUPONT");
    return p;
}

MedicationRequest request()
{
    MedicationRequest r;
    r.id = uuid("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    r.patientId = uuid("7d3f1a52-0c4e-4f7b-9d2a-5b8e6c1f0a11");
    r.medicationSystem = QStringLiteral("https://fhir.chevet.invalid/CodeSystem/test-ucd");
    r.medicationCode = QStringLiteral("9000001");
    r.medicationDisplay = QStringLiteral("PARACETAMOL 1 g cp");
    r.gtin = QStringLiteral("03400930000012");
    r.dose = {1, QStringLiteral("{tbl}")};
    r.route = QStringLiteral("oral");
    r.slotsMs = {at("2024-03-05T08:00:00.000Z"), at("2024-03-05T14:00:00.000Z"),
                 at("2024-03-05T20:00:00.000Z")};
    r.serverId = QStringLiteral("rx-9");
    r.serverVersion = QStringLiteral("3");
    return r;
}

MedicationRequest minimalRequest()
{
    MedicationRequest r;
    r.id = uuid("22222222-3333-4444-8555-666666666666");
    r.status = PrescriptionStatus::OnHold;
    r.medicationSystem = QStringLiteral("https://fhir.chevet.invalid/CodeSystem/test-ucd");
    r.medicationCode = QStringLiteral("9000002");
    r.route = QStringLiteral("inhalée");
    return r;
}

MedicationAdministration given()
{
    MedicationAdministration a;
    a.meta = baseMeta("4b3a2918-0716-4e5d-9c4b-3a2918070605");
    a.meta.clinicalTimeMs = at("2024-03-05T08:05:00.000Z");
    a.meta.serverId = QStringLiteral("adm-31");
    a.meta.serverVersion = QStringLiteral("1");
    a.meta.serverTimeMs = at("2024-03-05T08:10:00.000Z");
    a.requestId = uuid("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    a.slotMs = at("2024-03-05T08:00:00.000Z");
    a.dose = {1, QStringLiteral("{tbl}")};
    a.route = QStringLiteral("oral");
    return a;
}

MedicationAdministration notDone()
{
    MedicationAdministration a = given();
    a.meta.id = uuid("6c5d4e3f-2a1b-4c0d-8e9f-a0b1c2d3e4f5");
    a.meta.serverId.clear();
    a.meta.serverVersion.clear();
    a.meta.serverTimeMs.reset();
    a.meta.clinicalTimeMs = at("2024-03-05T14:10:00.000Z");
    a.status = AdministrationStatus::NotDone;
    a.slotMs = at("2024-03-05T14:00:00.000Z");
    a.statusReason = QStringLiteral("Patient au bloc opératoire");
    a.dose = {};
    a.route.clear();
    return a;
}

// A dose given on demand on an as-needed order: why it was given travels as reasonCode.
MedicationAdministration onDemand()
{
    MedicationAdministration a = given();
    a.meta.id = uuid("1e2d3c4b-5a69-4788-8a9b-0c1d2e3f4a5b");
    a.slotMs = a.meta.clinicalTimeMs;
    a.reasonGiven = QStringLiteral("douleur EVA 6");
    return a;
}

MedicationAdministration voided()
{
    MedicationAdministration a = given();
    a.status = AdministrationStatus::EnteredInError;
    a.statusReason = QStringLiteral("saisie sur le mauvais créneau");
    a.route = QStringLiteral("IV");
    a.dose = {500, QStringLiteral("mg")};
    return a;
}

CareTask completedTask()
{
    CareTask t;
    t.id = uuid("8f7e6d5c-4b3a-4291-8807-f6e5d4c3b2a1");
    t.patientId = uuid("7d3f1a52-0c4e-4f7b-9d2a-5b8e6c1f0a11");
    t.status = TaskStatus::Completed;
    t.description = QStringLiteral("Réfection du pansement de la voie centrale");
    t.dueMs = at("2024-03-05T10:00:00.000Z");
    t.completedMs = at("2024-03-05T10:12:30.000Z");
    t.completedBy = QStringLiteral("nurse-42");
    t.serverId = QStringLiteral("task-88");
    t.serverVersion = QStringLiteral("4");
    return t;
}

CareTask requestedTask()
{
    CareTask t;
    t.id = uuid("33333333-4444-4555-8666-777777777777");
    t.description = QStringLiteral("Surveillance du drain");
    t.dueMs = at("2024-03-05T16:00:00.000Z");
    return t;
}

AllergyIntolerance penicillinAllergy()
{
    AllergyIntolerance a;
    a.id = uuid("2c4e6a8b-1d3f-4a5b-9c7d-8e9f0a1b2c3d");
    a.patientId = uuid("7d3f1a52-0c4e-4f7b-9d2a-5b8e6c1f0a11");
    a.substanceSystem = QStringLiteral("http://www.whocc.no/atc");
    a.substanceCode = QStringLiteral("J01C");
    a.substanceDisplay = QStringLiteral("Pénicillines");
    a.verificationStatus = AllergyVerificationStatus::Confirmed;
    a.criticality = AllergyCriticality::High;
    a.category = AllergyCategory::Medication;
    a.reactionText = QStringLiteral("Œdème de Quincke");
    a.recordedMs = at("2023-11-14T09:45:00.000Z");
    a.serverId = QStringLiteral("allergy-12");
    a.serverVersion = QStringLiteral("2");
    return a;
}

AllergyIntolerance freeTextAllergy()
{
    AllergyIntolerance a;
    a.id = uuid("55555555-6666-4777-8888-999999999999");
    a.substanceDisplay = QStringLiteral("Sparadrap");
    a.recordedBy = QStringLiteral("nurse-42");
    a.clinicalStatus = AllergyClinicalStatus::Inactive;
    a.category = AllergyCategory::Environment;
    a.criticality = AllergyCriticality::UnableToAssess;
    return a;
}

AllergyIntolerance allergyInError()
{
    AllergyIntolerance a = penicillinAllergy();
    a.clinicalStatus.reset(); // FHIR ait-2: none when entered in error
    a.verificationStatus = AllergyVerificationStatus::EnteredInError;
    a.reactionText.clear();
    a.recordedMs = 0;
    return a;
}

Encounter encounter()
{
    Encounter e;
    e.id = uuid("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
    e.patientId = uuid("7d3f1a52-0c4e-4f7b-9d2a-5b8e6c1f0a11");
    e.unit = QStringLiteral("CARDIO-3A");
    // The ward's name as the DPI shows it (the nurse's review 1a: the app showed "unit-cardio").
    e.unitName = QStringLiteral("Cardiologie — 3e étage");
    e.room = QStringLiteral("312");
    e.bed = QStringLiteral("312-B");
    e.startMs = at("2024-03-01T14:20:00.000Z");
    e.serverId = QStringLiteral("enc-5");
    e.serverVersion = QStringLiteral("2");
    return e;
}

Encounter homeCare()
{
    Encounter e;
    e.id = uuid("44444444-5555-4666-8777-888888888888");
    e.status = EncounterStatus::Finished;
    e.unit = QStringLiteral("HAD Nord tournée 2");
    e.startMs = at("2024-02-01T08:00:00.000Z");
    e.endMs = at("2024-02-20T18:00:00.000Z");
    return e;
}

// --- one row: how to map a value out and back, and what must come back ---

struct MappingCase
{
    QString file; // empty: round trip only
    std::function<QJsonObject()> toFhir;
    std::function<Result<QStringList>(const QJsonObject &, References *)> fromFhir;
    QStringList expected;
    References refs;
};

template<typename T, typename From>
MappingCase mappingCase(const char *file, const T &value, std::function<QJsonObject()> to, From from,
                        const QString &request = {})
{
    MappingCase c;
    c.file = QString::fromLatin1(file);
    c.toFhir = std::move(to);
    c.fromFhir = [from](const QJsonObject &json, References *refs) -> Result<QStringList> {
        Result<T> v = from(json, refs);
        if (!v)
            return v.error();
        return describe(*v);
    };
    c.expected = describe(travelling(value));
    c.refs.patient = std::is_same_v<T, Patient> ? QString() : kPatientRef;
    c.refs.request = request;
    return c;
}

template<typename T, typename To, typename From>
MappingCase recordCase(const char *file, const T &value, To to, From from)
{
    return mappingCase(
        file, value, [value, to] { return to(value, kPatientRef); }, from);
}

Result<Patient> readPatient(const QJsonObject &json, References *)
{
    return patientFromFhir(json);
}

QList<std::pair<const char *, MappingCase>> cases()
{
    return {
        {"observation-bp",
         recordCase("observation-bp.json", bloodPressure(), observationToFhir, observationFromFhir)},
        {"observation-acvpu",
         recordCase("observation-acvpu.json", consciousness(), observationToFhir, observationFromFhir)},
        {"observation-news2",
         recordCase("observation-news2.json", news2(), observationToFhir, observationFromFhir)},
        {"observation-spo2",
         recordCase("observation-spo2.json", spo2OnOxygen(), observationToFhir, observationFromFhir)},
        {"observation-temp-eie",
         recordCase("", temperatureInError(), observationToFhir, observationFromFhir)},
        {"observation-bare-weight", recordCase("", bareWeight(), observationToFhir, observationFromFhir)},
        {"observation-bp-systolic-only",
         recordCase("", systolicOnly(), observationToFhir, observationFromFhir)},
        {"note", recordCase("note.json", note(), noteToFhir, noteFromFhir)},
        {"note-partial", recordCase("", partialNote(), noteToFhir, noteFromFhir)},
        {"patient", mappingCase(
                        "patient.json", patient(), [] { return patientToFhir(patient()); }, readPatient)},
        {"patient-minimal",
         mappingCase(
             "", minimalPatient(), [] { return patientToFhir(minimalPatient()); }, readPatient)},
        {"medicationrequest",
         recordCase("medicationrequest.json", request(), requestToFhir, requestFromFhir)},
        {"medicationrequest-minimal", recordCase("", minimalRequest(), requestToFhir, requestFromFhir)},
        {"administration-given", mappingCase(
                                     "administration-given.json", given(),
                                     [] { return administrationToFhir(given(), kPatientRef, kRequestRef); },
                                     administrationFromFhir, kRequestRef)},
        {"administration-notdone",
         mappingCase(
             "administration-notdone.json", notDone(),
             [] { return administrationToFhir(notDone(), kPatientRef, kRequestRef); }, administrationFromFhir,
             kRequestRef)},
        {"administration-as-needed",
         mappingCase(
             "", onDemand(), [] { return administrationToFhir(onDemand(), kPatientRef, kRequestRef); },
             administrationFromFhir, kRequestRef)},
        {"administration-voided",
         mappingCase(
             "", voided(), [] { return administrationToFhir(voided(), kPatientRef, kRequestRef); },
             administrationFromFhir, kRequestRef)},
        {"task-completed", recordCase("task-completed.json", completedTask(), taskToFhir, taskFromFhir)},
        {"task-requested", recordCase("", requestedTask(), taskToFhir, taskFromFhir)},
        {"allergyintolerance",
         recordCase("allergyintolerance.json", penicillinAllergy(), allergyToFhir, allergyFromFhir)},
        {"allergyintolerance-free-text", recordCase("", freeTextAllergy(), allergyToFhir, allergyFromFhir)},
        {"allergyintolerance-entered-in-error",
         recordCase("", allergyInError(), allergyToFhir, allergyFromFhir)},
        {"encounter", recordCase("encounter.json", encounter(), encounterToFhir, encounterFromFhir)},
        {"encounter-home-care", recordCase("", homeCare(), encounterToFhir, encounterFromFhir)},
    };
}

// --- comparisons that say where they differ ---

QString show(const QJsonValue &v)
{
    QString text;
    if (v.isObject())
        text = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    else if (v.isArray())
        text = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    else
        text =
            QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    return text.size() > 160 ? text.left(157) + QStringLiteral("...") : text;
}

QString firstDifference(const QJsonValue &expected, const QJsonValue &actual, const QString &path)
{
    if (expected.type() != actual.type())
        return QStringLiteral("%1: expected %2, got %3").arg(path, show(expected), show(actual));
    if (expected.isObject()) {
        const QJsonObject e = expected.toObject();
        const QJsonObject a = actual.toObject();
        QStringList keys = e.keys();
        for (const QString &k : a.keys()) {
            if (!keys.contains(k))
                keys.append(k);
        }
        for (const QString &k : std::as_const(keys)) {
            const QString p = path + QLatin1Char('.') + k;
            if (!a.contains(k))
                return QStringLiteral("%1: missing, expected %2").arg(p, show(e.value(k)));
            if (!e.contains(k))
                return QStringLiteral("%1: not expected, got %2").arg(p, show(a.value(k)));
            const QString d = firstDifference(e.value(k), a.value(k), p);
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    if (expected.isArray()) {
        const QJsonArray e = expected.toArray();
        const QJsonArray a = actual.toArray();
        for (qsizetype i = 0; i < std::max(e.size(), a.size()); ++i) {
            const QString p = path + QStringLiteral("[%1]").arg(i);
            if (i >= a.size())
                return QStringLiteral("%1: missing, expected %2").arg(p, show(e.at(i)));
            if (i >= e.size())
                return QStringLiteral("%1: not expected, got %2").arg(p, show(a.at(i)));
            const QString d = firstDifference(e.at(i), a.at(i), p);
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    return expected == actual
               ? QString()
               : QStringLiteral("%1: expected %2, got %3").arg(path, show(expected), show(actual));
}

QString firstDifference(const QStringList &expected, const QStringList &actual)
{
    for (qsizetype i = 0; i < std::max(expected.size(), actual.size()); ++i) {
        const QString e = expected.value(i, QStringLiteral("(nothing)"));
        const QString a = actual.value(i, QStringLiteral("(nothing)"));
        if (e != a)
            return QStringLiteral("expected %1, got %2").arg(e, a);
    }
    return {};
}

QJsonObject load(const QString &file)
{
    QFile f(QStringLiteral(CHEVET_TEST_DATA "/fhir/") + file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(f.fileName()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("%s: %s", qPrintable(file), qPrintable(error.errorString()));
    return doc.object();
}

} // namespace

Q_DECLARE_METATYPE(MappingCase)

class TestFhirMapping : public QObject
{
    Q_OBJECT

private:
    static void addRows(bool withFileOnly)
    {
        QTest::addColumn<MappingCase>("mapping");
        for (const auto &[name, c] : cases()) {
            if (!withFileOnly || !c.file.isEmpty())
                QTest::newRow(name) << c;
        }
    }

private Q_SLOTS:
    void toFhirMatchesReferenceFile_data() { addRows(true); }
    void toFhirMatchesReferenceFile()
    {
        QFETCH(MappingCase, mapping);
        const QJsonObject expected = load(mapping.file);
        const QJsonObject actual = mapping.toFhir();
        const QString diff =
            firstDifference(expected, actual, expected.value(QLatin1String("resourceType")).toString());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void referenceFileReadsAsDomain_data() { addRows(true); }
    void referenceFileReadsAsDomain()
    {
        QFETCH(MappingCase, mapping);
        References refs;
        const Result<QStringList> read = mapping.fromFhir(load(mapping.file), &refs);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
        const QString diff = firstDifference(mapping.expected, *read);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QCOMPARE(refs.patient, mapping.refs.patient);
        QCOMPARE(refs.request, mapping.refs.request);
    }

    void roundTrip_data() { addRows(false); }
    void roundTrip()
    {
        QFETCH(MappingCase, mapping);
        References refs;
        const Result<QStringList> read = mapping.fromFhir(mapping.toFhir(), &refs);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
        const QString diff = firstDifference(mapping.expected, *read);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QCOMPARE(refs.patient, mapping.refs.patient);
        QCOMPARE(refs.request, mapping.refs.request);
    }

    void metaOnlyOnceTheServerGaveAVersion()
    {
        Observation o = bloodPressure();
        QVERIFY(observationToFhir(o, kPatientRef).contains(QLatin1String("meta")));
        o.meta.serverVersion.clear();
        o.meta.serverTimeMs.reset();
        QVERIFY(!observationToFhir(o, kPatientRef).contains(QLatin1String("meta")));
        CareTask t = completedTask();
        t.serverVersion.clear();
        QVERIFY(!taskToFhir(t, kPatientRef).contains(QLatin1String("meta")));
    }

    void notesAreToldFromVitalSigns()
    {
        QVERIFY(isNursingNote(noteToFhir(note(), kPatientRef)));
        QVERIFY(!isNursingNote(observationToFhir(bloodPressure(), kPatientRef)));
        QVERIFY(!isNursingNote(QJsonObject{{QLatin1String("code"), QStringLiteral("garbage")}}));
        QVERIFY(!observationFromFhir(noteToFhir(note(), kPatientRef), nullptr).ok());
        QVERIFY(!noteFromFhir(observationToFhir(bloodPressure(), kPatientRef), nullptr).ok());
    }

    void noteTextReadsAsOneBlock()
    {
        const QJsonObject json = load(QStringLiteral("note.json"));
        QCOMPARE(
            json.value(QLatin1String("valueString")).toString(),
            QStringLiteral("Cible : Douleur\nDonnées : EVA 6/10 au flanc droit, faciès crispé\n"
                           "Actions : Paracétamol 1 g PO selon prescription\nRésultats : EVA 3/10 à 1 h"));
        // A note written elsewhere as plain text keeps all of it.
        QJsonObject plain = json;
        plain.remove(QLatin1String("component"));
        const Result<NursingNote> n = noteFromFhir(plain, nullptr);
        QVERIFY(n.ok());
        QCOMPARE(n->data, json.value(QLatin1String("valueString")).toString());
        QVERIFY(n->target.isEmpty());
    }

    void otherServersForms()
    {
        // NEWS2 as valueInteger, effectiveInstant, status corrected, a zone offset: all read.
        QJsonObject json = observationToFhir(news2(), kPatientRef);
        json.remove(QLatin1String("valueQuantity"));
        json.insert(QLatin1String("valueInteger"), 5);
        json.remove(QLatin1String("effectiveDateTime"));
        json.insert(QLatin1String("effectiveInstant"), QStringLiteral("2024-03-05T09:30:00.5+01:00"));
        json.insert(QLatin1String("status"), QStringLiteral("corrected"));
        const Result<Observation> o = observationFromFhir(json, nullptr);
        QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().toString()));
        QCOMPARE(o->value, 5.0);
        QCOMPARE(o->meta.clinicalTimeMs, at("2024-03-05T08:30:00.500Z"));
        QCOMPARE(o->status, RecordStatus::Corrected); // its own status since sync-audit §5

        // Voided in the DPI without its value: the voiding still reads.
        QJsonObject voided = observationToFhir(bloodPressure(), kPatientRef);
        voided.remove(QLatin1String("component"));
        QVERIFY(!observationFromFhir(voided, nullptr).ok());
        voided.insert(QLatin1String("status"), QStringLiteral("entered-in-error"));
        const Result<Observation> v = observationFromFhir(voided, nullptr);
        QVERIFY(v.ok());
        QCOMPARE(v->status, RecordStatus::EnteredInError);

        // ACVPU sent as a letter only.
        QJsonObject acvpu = observationToFhir(consciousness(), kPatientRef);
        acvpu.insert(QLatin1String("valueCodeableConcept"),
                     QJsonObject{{QLatin1String("text"), QStringLiteral("p")}});
        const Result<Observation> a = observationFromFhir(acvpu, nullptr);
        QVERIFY(a.ok());
        QCOMPARE(a->value, double(int(Acvpu::Pain)));

        // A Task the DPI has made ready is still to do for the nurse, and stays "ready" (sync-audit §5).
        QJsonObject task = taskToFhir(requestedTask(), kPatientRef);
        task.insert(QLatin1String("status"), QStringLiteral("ready"));
        const Result<CareTask> t = taskFromFhir(task, nullptr);
        QVERIFY(t.ok());
        QCOMPARE(t->status, TaskStatus::Ready);
        QVERIFY(isToDo(t->status));

        // The usual name does not hide the official one; unknown elements are ignored.
        QJsonObject p = patientToFhir(patient());
        QJsonArray names = p.value(QLatin1String("name")).toArray();
        names.prepend(QJsonObject{{QLatin1String("use"), QStringLiteral("usual")},
                                  {QLatin1String("family"), QStringLiteral("DURAND")}});
        p.insert(QLatin1String("name"), names);
        p.insert(QLatin1String("maritalStatus"), QJsonObject{{QLatin1String("text"), QStringLiteral("M")}});
        const Result<Patient> read = patientFromFhir(p);
        QVERIFY(read.ok());
        QCOMPARE(read->family, QStringLiteral("MARTIN"));
    }

    // Issue "real DPIs (2)", item 2: the drug as a contained Medication, a route by SNOMED CT code only,
    // an as-needed order with its reason, a repeat and a maximum per period, as DPIs write them.
    void prescriptionsAsDpisWriteThem()
    {
        const QJsonObject json = load(QStringLiteral("medicationrequest-dpi-forms.json"));
        const Result<MedicationRequest> r = requestFromFhir(json, nullptr);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r->medicationCode, QStringLiteral("9311957"));
        QCOMPARE(r->medicationDisplay, QStringLiteral("Tramadol 50 mg gélule"));
        QCOMPARE(r->gtin, QStringLiteral("03400933617417"));
        QVERIFY(r->medicationReference.isEmpty());
        QCOMPARE(r->route, QStringLiteral("oral"));
        QVERIFY(r->asNeeded);
        QCOMPARE(r->asNeededReason, QStringLiteral("douleur"));
        QCOMPARE(r->timings.size(), 1);
        QCOMPARE(r->timings.first().period, 6.0);
        QCOMPARE(r->maxDosePerPeriod.amount, 4.0);
        QCOMPARE(r->maxDosePerPeriod.period, 24.0);
        QCOMPARE(r->maxDosePerPeriod.periodUnit, QStringLiteral("h"));
        QCOMPARE(r->authoredMs,
                 QDateTime(QDate(2026, 12, 2), QTime(0, 0), QTimeZone("Europe/Paris")).toMSecsSinceEpoch());

        // A dose range ("1 to 2 capsules") and an infusion rate.
        QJsonObject ranged = json;
        QJsonArray dosages = ranged.value(QLatin1String("dosageInstruction")).toArray();
        QJsonObject dosage = dosages.first().toObject();
        const QJsonObject capsule{{QStringLiteral("system"), QStringLiteral("http://unitsofmeasure.org")},
                                  {QStringLiteral("code"), QStringLiteral("{capsule}")}};
        QJsonObject low = capsule, high = capsule;
        low.insert(QStringLiteral("value"), 1);
        high.insert(QStringLiteral("value"), 2);
        dosage.insert(
            QStringLiteral("doseAndRate"),
            QJsonArray{QJsonObject{{QStringLiteral("doseRange"), QJsonObject{{QStringLiteral("low"), low},
                                                                             {QStringLiteral("high"), high}}},
                                   {QStringLiteral("rateQuantity"),
                                    QJsonObject{{QStringLiteral("value"), 100},
                                                {QStringLiteral("unit"), QStringLiteral("mL/h")}}}}});
        dosages.replace(0, dosage);
        ranged.insert(QStringLiteral("dosageInstruction"), dosages);
        const Result<MedicationRequest> rr = requestFromFhir(ranged, nullptr);
        QVERIFY2(rr.ok(), qPrintable(rr.ok() ? QString() : rr.error().toString()));
        QCOMPARE(rr->dose.value, 1.0);
        QCOMPARE(rr->doseHigh, 2.0);
        QCOMPARE(rr->dose.unit, QStringLiteral("{capsule}"));
        QCOMPARE(rr->rate, QStringLiteral("100 mL/h"));

        // A Medication elsewhere that the puller could not read: its display only, and no code, so the
        // pack scan cannot pass on it. A contained reference the order does not contain is refused.
        QJsonObject elsewhere = json;
        elsewhere.remove(QLatin1String("contained"));
        elsewhere.insert(QLatin1String("medicationReference"),
                         QJsonObject{{QLatin1String("reference"), QStringLiteral("Medication/m-9")},
                                     {QLatin1String("display"), QStringLiteral("Tramadol 50 mg")}});
        const Result<MedicationRequest> e = requestFromFhir(elsewhere, nullptr);
        QVERIFY(e.ok());
        QCOMPARE(e->medicationDisplay, QStringLiteral("Tramadol 50 mg"));
        QVERIFY(e->medicationCode.isEmpty());
        QCOMPARE(e->medicationReference, QStringLiteral("Medication/m-9"));
        QJsonObject dangling = json;
        dangling.remove(QLatin1String("contained"));
        const Result<MedicationRequest> d = requestFromFhir(dangling, nullptr);
        QVERIFY(!d.ok());
        QVERIFY(d.error().toString().contains(QLatin1String("medicationReference")));
    }

    void identityStatusInOtherForms()
    {
        // Qualified: the INS may be used as such; without an INS there is nothing to use.
        QVERIFY(patient().insQualified());
        Patient noIns = patient();
        noIns.identifiers.removeFirst();
        QVERIFY(!noIns.insQualified());
        Patient recovered = patient();
        recovered.identityStatus = IdentityStatus::Recovered;
        QVERIFY(!recovered.insQualified());
        QVERIFY(!patientToFhir(minimalPatient()).contains(QLatin1String("extension")));
        QCOMPARE(patientFromFhir(patientToFhir(minimalPatient()))->identityStatus, IdentityStatus::Unknown);

        const auto withStatus = [](const QString &system, const QString &code) {
            QJsonObject json = patientToFhir(patient());
            QJsonObject reliability = json.value(QLatin1String("extension")).toArray().at(0).toObject();
            QJsonObject part = reliability.value(QLatin1String("extension")).toArray().at(0).toObject();
            part.insert(QLatin1String("valueCoding"),
                        QJsonObject{{QLatin1String("system"), system}, {QLatin1String("code"), code}});
            reliability.insert(QLatin1String("extension"), QJsonArray{part});
            // Another extension first: the reader looks for its own by url.
            json.insert(
                QLatin1String("extension"),
                QJsonArray{QJsonObject{{QLatin1String("url"), QStringLiteral("https://example.invalid/x")},
                                       {QLatin1String("valueString"), QStringLiteral("y")}},
                           reliability});
            const Result<Patient> p = patientFromFhir(json);
            return p ? p->identityStatus : IdentityStatus::Unknown;
        };
        const QString frCore =
            QStringLiteral("https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-identity-status");
        const QString olderFrCore =
            QStringLiteral("https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0445");
        QCOMPARE(withStatus(frCore, QStringLiteral("PROV")), IdentityStatus::Provisional);
        QCOMPARE(withStatus(frCore, QStringLiteral("RECUP")), IdentityStatus::Recovered);
        QCOMPARE(withStatus(frCore, QStringLiteral("VALI")), IdentityStatus::Validated);
        QCOMPARE(withStatus(frCore, QStringLiteral("QUAL")), IdentityStatus::Qualified);
        QCOMPARE(withStatus(frCore, QStringLiteral("qual")), IdentityStatus::Unknown);
        // Earlier FR Core versions: their v2-0445 copy shares PROV and VALI, and has no QUAL.
        QCOMPARE(withStatus(olderFrCore, QStringLiteral("VALI")), IdentityStatus::Validated);
        QCOMPARE(withStatus(olderFrCore, QStringLiteral("QUAL")), IdentityStatus::Unknown);
        // Never assume a stronger status from a system we do not know.
        QCOMPARE(withStatus(QStringLiteral("https://example.invalid/cs"), QStringLiteral("QUAL")),
                 IdentityStatus::Unknown);
    }

    void allergyInOtherForms()
    {
        // Codes outside the value sets read as "not said": the allergy itself is kept.
        QJsonObject json = allergyToFhir(penicillinAllergy(), kPatientRef);
        json.insert(QLatin1String("clinicalStatus"),
                    QJsonObject{{QLatin1String("text"), QStringLiteral("actif")}});
        json.insert(QLatin1String("criticality"), QStringLiteral("severe"));
        json.insert(QLatin1String("category"), QJsonArray{QStringLiteral("drug"), QStringLiteral("food")});
        json.remove(QLatin1String("verificationStatus"));
        // Two reactions, one coded only.
        json.insert(
            QLatin1String("reaction"),
            QJsonArray{
                QJsonObject{{QLatin1String("manifestation"),
                             QJsonArray{QJsonObject{{QLatin1String("text"), QStringLiteral("Urticaire")}}}}},
                QJsonObject{{QLatin1String("manifestation"),
                             QJsonArray{QJsonObject{
                                 {QLatin1String("coding"),
                                  QJsonArray{QJsonObject{
                                      {QLatin1String("system"), QStringLiteral("http://snomed.info/sct")},
                                      {QLatin1String("code"), QStringLiteral("39579001")},
                                      {QLatin1String("display"), QStringLiteral("Anaphylaxis")}}}}}}}}});
        const Result<AllergyIntolerance> a = allergyFromFhir(json, nullptr);
        QVERIFY2(a.ok(), qPrintable(a.ok() ? QString() : a.error().toString()));
        QCOMPARE(a->clinicalStatus, std::optional<AllergyClinicalStatus>());
        QCOMPARE(a->criticality, std::optional<AllergyCriticality>());
        QCOMPARE(a->category, std::optional<AllergyCategory>(AllergyCategory::Food));
        QCOMPARE(a->verificationStatus, AllergyVerificationStatus::Unconfirmed);
        QCOMPARE(a->reactionText, QStringLiteral("Urticaire, Anaphylaxis"));
        QCOMPARE(a->substanceCode, QStringLiteral("J01C"));

        // A substance coded without text takes the coding's display; without any substance, refused.
        QJsonObject coded = allergyToFhir(penicillinAllergy(), kPatientRef);
        QJsonObject code = coded.value(QLatin1String("code")).toObject();
        code.remove(QLatin1String("text"));
        coded.insert(QLatin1String("code"), code);
        QCOMPARE(allergyFromFhir(coded, nullptr)->substanceDisplay, QStringLiteral("Pénicillines"));
        QJsonObject none = coded;
        none.insert(QLatin1String("code"), QJsonObject{{QLatin1String("coding"), QJsonArray{}}});
        const Result<AllergyIntolerance> refused = allergyFromFhir(none, nullptr);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QLatin1String("AllergyIntolerance.code")),
                 qPrintable(refused.error().toString()));
        none.remove(QLatin1String("code"));
        QVERIFY(!allergyFromFhir(none, nullptr).ok());

        // No known allergy is a coded statement, not an absence of data.
        AllergyIntolerance nka;
        nka.substanceSystem = QStringLiteral("http://snomed.info/sct");
        nka.substanceCode = QStringLiteral("716186003");
        QVERIFY(nka.isNoKnownAllergy());
        QVERIFY(!penicillinAllergy().isNoKnownAllergy());
    }

    void patientLinkReplacedBy()
    {
        QJsonObject json = patientToFhir(patient());
        QCOMPARE(replacedBy(json), QString());
        json.insert(
            QLatin1String("link"),
            QJsonArray{QJsonObject{{QLatin1String("type"), QStringLiteral("seealso")},
                                   {QLatin1String("other"), reference(QStringLiteral("Patient/x"))}},
                       QJsonObject{{QLatin1String("type"), QStringLiteral("replaced-by")},
                                   {QLatin1String("other"), reference(QStringLiteral("Patient/pat-2"))}}});
        QCOMPARE(replacedBy(json), QStringLiteral("Patient/pat-2"));
    }

    void clientIds()
    {
        const QUuid id = uuid("3f2a9c1e-5b7d-4e8f-a1c2-d3e4f5a6b7c8");
        QCOMPARE(clientIdValue(id), QStringLiteral("urn:uuid:3f2a9c1e-5b7d-4e8f-a1c2-d3e4f5a6b7c8"));
        QCOMPARE(
            clientIdSearch(id),
            QStringLiteral("identifier=urn:ietf:rfc:3986|urn:uuid:3f2a9c1e-5b7d-4e8f-a1c2-d3e4f5a6b7c8"));
        QCOMPARE(clientIdFrom(load(QStringLiteral("observation-bp.json"))), id);
        QCOMPARE(clientIdFrom(QJsonObject{{QLatin1String("identifier"), QStringLiteral("nope")}}), QUuid());
        const ServerState state = serverStateOf(load(QStringLiteral("observation-bp.json")));
        QCOMPARE(state.id, QStringLiteral("obs-123"));
        QCOMPARE(state.versionId, QStringLiteral("2"));
        QCOMPARE(state.lastUpdatedMs, at("2024-03-05T08:32:00.000Z"));
    }

private:
    static QJsonObject reference(const QString &ref)
    {
        return QJsonObject{{QLatin1String("reference"), ref}};
    }
};

QTEST_GUILESS_MAIN(TestFhirMapping)
#include "tst_fhirmapping.moc"
