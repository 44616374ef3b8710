// The clinical rules sync applies, with two tablets and the DPI's own users changing the same patients:
// a possible double dose is raised on every device and nothing is merged away; a dose given offline on
// a prescription stopped meanwhile is sent and raises an alert.
#include "store/alertlog.h"
#include "store/auditlog.h"
#include "store/medicationrepository.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "syncfixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

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

// A dose recorded by the DPI's own users (no slot extension: the DPI does not know the tablet's slots).
QJsonObject dpiDose(const MedicationRequest &request, const QString &patientServerId, qint64 givenMs)
{
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
        {QStringLiteral("status"), QStringLiteral("completed")},
        {QStringLiteral("medicationCodeableConcept"),
         QJsonObject{{QStringLiteral("text"), request.medicationDisplay}}},
        {QStringLiteral("subject"),
         QJsonObject{{QStringLiteral("reference"), QStringLiteral("Patient/") + patientServerId}}},
        {QStringLiteral("effectiveDateTime"),
         QDateTime::fromMSecsSinceEpoch(givenMs, QTimeZone::utc()).toString(Qt::ISODateWithMs)},
        {QStringLiteral("request"), QJsonObject{{QStringLiteral("reference"),
                                                 QStringLiteral("MedicationRequest/") + request.serverId}}}};
}

QString serverIdOf(Store &store, const QUuid &patientId)
{
    Result<std::optional<Patient>> p = store.patients().find(patientId);
    return p && *p ? (*p)->serverId : QString();
}

int alertsOfKind(Store &store, const QString &kind)
{
    Result<QList<ClinicalAlert>> alerts = store.alerts().list();
    if (!alerts)
        return -1;
    return int(std::count_if(alerts->cbegin(), alerts->cend(),
                             [&](const ClinicalAlert &a) { return a.kind == kind; }));
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

    // Issue "real DPIs (2)", item 4 (sync-audit §15): two doses for one slot raise one alert whoever
    // recorded them, tablet or DPI; doses in different slots raise none. A DPI dose takes the slot
    // nearest to when it was given.
    void dosesForOneSlotRaiseOneAlertWhoeverRecordedThem_data()
    {
        QTest::addColumn<bool>("tabletGives");
        QTest::addColumn<qint64>("dpiOffsetMs"); // the DPI's doses, after the slot
        QTest::addColumn<int>("alerts");
        constexpr qint64 kMin = 60 * 1000;
        QTest::newRow("DPI and DPI, one slot") << false << 20 * kMin << 1;
        QTest::newRow("tablet and DPI, one slot") << true << 15 * kMin << 1;
        QTest::newRow("DPI and DPI, 8 h apart: two slots") << false << 8 * 60 * kMin << 0;
    }
    void dosesForOneSlotRaiseOneAlertWhoeverRecordedThem()
    {
        QFETCH(bool, tabletGives);
        QFETCH(qint64, dpiOffsetMs);
        QFETCH(int, alerts);
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Loopback, config, folder.path());
        Device tablet(QStringLiteral("ide.jour"));
        QVERIFY(tablet.sync(*dpi, m_ward));
        const DoseSlot slot = firstSlot(*tablet.store);
        QVERIFY(!slot.request.id.isNull());
        const QString patient = serverIdOf(*tablet.store, slot.request.patientId);
        if (tabletGives) {
            QVERIFY(give(*tablet.store, slot));
            QVERIFY(!dpi->create(dpiDose(slot.request, patient, slot.slotMs + dpiOffsetMs)).isEmpty());
        } else {
            // Two DPI doses: a few minutes after the slot, and `dpiOffsetMs` after it.
            QVERIFY(!dpi->create(dpiDose(slot.request, patient, slot.slotMs + 5 * 60 * 1000)).isEmpty());
            QVERIFY(!dpi->create(dpiDose(slot.request, patient, slot.slotMs + dpiOffsetMs)).isEmpty());
        }
        Result<SyncOutcome> outcome = tablet.sync(*dpi, m_ward);
        QVERIFY2(outcome, qPrintable(errorText(outcome)));
        QCOMPARE(alertsOfKind(*tablet.store, QStringLiteral("possible-double-dose")), alerts);
        Result<QList<MedicationAdministration>> doses =
            tablet.store->medications().administrationsFor(slot.request.id);
        QVERIFY(doses && doses->size() == 2);
        for (const MedicationAdministration &d : std::as_const(*doses))
            QVERIFY2(d.slotMs > 0, "a DPI dose took no slot"); // never "slot 0", never 1970
        // Raised once, however often sync sees it.
        QVERIFY(tablet.sync(*dpi, m_ward));
        QCOMPARE(alertsOfKind(*tablet.store, QStringLiteral("possible-double-dose")), alerts);
    }

    // Review finding: one tablet gives a dose while another, offline, records it not given: both reach
    // the DPI, and every device is told the slot is contradictory.
    void givenOnOneTabletNotGivenOnAnotherIsRaised()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Loopback, config, folder.path());
        Device a(QStringLiteral("ide.a"));
        Device b(QStringLiteral("ide.b"));
        QVERIFY(a.sync(*dpi, m_ward));
        QVERIFY(b.sync(*dpi, m_ward));
        const DoseSlot slot = firstSlot(*a.store);
        QVERIFY(give(*a.store, slot));
        MedicationAdministration refused;
        refused.meta.patientId = slot.request.patientId;
        refused.requestId = slot.request.id;
        refused.slotMs = slot.slotMs;
        refused.status = AdministrationStatus::NotDone;
        refused.statusReason = QStringLiteral("Refus du patient");
        QVERIFY(b.store->medications().recordAdministration(refused));
        QVERIFY(a.sync(*dpi, m_ward));
        QVERIFY(b.sync(*dpi, m_ward));
        QVERIFY(a.sync(*dpi, m_ward));
        for (Device *device : {&a, &b}) {
            QCOMPARE(alertsOfKind(*device->store, QStringLiteral("given-and-not-given")), 1);
            QCOMPARE(alertsOfKind(*device->store, QStringLiteral("possible-double-dose")), 0);
        }
    }

    // An as-needed order "every 6 h if needed": a dose on the tablet and one in the DPI two hours apart
    // raise one alert; seven hours apart, none.
    void asNeededDosesInsideTheIntervalRaiseOneAlert_data()
    {
        QTest::addColumn<qint64>("gapMs");
        QTest::addColumn<int>("alerts");
        QTest::newRow("2 h apart") << qint64(2 * 3600 * 1000) << 1;
        QTest::newRow("7 h apart") << qint64(7 * 3600 * 1000) << 0;
    }
    void asNeededDosesInsideTheIntervalRaiseOneAlert()
    {
        QFETCH(qint64, gapMs);
        QFETCH(int, alerts);
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Loopback, config, folder.path());
        Device tablet(QStringLiteral("ide.soir"));
        QVERIFY(tablet.sync(*dpi, m_ward));
        Result<QList<Patient>> patients = tablet.store->patients().all();
        QVERIFY(patients && !patients->isEmpty());
        const Patient &patient = patients->first();
        const QJsonObject order{
            {QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
            {QStringLiteral("status"), QStringLiteral("active")},
            {QStringLiteral("intent"), QStringLiteral("order")},
            {QStringLiteral("medicationCodeableConcept"),
             QJsonObject{{QStringLiteral("text"), QStringLiteral("Tramadol 50 mg gélule")}}},
            {QStringLiteral("subject"),
             QJsonObject{{QStringLiteral("reference"), QStringLiteral("Patient/") + patient.serverId}}},
            {QStringLiteral("dosageInstruction"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("asNeededBoolean"), true},
                 {QStringLiteral("timing"),
                  QJsonObject{{QStringLiteral("repeat"),
                               QJsonObject{{QStringLiteral("frequency"), 1},
                                           {QStringLiteral("period"), 6},
                                           {QStringLiteral("periodUnit"), QStringLiteral("h")}}}}}}}}};
        const QJsonObject created = dpi->create(order);
        QVERIFY(!created.isEmpty());
        QVERIFY(tablet.sync(*dpi, m_ward));
        Result<std::optional<Patient>> again = tablet.store->patients().find(patient.id);
        QVERIFY(again && *again);
        MedicationRequest prn;
        const Result<QList<MedicationRequest>> orders =
            tablet.store->medications().requestsForPatient(patient.id);
        QVERIFY(orders);
        for (const MedicationRequest &r : *orders)
            if (r.asNeeded)
                prn = r;
        QVERIFY(!prn.id.isNull());

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        MedicationAdministration onDemand;
        onDemand.meta.patientId = patient.id;
        onDemand.requestId = prn.id;
        onDemand.meta.clinicalTimeMs = now - 60 * 1000;
        onDemand.reasonGiven = QStringLiteral("douleur EVA 7");
        QVERIFY(tablet.store->medications().recordAdministration(onDemand));
        QVERIFY(!dpi->create(dpiDose(prn, patient.serverId, now - 60 * 1000 - gapMs)).isEmpty());
        Result<SyncOutcome> outcome = tablet.sync(*dpi, m_ward);
        QVERIFY2(outcome, qPrintable(errorText(outcome)));
        QCOMPARE(alertsOfKind(*tablet.store, QStringLiteral("as-needed-limit")), alerts);
        QCOMPARE(alertsOfKind(*tablet.store, QStringLiteral("possible-double-dose")), 0);
        QVERIFY(tablet.sync(*dpi, m_ward));
        QCOMPARE(alertsOfKind(*tablet.store, QStringLiteral("as-needed-limit")), alerts);
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
