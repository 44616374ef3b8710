#include "storefixture.h"

#include "store/medicationrepository.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

// Every case runs once per key set, on a store of its own (see KeySetStoreSuite).
class TestMedicationRepository : public KeySetStoreSuite
{
    Q_OBJECT

private Q_SLOTS:
    void administrationsAreSafetyCritical()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("4001"));
        CHEVET_VERIFY_OK(patient);
        const RowCounts beforeRequest = counts();
        const Result<MedicationRequest> request =
            store().medications().saveRequest(paracetamolPrescription(patient->id));
        CHEVET_VERIFY_OK(request);
        QVERIFY(!request->id.isNull());
        // Prescriptions come from the DPI: stored and audited, never queued back.
        QCOMPARE(counts().records, beforeRequest.records + 1);
        QCOMPARE(counts().outbox, beforeRequest.outbox);
        QCOMPARE(counts().audit, beforeRequest.audit + 1);
        QCOMPARE(lastAudit(store()).action, QStringLiteral("prescription.import"));
        QVERIFY(outboxFor(store(), request->id).isEmpty());

        const Result<std::optional<MedicationRequest>> found = store().medications().findRequest(request->id);
        CHEVET_VERIFY_OK(found);
        QCOMPARE((*found)->medicationDisplay, QStringLiteral("Paracétamol 1 g cp"));
        QCOMPARE((*found)->slotsMs, request->slotsMs);
        QCOMPARE(store().medications().requestsForPatient(patient->id)->size(), 1);

        MedicationAdministration given;
        given.meta.patientId = patient->id;
        given.requestId = request->id;
        given.slotMs = request->slotsMs.first();
        const Result<MedicationAdministration> recorded = store().medications().recordAdministration(given);
        CHEVET_VERIFY_OK(recorded);
        QCOMPARE(recorded->status, AdministrationStatus::Completed);
        QCOMPARE(recorded->dose.value, 1000.0); // taken from the prescription
        QCOMPARE(recorded->dose.unit, QStringLiteral("mg"));
        QCOMPARE(recorded->route, QStringLiteral("oral"));
        QCOMPARE(recorded->meta.author, kTestAuthor);

        MedicationAdministration notGiven;
        notGiven.meta.patientId = patient->id;
        notGiven.requestId = request->id;
        notGiven.slotMs = request->slotsMs.last();
        notGiven.status = AdministrationStatus::NotDone;
        notGiven.statusReason = QStringLiteral("patient refuses");
        const Result<MedicationAdministration> refusedDose =
            store().medications().recordAdministration(notGiven);
        CHEVET_VERIFY_OK(refusedDose);
        QCOMPARE(lastAudit(store()).detail, QStringLiteral("not-done"));

        for (const QUuid &id : {recorded->meta.id, refusedDose->meta.id}) {
            const QList<OutboxEntry> queued = outboxFor(store(), id);
            QCOMPARE(queued.size(), 1);
            QCOMPARE(queued.first().priority, int(OutboxPriority::SafetyCritical));
            QCOMPARE(queued.first().recordType, QStringLiteral("administration"));
        }
        const Result<QList<MedicationAdministration>> administrations =
            store().medications().administrationsFor(request->id);
        CHEVET_VERIFY_OK(administrations);
        QCOMPARE(administrations->size(), 2);
        QCOMPARE(administrations->at(0).slotMs, request->slotsMs.first());
        QCOMPARE(administrations->at(0).status, AdministrationStatus::Completed);
        QCOMPARE(administrations->at(1).status, AdministrationStatus::NotDone);
        QCOMPARE(administrations->at(1).statusReason, QStringLiteral("patient refuses"));
    }

    void administrationRefusals_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("field");
        QTest::newRow("not given without a reason")
            << QStringLiteral("no reason") << ErrorCode(ValidationError::MissingValue)
            << QStringLiteral("reason");
        QTest::newRow("slot not in the prescription")
            << QStringLiteral("unknown slot") << ErrorCode(ValidationError::UnknownSlot)
            << QStringLiteral("slot");
        QTest::newRow("no slot") << QStringLiteral("no slot") << ErrorCode(ValidationError::MissingValue)
                                 << QStringLiteral("slot");
        QTest::newRow("another patient's prescription")
            << QStringLiteral("other patient") << ErrorCode(ValidationError::UnknownPrescription)
            << QStringLiteral("request");
        QTest::newRow("unknown prescription")
            << QStringLiteral("unknown request") << ErrorCode(ValidationError::UnknownPrescription)
            << QStringLiteral("request");
        QTest::newRow("negative dose") << QStringLiteral("negative dose")
                                       << ErrorCode(ValidationError::BadValue) << QStringLiteral("dose");
    }

    void administrationRefusals()
    {
        QFETCH(QString, change);
        QFETCH(ErrorCode, code);
        QFETCH(QString, field);
        const Result<Patient> patient = addPatient(store(), QStringLiteral("4002"));
        const Result<Patient> other = addPatient(store(), QStringLiteral("4003"));
        CHEVET_VERIFY_OK(patient);
        CHEVET_VERIFY_OK(other);
        const Result<MedicationRequest> request =
            store().medications().saveRequest(paracetamolPrescription(patient->id));
        CHEVET_VERIFY_OK(request);
        CHEVET_VERIFY_OK(store().medications().saveRequest(paracetamolPrescription(other->id)));

        MedicationAdministration a;
        a.meta.patientId = patient->id;
        a.requestId = request->id;
        a.slotMs = request->slotsMs.first();
        if (change == QLatin1String("no reason")) {
            a.status = AdministrationStatus::NotDone;
            a.statusReason = QStringLiteral(" ");
        } else if (change == QLatin1String("unknown slot")) {
            a.slotMs += 30 * kMinute;
        } else if (change == QLatin1String("no slot")) {
            a.slotMs = 0;
        } else if (change == QLatin1String("other patient")) {
            a.meta.patientId = other->id;
        } else if (change == QLatin1String("unknown request")) {
            a.requestId = QUuid::createUuid();
        } else {
            a.dose = Dose{-5, QStringLiteral("mg")};
        }
        const RowCounts before = counts();
        const Result<MedicationAdministration> recorded = store().medications().recordAdministration(a);
        QVERIFY(!recorded.ok());
        QCOMPARE(recorded.error().code, code);
        QCOMPARE(recorded.error().field, field);
        QCOMPARE(counts(), before);
        QVERIFY(store().medications().administrationsFor(request->id)->isEmpty());
    }

    // ux.md (shots 05-06): "Non administré" could be recorded on a dose already given, and both reached
    // the DPI. A dose given is final; a mistake is corrected as entered in error, with a reason.
    void aDoseGivenCannotAlsoBeNotGiven()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("4010"));
        CHEVET_VERIFY_OK(patient);
        const Result<MedicationRequest> request =
            store().medications().saveRequest(paracetamolPrescription(patient->id));
        CHEVET_VERIFY_OK(request);
        MedicationAdministration given;
        given.meta.patientId = patient->id;
        given.requestId = request->id;
        given.slotMs = request->slotsMs.first();
        const Result<MedicationAdministration> dose = store().medications().recordAdministration(given);
        CHEVET_VERIFY_OK(dose);

        MedicationAdministration notGiven = given;
        notGiven.meta = {};
        notGiven.meta.patientId = patient->id;
        notGiven.status = AdministrationStatus::NotDone;
        notGiven.statusReason = QStringLiteral("patient absent");
        const RowCounts before = counts();
        const Result<MedicationAdministration> refused = store().medications().recordAdministration(notGiven);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode(ValidationError::AlreadyGiven));
        QCOMPARE(counts(), before);

        // The correction: the dose record becomes entered in error (kept, versioned, sent, audited)...
        QVERIFY(!store().medications().enterAdministrationInError(dose->meta.id, QStringLiteral(" ")).ok());
        const Result<MedicationAdministration> voided =
            store().medications().enterAdministrationInError(dose->meta.id, QStringLiteral("wrong slot"));
        CHEVET_VERIFY_OK(voided);
        QCOMPARE(voided->status, AdministrationStatus::EnteredInError);
        QCOMPARE(voided->statusReason, QStringLiteral("wrong slot"));
        QCOMPARE(voided->meta.version, dose->meta.version + 1);
        QCOMPARE(voided->meta.clinicalTimeMs, dose->meta.clinicalTimeMs);
        QCOMPARE(lastAudit(store()).action, QStringLiteral("record.entered-in-error"));
        const QList<OutboxEntry> queued = outboxFor(store(), dose->meta.id);
        QVERIFY(!queued.isEmpty());
        QCOMPARE(queued.last().priority, int(OutboxPriority::SafetyCritical));
        // ...final...
        QVERIFY(
            !store().medications().enterAdministrationInError(dose->meta.id, QStringLiteral("again")).ok());
        // ...and the slot may now be documented as not given.
        CHEVET_VERIFY_OK(store().medications().recordAdministration(notGiven));
        const Result<QList<MedicationAdministration>> all =
            store().medications().administrationsFor(request->id);
        CHEVET_VERIFY_OK(all);
        QCOMPARE(all->size(), 2);
    }

    // Review finding: "given" after "not given" for one slot reached the DPI as two contradicting
    // records. The not-given record is corrected first.
    void aDoseNotGivenCannotThenBeGiven()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("4012"));
        CHEVET_VERIFY_OK(patient);
        const Result<MedicationRequest> request =
            store().medications().saveRequest(paracetamolPrescription(patient->id));
        CHEVET_VERIFY_OK(request);
        MedicationAdministration notGiven;
        notGiven.meta.patientId = patient->id;
        notGiven.requestId = request->id;
        notGiven.slotMs = request->slotsMs.first();
        notGiven.status = AdministrationStatus::NotDone;
        notGiven.statusReason = QStringLiteral("patient au bloc");
        const Result<MedicationAdministration> documented =
            store().medications().recordAdministration(notGiven);
        CHEVET_VERIFY_OK(documented);
        MedicationAdministration given;
        given.meta.patientId = patient->id;
        given.requestId = request->id;
        given.slotMs = request->slotsMs.first();
        const Result<MedicationAdministration> refused = store().medications().recordAdministration(given);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode(ValidationError::DocumentedNotGiven));
        CHEVET_VERIFY_OK(store().medications().enterAdministrationInError(documented->meta.id,
                                                                          QStringLiteral("revenu du bloc")));
        CHEVET_VERIFY_OK(store().medications().recordAdministration(given));
    }

    // Review finding: an order with scheduled doses and an as-needed instruction keeps both.
    void anOrderMayBeScheduledAndAsNeeded()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("4013"));
        CHEVET_VERIFY_OK(patient);
        MedicationRequest mixed = paracetamolPrescription(patient->id);
        mixed.asNeeded = true;
        DoseTiming onDemand;
        onDemand.frequency = 1;
        onDemand.period = 6;
        onDemand.periodUnit = QStringLiteral("h");
        onDemand.asNeeded = true;
        mixed.timings = {onDemand};
        const Result<MedicationRequest> request = store().medications().saveRequest(mixed);
        CHEVET_VERIFY_OK(request);
        QCOMPARE(request->slotsMs.size(), 2); // the scheduled doses stay
        MedicationAdministration scheduled;
        scheduled.meta.patientId = patient->id;
        scheduled.requestId = request->id;
        scheduled.slotMs = request->slotsMs.first();
        const Result<MedicationAdministration> atSlot = store().medications().recordAdministration(scheduled);
        CHEVET_VERIFY_OK(atSlot);
        QCOMPARE(atSlot->slotMs, request->slotsMs.first());
        MedicationAdministration extra;
        extra.meta.patientId = patient->id;
        extra.requestId = request->id;
        extra.reasonGiven = QStringLiteral("douleur");
        const Result<MedicationAdministration> prn = store().medications().recordAdministration(extra);
        CHEVET_VERIFY_OK(prn);
        QCOMPARE(prn->slotMs, prn->meta.clinicalTimeMs);
    }

    // An as-needed order: the dose's slot is when it was given, and why it was given is required.
    void asNeededDosesAreTheirOwnSlot()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("4011"));
        CHEVET_VERIFY_OK(patient);
        MedicationRequest prn = paracetamolPrescription(patient->id);
        prn.slotsMs.clear();
        prn.asNeeded = true;
        prn.asNeededReason = QStringLiteral("douleur");
        DoseTiming sixHourly;
        sixHourly.frequency = 1;
        sixHourly.period = 6;
        sixHourly.periodUnit = QStringLiteral("h");
        sixHourly.asNeeded = true;
        prn.timings = {sixHourly};
        const Result<MedicationRequest> request = store().medications().saveRequest(prn);
        CHEVET_VERIFY_OK(request);
        const Result<std::optional<MedicationRequest>> found = store().medications().findRequest(request->id);
        CHEVET_VERIFY_OK(found);
        QVERIFY((*found)->asNeeded);
        QVERIFY((*found)->slotsMs.isEmpty()); // no schedule: "every 6 h if needed" is an interval

        MedicationAdministration onDemand;
        onDemand.meta.patientId = patient->id;
        onDemand.requestId = request->id;
        const Result<MedicationAdministration> noReason =
            store().medications().recordAdministration(onDemand);
        QVERIFY(!noReason.ok());
        QCOMPARE(noReason.error().field, QStringLiteral("reasonGiven"));
        onDemand.reasonGiven = QStringLiteral("douleur EVA 6");
        const Result<MedicationAdministration> given = store().medications().recordAdministration(onDemand);
        CHEVET_VERIFY_OK(given);
        QVERIFY(given->slotMs > 0);
        QCOMPARE(given->slotMs, given->meta.clinicalTimeMs);
        const Result<QList<MedicationAdministration>> all =
            store().medications().administrationsFor(request->id);
        CHEVET_VERIFY_OK(all);
        QCOMPARE(all->first().reasonGiven, QStringLiteral("douleur EVA 6"));
    }
};

QTEST_GUILESS_MAIN(TestMedicationRepository)
#include "moc_storefixture.cpp"
#include "tst_medicationrepository.moc"
