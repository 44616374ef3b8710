// Every resource the engine sends is valid FHIR R4, proven by a validator that is not ours (issue "real
// DPIs (2)", item 3): Medplum's validateResource() (tools/fhir-independent/validate.mjs), which checks
// structure, cardinality, formats, required codes and invariants such as mad-1. A device records every
// kind of entry a nurse makes, syncs with the stand-in DPI, and each resource it sent (bundle entries
// and single writes) goes through the validator.
#include "hooktransport.h"
#include "store/allergyrepository.h"
#include "store/medicationrepository.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "store/taskrepository.h"
#include "syncfixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace chevet;

namespace {

struct Verdict
{
    int exitCode = -1;
    QStringList lines;
};

// Runs the independent validator on a JSON array of resources.
Verdict validate(const QJsonArray &resources)
{
    QProcess node;
    node.setProgram(QStringLiteral(CHEVET_FHIR_INDEPENDENT_NODE));
    node.setArguments({QStringLiteral(CHEVET_FHIR_VALIDATOR)});
    node.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    node.start();
    if (!node.waitForStarted(30000))
        return {};
    node.write(QJsonDocument(resources).toJson(QJsonDocument::Compact));
    node.closeWriteChannel();
    if (!node.waitForFinished(180000)) {
        node.kill();
        return {};
    }
    Verdict v;
    v.exitCode = node.exitStatus() == QProcess::NormalExit ? node.exitCode() : -1;
    v.lines = QString::fromUtf8(node.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return v;
}

// The resources a request carries: each entry of a bundle, or the body of a single write.
QList<QJsonObject> sentResources(const HttpRequest &request)
{
    if (request.method != "POST" && request.method != "PUT")
        return {};
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (body.value(QLatin1String("resourceType")).toString() != QLatin1String("Bundle"))
        return body.isEmpty() ? QList<QJsonObject>{} : QList<QJsonObject>{body};
    QList<QJsonObject> out;
    for (const QJsonValue &entry : body.value(QLatin1String("entry")).toArray()) {
        const QJsonObject resource = entry.toObject().value(QLatin1String("resource")).toObject();
        if (!resource.isEmpty())
            out.append(resource);
    }
    return out;
}

QJsonObject reference(const QString &target)
{
    return QJsonObject{{QStringLiteral("reference"), target}};
}

QJsonObject codedConcept(const QString &system, const QString &code, const QString &display)
{
    return QJsonObject{
        {QStringLiteral("coding"), QJsonArray{QJsonObject{{QStringLiteral("system"), system},
                                                          {QStringLiteral("code"), code},
                                                          {QStringLiteral("display"), display}}}},
        {QStringLiteral("text"), display}};
}

// Orders as DPIs write them: a coded schedule with a dose and a route, a schedule code without a dose,
// and an as-needed order.
QJsonObject prescription(const QString &patientRef, const QJsonObject &dosage, const QString &drug)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
                       {QStringLiteral("status"), QStringLiteral("active")},
                       {QStringLiteral("intent"), QStringLiteral("order")},
                       {QStringLiteral("medicationCodeableConcept"),
                        codedConcept(QStringLiteral("http://data.esante.gouv.fr/ansm/medicament/UCD"),
                                     QStringLiteral("9000001"), drug)},
                       {QStringLiteral("subject"), reference(patientRef)},
                       {QStringLiteral("authoredOn"), QDate::currentDate().addDays(-2).toString(Qt::ISODate)},
                       {QStringLiteral("dosageInstruction"), QJsonArray{dosage}}};
}

QJsonObject snomedRoute(const char *code, const char *display)
{
    return codedConcept(QStringLiteral("http://snomed.info/sct"), QString::fromLatin1(code),
                        QString::fromLatin1(display));
}

QJsonObject doseOf(double value, const QString &unit)
{
    return QJsonObject{{QStringLiteral("doseQuantity"),
                        QJsonObject{{QStringLiteral("value"), value},
                                    {QStringLiteral("unit"), unit},
                                    {QStringLiteral("system"), QStringLiteral("http://unitsofmeasure.org")},
                                    {QStringLiteral("code"), unit}}}};
}

MedicationRequest orderNamed(Store &store, const QUuid &patientId, const QString &drug)
{
    Result<QList<MedicationRequest>> requests = store.medications().requestsForPatient(patientId);
    if (requests)
        for (const MedicationRequest &r : std::as_const(*requests))
            if (r.medicationDisplay == drug)
                return r;
    return {};
}

MedicationAdministration doseFor(const MedicationRequest &request, qint64 slotMs)
{
    MedicationAdministration a;
    a.meta.patientId = request.patientId;
    a.requestId = request.id;
    a.slotMs = slotMs;
    return a;
}

} // namespace

class TestR4Validity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        quietStoreInfoLogs();
        const QString problem = independentServerProblem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // The validator is a real check: it refuses a dosage without a dose (mad-1), a missing status and
    // a code outside its required value set, and passes a minimal valid resource.
    void theValidatorRefusesInvalidResources()
    {
        const QJsonObject valid{
            {QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
            {QStringLiteral("status"), QStringLiteral("completed")},
            {QStringLiteral("medicationCodeableConcept"),
             QJsonObject{{QStringLiteral("text"), QStringLiteral("paracétamol")}}},
            {QStringLiteral("subject"), reference(QStringLiteral("Patient/1"))},
            {QStringLiteral("effectiveDateTime"), QStringLiteral("2026-12-03T08:00:00+01:00")}};
        QJsonObject noDose = valid;
        noDose.insert(QStringLiteral("dosage"),
                      QJsonObject{{QStringLiteral("route"), snomedRoute("26643006", "Oral")}});
        QJsonObject noStatus = valid;
        noStatus.remove(QLatin1String("status"));
        QJsonObject badStatus = valid;
        badStatus.insert(QStringLiteral("status"), QStringLiteral("given"));
        const Verdict v = validate(QJsonArray{valid, noDose, noStatus, badStatus});
        QCOMPARE(v.lines.size(), 4);
        QCOMPARE(v.lines.at(0), QStringLiteral("ok MedicationAdministration"));
        QVERIFY2(v.lines.at(1).startsWith(QLatin1String("invalid")) &&
                     v.lines.at(1).contains(QLatin1String("mad-1")),
                 qPrintable(v.lines.at(1)));
        QVERIFY2(v.lines.at(2).startsWith(QLatin1String("invalid")), qPrintable(v.lines.at(2)));
        QVERIFY2(v.lines.at(3).startsWith(QLatin1String("invalid")), qPrintable(v.lines.at(3)));
        QCOMPARE(v.exitCode, 1);
    }

    void everyResourceTheEngineSendsIsValidR4()
    {
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Loopback, DpiConfig{}, folder.path());
        Device device(QStringLiteral("ide.valid"));
        HookTransport transport(dpi->transport(), nullptr);
        const auto sync = [&]() {
            SyncRun run(*device.store, transport, SyncScope{});
            return run.run();
        };

        // A patient admitted at the bedside, sent to the DPI.
        Patient admitted =
            makePatient(QStringLiteral("770001"), QStringLiteral("VALIDE"), QStringLiteral("Rose"));
        Result<Patient> patient = device.store->patients().add(admitted);
        QVERIFY2(patient, qPrintable(errorText(patient)));
        Result<SyncOutcome> first = sync();
        QVERIFY2(first, qPrintable(errorText(first)));
        Result<std::optional<Patient>> pushed = device.store->patients().find(patient->id);
        QVERIFY(pushed && *pushed && !(*pushed)->serverId.isEmpty());
        const QString patientRef = QStringLiteral("Patient/") + (*pushed)->serverId;

        // The DPI's prescriptions and a care task for her.
        const QJsonObject timing3{
            {QStringLiteral("repeat"), QJsonObject{{QStringLiteral("frequency"), 3},
                                                   {QStringLiteral("period"), 1},
                                                   {QStringLiteral("periodUnit"), QStringLiteral("d")}}}};
        QVERIFY(
            !dpi
                 ->create(prescription(
                     patientRef,
                     QJsonObject{{QStringLiteral("timing"), timing3},
                                 {QStringLiteral("route"), snomedRoute("47625008", "Intravenous route")},
                                 {QStringLiteral("doseAndRate"), QJsonArray{doseOf(1, QStringLiteral("g"))}}},
                     QStringLiteral("Paracétamol 1 g/100 mL perfusion")))
                 .isEmpty());
        const QJsonObject bid{
            {QStringLiteral("code"),
             codedConcept(QStringLiteral("http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation"),
                          QStringLiteral("BID"), QStringLiteral("BID"))}};
        QVERIFY(
            !dpi->create(prescription(
                             patientRef,
                             QJsonObject{{QStringLiteral("timing"), bid},
                                         {QStringLiteral("text"), QStringLiteral("Appliquer sur la zone")},
                                         {QStringLiteral("route"), snomedRoute("6064005", "Topical route")}},
                             QStringLiteral("Crème émolliente")))
                 .isEmpty());
        const QJsonObject sixHourly{
            {QStringLiteral("repeat"), QJsonObject{{QStringLiteral("frequency"), 1},
                                                   {QStringLiteral("period"), 6},
                                                   {QStringLiteral("periodUnit"), QStringLiteral("h")}}}};
        QVERIFY(!dpi
                     ->create(prescription(
                         patientRef,
                         QJsonObject{
                             {QStringLiteral("timing"), sixHourly},
                             {QStringLiteral("asNeededCodeableConcept"),
                              QJsonObject{{QStringLiteral("text"), QStringLiteral("douleur")}}},
                             {QStringLiteral("route"), snomedRoute("26643006", "Oral route")},
                             {QStringLiteral("doseAndRate"), QJsonArray{doseOf(50, QStringLiteral("mg"))}}},
                         QStringLiteral("Tramadol 50 mg gélule")))
                     .isEmpty());
        QVERIFY(
            !dpi->create(QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Task")},
                                     {QStringLiteral("status"), QStringLiteral("requested")},
                                     {QStringLiteral("intent"), QStringLiteral("order")},
                                     {QStringLiteral("description"), QStringLiteral("Glycémie capillaire")},
                                     {QStringLiteral("for"), reference(patientRef)}})
                 .isEmpty());
        Result<SyncOutcome> pulled = sync();
        QVERIFY2(pulled, qPrintable(errorText(pulled)));

        Store &store = *device.store;
        const MedicationRequest iv =
            orderNamed(store, patient->id, QStringLiteral("Paracétamol 1 g/100 mL perfusion"));
        const MedicationRequest cream = orderNamed(store, patient->id, QStringLiteral("Crème émolliente"));
        const MedicationRequest prn = orderNamed(store, patient->id, QStringLiteral("Tramadol 50 mg gélule"));
        QVERIFY(iv.slotsMs.size() >= 3);
        QVERIFY(!cream.slotsMs.isEmpty());
        QVERIFY(prn.asNeeded);
        QVERIFY(cream.dose.unit.isEmpty()); // an order without a dose

        // Vitals (and one corrected, one voided), notes (one amended, one voided).
        Result<VitalsEntry> vitals = store.observations().recordVitals(
            patient->id, fullVitals(18, 96, false, 128, 76, 72, 37.1, Acvpu::Alert));
        QVERIFY2(vitals, qPrintable(errorText(vitals)));
        QVERIFY(store.observations().amend(vitals->observations.at(0).meta.id, 20, std::nullopt,
                                           QStringLiteral("recompté sur une minute")));
        QVERIFY(store.observations().enterInError(vitals->observations.at(1).meta.id,
                                                  QStringLiteral("mauvais patient")));
        NursingNote note;
        note.meta.patientId = patient->id;
        note.target = QStringLiteral("Douleur");
        note.data = QStringLiteral("EVA 6 au flanc droit");
        note.actions = QStringLiteral("Tramadol donné");
        note.results = QStringLiteral("EVA 3 à 30 min");
        Result<NursingNote> written = store.notes().record(note);
        QVERIFY(written);
        NursingNote corrected = *written;
        corrected.results = QStringLiteral("EVA 2 à 45 min");
        QVERIFY(store.notes().amend(written->meta.id, corrected, QStringLiteral("réévaluation")));
        Result<NursingNote> second = store.notes().record(note);
        QVERIFY(second);
        QVERIFY(store.notes().enterInError(second->meta.id, QStringLiteral("doublon")));

        // Doses: given, not given, given on an order without a dose, on demand, given then voided.
        Result<MedicationAdministration> given =
            store.medications().recordAdministration(doseFor(iv, iv.slotsMs.at(0)));
        QVERIFY2(given, qPrintable(errorText(given)));
        MedicationAdministration refused = doseFor(iv, iv.slotsMs.at(1));
        refused.status = AdministrationStatus::NotDone;
        refused.statusReason = QStringLiteral("Patient au bloc");
        QVERIFY(store.medications().recordAdministration(refused));
        QVERIFY(store.medications().recordAdministration(doseFor(cream, cream.slotsMs.at(0))));
        MedicationAdministration onDemand = doseFor(prn, 0);
        onDemand.reasonGiven = QStringLiteral("douleur EVA 6");
        QVERIFY(store.medications().recordAdministration(onDemand));
        Result<MedicationAdministration> mistaken =
            store.medications().recordAdministration(doseFor(iv, iv.slotsMs.at(2)));
        QVERIFY(mistaken);
        QVERIFY(store.medications().enterAdministrationInError(
            mistaken->meta.id, QStringLiteral("saisi sur le mauvais créneau")));

        // The task done, an allergy found at the bedside.
        Result<QList<CareTask>> tasks = store.tasks().forPatient(patient->id);
        QVERIFY(tasks && tasks->size() == 1);
        QVERIFY(store.tasks().complete(tasks->first().id));
        AllergyIntolerance allergy;
        allergy.patientId = patient->id;
        allergy.substanceSystem = QStringLiteral("http://snomed.info/sct");
        allergy.substanceCode = QStringLiteral("764146007");
        allergy.substanceDisplay = QStringLiteral("Pénicilline");
        allergy.criticality = AllergyCriticality::High;
        allergy.category = AllergyCategory::Medication;
        allergy.reactionText = QStringLiteral("urticaire");
        QVERIFY(store.allergies().record(allergy));

        Result<SyncOutcome> pushedAll = sync();
        QVERIFY2(pushedAll, qPrintable(errorText(pushedAll)));
        QCOMPARE(device.counts().pending, 0);

        QJsonArray sent;
        QMap<QString, int> byType;
        QSet<QString> administrationForms;
        for (const HttpRequest &r : std::as_const(transport.requests)) {
            for (const QJsonObject &resource : sentResources(r)) {
                sent.append(resource);
                const QString type = resource.value(QLatin1String("resourceType")).toString();
                ++byType[type];
                if (type == QLatin1String("MedicationAdministration")) {
                    administrationForms.insert(resource.value(QLatin1String("status")).toString());
                    if (resource.contains(QLatin1String("reasonCode")))
                        administrationForms.insert(QStringLiteral("as needed"));
                    if (!resource.contains(QLatin1String("dosage")))
                        administrationForms.insert(QStringLiteral("without a dose"));
                }
            }
        }
        // Every kind the engine sends is here, each administration form among them.
        for (const char *type :
             {"Patient", "Observation", "MedicationAdministration", "Task", "AllergyIntolerance"})
            QVERIFY2(byType.value(QString::fromLatin1(type)) > 0, type);
        for (const char *form : {"completed", "not-done", "entered-in-error", "as needed", "without a dose"})
            QVERIFY2(administrationForms.contains(QString::fromLatin1(form)), form);

        const Verdict v = validate(sent);
        QCOMPARE(v.lines.size(), sent.size());
        for (const QString &line : std::as_const(v.lines))
            QVERIFY2(line.startsWith(QLatin1String("ok ")), qPrintable(line));
        QCOMPARE(v.exitCode, 0);
        qInfo("%lld resources validated: %s", qlonglong(sent.size()), qPrintable([&]() {
                  QStringList parts;
                  for (auto it = byType.cbegin(); it != byType.cend(); ++it)
                      parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
                  return parts.join(QStringLiteral(", "));
              }()));
    }
};

QTEST_GUILESS_MAIN(TestR4Validity)
#include "tst_r4validity.moc"
