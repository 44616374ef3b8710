// Issue "weak links": the reads of a sync run that depend on nothing of the run go in one FHIR batch,
// and the DPI's CapabilityStatement is kept for an hour, so a sync with nothing new is one round trip.
// FhirClient's prefetch against scripted answers (every way a DPI or a gateway can answer a batch),
// the cache's ageing, then the whole engine on the wire against the stand-in and the independent server.
#include "hooktransport.h"
#include "net/loopbacktransport.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "store/recordtable.h"
#include "store/storecontext.h"
#include "sync/batchreadpolicy.h"
#include "sync/capabilitycache.h"
#include "sync/fhirclient.h"
#include "syncfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <limits>

using namespace chevet;

namespace {

HttpResponse json(int status, const QJsonObject &body)
{
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    response.headers.append({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/fhir+json")});
    return response;
}

QJsonObject searchset(const QString &marker, int total = 0)
{
    return {{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
            {QStringLiteral("type"), QStringLiteral("searchset")},
            {QStringLiteral("id"), marker},
            {QStringLiteral("total"), total}};
}

// A page of `count` Tasks; `next` adds a next link, `total` < 0 leaves it out.
QJsonObject taskPage(int count, int total, bool next)
{
    QJsonArray entries;
    for (int i = 0; i < count; ++i) {
        entries.append(QJsonObject{
            {QStringLiteral("resource"), QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Task")},
                                                     {QStringLiteral("id"), QString::number(i)}}},
            {QStringLiteral("search"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("match")}}}});
    }
    QJsonObject page{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                     {QStringLiteral("type"), QStringLiteral("searchset")},
                     {QStringLiteral("entry"), entries}};
    if (total >= 0)
        page.insert(QStringLiteral("total"), total);
    if (next)
        page.insert(QStringLiteral("link"),
                    QJsonArray{QJsonObject{{QStringLiteral("relation"), QStringLiteral("next")},
                                           {QStringLiteral("url"), QStringLiteral("Task?x=1&page=2")}}});
    return page;
}

QJsonObject batchResponse(const QList<std::pair<QString, QJsonObject>> &answers)
{
    QJsonArray entries;
    for (const auto &[status, resource] : answers) {
        QJsonObject entry{{QStringLiteral("response"), QJsonObject{{QStringLiteral("status"), status}}}};
        if (!resource.isEmpty())
            entry.insert(QStringLiteral("resource"), resource);
        entries.append(entry);
    }
    return {{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
            {QStringLiteral("type"), QStringLiteral("batch-response")},
            {QStringLiteral("entry"), entries}};
}

bool isBatch(const HttpRequest &request)
{
    return request.method == "POST" && request.target.isEmpty() &&
           QJsonDocument::fromJson(request.body).object().value(QLatin1String("type")).toString() ==
               QLatin1String("batch");
}

using Handler = std::function<Result<HttpResponse>(const HttpRequest &)>;

// Answers from a script, transport failures included.
class ScriptedTransport final : public Transport
{
public:
    explicit ScriptedTransport(Handler handler)
        : m_handler(std::move(handler))
    {}
    Result<HttpResponse> exchange(const HttpRequest &request) override { return m_handler(request); }
    QString baseUrl() const override { return QStringLiteral("scripted:/fhir"); }

private:
    Handler m_handler;
};

// A CapabilityStatement without the system interaction `batch`: a DPI that reads one by one.
QByteArray withoutBatch(const QByteArray &statement)
{
    QJsonObject capability = QJsonDocument::fromJson(statement).object();
    QJsonArray rests;
    for (const QJsonValue &value : capability.value(QLatin1String("rest")).toArray()) {
        QJsonObject rest = value.toObject();
        QJsonArray kept;
        for (const QJsonValue &interaction : rest.value(QLatin1String("interaction")).toArray()) {
            if (interaction.toObject().value(QLatin1String("code")).toString() != QLatin1String("batch"))
                kept.append(interaction);
        }
        rest.insert(QStringLiteral("interaction"), kept);
        rests.append(rest);
    }
    capability.insert(QStringLiteral("rest"), rests);
    return QJsonDocument(capability).toJson(QJsonDocument::Compact);
}

// The stand-in in-process with its demo ward, and the ward's scope.
std::unique_ptr<DpiHarness> demoDpi(const QTemporaryDir &folder)
{
    DpiConfig config;
    config.seedDemo = true;
    return DpiHarness::start(DpiHarness::Mode::Loopback, config, folder.path());
}

SyncScope cardiology()
{
    SyncScope ward;
    ward.unit = QStringLiteral("unit-cardio");
    return ward;
}

// Counts what reaches the DPI, batches as one request: the wire as a mobile link sees it.
class WireCounter final : public Transport
{
public:
    explicit WireCounter(std::unique_ptr<Transport> inner)
        : m_inner(std::move(inner))
    {}
    Result<HttpResponse> exchange(const HttpRequest &request) override
    {
        ++requests;
        if (isBatch(request))
            ++batches;
        return m_inner->exchange(request);
    }
    QString baseUrl() const override { return m_inner->baseUrl(); }

    int requests = 0;
    int batches = 0;

private:
    std::unique_ptr<Transport> m_inner;
};

// The patient's observations as the DPI knows them: server id and version, sorted.
QStringList observationsOf(Store &store, const QString &serverId)
{
    Result<std::optional<Patient>> patient = store.patients().findByServerId(serverId);
    if (!patient || !*patient)
        return {QStringLiteral("no patient")};
    Result<QList<Observation>> all =
        store.observations().forPatient((*patient)->id, 0, std::numeric_limits<qint64>::max());
    if (!all)
        return {all.error().code.name()};
    QStringList versions;
    for (const Observation &o : *all)
        versions.append(o.meta.serverId + QLatin1Char('/') + o.meta.serverVersion);
    versions.sort();
    return versions;
}

} // namespace

class TestBatchReads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void eachAnswerIsHandedOutOnce()
    {
        QList<HttpRequest> seen;
        LoopbackTransport transport([&](const HttpRequest &r) {
            seen.append(r);
            if (isBatch(r))
                return json(200, batchResponse({{QStringLiteral("200 OK"), searchset(QStringLiteral("a"))},
                                                {QStringLiteral("200"), searchset(QStringLiteral("b"))}}));
            return json(200, searchset(QStringLiteral("alone")));
        });
        FhirClient client(transport);
        client.allowBatchReads(true);
        QVERIFY(client.prefetch({QStringLiteral("Task?x=1"), QStringLiteral("Encounter?y=2")}));
        QCOMPARE(seen.size(), 1);
        const QJsonArray asked =
            QJsonDocument::fromJson(seen.first().body).object().value(QLatin1String("entry")).toArray();
        QCOMPARE(asked.size(), 2);
        QCOMPARE(asked.at(1)
                     .toObject()
                     .value(QLatin1String("request"))
                     .toObject()
                     .value(QLatin1String("url"))
                     .toString(),
                 QStringLiteral("Encounter?y=2"));

        Result<FhirReply> b = client.get(QStringLiteral("Encounter?y=2"));
        QVERIFY(b);
        QCOMPARE(b->body.value(QLatin1String("id")).toString(), QStringLiteral("b"));
        QCOMPARE(seen.size(), 1); // from the batch
        Result<FhirReply> again = client.get(QStringLiteral("Encounter?y=2"));
        QVERIFY(again);
        QCOMPARE(again->body.value(QLatin1String("id")).toString(), QStringLiteral("alone")); // asked anew
        QCOMPARE(seen.size(), 2);
        QCOMPARE(client.prefetchedUnused(), 1);
    }

    void oneReadIsNotWorthABatchNorIsADpiWithout()
    {
        int requests = 0;
        LoopbackTransport transport([&](const HttpRequest &) {
            ++requests;
            return json(200, searchset(QStringLiteral("alone")));
        });
        FhirClient client(transport);
        QVERIFY(client.prefetch({QStringLiteral("Task?x=1"), QStringLiteral("Encounter?y=2")}));
        QCOMPARE(requests, 0); // batch reads not allowed: the DPI does not offer batch
        client.allowBatchReads(true);
        QVERIFY(client.prefetch({QStringLiteral("Task?x=1"), QStringLiteral("Task?x=1")}));
        QCOMPARE(requests, 0); // a single distinct read goes alone, when it is asked
    }

    // An entry the DPI did not answer 200 is asked on its own when the run needs it, and fails there
    // with its own status.
    void anEntryNotAnswered200IsAskedAlone()
    {
        QStringList gets;
        LoopbackTransport transport([&](const HttpRequest &r) {
            if (isBatch(r))
                return json(200, batchResponse({{QStringLiteral("200 OK"), searchset(QStringLiteral("a"))},
                                                {QStringLiteral("403 Forbidden"), {}}}));
            gets.append(r.target);
            return json(403, {{QStringLiteral("resourceType"), QStringLiteral("OperationOutcome")}});
        });
        FhirClient client(transport);
        client.allowBatchReads(true);
        QVERIFY(client.prefetch({QStringLiteral("Task?x=1"), QStringLiteral("AllergyIntolerance?y=2")}));
        QVERIFY(client.get(QStringLiteral("Task?x=1")));
        QVERIFY(gets.isEmpty());
        const Status refused = client.forEachPage(QStringLiteral("AllergyIntolerance?y=2"),
                                                  [](const fhir::ParsedBundle &) { return Status(); });
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode(SyncError::SearchFailed));
        QCOMPARE(gets, QStringList{QStringLiteral("AllergyIntolerance?y=2")});
    }

    // A DPI or gateway that refuses the batch, answers HTML, or answers with another number of
    // entries: the reads go one by one, for the rest of the run.
    void aBatchNotUnderstoodMeansOneByOne_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("405") << 405 << QByteArray("{\"resourceType\":\"OperationOutcome\"}");
        QTest::newRow("400") << 400 << QByteArray("{\"resourceType\":\"OperationOutcome\"}");
        QTest::newRow("HTML 200") << 200 << QByteArray("<html><body>portal</body></html>");
        QTest::newRow("one entry for two")
            << 200
            << QByteArray("{\"resourceType\":\"Bundle\",\"type\":\"batch-response\","
                          "\"entry\":[{\"response\":{\"status\":\"200\"}}]}");
        QTest::newRow("a transaction-response")
            << 200
            << QByteArray(
                   "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\",\"entry\":[{},{}]}");
    }
    void aBatchNotUnderstoodMeansOneByOne()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        int batches = 0;
        int gets = 0;
        LoopbackTransport transport([&](const HttpRequest &r) {
            if (isBatch(r)) {
                ++batches;
                HttpResponse answer;
                answer.status = status;
                answer.body = body;
                return answer;
            }
            ++gets;
            return json(200, searchset(QStringLiteral("alone")));
        });
        FhirClient client(transport);
        client.allowBatchReads(true);
        QVERIFY(client.prefetch({QStringLiteral("Task?x=1"), QStringLiteral("Encounter?y=2")}));
        QVERIFY(client.prefetch({QStringLiteral("Task?x=3"), QStringLiteral("Encounter?y=4")}));
        QCOMPARE(batches, 1); // not tried again in this run
        Result<FhirReply> read = client.get(QStringLiteral("Task?x=1"));
        QVERIFY(read);
        QCOMPARE(read->body.value(QLatin1String("id")).toString(), QStringLiteral("alone"));
        QCOMPARE(gets, 1);
    }

    // A batch lost, timed out by a gateway or answered 5xx: the reads go one by one (they may pass where
    // the big batch did not), and the client says so for the next runs. Only refused credentials stop.
    void aBatchThatFailsFallsBackToOneByOne_data()
    {
        QTest::addColumn<int>("status"); // 0: the connection dropped
        QTest::newRow("504 from a gateway") << 504;
        QTest::newRow("503") << 503;
        QTest::newRow("501 (not implemented)") << 501;
        QTest::newRow("dropped") << 0;
    }
    void aBatchThatFailsFallsBackToOneByOne()
    {
        QFETCH(int, status);
        int gets = 0;
        Handler handler = [&](const HttpRequest &r) -> Result<HttpResponse> {
            if (isBatch(r)) {
                if (status == 0)
                    return makeError(NetError::Unreachable, QStringLiteral("lost"), true);
                return json(status, {{QStringLiteral("resourceType"), QStringLiteral("OperationOutcome")}});
            }
            ++gets;
            return json(200, searchset(QStringLiteral("alone")));
        };
        ScriptedTransport transport(handler);
        FhirClient client(transport);
        client.allowBatchReads(true);
        QVERIFY(client.prefetch({QStringLiteral("Task?x=1"), QStringLiteral("Encounter?y=2")}));
        QVERIFY(client.batchReadsFailed());
        QVERIFY(client.get(QStringLiteral("Task?x=1")));
        QCOMPARE(gets, 1);
    }

    void refusedCredentialsStopTheRun()
    {
        LoopbackTransport refused([](const HttpRequest &) {
            return json(401, {{QStringLiteral("resourceType"), QStringLiteral("OperationOutcome")}});
        });
        FhirClient unauthorized(refused);
        unauthorized.allowBatchReads(true);
        const Status signIn =
            unauthorized.prefetch({QStringLiteral("Task?x=1"), QStringLiteral("Encounter?y=2")});
        QVERIFY(!signIn);
        QCOMPARE(signIn.error().code, ErrorCode(NetError::Unauthorized));
    }

    // HAPI caps a search inside a batch (maximumSearchResultCountInTransaction) and drops the next link:
    // an answer is used only when it is whole (its total says so) or goes on (next link).
    void anAnswerCutShortIsAskedAlone_data()
    {
        QTest::addColumn<QJsonObject>("answer");
        QTest::addColumn<bool>("kept");
        QTest::newRow("whole: total = entries") << taskPage(5, 5, false) << true;
        QTest::newRow("goes on: next link") << taskPage(5, 20, true) << true;
        QTest::newRow("cut: total 20, 5 entries, no next") << taskPage(5, 20, false) << false;
        QTest::newRow("silent: no total, no next") << taskPage(5, -1, false) << false;
    }
    void anAnswerCutShortIsAskedAlone()
    {
        QFETCH(QJsonObject, answer);
        QFETCH(bool, kept);
        int gets = 0;
        LoopbackTransport transport([&](const HttpRequest &r) {
            if (isBatch(r))
                return json(200, batchResponse({{QStringLiteral("200 OK"), answer},
                                                {QStringLiteral("200 OK"), searchset(QStringLiteral("b"))}}));
            ++gets;
            return json(200, taskPage(20, 20, false));
        });
        FhirClient client(transport);
        client.allowBatchReads(true);
        QVERIFY(client.prefetch({QStringLiteral("Task?x=1"), QStringLiteral("Encounter?y=2")}));
        Result<FhirReply> read = client.get(QStringLiteral("Task?x=1"));
        QVERIFY(read);
        QCOMPARE(gets, kept ? 0 : 1);
        QCOMPARE(read->body.value(QLatin1String("entry")).toArray().size(), kept ? 5 : 20);
        QVERIFY(!client.batchReadsFailed());
    }

    // Answers out of order (forbidden, but a proxy or a hostile server may) or not pages at all: nothing
    // of that batch stands in for a read.
    void answersThatDoNotMatchTheirReadsAreNotUsed_data()
    {
        QTest::addColumn<QJsonObject>("first");
        QTest::newRow("Tasks answered to an Encounter read") << taskPage(2, 2, false);
        QTest::newRow("an OperationOutcome with 200")
            << QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("OperationOutcome")}};
    }
    void answersThatDoNotMatchTheirReadsAreNotUsed()
    {
        QFETCH(QJsonObject, first);
        int gets = 0;
        LoopbackTransport transport([&](const HttpRequest &r) {
            if (isBatch(r))
                return json(200, batchResponse({{QStringLiteral("200 OK"), first},
                                                {QStringLiteral("200 OK"), taskPage(3, 3, false)}}));
            ++gets;
            return json(200, searchset(QStringLiteral("alone")));
        });
        FhirClient client(transport);
        client.allowBatchReads(true);
        QVERIFY(client.prefetch({QStringLiteral("Encounter?y=2"), QStringLiteral("Task?x=1")}));
        QVERIFY(client.batchReadsFailed());
        QCOMPARE(client.prefetchedUnused(), 0);
        QVERIFY(client.get(QStringLiteral("Task?x=1")));
        QCOMPARE(gets, 1);
    }

    void theCapabilityStatementIsKeptAnHourForItsDpi()
    {
        Device device;
        const QString base = QStringLiteral("https://dpi.example/fhir");
        CapabilityCache cache(*device.store, base);
        const qint64 t0 = 1'780'000'000'000;
        QVERIFY(cache.fresh(t0) && !cache.fresh(t0)->has_value());
        const QJsonObject statement{{QStringLiteral("resourceType"), QStringLiteral("CapabilityStatement")},
                                    {QStringLiteral("fhirVersion"), QStringLiteral("4.0.1")}};
        QVERIFY(cache.keep(statement, t0));
        Result<std::optional<QJsonObject>> kept = cache.fresh(t0 + CapabilityCache::kMaxAgeMs - 1);
        QVERIFY(kept && kept->has_value());
        QCOMPARE(**kept, statement);
        QVERIFY(!cache.fresh(t0 + CapabilityCache::kMaxAgeMs)->has_value()); // an hour old
        QVERIFY(!cache.fresh(t0 - 1000)->has_value());                       // the clock went back
        QVERIFY(!CapabilityCache(*device.store, QStringLiteral("https://other.example/fhir"))
                     .fresh(t0 + 1)
                     ->has_value());
        QVERIFY(cache.forget());
        QVERIFY(!cache.fresh(t0 + 1)->has_value());
        // Sealed: the statement is not readable in the file (it tells which DPI the tablet talks to).
        Result<QByteArray> raw = device.store->metaValue(QStringLiteral("sealed.dpi-capabilities"));
        QVERIFY(raw);
        QVERIFY(!raw->contains("dpi.example"));
    }

    // On the wire, against the stand-in: the first sync of a ward, then a sync with nothing new in one
    // request (the batch; no `metadata`, no identity check with nothing to send), then one with work to
    // send, which checks identities first.
    void aSyncWithNothingNewIsOneRequest()
    {
        QTemporaryDir folder;
        auto dpi = demoDpi(folder);
        Device device;
        const SyncScope ward = cardiology();
        WireCounter wire(dpi->transport());
        Result<SyncOutcome> first = SyncRun(*device.store, wire, ward).run();
        QVERIFY2(first, first ? "" : qPrintable(first.error().toString()));
        QVERIFY(first->counts.pulled > 100);
        // The patients and every full pull in batches, a read of vitals per patient: no page follows
        // (the statement, the stays and the batches only).
        QVERIFY2(wire.requests - wire.batches <= 2,
                 qPrintable(QStringLiteral("%1 requests, %2 batches").arg(wire.requests).arg(wire.batches)));
        QVERIFY(wire.batches >= 1);
        const int firstRequests = wire.requests;

        wire.requests = wire.batches = 0;
        Result<SyncOutcome> quiet = SyncRun(*device.store, wire, ward).run();
        QVERIFY(quiet);
        QCOMPARE(quiet->counts.pulled, 0);
        QCOMPARE(wire.requests, 1);
        QCOMPARE(wire.batches, 1);

        Result<std::optional<Patient>> odile =
            device.store->patients().findByServerId(QStringLiteral("pat-001"));
        QVERIFY(odile && *odile);
        QVERIFY(device.store->observations().recordVitals((*odile)->id, normalVitals()));
        wire.requests = wire.batches = 0;
        Result<SyncOutcome> pushed = SyncRun(*device.store, wire, ward).run();
        QVERIFY(pushed);
        QVERIFY(pushed->counts.pushed > 0);
        QCOMPARE(wire.batches, 1);
        QVERIFY2(wire.requests <= 4,
                 qPrintable(QString::number(wire.requests))); // identities, bundle(s), batch
        qInfo("first sync %d requests; nothing new 1; with a vitals entry to send %d", firstRequests,
              wire.requests);
    }

    // A gateway that times out the batch (504): each run reads one by one and succeeds; after two runs
    // in a row the device stops trying batches for an hour.
    void aBatchThatFailsIsNotTriedAgainForAnHour()
    {
        QTemporaryDir folder;
        auto dpi = demoDpi(folder);
        std::unique_ptr<Transport> inner = dpi->transport();
        int batches = 0;
        ScriptedTransport gateway([&](const HttpRequest &r) -> Result<HttpResponse> {
            if (isBatch(r)) {
                ++batches;
                HttpResponse timeout;
                timeout.status = 504;
                timeout.body = QByteArrayLiteral("<html><body>Gateway Timeout</body></html>");
                return timeout;
            }
            return inner->exchange(r);
        });
        Device device;
        const SyncScope ward = cardiology();
        Result<SyncOutcome> first = SyncRun(*device.store, gateway, ward).run();
        QVERIFY2(first, first ? "" : qPrintable(first.error().toString()));
        QVERIFY(first->counts.pulled > 100);
        QCOMPARE(batches, 1);
        QVERIFY(SyncRun(*device.store, gateway, ward).run());
        QCOMPARE(batches, 2); // once may be bad luck: tried again
        QVERIFY(SyncRun(*device.store, gateway, ward).run());
        QCOMPARE(batches, 2); // twice in a row: one by one for an hour
    }

    void batchesPauseAfterTwoFailedRunsInARow()
    {
        Device device;
        BatchReadPolicy policy(*device.store);
        const qint64 t0 = 1'780'000'000'000;
        QVERIFY(*policy.allowed(t0));
        QVERIFY(policy.record(true, false, t0));
        QVERIFY(*policy.allowed(t0 + 1000)); // one failed run
        QVERIFY(policy.record(false, true, t0 + 2000));
        QVERIFY(policy.record(true, false, t0 + 3000));
        QVERIFY(*policy.allowed(t0 + 4000)); // an answered batch in between started the count again
        QVERIFY(policy.record(true, false, t0 + 5000));
        QVERIFY(!*policy.allowed(t0 + 6000));
        QVERIFY(!*policy.allowed(t0 + 5000 + BatchReadPolicy::kPauseMs - 1));
        QVERIFY(*policy.allowed(t0 + 5000 + BatchReadPolicy::kPauseMs));
        QVERIFY(*policy.allowed(t0));                    // a clock moved back does not extend the pause
        QVERIFY(policy.record(false, false, t0 + 7000)); // a run without batch learns nothing
        QVERIFY(!*policy.allowed(t0 + 8000));
    }

    // A DPI user changes a Task right after the batch answered the run's change queries: the run does
    // not see it, and its checkpoint must not move past it — the next run brings it.
    void aChangeMadeWhileTheRunReadsArrivesNext()
    {
        QTemporaryDir folder;
        auto dpi = demoDpi(folder);
        Device device;
        const SyncScope ward = cardiology();
        QVERIFY(device.sync(*dpi, ward));
        QJsonObject task = dpi->all(QStringLiteral("Task"), QStringLiteral("status=requested")).first();
        const QString id = task.value(QLatin1String("id")).toString();
        bool changed = false;
        HookTransport transport(dpi->transport(), [&](HttpRequest &r, const HookTransport::Forward &forward) {
            Result<HttpResponse> answer = forward();
            if (!changed && r.target.startsWith(QLatin1String("Task/_history"))) {
                changed = true;
                task.insert(QStringLiteral("status"), QStringLiteral("cancelled"));
                dpi->put(QStringLiteral("Task/") + id, task);
            }
            return answer;
        });
        QVERIFY(SyncRun(*device.store, transport, ward).run());
        QVERIFY(changed);
        const auto status = [&]() {
            Result<std::optional<RecordRow>> row =
                device.store->context().records.findByServerId(RecordType::Task, id);
            return row && *row ? (*row)->status : QString();
        };
        QCOMPARE(status(), QStringLiteral("requested")); // read before the change
        QVERIFY(SyncRun(*device.store, transport, ward).run());
        QCOMPARE(status(), QStringLiteral("cancelled"));
    }

    // Against the independent server (Medplum's engine, no type history, pages of 5): a device reading
    // in batches ends with exactly what a device reading one by one has, across full pulls, changes
    // and paging that continues after a batch answer.
    void batchedReadsBringWhatOneByOneBrings()
    {
        DpiConfig config;
        config.maxPageSize = 5;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Independent, config, QString());
        QVERIFY(dpi);
        // A patient of the establishment the devices serve, registered in the DPI.
        const QString ipp = QStringLiteral("820001");
        const QJsonObject registered{
            {QStringLiteral("resourceType"), QStringLiteral("Patient")},
            {QStringLiteral("identifier"),
             QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("urn:oid:2.999.250.1")},
                                    {QStringLiteral("value"), ipp}}}},
            {QStringLiteral("name"),
             QJsonArray{QJsonObject{{QStringLiteral("family"), QStringLiteral("Moreau")}}}},
            {QStringLiteral("gender"), QStringLiteral("female")},
            {QStringLiteral("birthDate"), QStringLiteral("1948-03-17")}};
        const HttpResponse created =
            dpi->direct("POST", QStringLiteral("Patient"), QJsonDocument(registered).toJson(),
                        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/fhir+json")}});
        QCOMPARE(created.status, 201);
        const QString serverId =
            QJsonDocument::fromJson(created.body).object().value(QLatin1String("id")).toString();
        QVERIFY(!serverId.isEmpty());
        SyncScope scope;
        scope.patients = {ipp};
        Device writer(QStringLiteral("nurse-w"));
        QVERIFY(writer.sync(*dpi, scope));
        Result<std::optional<Patient>> patient = writer.store->patients().findByServerId(serverId);
        QVERIFY(patient && *patient);
        for (int i = 0; i < 3; ++i)
            QVERIFY(writer.store->observations().recordVitals((*patient)->id, normalVitals()));
        QVERIFY(writer.sync(*dpi, scope));

        Device batched(QStringLiteral("nurse-b"));
        Device oneByOne(QStringLiteral("nurse-c"));
        WireCounter wire(dpi->transport());
        // The reference reads one by one because its DPI says it has no batch, not by emulation.
        // The reference reads one by one because its DPI says it has no batch, not by emulation.
        WireCounter apart(std::make_unique<HookTransport>(
            dpi->transport(), [&](HttpRequest &r, const HookTransport::Forward &forward) {
                Result<HttpResponse> answer = forward();
                if (answer && r.target == QLatin1String("metadata"))
                    answer->body = withoutBatch(answer->body);
                return answer;
            }));
        auto both = [&]() {
            Result<SyncOutcome> a = SyncRun(*batched.store, wire, scope).run();
            Result<SyncOutcome> b = SyncRun(*oneByOne.store, apart, scope).run();
            return a && b;
        };
        QVERIFY(both());
        QVERIFY(wire.batches >= 1);
        QCOMPARE(apart.batches, 0);
        const QStringList written = observationsOf(*writer.store, serverId);
        QVERIFY(written.size() > 5);                            // more than a page
        QVERIFY(!written.first().startsWith(QLatin1Char('/'))); // every one has its DPI id
        QCOMPARE(observationsOf(*batched.store, serverId), written);
        QCOMPARE(observationsOf(*oneByOne.store, serverId), written);

        // Changes: new vitals on the DPI, read back through the change queries of the batch.
        for (int i = 0; i < 2; ++i)
            QVERIFY(writer.store->observations().recordVitals((*patient)->id, normalVitals()));
        QVERIFY(writer.sync(*dpi, scope));
        wire.batches = 0;
        QVERIFY(both());
        QVERIFY(wire.batches >= 1);
        QCOMPARE(apart.batches, 0);
        const QStringList now = observationsOf(*writer.store, serverId);
        QCOMPARE(now.size(), written.size() + 2 * (written.size() / 3));
        QCOMPARE(observationsOf(*batched.store, serverId), now);
        QCOMPARE(observationsOf(*oneByOne.store, serverId), now);
    }
};

QTEST_GUILESS_MAIN(TestBatchReads)
#include "tst_batchreads.moc"
