// The sync engine end to end, three ways: in-process loopback, real HTTP against chevet-dpi, and real
// HTTP against a weaker chevet-dpi (no type-level history, transactions capped at 8 entries).
#include "fhir/bundle.h"
#include "store/allergyrepository.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/taskrepository.h"
#include "sync/capabilitycache.h"
#include "sync/conflictresolver.h"
#include "syncfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace chevet;

namespace {

struct Variant
{
    DpiHarness::Mode mode;
    bool history;
    int cap;
};

} // namespace

Q_DECLARE_METATYPE(Variant)

class TestSyncRun : public QObject
{
    Q_OBJECT

    static void variants()
    {
        QTest::addColumn<Variant>("variant");
        QTest::newRow("loopback") << Variant{DpiHarness::Mode::Loopback, true, 0};
        QTest::newRow("http") << Variant{DpiHarness::Mode::Http, true, 0};
        QTest::newRow("http, no history, 8 per bundle") << Variant{DpiHarness::Mode::Http, false, 8};
    }

    static DpiConfig configFor(const Variant &v)
    {
        DpiConfig c;
        c.history = v.history;
        c.maxBundleEntries = v.cap;
        return c;
    }

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void offlineRecordsArriveOnceWithVersions_data() { variants(); }
    void offlineRecordsArriveOnceWithVersions()
    {
        QFETCH(Variant, variant);
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(variant.mode, configFor(variant), folder.path());
        Device device;
        Result<Patient> patient =
            addPatient(*device.store, QStringLiteral("700001"), nirWithKey(QStringLiteral("1480375123456")));
        QVERIFY2(patient, qPrintable(errorText(patient)));
        QList<QUuid> observations;
        for (int i = 0; i < 5; ++i) {
            Result<VitalsEntry> entry =
                device.store->observations().recordVitals(patient->id, normalVitals());
            QVERIFY(entry);
            for (const Observation &o : entry->observations)
                observations.append(o.meta.id);
        }
        NursingNote note;
        note.meta.patientId = patient->id;
        note.target = QStringLiteral("Douleur");
        note.data = QStringLiteral("EVA 6");
        QVERIFY(device.store->notes().record(note));

        Result<SyncOutcome> outcome = device.sync(*dpi);
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        QCOMPARE(outcome->counts.pushed, 1 + observations.size() + 1);
        QCOMPARE(outcome->counts.quarantined, 0);
        QCOMPARE(device.counts().pending, 0);
        if (variant.cap > 0)
            QVERIFY(outcome->chunkSize <= variant.cap);

        const QHash<QString, int> onDpi = identifierCounts(dpi->all(QStringLiteral("Observation")));
        for (const QUuid &id : observations)
            QCOMPARE(onDpi.value(clientIdentifier(id)), 1);
        QCOMPARE(dpi->all(QStringLiteral("Patient")).size(), 1);

        // Delivered means confirmed with a version.
        Result<std::optional<Observation>> stored = device.store->observations().find(observations.first());
        QVERIFY(stored && *stored);
        QVERIFY(!(*stored)->meta.serverId.isEmpty());
        QVERIFY(!(*stored)->meta.serverVersion.isEmpty());

        // A second run sends nothing again.
        Result<SyncOutcome> again = device.sync(*dpi);
        QVERIFY(again);
        QCOMPARE(again->counts.pushed, 0);
        QCOMPARE(identifierCounts(dpi->all(QStringLiteral("Observation"))).size(), observations.size() + 1);
    }

    void amendmentIsAnUpdateOnTheBaseVersion_data() { variants(); }
    void amendmentIsAnUpdateOnTheBaseVersion()
    {
        QFETCH(Variant, variant);
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(variant.mode, configFor(variant), folder.path());
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("700002"));
        QVERIFY(patient);
        VitalsInput pulse;
        pulse.pulse = 88;
        Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, pulse);
        QVERIFY(entry);
        QVERIFY(device.sync(*dpi));
        const QUuid id = entry->observations.first().meta.id;
        QVERIFY(device.store->observations().amend(id, 98, std::nullopt,
                                                   QStringLiteral("mauvais patient-moniteur")));
        Result<SyncOutcome> outcome = device.sync(*dpi);
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        QCOMPARE(outcome->counts.pushed, 1);
        const QList<QJsonObject> onDpi = dpi->all(QStringLiteral("Observation"));
        QCOMPARE(onDpi.size(), 1);
        QCOMPARE(onDpi.first().value(QLatin1String("status")).toString(), QStringLiteral("amended"));
        QCOMPARE(onDpi.first()
                     .value(QLatin1String("valueQuantity"))
                     .toObject()
                     .value(QLatin1String("value"))
                     .toDouble(),
                 98.0);
        QCOMPARE(onDpi.first()
                     .value(QLatin1String("meta"))
                     .toObject()
                     .value(QLatin1String("versionId"))
                     .toString(),
                 QStringLiteral("2"));
    }

    void concurrentDpiEditIsAConflictWithBothSidesKept_data() { variants(); }
    void concurrentDpiEditIsAConflictWithBothSidesKept()
    {
        QFETCH(Variant, variant);
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(variant.mode, configFor(variant), folder.path());
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("700003"));
        QVERIFY(patient);
        VitalsInput temp;
        temp.temperature = 38.2;
        Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, temp);
        QVERIFY(entry && device.sync(*dpi));
        const QUuid id = entry->observations.first().meta.id;

        // Someone at the DPI corrects it meanwhile...
        QJsonObject remote = dpi->all(QStringLiteral("Observation")).first();
        QJsonObject quantity = remote.value(QLatin1String("valueQuantity")).toObject();
        quantity.insert(QStringLiteral("value"), 37.2);
        remote.insert(QStringLiteral("valueQuantity"), quantity);
        remote.insert(QStringLiteral("status"), QStringLiteral("amended"));
        const QString target = QStringLiteral("Observation/") + remote.value(QLatin1String("id")).toString();
        QCOMPARE(dpi->put(target, remote)
                     .value(QLatin1String("meta"))
                     .toObject()
                     .value(QLatin1String("versionId"))
                     .toString(),
                 QStringLiteral("2"));
        // ...while the nurse amends it offline.
        QVERIFY(device.store->observations().amend(id, 39.0, std::nullopt, QStringLiteral("recontrôlée")));

        Result<SyncOutcome> outcome = device.sync(*dpi);
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        QCOMPARE(outcome->counts.conflicts, 1);
        QCOMPARE(outcome->counts.pushed, 0);
        // Nothing overwritten: the DPI keeps its value, the device keeps its own, the conflict holds the
        // DPI's.
        const QJsonObject now = dpi->get(target);
        QCOMPARE(
            now.value(QLatin1String("valueQuantity")).toObject().value(QLatin1String("value")).toDouble(),
            37.2);
        Result<std::optional<Observation>> local = device.store->observations().find(id);
        QVERIFY(local && *local);
        QCOMPARE((*local)->value, 39.0);
        Result<QList<ParkedConflict>> parked = device.store->conflicts().open();
        QVERIFY(parked);
        QCOMPARE(parked->size(), 1);
        QCOMPARE(parked->first().recordId, id);
        QCOMPARE(parked->first().rule, QStringLiteral("amendment-conflict")); // value changed on both sides
        QCOMPARE(parked->first().remoteVersion, QStringLiteral("2"));
        QVERIFY(parked->first().remote.contains("37.2"));
        QCOMPARE(device.counts().conflicts, 1);
        QCOMPARE(device.counts().pending, 0);

        // A nurse decides: the bedside value stands. It goes as an update on the DPI's version.
        ConflictResolver resolver(*device.store);
        QVERIFY(resolver.resolve(parked->first().id, ConflictResolver::Choice::TakeLocal));
        QCOMPARE(device.store->conflicts().open()->size(), 0);
        QCOMPARE(lastAudit(*device.store).action, QStringLiteral("conflict.resolve"));
        Result<SyncOutcome> after = device.sync(*dpi);
        QVERIFY2(after, after ? "" : qPrintable(after.error().toString()));
        QCOMPARE(after->counts.pushed, 1);
        const QJsonObject decided = dpi->get(target);
        QCOMPARE(
            decided.value(QLatin1String("valueQuantity")).toObject().value(QLatin1String("value")).toDouble(),
            39.0);
        QCOMPARE(decided.value(QLatin1String("meta")).toObject().value(QLatin1String("versionId")).toString(),
                 QStringLiteral("3"));
        QCOMPARE(device.counts().pending, 0);
        QCOMPARE(device.counts().conflicts, 0);
    }

    void disjointEditsMergeAndEnteredInErrorWins_data() { variants(); }
    void disjointEditsMergeAndEnteredInErrorWins()
    {
        QFETCH(Variant, variant);
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(variant.mode, configFor(variant), folder.path());
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("700005"));
        QVERIFY(patient);
        NursingNote note;
        note.meta.patientId = patient->id;
        note.target = QStringLiteral("Douleur");
        note.data = QStringLiteral("EVA 6");
        note.actions = QStringLiteral("Paracétamol 1 g");
        Result<NursingNote> recorded = device.store->notes().record(note);
        VitalsInput pulse;
        pulse.pulse = 90;
        Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, pulse);
        QVERIFY(recorded && entry && device.sync(*dpi));

        // The DPI's user completes the Résultats section; the nurse corrects the Actions offline.
        const QList<QJsonObject> onDpi = dpi->all(QStringLiteral("Observation"));
        QJsonObject remoteNote;
        QJsonObject remotePulse;
        for (const QJsonObject &o : onDpi)
            (o.value(QLatin1String("code"))
                         .toObject()
                         .value(QLatin1String("coding"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QLatin1String("code"))
                         .toString() == QLatin1String("34746-8")
                 ? remoteNote
                 : remotePulse) = o;
        QJsonArray sections = remoteNote.value(QLatin1String("component")).toArray();
        for (qsizetype i = 0; i < sections.size(); ++i) {
            QJsonObject section = sections[i].toObject();
            if (section.value(QLatin1String("code"))
                    .toObject()
                    .value(QLatin1String("coding"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QLatin1String("code"))
                    .toString() == QLatin1String("results")) {
                section.insert(QStringLiteral("valueString"), QStringLiteral("EVA 2 à 1 h"));
                sections[i] = section;
            }
        }
        if (!remoteNote.value(QLatin1String("component")).toArray().isEmpty()) {
            bool hadResults = false;
            for (const QJsonValue &v : std::as_const(sections))
                hadResults = hadResults || v.toObject().value(QLatin1String("valueString")).toString() ==
                                               QLatin1String("EVA 2 à 1 h");
            if (!hadResults)
                sections.append(QJsonObject{
                    {QStringLiteral("code"),
                     QJsonObject{
                         {QStringLiteral("coding"),
                          QJsonArray{QJsonObject{
                              {QStringLiteral("system"),
                               QStringLiteral("https://fhir.chevet.invalid/CodeSystem/transmission-section")},
                              {QStringLiteral("code"), QStringLiteral("results")}}}}}},
                    {QStringLiteral("valueString"), QStringLiteral("EVA 2 à 1 h")}});
        }
        remoteNote.insert(QStringLiteral("component"), sections);
        remoteNote.insert(QStringLiteral("status"), QStringLiteral("amended"));
        const QString noteTarget =
            QStringLiteral("Observation/") + remoteNote.value(QLatin1String("id")).toString();
        dpi->put(noteTarget, remoteNote);
        NursingNote corrected = *recorded;
        corrected.actions = QStringLiteral("Paracétamol 1 g PO à 10 h");
        QVERIFY(device.store->notes().amend(recorded->meta.id, corrected, QStringLiteral("précision")));

        // The DPI amends the pulse; the nurse marks it entered in error (wrong patient): that wins.
        QJsonObject quantity = remotePulse.value(QLatin1String("valueQuantity")).toObject();
        quantity.insert(QStringLiteral("value"), 92);
        remotePulse.insert(QStringLiteral("valueQuantity"), quantity);
        remotePulse.insert(QStringLiteral("status"), QStringLiteral("amended"));
        const QString pulseTarget =
            QStringLiteral("Observation/") + remotePulse.value(QLatin1String("id")).toString();
        dpi->put(pulseTarget, remotePulse);
        QVERIFY(device.store->observations().enterInError(entry->observations.first().meta.id,
                                                          QStringLiteral("mauvais patient")));

        Result<SyncOutcome> outcome = device.sync(*dpi);
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        QCOMPARE(outcome->counts.conflicts, 0);
        QCOMPARE(device.counts().pending, 0);

        const QJsonObject mergedNote = dpi->get(noteTarget);
        const QString text = QString::fromUtf8(QJsonDocument(mergedNote).toJson());
        QVERIFY2(text.contains(QStringLiteral("EVA 2 à 1 h")), "the DPI's edit is kept");
        QVERIFY2(text.contains(QStringLiteral("Paracétamol 1 g PO à 10 h")), "the nurse's edit is kept");
        QCOMPARE(dpi->get(pulseTarget).value(QLatin1String("status")).toString(),
                 QStringLiteral("entered-in-error"));
    }

    void deletedInTheDpiWhileEditedHereGoesToAPerson_data() { variants(); }
    void deletedInTheDpiWhileEditedHereGoesToAPerson()
    {
        QFETCH(Variant, variant);
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(variant.mode, configFor(variant), folder.path());
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("700006"));
        QVERIFY(patient);
        VitalsInput temp;
        temp.temperature = 37.9;
        Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, temp);
        QVERIFY(entry && device.sync(*dpi));
        const QString target =
            QStringLiteral("Observation/") +
            dpi->all(QStringLiteral("Observation")).first().value(QLatin1String("id")).toString();
        QCOMPARE(dpi->direct(QByteArrayLiteral("DELETE"), target).status, 204);
        const QUuid id = entry->observations.first().meta.id;
        QVERIFY(device.store->observations().amend(id, 38.4, std::nullopt, QStringLiteral("recontrôle")));

        Result<SyncOutcome> outcome = device.sync(*dpi);
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        QCOMPARE(outcome->counts.conflicts, 1);
        Result<QList<ParkedConflict>> parked = device.store->conflicts().open();
        QVERIFY(parked && parked->size() == 1);
        QCOMPARE(parked->first().rule, QStringLiteral("deleted-in-dpi"));
        Result<std::optional<Observation>> local = device.store->observations().find(id);
        QVERIFY(local && *local);
        QCOMPARE((*local)->value, 38.4); // the local edit is kept until someone decides
        QCOMPARE(device.counts().conflicts, 1);
        QCOMPARE(dpi->direct(QByteArrayLiteral("GET"), target).status, 410); // and nothing was forced back
    }

    void demoWardIsPulledThenOnlyChanges_data() { variants(); }
    void demoWardIsPulledThenOnlyChanges()
    {
        QFETCH(Variant, variant);
        QTemporaryDir folder;
        DpiConfig config = configFor(variant);
        config.seedDemo = true;
        auto dpi = DpiHarness::start(variant.mode, config, folder.path());
        Device device;
        SyncScope ward;
        ward.unit = QStringLiteral("unit-cardio");
        Result<SyncOutcome> first = device.sync(*dpi, ward);
        QVERIFY2(first, first ? "" : qPrintable(first.error().toString()));
        Result<QList<Patient>> patients = device.store->patients().all();
        QVERIFY(patients);
        QCOMPARE(patients->size(), 24);
        QVERIFY(first->counts.pulled > 24 * 3);
        for (const Patient &p : *patients)
            QVERIFY(!p.serverId.isEmpty());
        Result<QList<CareTask>> tasks = device.store->tasks().forPatient(patients->first().id);
        QVERIFY(tasks && !tasks->isEmpty());

        Result<SyncOutcome> second = device.sync(*dpi, ward);
        QVERIFY(second);
        QCOMPARE(second->counts.pulled, 0);

        // A task completed at the DPI reaches the device on the next sync.
        const QJsonObject taskJson = dpi->get(QStringLiteral("Task/") + tasks->first().serverId);
        QJsonObject done = taskJson;
        done.insert(QStringLiteral("status"), QStringLiteral("completed"));
        dpi->put(QStringLiteral("Task/") + tasks->first().serverId, done);
        Result<SyncOutcome> third = device.sync(*dpi, ward);
        QVERIFY(third);
        QCOMPARE(third->counts.pulled, 1);
        Result<std::optional<CareTask>> local = device.store->tasks().find(tasks->first().id);
        QVERIFY(local && *local);
        QCOMPARE((*local)->status, TaskStatus::Completed);
    }

    void allergiesAndIdentityStatusesOfTheDemoWardArePulled_data() { variants(); }
    void allergiesAndIdentityStatusesOfTheDemoWardArePulled()
    {
        QFETCH(Variant, variant);
        QTemporaryDir folder;
        DpiConfig config = configFor(variant);
        config.seedDemo = true;
        auto dpi = DpiHarness::start(variant.mode, config, folder.path());
        Device device;
        SyncScope ward;
        ward.unit = QStringLiteral("unit-cardio");
        Result<SyncOutcome> first = device.sync(*dpi, ward);
        QVERIFY2(first, first ? "" : qPrintable(first.error().toString()));

        auto patient = [&](const char *serverId) {
            Result<std::optional<Patient>> p =
                device.store->patients().findByServerId(QLatin1String(serverId));
            return p && *p ? **p : Patient{};
        };
        auto allergies = [&](const Patient &p) {
            Result<QList<AllergyIntolerance>> list = device.store->allergies().forPatient(p.id);
            return list ? *list : QList<AllergyIntolerance>{};
        };
        // pat-001: a qualified identity, allergic to penicillins (high criticality).
        const Patient odile = patient("pat-001");
        QVERIFY(!odile.id.isNull());
        QCOMPARE(odile.identityStatus, IdentityStatus::Qualified);
        QVERIFY(odile.insQualified());
        const QList<AllergyIntolerance> penicillin = allergies(odile);
        QCOMPARE(penicillin.size(), 1);
        QCOMPARE(penicillin.first().substanceDisplay, QStringLiteral("Pénicillines"));
        QCOMPARE(penicillin.first().substanceCode, QStringLiteral("J01C"));
        QCOMPARE(penicillin.first().criticality, std::optional<AllergyCriticality>(AllergyCriticality::High));
        QCOMPARE(penicillin.first().category, std::optional<AllergyCategory>(AllergyCategory::Medication));
        QCOMPARE(penicillin.first().verificationStatus, AllergyVerificationStatus::Confirmed);
        QCOMPARE(penicillin.first().reactionText, QStringLiteral("Œdème de Quincke"));
        QVERIFY(!penicillin.first().serverVersion.isEmpty());
        // pat-006: two, the high-criticality one first.
        const QList<AllergyIntolerance> two = allergies(patient("pat-006"));
        QCOMPARE(two.size(), 2);
        QCOMPARE(two.first().substanceDisplay, QStringLiteral("Arachide"));
        QVERIFY(two.first().substanceCode.isEmpty()); // free text in the DPI
        // pat-012: a provisional identity without INS, and an explicit "no known allergy".
        const Patient provisional = patient("pat-012");
        QCOMPARE(provisional.identityStatus, IdentityStatus::Provisional);
        QVERIFY(!provisional.ins());
        QVERIFY(!provisional.insQualified());
        const QList<AllergyIntolerance> none = allergies(provisional);
        QCOMPARE(none.size(), 1);
        QVERIFY(none.first().isNoKnownAllergy());
        // pat-005: INS recovered but not checked against an identity document; no allergy recorded.
        const Patient recovered = patient("pat-005");
        QCOMPARE(recovered.identityStatus, IdentityStatus::Recovered);
        QVERIFY(recovered.ins());
        QVERIFY(!recovered.insQualified());
        QVERIFY(allergies(recovered).isEmpty());
        // The ward's 24 patients hold 21 allergy records (the round's are not in scope).
        Result<QList<Patient>> all = device.store->patients().all();
        QVERIFY(all);
        qsizetype count = 0;
        for (const Patient &p : *all)
            count += allergies(p).size();
        QCOMPARE(count, 21);

        Result<SyncOutcome> second = device.sync(*dpi, ward);
        QVERIFY(second);
        QCOMPARE(second->counts.pulled, 0);

        // Entered in error at the DPI: the next sync takes it off the chart.
        const QString target = QStringLiteral("AllergyIntolerance/") + penicillin.first().serverId;
        QJsonObject voided = dpi->get(target);
        voided.remove(QStringLiteral("clinicalStatus"));
        voided.insert(QStringLiteral("verificationStatus"),
                      QJsonObject{{QStringLiteral("coding"),
                                   QJsonArray{QJsonObject{
                                       {QStringLiteral("system"),
                                        QStringLiteral("http://terminology.hl7.org/CodeSystem/"
                                                       "allergyintolerance-verification")},
                                       {QStringLiteral("code"), QStringLiteral("entered-in-error")}}}}});
        dpi->put(target, voided);
        Result<SyncOutcome> third = device.sync(*dpi, ward);
        QVERIFY2(third, third ? "" : qPrintable(third.error().toString()));
        QCOMPARE(third->counts.pulled, 1);
        QVERIFY(allergies(odile).isEmpty());
        Result<std::optional<AllergyIntolerance>> kept =
            device.store->allergies().find(penicillin.first().id);
        QVERIFY(kept && *kept);
        QCOMPARE((*kept)->verificationStatus, AllergyVerificationStatus::EnteredInError);
    }

    void allergyRecordedAtTheBedsideReachesTheDpiOnce_data() { variants(); }
    void allergyRecordedAtTheBedsideReachesTheDpiOnce()
    {
        QFETCH(Variant, variant);
        QTemporaryDir folder;
        DpiConfig config = configFor(variant);
        config.seedDemo = true;
        auto dpi = DpiHarness::start(variant.mode, config, folder.path());
        Device device;
        SyncScope ward;
        ward.unit = QStringLiteral("unit-cardio");
        QVERIFY(device.sync(*dpi, ward));
        Result<std::optional<Patient>> patient =
            device.store->patients().findByServerId(QStringLiteral("pat-005"));
        QVERIFY(patient && *patient);
        AllergyIntolerance latex;
        latex.patientId = (*patient)->id;
        latex.substanceSystem = QStringLiteral("http://snomed.info/sct");
        latex.substanceCode = QStringLiteral("111088007");
        latex.substanceDisplay = QStringLiteral("Latex");
        latex.criticality = AllergyCriticality::High;
        latex.category = AllergyCategory::Environment;
        latex.reactionText = QStringLiteral("Urticaire de contact");
        const Result<AllergyIntolerance> recorded = device.store->allergies().record(latex);
        QVERIFY(recorded);

        Result<SyncOutcome> pushed = device.sync(*dpi, ward);
        QVERIFY2(pushed, pushed ? "" : qPrintable(pushed.error().toString()));
        QCOMPARE(device.counts().pending, 0);
        const QList<QJsonObject> onDpi =
            dpi->all(QStringLiteral("AllergyIntolerance"), QStringLiteral("patient=Patient/pat-005"));
        QCOMPARE(onDpi.size(), 1);
        QCOMPARE(identifierCounts(onDpi).value(clientIdentifier(recorded->id)), 1);
        QCOMPARE(onDpi.first().value(QLatin1String("criticality")).toString(), QStringLiteral("high"));
        QCOMPARE(onDpi.first()
                     .value(QLatin1String("recorder"))
                     .toObject()
                     .value(QLatin1String("identifier"))
                     .toObject()
                     .value(QLatin1String("value"))
                     .toString(),
                 QStringLiteral("nurse-a"));
        Result<std::optional<AllergyIntolerance>> local = device.store->allergies().find(recorded->id);
        QVERIFY(local && *local);
        QVERIFY(!(*local)->serverId.isEmpty());

        // A second device sees it; the first pulls nothing back.
        Device other(QStringLiteral("nurse-b"));
        QVERIFY(other.sync(*dpi, ward));
        Result<std::optional<Patient>> there =
            other.store->patients().findByServerId(QStringLiteral("pat-005"));
        QVERIFY(there && *there);
        const Result<QList<AllergyIntolerance>> seen = other.store->allergies().forPatient((*there)->id);
        QVERIFY(seen);
        QCOMPARE(seen->size(), 1);
        QCOMPARE(seen->first().id, recorded->id); // the same client id on every device
        QCOMPARE(seen->first().recordedBy, QStringLiteral("nurse-a"));
        Result<SyncOutcome> again = device.sync(*dpi, ward);
        QVERIFY(again);
        QCOMPARE(again->counts.pulled, 0);
    }

    void allergiesArePulledOnlyFromADpiThatOffersThem()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        config.allergies = false; // the harness answers 404 to any AllergyIntolerance request
        auto dpi = DpiHarness::start(DpiHarness::Mode::Loopback, config, folder.path());
        Device device;
        SyncScope ward;
        ward.unit = QStringLiteral("unit-cardio");
        Result<SyncOutcome> first = device.sync(*dpi, ward);
        QVERIFY2(first, first ? "" : qPrintable(first.error().toString()));
        Result<std::optional<Patient>> odile =
            device.store->patients().findByServerId(QStringLiteral("pat-001"));
        QVERIFY(odile && *odile);
        QVERIFY(!device.store->tasks().forPatient((*odile)->id)->isEmpty());
        QVERIFY(device.store->allergies().forPatient((*odile)->id)->isEmpty());

        // The DPI starts offering them (or this build is new on a device that synced before): the
        // patients are known, yet their allergies are pulled in full, not only later changes.
        dpi->setServesAllergies(true);
        // The device keeps the DPI's CapabilityStatement for an hour (CapabilityCache): an hour later.
        QVERIFY(CapabilityCache(*device.store, QString()).forget());
        Result<SyncOutcome> second = device.sync(*dpi, ward);
        QVERIFY2(second, second ? "" : qPrintable(second.error().toString()));
        QCOMPARE(second->counts.pulled, 21);
        const Result<QList<AllergyIntolerance>> now = device.store->allergies().forPatient((*odile)->id);
        QVERIFY(now);
        QCOMPARE(now->size(), 1);
        QCOMPARE(now->first().substanceDisplay, QStringLiteral("Pénicillines"));
        Result<SyncOutcome> third = device.sync(*dpi, ward);
        QVERIFY(third);
        QCOMPARE(third->counts.pulled, 0);
    }

    void deletionInTheDpiReachesTheDevice_data() { variants(); }
    void deletionInTheDpiReachesTheDevice()
    {
        QFETCH(Variant, variant);
        QTemporaryDir folder;
        DpiConfig config = configFor(variant);
        config.seedDemo = true;
        auto dpi = DpiHarness::start(variant.mode, config, folder.path());
        Device device;
        SyncScope ward;
        ward.unit = QStringLiteral("unit-cardio");
        QVERIFY(device.sync(*dpi, ward));
        Result<QList<Patient>> patients = device.store->patients().all();
        QVERIFY(patients && !patients->isEmpty());
        Result<QList<CareTask>> before = device.store->tasks().forPatient(patients->first().id);
        QVERIFY(before && !before->isEmpty());
        QCOMPARE(dpi->direct(QByteArrayLiteral("DELETE"), QStringLiteral("Task/") + before->first().serverId)
                     .status,
                 204);
        Result<SyncOutcome> outcome = device.sync(*dpi, ward);
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        Result<QList<CareTask>> after = device.store->tasks().forPatient(patients->first().id);
        QVERIFY(after);
        QCOMPARE(after->size(), before->size() - 1);
    }

    void thousandsOfRecordsThroughFaultsArriveExactlyOnce_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("loopback") << int(DpiHarness::Mode::Loopback);
        QTest::newRow("http") << int(DpiHarness::Mode::Http);
    }
    void thousandsOfRecordsThroughFaultsArriveExactlyOnce()
    {
        QFETCH(int, mode);
        QTemporaryDir folder;
        DpiConfig config;
        // A run succeeds only if every one of its requests does. Each complete pull re-reads the last two
        // minutes of changes (late commits, sync-audit §18): here all 2000 records, ten pages. In-process,
        // where requests are free, the faults are a little rarer so that such runs still happen; the
        // draws are seeded, so the outcome is the same on every run.
        const bool inProcess = mode == int(DpiHarness::Mode::Loopback);
        config.failRate = inProcess ? 0.1 : 0.15; // 503 before doing anything
        config.dropRate = inProcess ? 0.1 : 0.15; // commit, then lose the answer
        config.latencyMs = mode == int(DpiHarness::Mode::Http) ? 2 : 1;
        config.faultSeed = 20261122;
        auto dpi = DpiHarness::start(DpiHarness::Mode(mode), config, folder.path());
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("700004"));
        QVERIFY(patient);
        QList<QUuid> ids;
        VitalsInput pulse;
        for (int i = 0; i < 2000; ++i) {
            pulse.pulse = 60 + i % 40;
            Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, pulse);
            QVERIFY(entry);
            ids.append(entry->observations.first().meta.id);
        }
        const int runs = device.syncUntilDone(*dpi);
        QVERIFY(runs > 0);
        qInfo("2000 records delivered through faults in %d sync runs", runs);
        QCOMPARE(device.counts().pending, 0);
        QCOMPARE(device.counts().quarantined, 0);
        QCOMPARE(device.counts().delivered, 2001);
        const QHash<QString, int> onDpi = identifierCounts(dpi->all(QStringLiteral("Observation")));
        QCOMPARE(onDpi.size(), ids.size());
        for (const QUuid &id : std::as_const(ids))
            QCOMPARE(onDpi.value(clientIdentifier(id)), 1);
        QCOMPARE(dpi->all(QStringLiteral("Patient")).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncRun)
#include "tst_syncrun.moc"
