// bench_growth: does a push cost more when the device already holds many records?
//
// Two sealed stores of one patient: --small and --big observations already delivered (server id and
// version stored, outbox settled, audited as the engine does). Each measurement records --new pending
// single-measure entries, starts chevet-dpi on a fresh database (the patient put there first), and
// times SyncRun's push phase. --repeat rounds alternate small and big (who goes first swaps each
// round); medians are reported with big / small against the 1.2x target.
//
// Building: a million durable writes take long on disk, so the stores are built in a memory file
// system (--stage, default /dev/shm) and copied to --dir, as bench_load does; the measured pushes run
// on the disk copies. --keep PATH keeps the big store, --reuse PATH measures one kept earlier.

#include "model/vitalsentry.h"
#include "net/networktransport.h"
#include "store/auditlog.h"
#include "store/observationrepository.h"
#include "syncbenchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>

using namespace chevet;
using namespace chevet::bench;

namespace {

constexpr double kTargetRatio = 1.2;
constexpr qint64 kDayMs = 24 * 3600 * 1000;
constexpr int kSettleBatch = 20000;
const QString kDeliveredKey = QStringLiteral("bench.delivered");

// Marks the records delivered as a push would: server state, outbox settled, audit entry.
void settleDelivered(Store &store, const QList<QUuid> &ids, qint64 &serial)
{
    StoreContext &context = store.context();
    const qint64 now = context.clock.nowMs();
    Transaction tx(context.db);
    Status s = tx.begin();
    QList<AuditEntry> audit;
    audit.reserve(ids.size());
    for (const QUuid &id : ids) {
        const QString serverId = QStringLiteral("obs-%1").arg(++serial);
        if (s)
            s = context.records.setServerState(id, serverId, QStringLiteral("1"), now);
        if (s)
            s = store.outbox().settle(id, 1, OutboxState::Delivered, QString(), now);
        AuditEntry entry;
        entry.atMs = now;
        entry.hlc = context.hlc.now();
        entry.author = context.author;
        entry.device = context.device;
        entry.action = QStringLiteral("record.delivered");
        entry.recordType = RecordType::Observation;
        entry.recordId = id;
        entry.version = 1;
        entry.detail = QStringLiteral("1");
        audit.append(entry);
    }
    if (s)
        s = context.audit.append(audit);
    if (s)
        s = tx.commit();
    if (!s)
        fail(QStringLiteral("settle"), s.error());
}

// A store of one patient and `records` delivered observations: bedside rounds (7 observations) over
// the last 60 days, topped up with single measures.
void build(const QString &path, qint64 records)
{
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<Store> store = createStore(path);
    const DeliveredPatient patient = DeliveredPatient::addTo(*store);
    const qint64 now = store->context().clock.nowMs();
    const qint64 step = std::max<qint64>(1, 60 * kDayMs / std::max<qint64>(1, records / 7));
    QList<QUuid> unsettled;
    qint64 written = 0;
    qint64 serial = 0;
    int shownPercent = 0;
    for (int variant = 0; written < records; ++variant) {
        const VitalsInput input = records - written >= 7 ? fullRound(variant) : pulseOnly(variant);
        Result<VitalsEntry> entry =
            store->observations().recordVitals(patient.id, input, now - (records - written) / 7 * step);
        if (!entry)
            fail(QStringLiteral("recordVitals"), entry.error());
        for (const Observation &o : std::as_const(entry->observations))
            unsettled.append(o.meta.id);
        written += entry->observations.size();
        if (unsettled.size() >= kSettleBatch) {
            settleDelivered(*store, unsettled, serial);
            unsettled.clear();
        }
        const int percent = int(written * 100 / records);
        if (records >= 100000 && percent >= shownPercent + 10) {
            shownPercent = percent - percent % 10;
            QTextStream(stderr) << "  built " << shownPercent << "% (" << written << " records, "
                                << fixed(seconds(timer.nsecsElapsed())) << " s)" << Qt::endl;
        }
    }
    if (!unsettled.isEmpty())
        settleDelivered(*store, unsettled, serial);
    if (Status s = store->setMetaValue(kDeliveredKey, QByteArray::number(written)); !s)
        fail(QStringLiteral("meta"), s.error());
}

// Builds in the stage (when there is one), then moves the store to `path` on disk.
void buildOnDisk(const QString &path, qint64 records, const QString &stage)
{
    QElapsedTimer timer;
    timer.start();
    const QString buildPath = stage.isEmpty() ? path : stage + QLatin1Char('/') + QFileInfo(path).fileName();
    build(buildPath, records);
    if (buildPath != path)
        copyStoreFiles(buildPath, path, true);
    out() << "built " << records << " delivered records in " << fixed(seconds(timer.nsecsElapsed()), 1)
          << " s (" << fixed(double(QFileInfo(path).size()) / 1024.0 / 1024.0, 1) << " MiB on disk)"
          << Qt::endl;
}

struct Device
{
    QString label;
    QString path;
    std::unique_ptr<Store> store;
    QUuid patientId;
    QByteArray patientJson;
    std::vector<double> pushMs;
    std::vector<double> runMs;
    std::vector<double> ownMs; // push phase minus waiting on the DPI
};

void openDevice(Device &device)
{
    device.store = openStore(device.path);
    Result<QList<Patient>> all = device.store->patients().all();
    if (!all || all->size() != 1)
        fail(device.label, QStringLiteral("not a bench_growth store (one patient expected)"));
    device.patientId = all->first().id;
    device.patientJson = DeliveredPatient::jsonFrom(*device.store);
    Result<OutboxCounts> counts = device.store->outbox().counts();
    if (!counts || counts->pending != 0)
        fail(device.label, QStringLiteral("the outbox should be settled"));
}

qint64 storedRecords(Store &store)
{
    Result<OutboxCounts> counts = store.outbox().counts();
    if (!counts)
        fail(QStringLiteral("counts"), counts.error());
    return counts->delivered + counts->pending;
}

void measure(Device &device, const QString &folder, int fresh, int round)
{
    Store &store = *device.store;
    const qint64 held = storedRecords(store);
    for (int i = 0; i < fresh; ++i) {
        Result<VitalsEntry> entry =
            store.observations().recordVitals(device.patientId, pulseOnly(round * fresh + i));
        if (!entry)
            fail(QStringLiteral("recordVitals"), entry.error());
    }
    DpiProcess dpi(folder);
    MinimalClient admin(dpi.base());
    DeliveredPatient::putOn(admin, device.patientJson);

    QNetworkAccessManager manager;
    NetworkOptions options;
    options.baseUrl = dpi.base();
    NetworkTransport network(manager, options);
    TimedTransport transport(network);
    SyncRun sync(store, transport, SyncScope{});
    PhaseSplit split;
    Result<SyncOutcome> outcome = runTimed(sync, transport, split);
    if (!outcome)
        fail(device.label, outcome.error());
    if (outcome->counts.pushed != fresh)
        fail(device.label,
             QStringLiteral("pushed %1 records, expected %2").arg(outcome->counts.pushed).arg(fresh));
    device.pushMs.push_back(double(split.push.ns) / 1e6);
    device.runMs.push_back(double(split.totalNs) / 1e6);
    device.ownMs.push_back(double(split.push.ns - split.push.httpNs) / 1e6);
    out() << "  " << qSetFieldWidth(6) << Qt::left << device.label << qSetFieldWidth(0) << " holds " << held
          << " records: push " << describePhase(split.push) << "; whole run "
          << fixed(double(split.totalNs) / 1e6, 1) << " ms" << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_growth"));
    quietEngineLogs();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Cost of pushing new records from a small vs a big store of delivered records"));
    parser.addHelpOption();
    const QCommandLineOption smallOption(QStringLiteral("small"),
                                         QStringLiteral("Delivered records, small store."),
                                         QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption bigOption(QStringLiteral("big"), QStringLiteral("Delivered records, big store."),
                                       QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption newOption(QStringLiteral("new"),
                                       QStringLiteral("New records pushed per measurement."),
                                       QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"), QStringLiteral("Small/big rounds."),
                                          QStringLiteral("R"), QStringLiteral("5"));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"), QStringLiteral("Parent folder for the files (default: beside the binary)."),
        QStringLiteral("DIR"));
    const QCommandLineOption stageOption(
        QStringLiteral("stage"),
        QStringLiteral("Memory folder to build the stores in; 'none' builds on disk (default /dev/shm)."),
        QStringLiteral("DIR"), QStringLiteral("/dev/shm"));
    const QCommandLineOption keepOption(QStringLiteral("keep"), QStringLiteral("Keep the big store at PATH."),
                                        QStringLiteral("PATH"));
    const QCommandLineOption reuseOption(QStringLiteral("reuse"),
                                         QStringLiteral("Use a big store kept earlier with --keep."),
                                         QStringLiteral("PATH"));
    parser.addOptions(
        {smallOption, bigOption, newOption, repeatOption, dirOption, stageOption, keepOption, reuseOption});
    parser.process(app);

    const qint64 small = qMax<qint64>(1, parser.value(smallOption).toLongLong());
    const qint64 big = qMax<qint64>(1, parser.value(bigOption).toLongLong());
    const int fresh = qMax(1, parser.value(newOption).toInt());
    const int repeat = qMax(1, parser.value(repeatOption).toInt());
    const QString parent = benchParentDir(parser.value(dirOption));
    QTemporaryDir work(parent + QStringLiteral("/bench_growth-XXXXXX"));
    if (!work.isValid())
        fail(QStringLiteral("folder"), parent);
    const QString stageRoot = stagingFolder(parser.value(stageOption));
    std::optional<QTemporaryDir> stage;
    if (!stageRoot.isEmpty())
        stage.emplace(stageRoot + QStringLiteral("/bench_growth-XXXXXX"));
    const QString stagePath = stage && stage->isValid() ? stage->path() : QString();

    out() << "bench_growth: push " << fresh << " new records from a store holding " << small << " vs " << big
          << " delivered records; " << repeat << " alternating rounds, fresh chevet-dpi database each"
          << Qt::endl;
    out() << "files: " << describeFileSystem(work.path()) << "; load average " << machineLoad() << Qt::endl;
    if (isMemoryFileSystem(work.path()))
        out() << "WARNING: memory file system, fsync is free: figures are meaningless; pass --dir"
              << Qt::endl;

    Device smallDevice{
        QStringLiteral("small"), work.filePath(QStringLiteral("small.chevet")), {}, {}, {}, {}, {}, {}};
    Device bigDevice{
        QStringLiteral("big"), work.filePath(QStringLiteral("big.chevet")), {}, {}, {}, {}, {}, {}};
    buildOnDisk(smallDevice.path, small, stagePath);
    if (parser.isSet(reuseOption)) {
        bigDevice.path = QFileInfo(parser.value(reuseOption)).absoluteFilePath();
        out() << "reusing " << bigDevice.path << " (each run adds " << fresh << " delivered records to it)"
              << Qt::endl;
    } else {
        if (parser.isSet(keepOption)) {
            bigDevice.path = QFileInfo(parser.value(keepOption)).absoluteFilePath();
            if (QFile::exists(bigDevice.path))
                fail(QStringLiteral("--keep"),
                     QStringLiteral("%1 exists; use --reuse or remove it").arg(bigDevice.path));
        }
        buildOnDisk(bigDevice.path, big, stagePath);
    }
    openDevice(smallDevice);
    openDevice(bigDevice);
    out() << Qt::endl;

    for (int round = 0; round < repeat; ++round) {
        out() << "round " << round + 1 << Qt::endl;
        Device &first = round % 2 ? bigDevice : smallDevice;
        Device &second = round % 2 ? smallDevice : bigDevice;
        measure(first, work.filePath(QStringLiteral("dpi-%1-%2").arg(round).arg(first.label)), fresh, round);
        measure(second, work.filePath(QStringLiteral("dpi-%1-%2").arg(round).arg(second.label)), fresh,
                round);
    }

    const double smallPush = median(smallDevice.pushMs);
    const double bigPush = median(bigDevice.pushMs);
    const double ratio = smallPush > 0 ? bigPush / smallPush : 0;
    const bool pass = ratio < kTargetRatio;
    out() << Qt::endl
          << "medians of " << repeat << ", push of " << fresh << " new records:" << Qt::endl
          << "  store of " << small << ": " << fixed(smallPush, 1) << " ms (whole SyncRun "
          << fixed(median(smallDevice.runMs), 1) << " ms)" << Qt::endl
          << "  store of " << big << ": " << fixed(bigPush, 1) << " ms (whole SyncRun "
          << fixed(median(bigDevice.runMs), 1) << " ms)" << Qt::endl
          << "  engine's own work in the push (without waiting on the DPI): "
          << fixed(median(smallDevice.ownMs), 1) << " ms vs " << fixed(median(bigDevice.ownMs), 1) << " ms ("
          << fixed(median(smallDevice.ownMs) > 0 ? median(bigDevice.ownMs) / median(smallDevice.ownMs) : 0, 2)
          << "x)" << Qt::endl
          << "  big / small = " << fixed(ratio, 2) << "x  (target < " << fixed(kTargetRatio, 1) << "x)  "
          << (pass ? "PASS" : "MISS") << Qt::endl;

    const QJsonObject json{
        {QStringLiteral("bench"), QStringLiteral("growth")},
        {QStringLiteral("small"), small},
        {QStringLiteral("big"), big},
        {QStringLiteral("new"), fresh},
        {QStringLiteral("repeat"), repeat},
        {QStringLiteral("small_push_ms"), std::round(smallPush * 10) / 10},
        {QStringLiteral("big_push_ms"), std::round(bigPush * 10) / 10},
        {QStringLiteral("small_own_ms"), std::round(median(smallDevice.ownMs) * 10) / 10},
        {QStringLiteral("big_own_ms"), std::round(median(bigDevice.ownMs) * 10) / 10},
        {QStringLiteral("ratio"), std::round(ratio * 100) / 100},
        {QStringLiteral("target"), kTargetRatio},
        {QStringLiteral("result"), pass ? QStringLiteral("PASS") : QStringLiteral("MISS")},
    };
    out() << QJsonDocument(json).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}
