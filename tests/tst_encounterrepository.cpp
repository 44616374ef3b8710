#include "storefixture.h"

#include "store/encounterrepository.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

// Every case runs once per key set, on a store of its own (see KeySetStoreSuite).
class TestEncounterRepository : public KeySetStoreSuite
{
    Q_OBJECT

private Q_SLOTS:
    void currentEncounterIsTheLatestInProgress()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("6001"));
        const Result<Patient> homeless = addPatient(store(), QStringLiteral("6002"));
        CHEVET_VERIFY_OK(patient);
        CHEVET_VERIFY_OK(homeless);
        const RowCounts before = counts();
        const auto stay = [&](EncounterStatus status, const QString &unit, qint64 startMs) {
            Encounter e;
            e.patientId = patient->id;
            e.status = status;
            e.unit = unit;
            e.room = QStringLiteral("12");
            e.bed = QStringLiteral("B");
            e.startMs = startMs;
            if (status == EncounterStatus::Finished)
                e.endMs = startMs + 24 * kHour;
            return store().encounters().save(e);
        };
        CHEVET_VERIFY_OK(
            stay(EncounterStatus::Finished, QStringLiteral("Urgences"), kTestStartMs - 72 * kHour));
        const Result<Encounter> ward =
            stay(EncounterStatus::InProgress, QStringLiteral("Cardiologie"), kTestStartMs - 48 * kHour);
        CHEVET_VERIFY_OK(ward);
        const Result<Encounter> transfer =
            stay(EncounterStatus::InProgress, QStringLiteral("Médecine interne"), kTestStartMs - 2 * kHour);
        CHEVET_VERIFY_OK(transfer);
        CHEVET_VERIFY_OK(stay(EncounterStatus::Planned, QStringLiteral("SSR"), kTestStartMs + 72 * kHour));

        const Result<std::optional<Encounter>> current = store().encounters().current(patient->id);
        CHEVET_VERIFY_OK(current);
        QVERIFY(current->has_value());
        QCOMPARE((*current)->id, transfer->id);
        QCOMPARE((*current)->unit, QStringLiteral("Médecine interne"));
        QCOMPARE((*current)->bed, QStringLiteral("B"));

        const Result<QList<Encounter>> all = store().encounters().forPatient(patient->id);
        CHEVET_VERIFY_OK(all);
        QCOMPARE(all->size(), 4);
        QCOMPARE(all->first().endMs, std::optional<qint64>(kTestStartMs - 48 * kHour));
        QCOMPARE(counts().outbox, before.outbox); // stays are the DPI's: not queued back
        QCOMPARE(counts().audit, before.audit + 4);
        QCOMPARE(lastAudit(store()).action, QStringLiteral("encounter.import"));

        const Result<std::optional<Encounter>> none = store().encounters().current(homeless->id);
        CHEVET_VERIFY_OK(none);
        QVERIFY(!none->has_value());

        const Result<Encounter> noUnit = stay(EncounterStatus::InProgress, QStringLiteral(" "), kTestStartMs);
        CHEVET_VERIFY_ERROR(noUnit, ValidationError::MissingValue);
        QCOMPARE(noUnit.error().field, QStringLiteral("unit"));
    }
};

QTEST_GUILESS_MAIN(TestEncounterRepository)
#include "moc_storefixture.cpp"
#include "tst_encounterrepository.moc"
