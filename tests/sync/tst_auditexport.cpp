// Security review F8: the tablet's audit trail goes to the DPI as AuditEvents when the DPI takes them,
// once per entry whatever is lost on the way, matching the tablet's own chain; a DPI that does not take
// them leaves the trail on the tablet, and says so. Against the stand-in and the independent server.
#include "hooktransport.h"
#include "store/auditlog.h"
#include "store/observationrepository.h"
#include "store/storecontext.h"
#include "sync/auditevents.h"
#include "sync/auditexporter.h"
#include "syncfixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

using namespace chevet;

namespace {

Result<HttpResponse> lost()
{
    return makeError(NetError::Unreachable, QStringLiteral("answer lost"), true);
}

bool carriesAuditEvents(const HttpRequest &request)
{
    return isBundlePost(request) && request.body.contains("\"AuditEvent\"");
}

// Every entry the DPI's AuditEvents carry, by sequence number: how many times, and its chain hash.
struct DpiTrail
{
    QHash<qint64, int> copies;
    QHash<qint64, QByteArray> hashes;
    int events = 0;
};

DpiTrail trailOn(DpiHarness &dpi, const QString &device)
{
    DpiTrail trail;
    const QString prefix = device + QLatin1Char('/');
    for (const QJsonObject &event : dpi.all(QStringLiteral("AuditEvent"))) {
        bool ours = false;
        for (const QJsonValue &entity : event.value(QLatin1String("entity")).toArray()) {
            const QJsonObject e = entity.toObject();
            const QString id = e.value(QLatin1String("what"))
                                   .toObject()
                                   .value(QLatin1String("identifier"))
                                   .toObject()
                                   .value(QLatin1String("value"))
                                   .toString();
            if (!id.startsWith(prefix))
                continue;
            ours = true;
            const qint64 seq = id.mid(prefix.size()).toLongLong();
            ++trail.copies[seq];
            for (const QJsonValue &detail : e.value(QLatin1String("detail")).toArray()) {
                if (detail.toObject().value(QLatin1String("type")).toString() == QLatin1String("hash"))
                    trail.hashes[seq] = QByteArray::fromBase64(
                        detail.toObject().value(QLatin1String("valueBase64Binary")).toString().toLatin1());
            }
        }
        trail.events += ours ? 1 : 0;
    }
    return trail;
}

} // namespace

class TestAuditExport : public QObject
{
    Q_OBJECT

    // Every local entry is on the DPI exactly once; each run ends on the tablet's own chain hash, so the
    // DPI pins every entry of it.
    static void checkTrailMatches(Device &device, DpiHarness &dpi)
    {
        Result<QList<AuditEntry>> local = device.store->audit().entries(0, 100000);
        QVERIFY(local);
        QVERIFY(!local->isEmpty());
        const DpiTrail trail = trailOn(dpi, device.store->context().device);
        QCOMPARE(trail.copies.size(), local->size());
        for (const AuditEntry &entry : *local) {
            QVERIFY2(trail.copies.value(entry.seq) == 1,
                     qPrintable(QStringLiteral("entry %1 is on the DPI %2 time(s)")
                                    .arg(entry.seq)
                                    .arg(trail.copies.value(entry.seq))));
            if (trail.hashes.contains(entry.seq))
                QCOMPARE(trail.hashes.value(entry.seq), entry.hash);
        }
        QVERIFY(trail.hashes.contains(local->constLast().seq));
        QCOMPARE(trail.hashes.size(), trail.events); // one per run, on its last entry
        Result<AuditExportStatus> status = AuditExporter::status(*device.store);
        QVERIFY(status);
        QCOMPARE(status->state, AuditExportStatus::State::Exported);
        QCOMPARE(status->exportedSeq, local->constLast().seq);
    }

private Q_SLOTS:
    void initTestCase()
    {
        quietStoreInfoLogs();
        const QString problem = independentServerProblem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void theTrailReachesTheDpiOnceWhateverIsLost_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("conditionalCreate");
        QTest::newRow("stand-in") << int(DpiHarness::Mode::Http) << true;
        QTest::newRow("independent") << int(DpiHarness::Mode::Independent) << true;
        QTest::newRow("independent, no conditional create") << int(DpiHarness::Mode::Independent) << false;
    }
    void theTrailReachesTheDpiOnceWhateverIsLost()
    {
        QFETCH(int, mode);
        QFETCH(bool, conditionalCreate);
        DpiConfig config;
        config.conditionalCreate = conditionalCreate;
        auto dpi = DpiHarness::start(DpiHarness::Mode(mode), config, QString());
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("820001"));
        QVERIFY2(patient, qPrintable(errorText(patient)));
        QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));

        std::unique_ptr<Transport> inner = dpi->transport();
        bool lose = false;
        int lostAnswers = 0;
        HookTransport transport(std::move(inner), [&](HttpRequest &r, const HookTransport::Forward &forward) {
            Result<HttpResponse> done = forward();
            if (lose && carriesAuditEvents(r) && done && done->status < 300) {
                ++lostAnswers;
                return lost();
            }
            return done;
        });
        auto sync = [&]() {
            SyncRun run(*device.store, transport, SyncScope{});
            run.setAuditExportDelay(0);
            return run.run();
        };
        Result<SyncOutcome> first = sync();
        QVERIFY2(first, qPrintable(errorText(first)));
        checkTrailMatches(device, *dpi);

        // More work; the DPI takes the trail but its answer is lost: the clinical sync still succeeds.
        QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));
        lose = true;
        Result<SyncOutcome> second = sync();
        QVERIFY2(second, qPrintable(errorText(second)));
        QCOMPARE(lostAnswers, 1);
        lose = false;
        Result<SyncOutcome> third = sync();
        QVERIFY2(third, qPrintable(errorText(third)));
        checkTrailMatches(device, *dpi);

        // Nothing new: nothing is sent again.
        int auditPosts = 0;
        lose = false;
        HookTransport counting(dpi->transport(), [&](HttpRequest &r, const HookTransport::Forward &forward) {
            auditPosts += carriesAuditEvents(r) ? 1 : 0;
            return forward();
        });
        SyncRun quiet(*device.store, counting, SyncScope{});
        quiet.setAuditExportDelay(0);
        QVERIFY(quiet.run());
        QCOMPARE(auditPosts, 0);
        checkTrailMatches(device, *dpi);
    }

    // The app's syncs do not carry the trail while its oldest entry is fresh (no extra round trip on a
    // slow link); once it has waited the delay, the next sync takes it.
    void theTrailWaitsForItsDelayThenGoes()
    {
        auto dpi = DpiHarness::start(DpiHarness::Mode::Http, DpiConfig{}, QString());
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        Device device(QStringLiteral("nurse-a"), &clock);
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("820003"));
        QVERIFY(patient);
        // More than a full bundle waits as well: a first pull writes thousands of entries, and they
        // must not double the time of that sync (bench_pull).
        const int fullBundle = AuditExporter::kEntriesPerEvent * AuditExporter::kEventsPerBundle;
        while (device.store->audit().entries(0, fullBundle + 1).value().size() <= fullBundle)
            QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));
        int auditPosts = 0;
        HookTransport counting(dpi->transport(), [&](HttpRequest &r, const HookTransport::Forward &forward) {
            auditPosts += carriesAuditEvents(r) ? 1 : 0;
            return forward();
        });
        QVERIFY(SyncRun(*device.store, counting, SyncScope{}).run());
        QCOMPARE(auditPosts, 0);
        clock.advanceMs(AuditExporter::kDefaultDelayMs - 60 * 1000);
        QVERIFY(SyncRun(*device.store, counting, SyncScope{}).run());
        QCOMPARE(auditPosts, 0);
        clock.advanceMs(2 * 60 * 1000);
        QVERIFY(SyncRun(*device.store, counting, SyncScope{}).run());
        QVERIFY(auditPosts >= 2); // more than one bundle of runs
        checkTrailMatches(device, *dpi);
    }

    // A proxy that refuses large bodies (HTML 413): the trail goes in smaller runs, each entry once.
    void aBodyLimitOnTheWaySendsSmallerRuns()
    {
        auto dpi = DpiHarness::start(DpiHarness::Mode::Independent, DpiConfig{}, QString());
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("820004"));
        QVERIFY(patient);
        for (int i = 0; i < 3; ++i)
            QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));
        int tooLarge = 0;
        HookTransport proxy(dpi->transport(), [&](HttpRequest &r, const HookTransport::Forward &forward) {
            if (carriesAuditEvents(r) && r.body.size() > 6000) {
                ++tooLarge;
                return Result<HttpResponse>(answer(
                    413, "<html><body><h1>413 Request Entity Too Large</h1></body></html>", "text/html"));
            }
            return forward();
        });
        SyncRun run(*device.store, proxy, SyncScope{});
        run.setAuditExportDelay(0);
        Result<SyncOutcome> outcome = run.run();
        QVERIFY2(outcome, qPrintable(errorText(outcome)));
        QVERIFY(tooLarge > 0);
        checkTrailMatches(device, *dpi);
    }

    // Hostile review: a server that ignores a search parameter answers with other events. A run lost on
    // its way (never stored) must not be taken as found because the search answered something.
    void aSearchAnsweringOtherEventsIsNotTakenForTheRun()
    {
        DpiConfig config;
        config.conditionalCreate = false; // so the run is looked for before it is sent again
        auto dpi = DpiHarness::start(DpiHarness::Mode::Independent, config, QString());
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("820005"));
        QVERIFY(patient);
        bool dropBeforeTheDpi = true;
        int searches = 0;
        HookTransport lenient(dpi->transport(), [&](HttpRequest &r, const HookTransport::Forward &forward) {
            if (dropBeforeTheDpi && carriesAuditEvents(r))
                return lost(); // never reached the DPI
            if (r.method == "GET" && r.target.startsWith(QLatin1String("AuditEvent?"))) {
                ++searches;
                // What a server ignoring `subtype` answers: some other AuditEvent.
                const QJsonObject other{
                    {QStringLiteral("resourceType"), QStringLiteral("AuditEvent")},
                    {QStringLiteral("subtype"),
                     QJsonArray{
                         QJsonObject{{QStringLiteral("system"), QLatin1String(kAuditRunSystem)},
                                     {QStringLiteral("code"), QStringLiteral("another-device/1-9")}}}}};
                const QJsonObject bundle{
                    {QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                    {QStringLiteral("type"), QStringLiteral("searchset")},
                    {QStringLiteral("entry"), QJsonArray{QJsonObject{{QStringLiteral("resource"), other}}}}};
                return Result<HttpResponse>(answer(200, QJsonDocument(bundle).toJson(QJsonDocument::Compact),
                                                   "application/fhir+json"));
            }
            return forward();
        });
        SyncRun first(*device.store, lenient, SyncScope{});
        first.setAuditExportDelay(0);
        QVERIFY(first.run());
        dropBeforeTheDpi = false;
        SyncRun second(*device.store, lenient, SyncScope{});
        second.setAuditExportDelay(0);
        QVERIFY(second.run());
        QVERIFY(searches > 0);
        checkTrailMatches(device, *dpi);
    }

    // A DPI whose CapabilityStatement does not offer AuditEvent gets none; the trail stays local and
    // the tablet says so.
    void aDpiWithoutAuditEventsKeepsTheTrailLocal()
    {
        auto dpi = DpiHarness::start(DpiHarness::Mode::Http, DpiConfig{}, QString());
        Device device;
        QVERIFY(addPatient(*device.store, QStringLiteral("820002")));
        int auditPosts = 0;
        HookTransport transport(dpi->transport(), [&](HttpRequest &r, const HookTransport::Forward &forward) {
            auditPosts += carriesAuditEvents(r) ? 1 : 0;
            Result<HttpResponse> done = forward();
            if (done && r.target == QLatin1String("metadata")) {
                // The same statement without AuditEvent.
                QJsonObject statement = QJsonDocument::fromJson(done->body).object();
                QJsonArray rest = statement.value(QLatin1String("rest")).toArray();
                QJsonObject server = rest.at(0).toObject();
                QJsonArray kept;
                for (const QJsonValue &resource : server.value(QLatin1String("resource")).toArray()) {
                    if (resource.toObject().value(QLatin1String("type")).toString() !=
                        QLatin1String("AuditEvent"))
                        kept.append(resource);
                }
                server.insert(QStringLiteral("resource"), kept);
                rest.replace(0, server);
                statement.insert(QStringLiteral("rest"), rest);
                done->body = QJsonDocument(statement).toJson(QJsonDocument::Compact);
            }
            return done;
        });
        SyncRun run(*device.store, transport, SyncScope{});
        Result<SyncOutcome> outcome = run.run();
        QVERIFY2(outcome, qPrintable(errorText(outcome)));
        QCOMPARE(outcome->counts.pushed, 1);
        QCOMPARE(auditPosts, 0);
        QVERIFY(trailOn(*dpi, device.store->context().device).copies.isEmpty());
        Result<AuditExportStatus> status = AuditExporter::status(*device.store);
        QVERIFY(status);
        QCOMPARE(status->state, AuditExportStatus::State::LocalOnly);
        QCOMPARE(status->exportedSeq, 0);
    }
};

QTEST_MAIN(TestAuditExport)
#include "tst_auditexport.moc"
