// bench_link: the home-care round over a weak mobile link (issue "weak links"). The DPI: chevet-dpi
// --seed demo (fresh database) plus --rounds bedside rounds of vitals every 4 h for each patient of the
// round had-nord, loaded then left to age --age seconds (older than the engine's 2-minute margin, as on
// any real round). Between the device and the DPI: LinkEmulator, --delay-ms each way, --down and --up
// bits per second shared by all connections. Timed, on one new device: the first sync, the sync right
// after it, a sync with nothing new, then a day's work (--entries vitals entries) pushed. Each phase
// prints seconds, bytes each way on the link, requests, and the link's bound (bytes / rate + one round
// trip) with the ratio to it; the targets are printed beside them.

#include "../link/linkemulator.h"
#include "dpiload.h"
#include "net/networktransport.h"
#include "store/observationrepository.h"
#include "syncbenchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QThread>

using namespace chevet;
using namespace chevet::bench;

namespace {

const QString kRound = QStringLiteral("had-nord");

struct Phase
{
    QString name;
    double targetSeconds = 0;
    qint64 ns = 0;
    qint64 up = 0;
    qint64 down = 0;
    int requests = 0;
    int pulled = 0;
    int pushed = 0;
};

Phase timed(const QString &name, double target, Store &store, TimedTransport &transport, LinkEmulator &link)
{
    Phase phase{name, target};
    const LinkEmulator::Counters before = link.counters();
    const int requestsBefore = transport.requests();
    SyncScope scope;
    scope.unit = kRound;
    SyncRun run(store, transport, scope);
    QElapsedTimer timer;
    timer.start();
    Result<SyncOutcome> outcome = run.run();
    phase.ns = timer.nsecsElapsed();
    if (!outcome)
        fail(name, outcome.error());
    const LinkEmulator::Counters after = link.counters();
    phase.up = after.bytesUp - before.bytesUp;
    phase.down = after.bytesDown - before.bytesDown;
    phase.requests = transport.requests() - requestsBefore;
    phase.pulled = outcome->counts.pulled;
    phase.pushed = outcome->counts.pushed;
    return phase;
}

void print(const Phase &p, const LinkProfile &profile)
{
    const double bound = double(p.down) * 8 / double(profile.downBitsPerSecond) +
                         double(p.up) * 8 / double(profile.upBitsPerSecond) +
                         2.0 * profile.oneWayDelayMs / 1000;
    const double s = seconds(p.ns);
    out() << QStringLiteral(
                 "%1  %2 s (target <= %3 s: %4)  down %5 B  up %6 B  requests %7  pulled %8  pushed %9"
                 "  bound %10 s  ratio %11 (target <= 1.5: %12)")
                 .arg(p.name.leftJustified(22), fixed(s, 2), fixed(p.targetSeconds, 1),
                      s <= p.targetSeconds ? QStringLiteral("met") : QStringLiteral("NOT met"))
                 .arg(p.down)
                 .arg(p.up)
                 .arg(p.requests)
                 .arg(p.pulled)
                 .arg(p.pushed)
                 .arg(fixed(bound, 2), fixed(s / bound, 2),
                      s / bound <= 1.5 ? QStringLiteral("met") : QStringLiteral("NOT met"))
          << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_link"));
    quietEngineLogs();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The home-care round over an emulated 3G link"));
    parser.addHelpOption();
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
                                          QStringLiteral("Vitals rounds per patient."), QStringLiteral("N"),
                                          QStringLiteral("42"));
    const QCommandLineOption entriesOption(QStringLiteral("entries"),
                                           QStringLiteral("Vitals entries in the day's push."),
                                           QStringLiteral("N"), QStringLiteral("36"));
    const QCommandLineOption ageOption(QStringLiteral("age"),
                                       QStringLiteral("Seconds the loaded vitals age before the first sync."),
                                       QStringLiteral("S"), QStringLiteral("125"));
    const QCommandLineOption delayOption(QStringLiteral("delay-ms"), QStringLiteral("One-way delay."),
                                         QStringLiteral("MS"), QStringLiteral("150"));
    const QCommandLineOption downOption(QStringLiteral("down"),
                                        QStringLiteral("Bits per second, DPI to device."),
                                        QStringLiteral("BPS"), QStringLiteral("1000000"));
    const QCommandLineOption upOption(QStringLiteral("up"), QStringLiteral("Bits per second, device to DPI."),
                                      QStringLiteral("BPS"), QStringLiteral("500000"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Parent folder for the files."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption traceOption(QStringLiteral("trace"), QStringLiteral("Print every request."));
    parser.addOptions(
        {roundsOption, entriesOption, ageOption, delayOption, downOption, upOption, dirOption, traceOption});
    parser.process(app);

    LinkProfile profile;
    profile.oneWayDelayMs = qMax(0, parser.value(delayOption).toInt());
    profile.downBitsPerSecond = qMax<qint64>(1000, parser.value(downOption).toLongLong());
    profile.upBitsPerSecond = qMax<qint64>(1000, parser.value(upOption).toLongLong());
    const int rounds = qMax(0, parser.value(roundsOption).toInt());
    const int entries = qMax(0, parser.value(entriesOption).toInt());
    const int age = qMax(0, parser.value(ageOption).toInt());
    const QString parent = benchParentDir(parser.value(dirOption));

    // A fresh DPI and device every run: the demo seed loads into an empty database only.
    QDir(parent + QStringLiteral("/link-dpi")).removeRecursively();
    QDir(parent + QStringLiteral("/link-device")).removeRecursively();
    DpiProcess dpi(parent + QStringLiteral("/link-dpi"), {QStringLiteral("--seed"), QStringLiteral("demo")});
    MinimalClient loader(dpi.base());
    const QStringList patients = wardPatients(loader, kRound);
    const Loaded loaded = loadVitals(loader, patients, rounds, 4);
    out() << "bench_link: " << patients.size() << " patients of " << kRound << ", " << loaded.observations
          << " observations loaded; link " << 2 * profile.oneWayDelayMs << " ms round trip, "
          << profile.downBitsPerSecond << " bit/s down, " << profile.upBitsPerSecond << " bit/s up"
          << Qt::endl;
    out() << "  waiting " << age << " s for them to age past the engine's margin" << Qt::endl;
    QThread::sleep(static_cast<unsigned long>(age));

    LinkEmulator link(QStringLiteral("127.0.0.1"), quint16(dpi.base().port()), profile);
    if (link.port() == 0)
        fail(QStringLiteral("link"), QStringLiteral("the emulator could not listen"));
    QUrl base = dpi.base();
    base.setPort(link.port());
    QDir().mkpath(parent + QStringLiteral("/link-device"));
    std::unique_ptr<Store> store = createStore(parent + QStringLiteral("/link-device/device.chevet"));
    QNetworkAccessManager manager;
    NetworkOptions options;
    options.baseUrl = base;
    NetworkTransport network(manager, options);
    TimedTransport transport(network);
    transport.setTrace(parser.isSet(traceOption));

    QList<Phase> phases;
    phases.append(timed(QStringLiteral("first sync"), 4.0, *store, transport, link));
    phases.append(timed(QStringLiteral("sync right after"), 1.5, *store, transport, link));
    phases.append(timed(QStringLiteral("no-change sync"), 1.5, *store, transport, link));
    Result<QList<Patient>> held = store->patients().all();
    if (!held || held->isEmpty())
        fail(QStringLiteral("round"), QStringLiteral("no patient pulled"));
    for (int i = 0; i < entries; ++i) {
        Result<VitalsEntry> entry =
            store->observations().recordVitals(held->at(i % held->size()).id, fullRound(i));
        if (!entry)
            fail(QStringLiteral("record"), entry.error());
    }
    phases.append(timed(QStringLiteral("a day's push"), 4.0, *store, transport, link));
    for (const Phase &p : std::as_const(phases))
        print(p, profile);
    out() << "  link: " << link.counters().connections << " connection(s); gzip requests "
          << (network.gzipsRequests() ? "on" : "off") << Qt::endl;
    return 0;
}
