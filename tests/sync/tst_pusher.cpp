// The push side alone, on the in-process DPI wrapped so that it refuses chosen records: one bad
// record is quarantined with the DPI's reason and never blocks the others.
#include "fhir/bundle.h"
#include "net/loopbacktransport.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "sync/pusher.h"
#include "syncfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace chevet;

namespace {

const QByteArray kPoison = QByteArrayLiteral("REFUSE-ME");

QByteArray outcome(const QString &diagnostics)
{
    return QJsonDocument(
               fhir::makeOutcome(QStringLiteral("error"), QStringLiteral("business-rule"), diagnostics))
        .toJson(QJsonDocument::Compact);
}

// A DPI with a business rule: it refuses any entry whose content holds the poison word (422). A
// transaction holding one fails whole; a batch answers that entry alone.
class RefusingDpi
{
public:
    explicit RefusingDpi(DpiHarness &dpi)
        : m_dpi(dpi)
    {}

    HttpResponse handle(const HttpRequest &request)
    {
        if (request.method != "POST" || !request.target.isEmpty() || !request.body.contains(kPoison))
            return m_dpi.direct(request.method, request.target, request.body, request.headers);
        const QJsonObject bundle = QJsonDocument::fromJson(request.body).object();
        const bool transaction =
            bundle.value(QLatin1String("type")).toString() == QLatin1String("transaction");
        if (transaction) {
            ++transactionsRefused;
            HttpResponse refused;
            refused.status = 422;
            refused.body = outcome(QStringLiteral("entry refused: local rule 42"));
            return refused;
        }
        QJsonArray kept;
        QList<int> poisoned;
        const QJsonArray entries = bundle.value(QLatin1String("entry")).toArray();
        for (int i = 0; i < entries.size(); ++i) {
            if (QJsonDocument(entries[i].toObject()).toJson().contains(kPoison))
                poisoned.append(i);
            else
                kept.append(entries[i]);
        }
        QJsonObject forwarded = bundle;
        forwarded.insert(QStringLiteral("entry"), kept);
        HttpResponse answer = m_dpi.direct(
            "POST", QString(), QJsonDocument(forwarded).toJson(QJsonDocument::Compact), request.headers);
        QJsonObject response = QJsonDocument::fromJson(answer.body).object();
        QJsonArray answered = response.value(QLatin1String("entry")).toArray();
        for (int index : poisoned) {
            answered.insert(
                index,
                QJsonObject{
                    {QStringLiteral("response"),
                     QJsonObject{
                         {QStringLiteral("status"), QStringLiteral("422 Unprocessable Entity")},
                         {QStringLiteral("outcome"),
                          QJsonDocument::fromJson(outcome(QStringLiteral("local rule 42"))).object()}}}});
        }
        response.insert(QStringLiteral("entry"), answered);
        answer.body = QJsonDocument(response).toJson(QJsonDocument::Compact);
        return answer;
    }

    int transactionsRefused = 0;

private:
    DpiHarness &m_dpi;
};

} // namespace

class TestPusher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void refusedRecordIsQuarantinedAndNeverBlocksTheQueue()
    {
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Loopback, DpiConfig{}, folder.path());
        RefusingDpi refusing(*dpi);
        LoopbackTransport transport([&](const HttpRequest &r) { return refusing.handle(r); });
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("710001"));
        QVERIFY(patient);
        VitalsInput pulse;
        pulse.pulse = 72;
        for (int i = 0; i < 10; ++i)
            QVERIFY(device.store->observations().recordVitals(patient->id, pulse));
        NursingNote bad;
        bad.meta.patientId = patient->id;
        bad.target = QString::fromLatin1(kPoison);
        bad.data = QStringLiteral("x");
        Result<NursingNote> recorded = device.store->notes().record(bad);
        QVERIFY(recorded);
        for (int i = 0; i < 10; ++i)
            QVERIFY(device.store->observations().recordVitals(patient->id, pulse));

        SyncRun run(*device.store, transport, {});
        Result<SyncOutcome> outcome = run.run();
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        QCOMPARE(outcome->counts.quarantined, 1);
        QCOMPARE(outcome->counts.pushed, 21);
        QVERIFY(refusing.transactionsRefused >= 1);
        QCOMPARE(device.counts().pending, 0);
        QCOMPARE(device.counts().quarantined, 1);
        Result<QList<OutboxEntry>> entries = device.store->outbox().forRecord(recorded->meta.id);
        QVERIFY(entries && entries->size() == 1);
        QCOMPARE(entries->first().state, OutboxState::Quarantined);
        QVERIFY2(entries->first().lastError.contains(QLatin1String("local rule 42")),
                 qPrintable(entries->first().lastError));
        QCOMPARE(dpi->all(QStringLiteral("Observation")).size(), 20);

        // Later runs leave it aside and send nothing again.
        Result<SyncOutcome> again = run.run();
        QVERIFY(again);
        QCOMPARE(again->counts.pushed, 0);
        QCOMPARE(again->counts.quarantined, 0);
    }

    void sameIppAsAnotherPersonIsAnIdentityConflict()
    {
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Loopback, DpiConfig{}, folder.path());
        const QJsonObject theirs{
            {QStringLiteral("resourceType"), QStringLiteral("Patient")},
            {QStringLiteral("identifier"),
             QJsonArray{QJsonObject{{QStringLiteral("system"), kTestEstablishment},
                                    {QStringLiteral("value"), QStringLiteral("710003")}}}},
            {QStringLiteral("name"),
             QJsonArray{QJsonObject{{QStringLiteral("family"), QStringLiteral("Autre")},
                                    {QStringLiteral("given"), QJsonArray{QStringLiteral("Personne")}}}}},
            {QStringLiteral("birthDate"), QStringLiteral("1960-02-02")},
        };
        QCOMPARE(
            dpi->direct("POST", QStringLiteral("Patient"), QJsonDocument(theirs).toJson(),
                        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/fhir+json")}})
                .status,
            201);
        Device device;
        Result<Patient> ours = addPatient(*device.store, QStringLiteral("710003"));
        QVERIFY(ours);
        VitalsInput pulse;
        pulse.pulse = 80;
        QVERIFY(device.store->observations().recordVitals(ours->id, pulse));
        Result<SyncOutcome> outcome = device.sync(*dpi);
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        QCOMPARE(outcome->counts.conflicts, 1);
        QCOMPARE(outcome->counts.pushed, 0);
        Result<QList<ParkedConflict>> parked = device.store->conflicts().open();
        QVERIFY(parked && parked->size() == 1);
        QCOMPARE(parked->first().rule, QStringLiteral("identity-mismatch"));
        // Nothing of ours was attached to the other person; the DPI still has one patient, untouched.
        QCOMPARE(dpi->all(QStringLiteral("Patient")).size(), 1);
        QCOMPARE(dpi->all(QStringLiteral("Observation")).size(), 0);
        QCOMPARE(dpi->all(QStringLiteral("Patient"))
                     .first()
                     .value(QLatin1String("meta"))
                     .toObject()
                     .value(QLatin1String("versionId"))
                     .toString(),
                 QStringLiteral("1"));
        Result<std::optional<Patient>> local = device.store->patients().find(ours->id);
        QVERIFY(local && *local);
        QCOMPARE((*local)->family, ours->family);
        QVERIFY((*local)->serverId.isEmpty());
    }

    void safetyCriticalRecordsGoFirst()
    {
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Loopback, DpiConfig{}, folder.path());
        QList<QByteArray> order;
        LoopbackTransport transport([&](const HttpRequest &r) {
            if (r.method == "POST")
                order.append(r.body);
            return dpi->direct(r.method, r.target, r.body, r.headers);
        });
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("710002"));
        QVERIFY(patient);
        VitalsInput routine;
        routine.pulse = 72;
        // More routine entries than one bundle carries.
        for (int i = 0; i < Pusher::kDefaultChunk + 10; ++i)
            QVERIFY(device.store->observations().recordVitals(patient->id, routine));
        VitalsInput critical = fullVitals(26, 90, true, 88, 50, 135, 39.5, Acvpu::Voice);
        QVERIFY(device.store->observations().recordVitals(patient->id, critical));
        SyncRun run(*device.store, transport, {});
        QVERIFY(run.run());
        QVERIFY(order.size() >= 2);
        // The patient goes alone first (its records wait for its DPI id); then the first bundle of
        // observations carries the critical entry (the only one with a NEWS2 total, SNOMED
        // 1104051000000101), before the routine ones.
        QVERIFY(order.first().contains("\"Patient\"") && !order.first().contains("\"Observation\""));
        QVERIFY(order.size() >= 3);
        QVERIFY(order[1].contains("1104051000000101"));
        for (qsizetype i = 2; i < order.size(); ++i)
            QVERIFY(!order[i].contains("1104051000000101"));
    }

    void entryRefusedForCredentialsStaysPending()
    {
        // A DPI (or a gateway before it) that answers each bundle entry 401: it is about who we are,
        // never about the record, so nothing may be quarantined.
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Loopback, DpiConfig{}, folder.path());
        LoopbackTransport transport([&](const HttpRequest &r) {
            if (r.method != "POST" || !r.target.isEmpty())
                return dpi->direct(r.method, r.target, r.body, r.headers);
            const QJsonObject bundle = QJsonDocument::fromJson(r.body).object();
            QJsonArray answered;
            for (qsizetype i = 0; i < bundle.value(QLatin1String("entry")).toArray().size(); ++i)
                answered.append(QJsonObject{
                    {QStringLiteral("response"),
                     QJsonObject{{QStringLiteral("status"), QStringLiteral("401 Unauthorized")}}}});
            HttpResponse response;
            response.status = 200;
            response.body =
                QJsonDocument(
                    QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                                {QStringLiteral("type"), bundle.value(QLatin1String("type")).toString() +
                                                             QStringLiteral("-response")},
                                {QStringLiteral("entry"), answered}})
                    .toJson(QJsonDocument::Compact);
            return response;
        });
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("710009"));
        QVERIFY(patient);
        QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));
        const qint64 pending = device.counts().pending;

        SyncRun run(*device.store, transport, {});
        Result<SyncOutcome> outcome = run.run();
        CHEVET_VERIFY_ERROR(outcome, NetError::Unauthorized);
        QCOMPARE(device.counts().pending, pending);
        QCOMPARE(device.counts().quarantined, 0);
        QCOMPARE(device.counts().delivered, 0);
    }
};

QTEST_GUILESS_MAIN(TestPusher)
#include "tst_pusher.moc"
