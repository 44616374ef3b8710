#include "storefixture.h"

#include "store/recordcodec.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QTest>

#include <functional>

using namespace chevet;
using namespace chevet::test;

Q_DECLARE_METATYPE(chevet::Patient)
Q_DECLARE_METATYPE(chevet::Encounter)
Q_DECLARE_METATYPE(chevet::Observation)
Q_DECLARE_METATYPE(chevet::NursingNote)
Q_DECLARE_METATYPE(chevet::MedicationRequest)
Q_DECLARE_METATYPE(chevet::MedicationAdministration)
Q_DECLARE_METATYPE(chevet::CareTask)
Q_DECLARE_METATYPE(chevet::AllergyIntolerance)

namespace {

const QUuid kPatientId = QUuid::fromString(QStringLiteral("{6f1c2a58-0b7e-4d3a-9c1f-2e8b5d4a7c90}"));

RecordMeta meta(int version = 1, bool withServer = false)
{
    RecordMeta m;
    m.id = QUuid::createUuid();
    m.patientId = kPatientId;
    m.version = version;
    m.author = QStringLiteral("nurse-a");
    m.device = QStringLiteral("device-7");
    m.clinicalTimeMs = kTestStartMs - 120'000;
    m.enteredTimeMs = kTestStartMs;
    m.hlc = HlcTimestamp{kTestStartMs, 3};
    if (withServer) {
        m.serverId = QStringLiteral("obs-4411");
        m.serverVersion = QStringLiteral("W/\"2\"");
        m.serverTimeMs = kTestStartMs + 60'000;
    }
    return m;
}

void compareMeta(const RecordMeta &got, const RecordMeta &want)
{
    QCOMPARE(got.id, want.id);
    QCOMPARE(got.patientId, want.patientId);
    QCOMPARE(got.version, want.version);
    QCOMPARE(got.author, want.author);
    QCOMPARE(got.device, want.device);
    QCOMPARE(got.clinicalTimeMs, want.clinicalTimeMs);
    QCOMPARE(got.enteredTimeMs, want.enteredTimeMs);
    QCOMPARE(got.serverTimeMs, want.serverTimeMs);
    QCOMPARE(got.hlc, want.hlc);
    QCOMPARE(got.serverId, want.serverId);
    QCOMPARE(got.serverVersion, want.serverVersion);
}

// The decoders by record type, reduced to "did it decode".
using Decoder = std::function<Status(const RecordRow &)>;
template<typename T> Decoder decoder(Result<T> (*fromRow)(const RecordRow &))
{
    return [fromRow](const RecordRow &row) -> Status {
        const Result<T> decoded = fromRow(row);
        if (!decoded)
            return decoded.error();
        return {};
    };
}

const QMap<QString, Decoder> &decoders()
{
    static const QMap<QString, Decoder> map = {
        {QStringLiteral("patient"), decoder(&patientFromRow)},
        {QStringLiteral("encounter"), decoder(&encounterFromRow)},
        {QStringLiteral("observation"), decoder(&observationFromRow)},
        {QStringLiteral("note"), decoder(&noteFromRow)},
        {QStringLiteral("medication-request"), decoder(&requestFromRow)},
        {QStringLiteral("administration"), decoder(&administrationFromRow)},
        {QStringLiteral("task"), decoder(&taskFromRow)},
        {QStringLiteral("allergy"), decoder(&allergyFromRow)},
    };
    return map;
}

} // namespace

class TestRecordCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patient_data()
    {
        QTest::addColumn<Patient>("patient");
        Patient p = makePatient(QStringLiteral("880012"), QStringLiteral("Martin"), QStringLiteral("Jeanne"));
        p.id = QUuid::createUuid();
        QTest::newRow("IPP only") << p;
        p = makePatient(QStringLiteral("880013"), QStringLiteral("Nguyễn-Lefèvre"),
                        QStringLiteral("Zoé Anaïs"), nirWithKey(QStringLiteral("2480375123456")));
        p.id = QUuid::createUuid();
        p.identifiers.append(
            PatientIdentifier{IdentifierKind::Ipp, kTestEstablishment, QStringLiteral("770001"), true});
        p.sex = Sex::Other;
        p.birthDate = QDate(1931, 12, 31);
        p.serverId = QStringLiteral("pat-778");
        p.serverVersion = QStringLiteral("5");
        p.identityStatus = IdentityStatus::Qualified;
        QTest::newRow("INS, retired IPP, server state, accents, qualified") << p;
        p.identityStatus = IdentityStatus::Recovered;
        QTest::newRow("identity recovered") << p;
        p.sex = Sex::Unknown;
        p.identifiers.clear();
        p.identityStatus = IdentityStatus::Provisional;
        QTest::newRow("no identifier, sex unknown, provisional") << p;
    }

    void patient()
    {
        QFETCH(Patient, patient);
        const RecordRow row = patientRow(patient);
        QCOMPARE(row.type, QStringLiteral("patient"));
        QCOMPARE(row.id, patient.id);
        QCOMPARE(row.patientId, patient.id);
        QCOMPARE(row.serverId, patient.serverId);
        const Result<Patient> back = patientFromRow(row);
        CHEVET_VERIFY_OK(back);
        QCOMPARE(back->id, patient.id);
        QCOMPARE(back->family, patient.family);
        QCOMPARE(back->given, patient.given);
        QCOMPARE(back->birthDate, patient.birthDate);
        QCOMPARE(back->sex, patient.sex);
        QCOMPARE(back->identityStatus, patient.identityStatus);
        QCOMPARE(back->serverId, patient.serverId);
        QCOMPARE(back->serverVersion, patient.serverVersion);
        QCOMPARE(back->identifiers.size(), patient.identifiers.size());
        for (qsizetype i = 0; i < patient.identifiers.size(); ++i) {
            QCOMPARE(back->identifiers.at(i).kind, patient.identifiers.at(i).kind);
            QCOMPARE(back->identifiers.at(i).system, patient.identifiers.at(i).system);
            QCOMPARE(back->identifiers.at(i).value, patient.identifiers.at(i).value);
            QCOMPARE(back->identifiers.at(i).old, patient.identifiers.at(i).old);
        }
    }

    void encounter_data()
    {
        QTest::addColumn<Encounter>("encounter");
        Encounter e;
        e.id = QUuid::createUuid();
        e.patientId = kPatientId;
        e.unit = QStringLiteral("Médecine interne");
        e.room = QStringLiteral("12");
        e.bed = QStringLiteral("B");
        e.startMs = kTestStartMs - 86'400'000;
        QTest::newRow("in progress, no end") << e;
        e.status = EncounterStatus::Finished;
        e.endMs = kTestStartMs;
        e.serverId = QStringLiteral("enc-19");
        e.serverVersion = QStringLiteral("2");
        e.unitName = QStringLiteral("Médecine interne — 2e étage");
        QTest::newRow("finished, with end, server state and the ward's name") << e;
        e.status = EncounterStatus::Planned;
        e.endMs = 0;
        e.room.clear();
        e.bed.clear();
        QTest::newRow("planned, end at 0, home care") << e;
    }

    void encounter()
    {
        QFETCH(Encounter, encounter);
        const RecordRow row = encounterRow(encounter);
        QCOMPARE(row.type, QStringLiteral("encounter"));
        QCOMPARE(row.effectiveMs, std::optional<qint64>(encounter.startMs));
        const Result<Encounter> back = encounterFromRow(row);
        CHEVET_VERIFY_OK(back);
        QCOMPARE(back->id, encounter.id);
        QCOMPARE(back->patientId, encounter.patientId);
        QCOMPARE(back->status, encounter.status);
        QCOMPARE(back->unit, encounter.unit);
        QCOMPARE(back->unitName, encounter.unitName);
        QCOMPARE(back->room, encounter.room);
        QCOMPARE(back->bed, encounter.bed);
        QCOMPARE(back->startMs, encounter.startMs);
        QCOMPARE(back->endMs, encounter.endMs);
        QCOMPARE(back->serverId, encounter.serverId);
        QCOMPARE(back->serverVersion, encounter.serverVersion);
    }

    void observation_data()
    {
        QTest::addColumn<Observation>("observation");
        Observation o;
        o.meta = meta();
        o.kind = VitalKind::HeartRate;
        o.value = 72;
        o.panelId = QUuid::createUuid();
        QTest::newRow("pulse, no diastolic, no server state") << o;
        o.meta = meta();
        o.kind = VitalKind::BloodPressure;
        o.value = 128;
        o.diastolic = 76;
        QTest::newRow("blood pressure with diastolic") << o;
        o.meta = meta();
        o.kind = VitalKind::OxygenSaturation;
        o.value = 86;
        o.diastolic.reset();
        o.onOxygen = true;
        o.spo2Scale = 2;
        o.unusual = true;
        o.unusualNote = QStringLiteral("spo2 86 % is unusual");
        QTest::newRow("SpO2 on oxygen, scale 2, unusual") << o;
        o = Observation{};
        o.meta = meta(3, true);
        o.kind = VitalKind::BodyTemperature;
        o.value = 37.85;
        o.status = RecordStatus::Amended;
        o.statusReason = QStringLiteral("thermomètre changé");
        QTest::newRow("amended, with server state, no panel") << o;
        o.meta = meta(4, true);
        o.status = RecordStatus::EnteredInError;
        QTest::newRow("entered in error") << o;
        o.meta = meta();
        o.status = RecordStatus::Final;
        o.kind = VitalKind::Consciousness;
        o.value = double(int(Acvpu::Voice));
        QTest::newRow("ACVPU") << o;
    }

    void observation()
    {
        QFETCH(Observation, observation);
        const RecordRow row = observationRow(observation);
        QCOMPARE(row.type, QStringLiteral("observation"));
        QCOMPARE(row.refId, observation.panelId);
        QCOMPARE(row.status, recordStatusKey(observation.status));
        const Result<Observation> back = observationFromRow(row);
        CHEVET_VERIFY_OK(back);
        compareMeta(back->meta, observation.meta);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(back->status, observation.status);
        QCOMPARE(back->kind, observation.kind);
        QCOMPARE(back->value, observation.value);
        QCOMPARE(back->diastolic, observation.diastolic);
        QCOMPARE(back->panelId, observation.panelId);
        QCOMPARE(back->onOxygen, observation.onOxygen);
        QCOMPARE(back->spo2Scale, observation.spo2Scale);
        QCOMPARE(back->unusual, observation.unusual);
        QCOMPARE(back->unusualNote, observation.unusualNote);
        QCOMPARE(back->statusReason, observation.statusReason);

        // Written straight to CBOR since the pull got faster: the same bytes as the map stored before.
        QCborMap before{{QLatin1String("kind"), vitalCoding(observation.kind).key},
                        {QLatin1String("value"), observation.value},
                        {QLatin1String("onOxygen"), observation.onOxygen},
                        {QLatin1String("scale"), observation.spo2Scale},
                        {QLatin1String("unusual"), observation.unusual},
                        {QLatin1String("unusualNote"), observation.unusualNote},
                        {QLatin1String("statusReason"), observation.statusReason}};
        if (observation.diastolic)
            before.insert(QLatin1String("diastolic"), *observation.diastolic);
        before.insert(QLatin1String("device"), observation.meta.device);
        QCOMPARE(row.payload.toHex(), before.toCborValue().toCbor().toHex());
    }

    void note_data()
    {
        QTest::addColumn<NursingNote>("note");
        NursingNote n;
        n.meta = meta();
        n.target = QStringLiteral("Douleur");
        n.data = QStringLiteral("EVA 6/10");
        QTest::newRow("target and data") << n;
        n.meta = meta(2, true);
        n.actions = QStringLiteral("Paracétamol 1 g");
        n.results = QStringLiteral("EVA 2/10 à 1 h");
        n.status = RecordStatus::Amended;
        n.statusReason = QStringLiteral("résultat ajouté");
        QTest::newRow("full D-A-R, amended, server state") << n;
    }

    void note()
    {
        QFETCH(NursingNote, note);
        const RecordRow row = noteRow(note);
        QCOMPARE(row.type, QStringLiteral("note"));
        const Result<NursingNote> back = noteFromRow(row);
        CHEVET_VERIFY_OK(back);
        compareMeta(back->meta, note.meta);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(back->status, note.status);
        QCOMPARE(back->target, note.target);
        QCOMPARE(back->data, note.data);
        QCOMPARE(back->actions, note.actions);
        QCOMPARE(back->results, note.results);
        QCOMPARE(back->statusReason, note.statusReason);
    }

    void request_data()
    {
        QTest::addColumn<MedicationRequest>("request");
        MedicationRequest r;
        r.id = QUuid::createUuid();
        r.patientId = kPatientId;
        r.medicationCode = QStringLiteral("3400892088310");
        r.dose = Dose{1000, QStringLiteral("mg")};
        QTest::newRow("no slots") << r;
        r.status = PrescriptionStatus::OnHold;
        r.medicationSystem = QStringLiteral("http://data.esante.gouv.fr/ansm/medicament/UCD");
        r.medicationDisplay = QStringLiteral("Héparine 5000 UI/0,2 mL");
        r.gtin = QStringLiteral("03400935955838");
        r.dose = Dose{0.2, QStringLiteral("mL")};
        r.route = QStringLiteral("SC");
        r.slotsMs = {kTestStartMs + 3'600'000, kTestStartMs + 43'200'000};
        r.serverId = QStringLiteral("mr-88");
        r.serverVersion = QStringLiteral("7");
        QTest::newRow("two slots, fractional dose, server state") << r;
    }

    void request()
    {
        QFETCH(MedicationRequest, request);
        const RecordRow row = requestRow(request);
        QCOMPARE(row.type, QStringLiteral("medication-request"));
        const Result<MedicationRequest> back = requestFromRow(row);
        CHEVET_VERIFY_OK(back);
        QCOMPARE(back->id, request.id);
        QCOMPARE(back->patientId, request.patientId);
        QCOMPARE(back->status, request.status);
        QCOMPARE(back->medicationSystem, request.medicationSystem);
        QCOMPARE(back->medicationCode, request.medicationCode);
        QCOMPARE(back->medicationDisplay, request.medicationDisplay);
        QCOMPARE(back->gtin, request.gtin);
        QCOMPARE(back->dose.value, request.dose.value);
        QCOMPARE(back->dose.unit, request.dose.unit);
        QCOMPARE(back->route, request.route);
        QCOMPARE(back->slotsMs, request.slotsMs);
        QCOMPARE(back->serverId, request.serverId);
        QCOMPARE(back->serverVersion, request.serverVersion);
    }

    void administration_data()
    {
        QTest::addColumn<MedicationAdministration>("administration");
        MedicationAdministration a;
        a.meta = meta();
        a.requestId = QUuid::createUuid();
        a.slotMs = kTestStartMs + 3'600'000;
        a.dose = Dose{1000, QStringLiteral("mg")};
        a.route = QStringLiteral("oral");
        QTest::newRow("given") << a;
        a.meta = meta();
        a.status = AdministrationStatus::NotDone;
        a.statusReason = QStringLiteral("patient à jeun");
        a.dose = Dose{};
        QTest::newRow("not given, with reason") << a;
        a.meta = meta(2, true);
        a.status = AdministrationStatus::EnteredInError;
        QTest::newRow("entered in error, server state") << a;
    }

    void administration()
    {
        QFETCH(MedicationAdministration, administration);
        const RecordRow row = administrationRow(administration);
        QCOMPARE(row.type, QStringLiteral("administration"));
        QCOMPARE(row.refId, administration.requestId);
        QCOMPARE(row.slotMs, std::optional<qint64>(administration.slotMs));
        const Result<MedicationAdministration> back = administrationFromRow(row);
        CHEVET_VERIFY_OK(back);
        compareMeta(back->meta, administration.meta);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(back->status, administration.status);
        QCOMPARE(back->requestId, administration.requestId);
        QCOMPARE(back->slotMs, administration.slotMs);
        QCOMPARE(back->statusReason, administration.statusReason);
        QCOMPARE(back->dose.value, administration.dose.value);
        QCOMPARE(back->dose.unit, administration.dose.unit);
        QCOMPARE(back->route, administration.route);
    }

    void task_data()
    {
        QTest::addColumn<CareTask>("task");
        CareTask t;
        t.id = QUuid::createUuid();
        t.patientId = kPatientId;
        t.description = QStringLiteral("Réfection du pansement");
        t.dueMs = kTestStartMs + 7'200'000;
        QTest::newRow("requested, not completed") << t;
        t.status = TaskStatus::Completed;
        t.completedMs = kTestStartMs + 5'400'000;
        t.completedBy = QStringLiteral("nurse-b");
        t.serverId = QStringLiteral("task-3");
        t.serverVersion = QStringLiteral("4");
        QTest::newRow("completed, server state") << t;
        t.status = TaskStatus::Cancelled;
        t.completedMs.reset();
        t.completedBy.clear();
        QTest::newRow("cancelled") << t;
    }

    void task()
    {
        QFETCH(CareTask, task);
        const RecordRow row = taskRow(task);
        QCOMPARE(row.type, QStringLiteral("task"));
        const Result<CareTask> back = taskFromRow(row);
        CHEVET_VERIFY_OK(back);
        QCOMPARE(back->id, task.id);
        QCOMPARE(back->patientId, task.patientId);
        QCOMPARE(back->status, task.status);
        QCOMPARE(back->description, task.description);
        QCOMPARE(back->dueMs, task.dueMs);
        QCOMPARE(back->completedMs, task.completedMs);
        QCOMPARE(back->completedBy, task.completedBy);
        QCOMPARE(back->serverId, task.serverId);
        QCOMPARE(back->serverVersion, task.serverVersion);
    }

    void allergy_data()
    {
        QTest::addColumn<AllergyIntolerance>("allergy");
        QTest::addColumn<QString>("status");
        AllergyIntolerance a;
        a.id = QUuid::createUuid();
        a.patientId = kPatientId;
        a.substanceSystem = QStringLiteral("http://www.whocc.no/atc");
        a.substanceCode = QStringLiteral("J01C");
        a.substanceDisplay = QStringLiteral("Pénicillines");
        a.verificationStatus = AllergyVerificationStatus::Confirmed;
        a.criticality = AllergyCriticality::High;
        a.category = AllergyCategory::Medication;
        a.reactionText = QStringLiteral("Œdème de Quincke");
        a.recordedMs = kTestStartMs - 86'400'000;
        a.serverId = QStringLiteral("allergy-7");
        a.serverVersion = QStringLiteral("2");
        QTest::newRow("coded, high, server state") << a << QStringLiteral("active");
        a = AllergyIntolerance{};
        a.id = QUuid::createUuid();
        a.patientId = kPatientId;
        a.substanceDisplay = QStringLiteral("Sparadrap");
        a.clinicalStatus = AllergyClinicalStatus::Resolved;
        QTest::newRow("free text, resolved, nothing else") << a << QStringLiteral("resolved");
        a.clinicalStatus.reset();
        a.verificationStatus = AllergyVerificationStatus::EnteredInError;
        QTest::newRow("entered in error, no clinical status") << a << QStringLiteral("entered-in-error");
    }

    void allergy()
    {
        QFETCH(AllergyIntolerance, allergy);
        QFETCH(QString, status);
        const RecordRow row = allergyRow(allergy);
        QCOMPARE(row.type, QStringLiteral("allergy"));
        QCOMPARE(row.status, status);
        QCOMPARE(row.effectiveMs, std::optional<qint64>(allergy.recordedMs));
        const Result<AllergyIntolerance> back = allergyFromRow(row);
        CHEVET_VERIFY_OK(back);
        QCOMPARE(back->id, allergy.id);
        QCOMPARE(back->patientId, allergy.patientId);
        QCOMPARE(back->substanceSystem, allergy.substanceSystem);
        QCOMPARE(back->substanceCode, allergy.substanceCode);
        QCOMPARE(back->substanceDisplay, allergy.substanceDisplay);
        QCOMPARE(back->clinicalStatus, allergy.clinicalStatus);
        QCOMPARE(back->verificationStatus, allergy.verificationStatus);
        QCOMPARE(back->criticality, allergy.criticality);
        QCOMPARE(back->category, allergy.category);
        QCOMPARE(back->reactionText, allergy.reactionText);
        QCOMPARE(back->recordedMs, allergy.recordedMs);
        QCOMPARE(back->serverId, allergy.serverId);
        QCOMPARE(back->serverVersion, allergy.serverVersion);
    }

    void corruptPayloadIsAnError_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("payload");
        NursingNote note;
        note.meta = meta();
        note.target = QStringLiteral("Douleur");
        const QByteArray notePayload = noteRow(note).payload;
        const QByteArray validMap =
            QCborValue(QCborMap{{QStringLiteral("unit"), QStringLiteral("x")}}).toCbor();
        for (auto it = decoders().cbegin(); it != decoders().cend(); ++it) {
            const QByteArray type = it.key().toLatin1();
            QTest::addRow("%s: empty", type.constData()) << it.key() << QByteArray();
            QTest::addRow("%s: truncated map", type.constData())
                << it.key() << validMap.left(validMap.size() - 2);
            QTest::addRow("%s: not CBOR", type.constData())
                << it.key() << QByteArray("\xff\xfe\xfd garbage", 11);
            QTest::addRow("%s: array, not a map", type.constData())
                << it.key() << QCborValue(QCborArray{1, 2, 3}).toCbor();
            QTest::addRow("%s: number, not a map", type.constData()) << it.key() << QCborValue(42).toCbor();
            QTest::addRow("%s: text, not a map", type.constData())
                << it.key() << QByteArray("{\"family\":\"Martin\"}");
        }
        QTest::newRow("observation: a note's payload") << QStringLiteral("observation") << notePayload;
        QTest::newRow("observation: unknown kind")
            << QStringLiteral("observation")
            << QCborValue(QCborMap{{QStringLiteral("kind"), QStringLiteral("heartbeat")}}).toCbor();
    }

    void corruptPayloadIsAnError()
    {
        QFETCH(QString, type);
        QFETCH(QByteArray, payload);
        RecordRow row;
        row.id = QUuid::createUuid();
        row.type = type;
        row.patientId = kPatientId;
        row.status = QStringLiteral("final");
        row.payload = payload;
        const Status decoded = decoders().value(type)(row);
        CHEVET_VERIFY_ERROR(decoded, StoreError::CorruptRecord);
        QCOMPARE(decoded.error().domain, ErrorDomain::Store);
        QVERIFY(decoded.error().message.contains(row.id.toString(QUuid::WithoutBraces)));
    }

    void unknownStatusKeysAreKept()
    {
        // sync-audit §5: a status this build does not know (the DPI's own code, or one written by a newer
        // build) reads as Unknown with its code kept, and is stored again as it was.
        Observation o;
        o.meta = meta();
        o.kind = VitalKind::HeartRate;
        o.value = 60;
        RecordRow row = observationRow(o);
        row.status = QStringLiteral("validé-biologiste");
        const Result<Observation> back = observationFromRow(row);
        CHEVET_VERIFY_OK(back);
        QCOMPARE(back->status, RecordStatus::Unknown);
        QCOMPARE(back->otherStatus, QStringLiteral("validé-biologiste"));
        QCOMPARE(back->value, 60.0);
        QCOMPARE(observationRow(*back).status, QStringLiteral("validé-biologiste"));

        MedicationRequest r;
        r.id = QUuid::createUuid();
        r.status = PrescriptionStatus::Unknown;
        r.otherStatus = QStringLiteral("suspendu-pharmacie");
        const Result<MedicationRequest> request = requestFromRow(requestRow(r));
        CHEVET_VERIFY_OK(request);
        QCOMPARE(request->status, PrescriptionStatus::Unknown);
        QCOMPARE(request->otherStatus, QStringLiteral("suspendu-pharmacie"));

        // R4 codes the model once lacked are statuses of their own.
        r.status = PrescriptionStatus::EnteredInError;
        r.otherStatus.clear();
        QCOMPARE(requestRow(r).status, QStringLiteral("entered-in-error"));
        QCOMPARE(requestFromRow(requestRow(r))->status, PrescriptionStatus::EnteredInError);
    }
};

QTEST_GUILESS_MAIN(TestRecordCodec)
#include "tst_recordcodec.moc"
