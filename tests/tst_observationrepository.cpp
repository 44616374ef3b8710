#include "storefixture.h"

#include "store/observationrepository.h"

#include <QSet>
#include <QTest>

#include <cmath>
#include <limits>

using namespace chevet;
using namespace chevet::test;

Q_DECLARE_METATYPE(chevet::VitalsInput)

namespace {

constexpr qint64 kAllTime = std::numeric_limits<qint64>::max();

VitalsInput only(std::optional<double> VitalsInput::*field, double value)
{
    VitalsInput in;
    in.*field = value;
    return in;
}

QSet<QUuid> idsOf(const QList<Observation> &observations)
{
    QSet<QUuid> ids;
    for (const Observation &o : observations)
        ids.insert(o.meta.id);
    return ids;
}

} // namespace

// Every case runs once per key set, on a store of its own (see KeySetStoreSuite).
class TestObservationRepository : public KeySetStoreSuite
{
    Q_OBJECT

private Q_SLOTS:
    void vitalsEntryIsStoredWithItsNews2_data()
    {
        QTest::addColumn<VitalsInput>("input");
        QTest::addColumn<int>("news2");
        QTest::addColumn<int>("priority");
        const int routine = int(OutboxPriority::Routine);
        const int critical = int(OutboxPriority::SafetyCritical);
        QTest::newRow("all normal") << normalVitals() << 0 << routine;
        QTest::newRow("NEWS2 4") << fullVitals(22, 95, false, 128, 76, 105, 36.8, Acvpu::Alert) << 4
                                 << routine;
        QTest::newRow("NEWS2 5") << fullVitals(22, 95, false, 105, 70, 105, 36.8, Acvpu::Alert) << 5
                                 << critical;
        QTest::newRow("one parameter scores 3")
            << fullVitals(26, 97, false, 128, 76, 72, 36.8, Acvpu::Alert) << 3 << critical;
        QTest::newRow("on oxygen, confused, febrile")
            << fullVitals(22, 93, true, 100, 60, 120, 39.2, Acvpu::Confusion) << 15 << critical;
    }

    void vitalsEntryIsStoredWithItsNews2()
    {
        QFETCH(VitalsInput, input);
        QFETCH(int, news2);
        QFETCH(int, priority);
        const Result<Patient> patient = addPatient(store(), QStringLiteral("1001"));
        CHEVET_VERIFY_OK(patient);
        m_f->clock().advanceMs(10 * kMinute);
        const qint64 clinical = kTestStartMs + 2 * kMinute;
        const RowCounts before = counts();

        const Result<VitalsEntry> entry = store().observations().recordVitals(patient->id, input, clinical);
        CHEVET_VERIFY_OK(entry);
        QVERIFY(entry->news2.complete);
        QCOMPARE(entry->news2.total, news2);
        QCOMPARE(entry->observations.size(), 7); // six measures (BP is one) and the NEWS2 total

        QSet<VitalKind> kinds;
        for (const Observation &o : entry->observations) {
            kinds.insert(o.kind);
            QCOMPARE(o.panelId, entry->panelId);
            QCOMPARE(o.meta.patientId, patient->id);
            QCOMPARE(o.meta.clinicalTimeMs, clinical);
            QCOMPARE(o.meta.enteredTimeMs, kTestStartMs + 10 * kMinute);
            QCOMPARE(o.meta.author, kTestAuthor);
            QCOMPARE(o.meta.device, store().deviceId());
            QCOMPARE(o.status, RecordStatus::Final);
            if (o.kind == VitalKind::News2Score)
                QCOMPARE(o.value, double(news2));
            if (o.kind == VitalKind::BloodPressure) {
                QCOMPARE(o.value, *input.systolic);
                QCOMPARE(o.diastolic, input.diastolic);
            }
            if (o.kind == VitalKind::OxygenSaturation)
                QCOMPARE(o.onOxygen, input.onOxygen);
        }
        QCOMPARE(kinds,
                 (QSet<VitalKind>{VitalKind::RespiratoryRate, VitalKind::OxygenSaturation,
                                  VitalKind::BloodPressure, VitalKind::HeartRate, VitalKind::BodyTemperature,
                                  VitalKind::Consciousness, VitalKind::News2Score}));

        const Result<QList<Observation>> stored = store().observations().forPatient(patient->id, 0, kAllTime);
        CHEVET_VERIFY_OK(stored);
        QCOMPARE(idsOf(*stored), idsOf(entry->observations));

        const RowCounts after = counts();
        QCOMPARE(after.records, before.records + 7);
        QCOMPARE(after.outbox, before.outbox + 7);
        QCOMPARE(after.audit, before.audit + 7);
        for (const Observation &o : entry->observations) {
            const QList<OutboxEntry> queued = outboxFor(store(), o.meta.id);
            QCOMPARE(queued.size(), 1);
            QCOMPARE(queued.first().priority, priority);
            QCOMPARE(queued.first().operation, QStringLiteral("create"));
            QCOMPARE(queued.first().recordType, QStringLiteral("observation"));
            QCOMPARE(queued.first().version, 1);
        }
    }

    void partialVitalsHaveNoNews2Observation()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("1002"));
        CHEVET_VERIFY_OK(patient);
        VitalsInput input;
        input.pulse = 72;
        input.temperature = 36.6;
        const Result<VitalsEntry> entry = store().observations().recordVitals(patient->id, input);
        CHEVET_VERIFY_OK(entry);
        QVERIFY(!entry->news2.complete);
        QCOMPARE(entry->observations.size(), 2);
        for (const Observation &o : entry->observations) {
            QVERIFY(o.kind != VitalKind::News2Score);
            QCOMPARE(o.meta.clinicalTimeMs, kTestStartMs); // 0 means now
            QCOMPARE(outboxFor(store(), o.meta.id).first().priority, int(OutboxPriority::Routine));
        }
    }

    void impossibleVitalsStoreNothing_data()
    {
        QTest::addColumn<VitalsInput>("input");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("field");
        VitalsInput in = normalVitals();
        in.pulse = 900;
        QTest::newRow("pulse 900") << in << ErrorCode(ValidationError::OutOfRange) << QStringLiteral("pulse");
        in = normalVitals();
        in.spo2 = 101;
        QTest::newRow("SpO2 101") << in << ErrorCode(ValidationError::OutOfRange) << QStringLiteral("spo2");
        in = normalVitals();
        in.temperature = 98.6;
        QTest::newRow("temperature in Fahrenheit")
            << in << ErrorCode(ValidationError::OutOfRange) << QStringLiteral("temp");
        in = normalVitals();
        in.respiratoryRate = std::nan("");
        QTest::newRow("respiratory rate NaN")
            << in << ErrorCode(ValidationError::BadValue) << QStringLiteral("rr");
        in = normalVitals();
        in.systolic = 80;
        in.diastolic = 120;
        QTest::newRow("diastolic above systolic")
            << in << ErrorCode(ValidationError::OutOfRange) << QStringLiteral("bp");
        in = normalVitals();
        in.diastolic.reset();
        QTest::newRow("systolic alone")
            << in << ErrorCode(ValidationError::IncompleteBp) << QStringLiteral("bp");
        in = normalVitals();
        in.pain = 2.5;
        QTest::newRow("pain 2.5") << in << ErrorCode(ValidationError::BadValue) << QStringLiteral("pain");
        in = normalVitals();
        in.spo2Scale = 3;
        QTest::newRow("SpO2 scale 3") << in << ErrorCode(ValidationError::BadValue) << QStringLiteral("spo2");
        QTest::newRow("nothing measured")
            << VitalsInput{} << ErrorCode(ValidationError::EmptyEntry) << QString();
    }

    void impossibleVitalsStoreNothing()
    {
        QFETCH(VitalsInput, input);
        QFETCH(ErrorCode, code);
        QFETCH(QString, field);
        const Result<Patient> patient = addPatient(store(), QStringLiteral("1003"));
        CHEVET_VERIFY_OK(patient);
        CHEVET_VERIFY_OK(store().observations().recordVitals(patient->id, normalVitals()));
        const RowCounts before = counts();
        const Result<OutboxCounts> outboxBefore = store().outbox().counts();
        CHEVET_VERIFY_OK(outboxBefore);

        const Result<VitalsEntry> entry = store().observations().recordVitals(patient->id, input);
        QVERIFY(!entry.ok());
        QCOMPARE(entry.error().domain, ErrorDomain::Validation);
        QCOMPARE(entry.error().code, code);
        QCOMPARE(entry.error().field, field);
        QVERIFY(!entry.error().message.isEmpty());
        QCOMPARE(counts(), before);
        const Result<OutboxCounts> outboxAfter = store().outbox().counts();
        CHEVET_VERIFY_OK(outboxAfter);
        QCOMPARE(outboxAfter->pending, outboxBefore->pending);
        const Result<AuditVerification> audit = store().audit().verify();
        CHEVET_VERIFY_OK(audit);
        QVERIFY(audit->intact);
        QCOMPARE(audit->entries, before.audit);
    }

    // ---- corrections

    void amendKeepsHistory_data()
    {
        QTest::addColumn<VitalsInput>("input");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("diastolic"); // -1: none
        QTest::newRow("pulse") << only(&VitalsInput::pulse, 72) << 76.0 << -1.0;
        QTest::newRow("temperature") << only(&VitalsInput::temperature, 38.4) << 37.9 << -1.0;
        VitalsInput bp;
        bp.systolic = 128;
        bp.diastolic = 76;
        QTest::newRow("blood pressure") << bp << 132.0 << 81.0;
    }

    void amendKeepsHistory()
    {
        QFETCH(VitalsInput, input);
        QFETCH(double, value);
        QFETCH(double, diastolic);
        const Result<Patient> patient = addPatient(store(), QStringLiteral("2001"));
        CHEVET_VERIFY_OK(patient);
        const Result<VitalsEntry> entry = store().observations().recordVitals(patient->id, input);
        CHEVET_VERIFY_OK(entry);
        QCOMPARE(entry->observations.size(), 1);
        const Observation original = entry->observations.first();
        const RowCounts before = counts();

        m_f->clock().advanceMs(5 * kMinute);
        store().setAuthor(QStringLiteral("nurse-b"));
        const std::optional<double> newDiastolic =
            diastolic < 0 ? std::nullopt : std::optional<double>(diastolic);
        const Result<Observation> amended = store().observations().amend(
            original.meta.id, value, newDiastolic, QStringLiteral("re-measured"));
        CHEVET_VERIFY_OK(amended);
        QCOMPARE(amended->meta.id, original.meta.id);
        QCOMPARE(amended->meta.version, 2);
        QCOMPARE(amended->status, RecordStatus::Amended);
        QCOMPARE(amended->value, value);
        QCOMPARE(amended->diastolic, newDiastolic);
        QCOMPARE(amended->statusReason, QStringLiteral("re-measured"));
        QCOMPARE(amended->meta.clinicalTimeMs, original.meta.clinicalTimeMs);
        QCOMPARE(amended->meta.enteredTimeMs, kTestStartMs + 5 * kMinute);
        QCOMPARE(amended->meta.author, QStringLiteral("nurse-b"));
        QVERIFY(amended->meta.hlc > original.meta.hlc);

        const Result<std::optional<Observation>> current = store().observations().find(original.meta.id);
        CHEVET_VERIFY_OK(current);
        QCOMPARE((*current)->value, value);
        QCOMPARE((*current)->meta.version, 2);

        const Result<QList<Observation>> history = store().observations().history(original.meta.id);
        CHEVET_VERIFY_OK(history);
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->at(0).meta.version, 1);
        QCOMPARE(history->at(0).status, RecordStatus::Final);
        QCOMPARE(history->at(0).value, original.value);
        QCOMPARE(history->at(0).diastolic, original.diastolic);
        QCOMPARE(history->at(0).meta.author, kTestAuthor);
        QCOMPARE(history->at(1).meta.version, 2);
        QCOMPARE(history->at(1).status, RecordStatus::Amended);
        QCOMPARE(history->at(1).value, value);

        const QList<OutboxEntry> queued = outboxFor(store(), original.meta.id);
        QCOMPARE(queued.size(), 2);
        QCOMPARE(queued.at(0).operation, QStringLiteral("create"));
        QCOMPARE(queued.at(1).operation, QStringLiteral("update"));
        QCOMPARE(queued.at(1).version, 2);
        const AuditEntry audited = lastAudit(store());
        QCOMPARE(audited.action, QStringLiteral("record.amend"));
        QCOMPARE(audited.recordId, original.meta.id);
        QCOMPARE(audited.version, 2);
        QCOMPARE(audited.author, QStringLiteral("nurse-b"));

        const RowCounts after = counts();
        QCOMPARE(after.records, before.records);
        QCOMPARE(after.history, before.history + 1);
    }

    void amendRefusals()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("2002"));
        CHEVET_VERIFY_OK(patient);
        const Result<VitalsEntry> entry =
            store().observations().recordVitals(patient->id, only(&VitalsInput::pulse, 72));
        CHEVET_VERIFY_OK(entry);
        const QUuid id = entry->observations.first().meta.id;
        const RowCounts before = counts();

        const Result<Observation> impossible = store().observations().amend(id, 900, std::nullopt, QString());
        CHEVET_VERIFY_ERROR(impossible, ValidationError::OutOfRange);
        QCOMPARE(impossible.error().field, QStringLiteral("pulse"));
        CHEVET_VERIFY_ERROR(store().observations().amend(QUuid::createUuid(), 70, std::nullopt, QString()),
                            StoreError::NotFound);
        CHEVET_VERIFY_ERROR(store().observations().amend(patient->id, 70, std::nullopt, QString()),
                            StoreError::NotFound);
        QCOMPARE(counts(), before);
        QCOMPARE(store().observations().history(id)->size(), 1);
    }

    void enteredInErrorIsFinal()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("2003"));
        CHEVET_VERIFY_OK(patient);
        const Result<VitalsEntry> entry =
            store().observations().recordVitals(patient->id, only(&VitalsInput::pulse, 72));
        CHEVET_VERIFY_OK(entry);
        const QUuid id = entry->observations.first().meta.id;

        const Result<Observation> voided =
            store().observations().enterInError(id, QStringLiteral("wrong patient"));
        CHEVET_VERIFY_OK(voided);
        QCOMPARE(voided->status, RecordStatus::EnteredInError);
        QCOMPARE(voided->meta.version, 2);
        QCOMPARE(voided->value, 72.0);
        const QList<OutboxEntry> queued = outboxFor(store(), id);
        QCOMPARE(queued.size(), 2);
        QCOMPARE(queued.last().operation, QStringLiteral("update"));
        QCOMPARE(queued.last().priority, int(OutboxPriority::SafetyCritical));
        QCOMPARE(lastAudit(store()).action, QStringLiteral("record.entered-in-error"));

        const RowCounts before = counts();
        const Result<Observation> amended = store().observations().amend(id, 74, std::nullopt, QString());
        CHEVET_VERIFY_ERROR(amended, ValidationError::EnteredInError);
        QCOMPARE(amended.error().domain, ErrorDomain::Validation);
        CHEVET_VERIFY_ERROR(store().observations().enterInError(id, QString()),
                            ValidationError::EnteredInError);
        QCOMPARE(counts(), before);

        // Kept, never deleted: still in the chart with its status.
        const Result<QList<Observation>> chart = store().observations().forPatient(patient->id, 0, kAllTime);
        CHEVET_VERIFY_OK(chart);
        QCOMPARE(chart->size(), 1);
        QCOMPARE(chart->first().status, RecordStatus::EnteredInError);
        QCOMPARE(store().observations().history(id)->size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestObservationRepository)
#include "moc_storefixture.cpp"
#include "tst_observationrepository.moc"
