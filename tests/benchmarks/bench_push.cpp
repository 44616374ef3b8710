// bench_push: how fast the engine pushes observations to the DPI, next to what the DPI itself can take.
//
// Device: a sealed store holding one patient (already on the DPI) and --count single-measure vitals
// entries, all pending. Two measurements, each against chevet-dpi on loopback over real HTTP with a
// fresh database, alternated --repeat times (capacity, engine, capacity, engine, ...):
//
//  (a) capacity: the same observations as the engine sends them (its own mapping, its bundle size,
//      conditional creates `POST Observation` with ifNoneExist identifier=...), serialised once
//      before timing, posted one transaction after another by a minimal QNetworkAccessManager client.
//  (b) engine:   SyncRun on a copy of the device store; the push phase is timed from its state changes.
//
// Figures: records/s of each (medians), and engine / capacity against the 0.8 target.

#include "net/networktransport.h"
#include "store/observationrepository.h"
#include "sync/fhirclient.h"
#include "sync/pusher.h"
#include "sync/recordmapper.h"
#include "syncbenchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>

using namespace chevet;
using namespace chevet::bench;

namespace {

constexpr double kTargetRatio = 0.8;

struct Template
{
    QString path; // closed store on disk: patient delivered, `count` observations pending
    QByteArray patientJson;
    int chunkSize = 0;
    QList<QByteArray> bundles; // the engine's transactions, serialised
    qint64 bundleBytes = 0;
};

// The engine's bundle size against this DPI, as its Pusher decides it from the CapabilityStatement.
int engineChunkSize(Store &store, const QString &folder)
{
    DpiProcess probe(folder);
    QNetworkAccessManager manager;
    NetworkOptions options;
    options.baseUrl = probe.base();
    NetworkTransport transport(manager, options);
    FhirClient client(transport);
    Result<fhir::ServerCapabilities> capabilities = client.capabilities();
    if (!capabilities)
        fail(QStringLiteral("capabilities"), capabilities.error());
    return Pusher(store, client, *capabilities, {}).chunkSize();
}

// What the engine would send for the pending outbox, in its order and bundle size.
QList<QByteArray> engineBundles(Store &store, int count, int chunkSize)
{
    Result<QList<OutboxEntry>> pending = store.outbox().pending(count + 1);
    if (!pending || pending->size() != count)
        fail(QStringLiteral("outbox"), QStringLiteral("expected %1 pending entries").arg(count));
    RecordMapper mapper(store.context());
    QList<QByteArray> bundles;
    QList<fhir::BundleRequest> requests;
    for (const OutboxEntry &entry : std::as_const(*pending)) {
        Result<std::optional<RecordRow>> row = store.context().records.find(entry.recordId);
        if (!row || !*row)
            fail(QStringLiteral("record"), QStringLiteral("missing"));
        Result<OutgoingResource> out = mapper.outgoing(**row);
        if (!out || out->method != QLatin1String("POST") || !out->dependsOn.isNull())
            fail(QStringLiteral("mapping"), QStringLiteral("not a conditional create on a known patient"));
        requests.append(fhir::BundleRequest{out->fullUrl, out->json, out->method, out->url, out->ifNoneExist,
                                            out->ifMatch});
        if (requests.size() == chunkSize || bundles.size() * chunkSize + requests.size() == count) {
            bundles.append(
                QJsonDocument(fhir::makeTransaction(requests, true)).toJson(QJsonDocument::Compact));
            requests.clear();
        }
    }
    return bundles;
}

Template buildTemplate(const QString &work, const QString &stage, int count)
{
    Template t;
    t.path = work + QStringLiteral("/template.chevet");
    const QString buildPath = stage.isEmpty() ? t.path : stage + QStringLiteral("/template.chevet");
    std::unique_ptr<Store> store = createStore(buildPath);
    const DeliveredPatient patient = DeliveredPatient::addTo(*store);
    t.patientJson = patient.fhirJson;
    for (int i = 0; i < count; ++i) {
        // One minute apart, ending now: a ward's pulse checks.
        const qint64 at = store->context().clock.nowMs() - qint64(count - i) * 60000;
        Result<VitalsEntry> entry = store->observations().recordVitals(patient.id, pulseOnly(i), at);
        if (!entry)
            fail(QStringLiteral("recordVitals"), entry.error());
    }
    t.chunkSize = engineChunkSize(*store, work + QStringLiteral("/probe"));
    t.bundles = engineBundles(*store, count, t.chunkSize);
    for (const QByteArray &b : std::as_const(t.bundles))
        t.bundleBytes += b.size();
    store.reset();
    if (buildPath != t.path)
        copyStoreFiles(buildPath, t.path, true);
    return t;
}

struct CapacityRun
{
    qint64 ns = 0;
    double firstTenthPerS = 0; // the DPI's rate over its first and last tenth of the bundles: how it
    double lastTenthPerS = 0;  // slows down as its database fills
};

double tenthRate(const std::vector<qint64> &times, bool last, int chunkSize)
{
    const std::size_t n = std::max<std::size_t>(1, times.size() / 10);
    qint64 ns = 0;
    for (std::size_t i = 0; i < n; ++i)
        ns += times[last ? times.size() - 1 - i : i];
    return ns > 0 ? double(n) * chunkSize / seconds(ns) : 0;
}

CapacityRun measureCapacity(const Template &t, const QString &folder, int count)
{
    DpiProcess dpi(folder);
    MinimalClient client(dpi.base());
    DeliveredPatient::putOn(client, t.patientJson);
    QElapsedTimer timer;
    timer.start();
    const std::vector<qint64> times = client.postAll(t.bundles);
    CapacityRun run{timer.nsecsElapsed(), tenthRate(times, false, t.chunkSize),
                    tenthRate(times, true, t.chunkSize)};
    const qint64 stored =
        client.count(QStringLiteral("Observation?patient=Patient/") + kBenchPatientServerId);
    if (stored != count)
        fail(QStringLiteral("capacity"),
             QStringLiteral("the DPI holds %1 observations, not %2").arg(stored).arg(count));
    return run;
}

struct EngineRun
{
    PhaseSplit split;
    int chunkSize = 0;
    qint64 bytesSent = 0;
};

EngineRun measureEngine(const Template &t, const QString &folder, int count)
{
    DpiProcess dpi(folder + QStringLiteral("/dpi"));
    MinimalClient admin(dpi.base());
    DeliveredPatient::putOn(admin, t.patientJson);
    const QString devicePath = folder + QStringLiteral("/device.chevet");
    copyStoreFiles(t.path, devicePath, false);
    std::unique_ptr<Store> store = openStore(devicePath);

    QNetworkAccessManager manager;
    NetworkOptions options;
    options.baseUrl = dpi.base();
    NetworkTransport network(manager, options);
    TimedTransport transport(network);
    SyncRun sync(*store, transport, SyncScope{});
    EngineRun run;
    Result<SyncOutcome> outcome = runTimed(sync, transport, run.split);
    if (!outcome)
        fail(QStringLiteral("engine"), outcome.error());
    if (outcome->counts.pushed != count || outcome->counts.quarantined || outcome->counts.conflicts)
        fail(QStringLiteral("engine"), QStringLiteral("pushed %1 of %2 (%3 quarantined, %4 conflicts)")
                                           .arg(outcome->counts.pushed)
                                           .arg(count)
                                           .arg(outcome->counts.quarantined)
                                           .arg(outcome->counts.conflicts));
    run.chunkSize = outcome->chunkSize;
    run.bytesSent = transport.bytesSent();
    const qint64 stored = admin.count(QStringLiteral("Observation?patient=Patient/") + kBenchPatientServerId);
    if (stored != count)
        fail(QStringLiteral("engine"),
             QStringLiteral("the DPI holds %1 observations, not %2").arg(stored).arg(count));
    return run;
}

double perSecond(int count, qint64 ns)
{
    return ns > 0 ? double(count) / seconds(ns) : 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_push"));
    quietEngineLogs();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Push throughput of the sync engine against chevet-dpi's own capacity"));
    parser.addHelpOption();
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Observations to push."),
                                         QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"),
                                          QStringLiteral("Capacity/engine pairs (medians are reported)."),
                                          QStringLiteral("R"), QStringLiteral("3"));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"), QStringLiteral("Parent folder for the files (default: beside the binary)."),
        QStringLiteral("DIR"));
    const QCommandLineOption stageOption(
        QStringLiteral("stage"),
        QStringLiteral(
            "Memory folder to build the device store in; 'none' builds on disk (default /dev/shm)."),
        QStringLiteral("DIR"), QStringLiteral("/dev/shm"));
    parser.addOptions({countOption, repeatOption, dirOption, stageOption});
    parser.process(app);

    const int count = qMax(1, parser.value(countOption).toInt());
    const int repeat = qMax(1, parser.value(repeatOption).toInt());
    const QString parent = benchParentDir(parser.value(dirOption));
    QTemporaryDir work(parent + QStringLiteral("/bench_push-XXXXXX"));
    if (!work.isValid())
        fail(QStringLiteral("folder"), parent);
    const QString stageRoot = stagingFolder(parser.value(stageOption));
    std::optional<QTemporaryDir> stage;
    if (!stageRoot.isEmpty())
        stage.emplace(stageRoot + QStringLiteral("/bench_push-XXXXXX"));

    out() << "bench_push: " << count << " single-measure observations of one patient, " << repeat
          << " capacity/engine pairs, each on a fresh chevet-dpi database" << Qt::endl;
    out() << "files: " << describeFileSystem(work.path()) << "; load average " << machineLoad() << Qt::endl;
    if (isMemoryFileSystem(work.path()))
        out() << "WARNING: memory file system, fsync is free: figures are meaningless; pass --dir"
              << Qt::endl;

    QElapsedTimer buildTimer;
    buildTimer.start();
    const Template t =
        buildTemplate(work.path(), stage && stage->isValid() ? stage->path() : QString(), count);
    out() << "device store built in " << fixed(seconds(buildTimer.nsecsElapsed()), 1)
          << " s; engine bundle size " << t.chunkSize << " -> " << t.bundles.size() << " transactions, "
          << fixed(double(t.bundleBytes) / t.bundles.size() / 1024.0, 1) << " KiB each" << Qt::endl
          << Qt::endl;

    std::vector<double> capacityRates;
    std::vector<double> pushRates;
    std::vector<double> runRates;
    std::vector<double> ownWorkUsPerRecord;
    int settledChunk = 0;
    for (int r = 0; r < repeat; ++r) {
        const CapacityRun capacity =
            measureCapacity(t, work.filePath(QStringLiteral("capacity-%1").arg(r)), count);
        capacityRates.push_back(perSecond(count, capacity.ns));
        out() << "pair " << r + 1 << "  (a) capacity: " << fixed(seconds(capacity.ns), 3) << " s, "
              << fixed(capacityRates.back(), 0) << " records/s (first tenth of the bundles "
              << fixed(capacity.firstTenthPerS, 0) << " records/s, last tenth "
              << fixed(capacity.lastTenthPerS, 0) << ")" << Qt::endl;

        const EngineRun engine = measureEngine(t, work.filePath(QStringLiteral("engine-%1").arg(r)), count);
        pushRates.push_back(perSecond(count, engine.split.push.ns));
        runRates.push_back(perSecond(count, engine.split.totalNs));
        ownWorkUsPerRecord.push_back(double(engine.split.push.ns - engine.split.push.httpNs) / 1000.0 /
                                     count);
        settledChunk = engine.chunkSize;
        out() << "        (b) engine:   push " << describePhase(engine.split.push) << ", "
              << fixed(pushRates.back(), 0) << " records/s; whole run "
              << fixed(seconds(engine.split.totalNs), 3) << " s; chunk " << engine.chunkSize << "; "
              << fixed(double(engine.bytesSent) / 1024.0 / 1024.0, 1) << " MiB sent vs "
              << fixed(double(t.bundleBytes) / 1024.0 / 1024.0, 1) << " MiB by (a)" << Qt::endl;
    }

    const double capacity = median(capacityRates);
    const double push = median(pushRates);
    const double whole = median(runRates);
    const double ratio = capacity > 0 ? push / capacity : 0;
    const bool pass = ratio >= kTargetRatio;
    out() << Qt::endl
          << "medians of " << repeat << ":" << Qt::endl
          << "  (a) DPI capacity, minimal client:  " << fixed(capacity, 0) << " records/s" << Qt::endl
          << "  (b) engine push phase:             " << fixed(push, 0) << " records/s (whole SyncRun "
          << fixed(whole, 0) << " records/s)" << Qt::endl
          << "  engine's own work in the push:     " << fixed(median(ownWorkUsPerRecord), 1)
          << " us/record (the rest is waiting on the DPI)" << Qt::endl
          << "  engine-bound ceiling:              " << fixed(1e6 / median(ownWorkUsPerRecord), 0)
          << " records/s (if the DPI answered instantly)" << Qt::endl
          << "  engine chunk size:                 " << settledChunk << Qt::endl
          << "  (b)/(a) = " << fixed(ratio, 2) << "  (target >= " << fixed(kTargetRatio, 1) << ")  "
          << (pass ? "PASS" : "MISS") << Qt::endl;

    const QJsonObject json{
        {QStringLiteral("bench"), QStringLiteral("push")},
        {QStringLiteral("count"), count},
        {QStringLiteral("repeat"), repeat},
        {QStringLiteral("chunk"), settledChunk},
        {QStringLiteral("capacity_per_s"), std::round(capacity)},
        {QStringLiteral("engine_push_per_s"), std::round(push)},
        {QStringLiteral("engine_run_per_s"), std::round(whole)},
        {QStringLiteral("ratio"), std::round(ratio * 100) / 100},
        {QStringLiteral("target"), kTargetRatio},
        {QStringLiteral("result"), pass ? QStringLiteral("PASS") : QStringLiteral("MISS")},
    };
    out() << QJsonDocument(json).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}
