// The clinical rules sync applies, with two tablets and the DPI's own users changing the same patients:
// a possible double dose is raised on every device and nothing is merged away; a dose given offline on
// a prescription stopped meanwhile is sent and raises an alert.
#include "store/alertlog.h"
#include "store/auditlog.h"
#include "store/medicationrepository.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "syncfixture.h"

#include <QJsonArray>
#include <QTest>

using namespace chevet;

namespace {

struct DoseSlot
{
    MedicationRequest request;
    qint64 slotMs = 0;
};

DoseSlot firstSlot(Store &store, int patientIndex = 0)
{
    Result<QList<Patient>> patients = store.patients().all();
    if (!patients || patients->size() <= patientIndex)
        return {};
    Result<QList<MedicationRequest>> requests =
        store.medications().requestsForPatient(patients->at(patientIndex).id);
    if (!requests || requests->isEmpty() || requests->first().slotsMs.isEmpty())
        return {};
    return DoseSlot{requests->first(), requests->first().slotsMs.first()};
}

Result<MedicationAdministration> give(Store &store, const DoseSlot &slot)
{
    MedicationAdministration a;
    a.meta.patientId = slot.request.patientId;
    a.requestId = slot.request.id;
    a.slotMs = slot.slotMs;
    return store.medications().recordAdministration(a);
}

} // namespace

class TestClinicalRules : public QObject
{
    Q_OBJECT

    SyncScope m_ward{QStringLiteral("unit-cardio"), {}};

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void twoTabletsGivingTheSameDoseRaiseAnAlertOnBoth()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Http, config, folder.path());
        Device a(QStringLiteral("ide.a"));
        Device b(QStringLiteral("ide.b"));
        QVERIFY(a.sync(*dpi, m_ward));
        QVERIFY(b.sync(*dpi, m_ward));

        // Both offline, both give the 08:00 dose of the same prescription.
        const DoseSlot onA = firstSlot(*a.store);
        const DoseSlot onB = firstSlot(*b.store);
        QVERIFY(!onA.request.id.isNull());
        QCOMPARE(onA.request.id, onB.request.id); // same DPI resource, same local id on every device
        Result<MedicationAdministration> givenByA = give(*a.store, onA);
        Result<MedicationAdministration> givenByB = give(*b.store, onB);
        QVERIFY(givenByA && givenByB);

        Result<SyncOutcome> first = a.sync(*dpi, m_ward);
        QVERIFY(first);
        QCOMPARE(first->counts.alerts, 0); // A alone knows of one dose
        Result<SyncOutcome> second = b.sync(*dpi, m_ward);
        QVERIFY(second);
        QCOMPARE(second->counts.alerts, 1); // B pushes its dose and pulls A's
        Result<SyncOutcome> third = a.sync(*dpi, m_ward);
        QVERIFY(third);
        QCOMPARE(third->counts.alerts, 1); // and A learns of B's

        // Both kept: on the DPI and on each tablet. Nothing merged away.
        QCOMPARE(dpi->all(QStringLiteral("MedicationAdministration")).size(), 2);
        for (Device *device : {&a, &b}) {
            Result<QList<MedicationAdministration>> doses =
                device->store->medications().administrationsFor(onA.request.id);
            QVERIFY(doses);
            QCOMPARE(doses->size(), 2);
            Result<QList<ClinicalAlert>> alerts = device->store->alerts().list();
            QVERIFY(alerts);
            QCOMPARE(alerts->size(), 1);
            QCOMPARE(alerts->first().kind, QStringLiteral("possible-double-dose"));
            QCOMPARE(QSet<QUuid>(alerts->first().records.cbegin(), alerts->first().records.cend()),
                     (QSet<QUuid>{givenByA->meta.id, givenByB->meta.id}));
        }

        // Raised once, however often sync sees it; it stays until a nurse acknowledges it.
        Result<SyncOutcome> again = b.sync(*dpi, m_ward);
        QVERIFY(again);
        QCOMPARE(again->counts.alerts, 0);
        const QUuid alertId = b.store->alerts().list()->first().id;
        QVERIFY(b.store->alerts().acknowledge(alertId, QStringLiteral("ide.b"), 1));
        QCOMPARE(b.store->alerts().list()->size(), 0);
        QCOMPARE(b.store->alerts().list(false)->first().acknowledgedBy, QStringLiteral("ide.b"));
        QVERIFY(!b.store->alerts().acknowledge(alertId, QStringLiteral("ide.b"), 2));
        QCOMPARE(a.store->alerts().list()->size(), 1); // A's nurse has not seen it yet
    }

    void doseGivenOfflineOnAStoppedPrescriptionIsSentAndRaised()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Http, config, folder.path());
        Device tablet(QStringLiteral("ide.had"));
        QVERIFY(tablet.sync(*dpi, m_ward));
        const DoseSlot slot = firstSlot(*tablet.store, 1);
        QVERIFY(!slot.request.id.isNull());
        Result<MedicationAdministration> given = give(*tablet.store, slot);
        QVERIFY(given);

        // Meanwhile the prescriber stops it in the DPI.
        QJsonObject request = dpi->get(QStringLiteral("MedicationRequest/") + slot.request.serverId);
        request.insert(QStringLiteral("status"), QStringLiteral("stopped"));
        dpi->put(QStringLiteral("MedicationRequest/") + slot.request.serverId, request);

        Result<SyncOutcome> outcome = tablet.sync(*dpi, m_ward);
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        QCOMPARE(outcome->counts.alerts, 1);
        QCOMPARE(dpi->all(QStringLiteral("MedicationAdministration")).size(), 1); // it happened: it is sent
        Result<QList<ClinicalAlert>> alerts = tablet.store->alerts().list();
        QVERIFY(alerts && alerts->size() == 1);
        QCOMPARE(alerts->first().kind, QStringLiteral("prescription-stopped"));
        QVERIFY(alerts->first().records.contains(given->meta.id));

        // A dose delivered before a later stop is not flagged.
        const DoseSlot other = firstSlot(*tablet.store, 2);
        QVERIFY(give(*tablet.store, other));
        QVERIFY(tablet.sync(*dpi, m_ward));
        QTest::qWait(20);
        QJsonObject later = dpi->get(QStringLiteral("MedicationRequest/") + other.request.serverId);
        later.insert(QStringLiteral("status"), QStringLiteral("stopped"));
        dpi->put(QStringLiteral("MedicationRequest/") + other.request.serverId, later);
        Result<SyncOutcome> after = tablet.sync(*dpi, m_ward);
        QVERIFY(after);
        QCOMPARE(after->counts.alerts, 0);
    }

    void doseGivenOfflineOnAVoidedOrHeldPrescriptionIsRaised_data()
    {
        QTest::addColumn<QString>("status");
        QTest::newRow("entered-in-error") << QStringLiteral("entered-in-error");
        QTest::newRow("on-hold") << QStringLiteral("on-hold");
        QTest::newRow("draft") << QStringLiteral("draft");
    }
    // sync-audit §5 (probe enteredInErrorPrescriptionStaysActive): the DPI's new status reaches the
    // device, the prescription gives no more doses, and a dose given offline meanwhile is raised.
    void doseGivenOfflineOnAVoidedOrHeldPrescriptionIsRaised()
    {
        QFETCH(QString, status);
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Http, config, folder.path());
        Device tablet(QStringLiteral("ide.nuit"));
        QVERIFY(tablet.sync(*dpi, m_ward));
        const DoseSlot slot = firstSlot(*tablet.store, 1);
        QVERIFY(!slot.request.id.isNull());
        Result<MedicationAdministration> given = give(*tablet.store, slot);
        QVERIFY(given);

        QJsonObject request = dpi->get(QStringLiteral("MedicationRequest/") + slot.request.serverId);
        request.insert(QStringLiteral("status"), status);
        dpi->put(QStringLiteral("MedicationRequest/") + slot.request.serverId, request);

        Result<SyncOutcome> outcome = tablet.sync(*dpi, m_ward);
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        Result<std::optional<MedicationRequest>> local =
            tablet.store->medications().findRequest(slot.request.id);
        QVERIFY(local && *local);
        QCOMPARE(statusCode((*local)->status, (*local)->otherStatus, &prescriptionStatusKey), status);
        QVERIFY(!givesDoses((*local)->status));
        QCOMPARE(outcome->counts.alerts, 1);
        Result<QList<ClinicalAlert>> alerts = tablet.store->alerts().list();
        QVERIFY(alerts && alerts->size() == 1);
        QCOMPARE(alerts->first().kind, QStringLiteral("prescription-stopped"));
    }

    void patientMergedInTheDpiTakesTheDevicesRecordsAlong()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Http, config, folder.path());
        Device tablet(QStringLiteral("ide.jour"));
        QVERIFY(tablet.sync(*dpi, m_ward));
        Result<QList<Patient>> patients = tablet.store->patients().all();
        QVERIFY(patients && patients->size() >= 2);
        const Patient retired = patients->at(0);
        const Patient survivor = patients->at(1);

        // Offline, the nurse records vitals for the patient the DPI is about to merge away.
        VitalsInput pulse;
        pulse.pulse = 77;
        Result<VitalsEntry> entry = tablet.store->observations().recordVitals(retired.id, pulse);
        QVERIFY(entry);

        // The identity team merges the two records in the DPI.
        QJsonObject merged = dpi->get(QStringLiteral("Patient/") + retired.serverId);
        merged.insert(QStringLiteral("active"), false);
        merged.insert(
            QStringLiteral("link"),
            QJsonArray{QJsonObject{
                {QStringLiteral("type"), QStringLiteral("replaced-by")},
                {QStringLiteral("other"), QJsonObject{{QStringLiteral("reference"),
                                                       QStringLiteral("Patient/") + survivor.serverId}}}}});
        dpi->put(QStringLiteral("Patient/") + retired.serverId, merged);

        Result<SyncOutcome> first = tablet.sync(*dpi, m_ward);
        QVERIFY2(first, first ? "" : qPrintable(first.error().toString()));
        Result<SyncOutcome> second = tablet.sync(*dpi, m_ward); // pushes what now belongs to the survivor
        QVERIFY(second);

        // On the device: the records moved to the survivor, with an audit entry.
        Result<std::optional<Observation>> moved =
            tablet.store->observations().find(entry->observations.first().meta.id);
        QVERIFY(moved && *moved);
        QCOMPARE((*moved)->meta.patientId, survivor.id);
        Result<QList<AuditEntry>> audit = tablet.store->audit().entries(0, 100000);
        QVERIFY(audit);
        bool audited = false;
        for (const AuditEntry &e : *audit)
            audited = audited || (e.action == QLatin1String("patient.merged") && e.recordId == retired.id);
        QVERIFY(audited);
        // On the DPI: the observation points to the survivor; nothing was sent to the retired id.
        const QHash<QString, int> onRetired = identifierCounts(
            dpi->all(QStringLiteral("Observation"), QStringLiteral("patient=Patient/") + retired.serverId));
        QCOMPARE(onRetired.value(clientIdentifier(entry->observations.first().meta.id)), 0);
        const QHash<QString, int> onSurvivor = identifierCounts(
            dpi->all(QStringLiteral("Observation"), QStringLiteral("patient=Patient/") + survivor.serverId));
        QCOMPARE(onSurvivor.value(clientIdentifier(entry->observations.first().meta.id)), 1);
        QCOMPARE(tablet.counts().pending, 0);
    }
};

QTEST_GUILESS_MAIN(TestClinicalRules)
#include "tst_clinicalrules.moc"
