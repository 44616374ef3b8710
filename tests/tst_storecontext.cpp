// StoreContext is the one local write path every repository goes through: each refuses a record for a
// patient this device does not hold, and leaves every table as it was.

#include "storefixture.h"

#include "store/encounterrepository.h"
#include "store/medicationrepository.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/taskrepository.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

// Every case runs once per key set, on a store of its own (see KeySetStoreSuite).
class TestStoreContext : public KeySetStoreSuite
{
    Q_OBJECT

private Q_SLOTS:
    void recordsForAnUnknownPatientAreRefused_data()
    {
        QTest::addColumn<QString>("record");
        QTest::addColumn<QString>("patient");
        for (const char *record : {"vitals", "note", "administration", "prescription", "task", "encounter"}) {
            for (const char *patient : {"unknown", "null", "not a patient"})
                QTest::addRow("%s, %s", record, patient)
                    << QString::fromLatin1(record) << QString::fromLatin1(patient);
        }
    }

    void recordsForAnUnknownPatientAreRefused()
    {
        QFETCH(QString, record);
        QFETCH(QString, patient);
        const Result<Patient> real = addPatient(store(), QStringLiteral("1004"));
        CHEVET_VERIFY_OK(real);
        Encounter stay;
        stay.patientId = real->id;
        stay.unit = QStringLiteral("Médecine interne");
        const Result<Encounter> saved = store().encounters().save(stay);
        CHEVET_VERIFY_OK(saved);
        const QUuid patientId = patient == QLatin1String("unknown") ? QUuid::createUuid()
                                : patient == QLatin1String("null")  ? QUuid()
                                                                    : saved->id;
        const RowCounts before = counts();

        Error error;
        if (record == QLatin1String("vitals")) {
            const auto r = store().observations().recordVitals(patientId, normalVitals());
            QVERIFY(!r.ok());
            error = r.error();
        } else if (record == QLatin1String("note")) {
            NursingNote note;
            note.meta.patientId = patientId;
            note.target = QStringLiteral("Chute");
            note.data = QStringLiteral("Retrouvée au sol");
            const auto r = store().notes().record(note);
            QVERIFY(!r.ok());
            error = r.error();
        } else if (record == QLatin1String("administration")) {
            MedicationAdministration a;
            a.meta.patientId = patientId;
            a.requestId = QUuid::createUuid();
            a.slotMs = kTestStartMs;
            const auto r = store().medications().recordAdministration(a);
            QVERIFY(!r.ok());
            error = r.error();
        } else if (record == QLatin1String("prescription")) {
            const auto r = store().medications().saveRequest(paracetamolPrescription(patientId));
            QVERIFY(!r.ok());
            error = r.error();
        } else if (record == QLatin1String("task")) {
            CareTask task;
            task.patientId = patientId;
            task.description = QStringLiteral("Pansement");
            const auto r = store().tasks().save(task);
            QVERIFY(!r.ok());
            error = r.error();
        } else {
            Encounter other;
            other.patientId = patientId;
            other.unit = QStringLiteral("Cardiologie");
            const auto r = store().encounters().save(other);
            QVERIFY(!r.ok());
            error = r.error();
        }
        QCOMPARE(error.code, ErrorCode(ValidationError::MissingPatient));
        QCOMPARE(error.domain, ErrorDomain::Validation);
        QCOMPARE(counts(), before);
    }
};

QTEST_GUILESS_MAIN(TestStoreContext)
#include "moc_storefixture.cpp"
#include "tst_storecontext.moc"
