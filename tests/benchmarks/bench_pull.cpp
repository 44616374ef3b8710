// bench_pull: a new device's first pull of a ward, then an incremental sync with nothing changed.
//
// The DPI: chevet-dpi --seed demo (on disk, fresh database) plus --rounds bedside rounds of vitals
// every --interval hours for each patient of the ward, built as the engine builds them (6 measures and
// their NEWS2, one Observation each, referencing Patient/<id>), loaded before timing. The device: an
// empty sealed store, --repeat of them in turn. Timed: SyncRun with scope unit-cardio until it succeeds,
// then a second SyncRun with nothing changed. The first pull starts once the loaded vitals are --age
// seconds old: the engine's first checkpoint starts a minute before the run, so anything younger would
// come back (and be skipped) in the second sync.

#include "dpiload.h"
#include "net/networktransport.h"
#include "sync/puller.h"
#include "syncbenchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QThread>

#include <set>

using namespace chevet;
using namespace chevet::bench;

namespace {

const QString kUnit = QStringLiteral("unit-cardio");

QString rate(qint64 resources, qint64 ns)
{
    return fixed(ns > 0 ? double(resources) / seconds(ns) : 0, 0);
}

struct DeviceRun
{
    PhaseSplit first;
    SyncCounts firstCounts;
    int attempts = 0;
    qint64 firstBytes = 0;
    PhaseSplit second;
    int secondPulled = 0;
};

void add(PhaseSplit::Phase &into, const PhaseSplit::Phase &phase)
{
    into.ns += phase.ns;
    into.httpNs += phase.httpNs;
    into.requests += phase.requests;
}

// A new device: its first sync of the ward (retried until a run succeeds), then one with nothing changed.
// Issue "weak links" item 3: the first pull of the ward, and the engine's own share of it.
constexpr double kTargetFirstS = 1.0;
constexpr double kTargetOwnUs = 30.0;

const char *verdict(bool met)
{
    return met ? "met" : "NOT met";
}

DeviceRun syncNewDevice(const QUrl &base, const QString &folder)
{
    QDir().mkpath(folder);
    std::unique_ptr<Store> store = createStore(folder + QStringLiteral("/device.chevet"));
    QNetworkAccessManager manager;
    NetworkOptions options;
    options.baseUrl = base;
    NetworkTransport network(manager, options);
    TimedTransport transport(network);
    transport.setTrace(qEnvironmentVariableIsSet("CHEVET_BENCH_TRACE"));
    SyncScope scope;
    scope.unit = kUnit;

    DeviceRun device;
    for (bool done = false; !done;) {
        if (++device.attempts > 5)
            fail(QStringLiteral("first sync"), QStringLiteral("no run succeeded in 5 attempts"));
        SyncRun run(*store, transport, scope);
        PhaseSplit split;
        const qint64 bytesBefore = transport.bytesReceived();
        Result<SyncOutcome> outcome = runTimed(run, transport, split);
        device.first.totalNs += split.totalNs;
        add(device.first.connect, split.connect);
        add(device.first.push, split.push);
        add(device.first.pull, split.pull);
        device.firstBytes += transport.bytesReceived() - bytesBefore;
        if (outcome) {
            device.firstCounts = outcome->counts;
            done = true;
        } else {
            out() << "  attempt " << device.attempts << " failed: " << outcome.error().code.name()
                  << Qt::endl;
        }
    }
    SyncRun again(*store, transport, scope);
    Result<SyncOutcome> incremental = runTimed(again, transport, device.second);
    if (!incremental)
        fail(QStringLiteral("second sync"), incremental.error());
    device.secondPulled = incremental->counts.pulled;
    return device;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_pull"));
    quietEngineLogs();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("First pull of the demo ward with a week of vitals"));
    parser.addHelpOption();
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
                                          QStringLiteral("Bedside rounds per patient loaded into the DPI."),
                                          QStringLiteral("N"), QStringLiteral("42"));
    const QCommandLineOption intervalOption(QStringLiteral("interval"),
                                            QStringLiteral("Hours between rounds."), QStringLiteral("H"),
                                            QStringLiteral("4"));
    const QCommandLineOption repeatOption(
        QStringLiteral("repeat"), QStringLiteral("New devices pulling in turn (medians are reported)."),
        QStringLiteral("R"), QStringLiteral("3"));
    const QCommandLineOption ageOption(
        QStringLiteral("age"),
        QStringLiteral("Seconds the loaded vitals must have aged before the first pull. The engine asks "
                       "for changes from 2 minutes before its checkpoint, so with less than 120 the second "
                       "sync reads them all again."),
        QStringLiteral("S"), QStringLiteral("125"));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"), QStringLiteral("Parent folder for the files (default: beside the binary)."),
        QStringLiteral("DIR"));
    parser.addOptions({roundsOption, intervalOption, repeatOption, ageOption, dirOption});
    parser.process(app);

    const int rounds = qMax(0, parser.value(roundsOption).toInt());
    const int intervalHours = qMax(1, parser.value(intervalOption).toInt());
    const int repeat = qMax(1, parser.value(repeatOption).toInt());
    const int ageSeconds = qMax(0, parser.value(ageOption).toInt());
    const QString parent = benchParentDir(parser.value(dirOption));
    QTemporaryDir work(parent + QStringLiteral("/bench_pull-XXXXXX"));
    if (!work.isValid())
        fail(QStringLiteral("folder"), parent);

    out() << "bench_pull: demo ward + " << rounds << " rounds every " << intervalHours
          << " h per ward patient; " << repeat << " new devices in turn, scope " << kUnit << Qt::endl;
    out() << "files: " << describeFileSystem(work.path()) << "; load average " << machineLoad() << Qt::endl;
    if (isMemoryFileSystem(work.path()))
        out() << "WARNING: memory file system, fsync is free: figures are meaningless; pass --dir"
              << Qt::endl;
    if (qint64(rounds - 1) * intervalHours + 1 > Puller::kRecentWindowMs / kHourMs)
        out() << "note: the first pull takes what the DPI changed in the last 7 days: every loaded round, "
                 "older ones included"
              << Qt::endl;

    DpiProcess dpi(work.filePath(QStringLiteral("dpi")), {QStringLiteral("--seed"), QStringLiteral("demo")});
    MinimalClient admin(dpi.base());
    const QStringList patients = wardPatients(admin, kUnit);
    if (patients.isEmpty())
        fail(QStringLiteral("demo ward"), QStringLiteral("no in-progress encounter at %1").arg(kUnit));
    const Loaded loaded = loadVitals(admin, patients, rounds, intervalHours);
    QElapsedTimer sinceLoad;
    sinceLoad.start();
    out() << "DPI: " << patients.size() << " ward patients; loaded " << loaded.observations
          << " observations (" << rounds << " rounds x 6 measures + NEWS2 each) in "
          << fixed(seconds(loaded.ns), 1) << " s" << Qt::endl;
    if (sinceLoad.elapsed() < ageSeconds * 1000LL) {
        out() << "waiting " << ageSeconds
              << " s so that the loaded vitals are older than the first checkpoint" << Qt::endl;
        while (sinceLoad.elapsed() < ageSeconds * 1000LL)
            QThread::msleep(200);
    }
    out() << Qt::endl;

    std::vector<double> firstS;
    std::vector<double> firstPerS;
    std::vector<double> ownUs;
    std::vector<double> dpiS;
    std::vector<double> secondS;
    std::vector<double> secondPulled;
    std::vector<double> secondRequests;
    int pulled = 0;
    int requests = 0;
    qint64 bytes = 0;
    for (int r = 0; r < repeat; ++r) {
        const DeviceRun d = syncNewDevice(dpi.base(), work.filePath(QStringLiteral("device-%1").arg(r)));
        pulled = d.firstCounts.pulled;
        requests = d.first.pull.requests;
        bytes = d.firstBytes;
        firstS.push_back(seconds(d.first.totalNs));
        firstPerS.push_back(double(pulled) / seconds(d.first.totalNs));
        ownUs.push_back(pulled > 0 ? double(d.first.pull.ns - d.first.pull.httpNs) / 1000.0 / pulled : 0);
        dpiS.push_back(seconds(d.first.pull.httpNs));
        secondS.push_back(seconds(d.second.totalNs));
        secondPulled.push_back(d.secondPulled);
        secondRequests.push_back(d.second.pull.requests);
        out() << "device " << r + 1 << ": first sync " << fixed(seconds(d.first.totalNs), 3) << " s ("
              << d.attempts << (d.attempts == 1 ? " run" : " runs") << "), pulled " << pulled << " ("
              << d.firstCounts.conflicts << " conflicts), " << rate(pulled, d.first.totalNs) << " resources/s"
              << Qt::endl
              << "          pull phase " << describePhase(d.first.pull) << Qt::endl
              << "          second sync " << fixed(seconds(d.second.totalNs), 3) << " s, pulled "
              << d.secondPulled << "; pull phase " << describePhase(d.second.pull) << Qt::endl;
    }

    out() << Qt::endl
          << "medians of " << repeat << " new devices:" << Qt::endl
          << "  first sync:          " << fixed(median(firstS), 3) << " s, " << pulled
          << " resources pulled (" << requests << " requests, " << fixed(double(bytes) / 1024.0 / 1024.0, 1)
          << " MiB)  target <= " << fixed(kTargetFirstS, 1)
          << " s: " << verdict(median(firstS) <= kTargetFirstS) << Qt::endl
          << "  resources/s:         " << fixed(median(firstPerS), 0) << Qt::endl
          << "  waiting on the DPI:  " << fixed(median(dpiS), 3) << " s" << Qt::endl
          << "  engine's own work:   " << fixed(median(ownUs), 1)
          << " us per resource pulled (mapping, sealing, one durable write per page)  target <= "
          << fixed(kTargetOwnUs, 0) << " us: " << verdict(median(ownUs) <= kTargetOwnUs) << Qt::endl
          << "  second sync:         " << fixed(median(secondS), 3) << " s, " << median(secondPulled)
          << " resources pulled, " << median(secondRequests) << " requests" << Qt::endl;

    const QJsonObject json{
        {QStringLiteral("bench"), QStringLiteral("pull")},
        {QStringLiteral("patients"), int(patients.size())},
        {QStringLiteral("loaded_observations"), loaded.observations},
        {QStringLiteral("repeat"), repeat},
        {QStringLiteral("first_s"), std::round(median(firstS) * 1000) / 1000},
        {QStringLiteral("first_pulled"), pulled},
        {QStringLiteral("first_per_s"), std::round(median(firstPerS))},
        {QStringLiteral("first_own_us_per_resource"), std::round(median(ownUs))},
        {QStringLiteral("first_requests"), requests},
        {QStringLiteral("second_s"), std::round(median(secondS) * 1000) / 1000},
        {QStringLiteral("second_pulled"), median(secondPulled)},
        {QStringLiteral("second_requests"), median(secondRequests)},
    };
    out() << QJsonDocument(json).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}
