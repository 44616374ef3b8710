// bench_load: how fast a patient's last week of vitals comes back from a big sealed store.
//
// Builds a store of --observations across --patients over --days (a ward's bedside rounds, about
// 4-hourly, written in time order through recordVitals), then times forPatient(id, now-7d, now) —
// which decrypts every row — over --queries random patients. Target: p99 <= 20 ms.
//
// Building: every recordVitals is its own durable transaction (the API has no batch). To keep a
// million-row build short the store is filled in a memory file system (--stage, default /dev/shm when
// it is a tmpfs: fsync is free there) and then copied to --dir / --keep; queries always run on that
// disk copy. The rows are the same as on a device, only the build's fsyncs are skipped.

#include "benchsupport.h"
#include "model/patient.h"
#include "store/auditlog.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "store/recordtable.h"
#include "store/store.h"
#include "store/storecontext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <cstdlib>
#include <limits>
#include <optional>

using namespace chevet;
using namespace chevet::bench;

namespace {

constexpr qint64 kDayMs = 24 * 3600 * 1000;
constexpr double kTargetMs = 20.0;
const QByteArray kPin = QByteArrayLiteral("482193");
const QByteArray kDeviceSecret = QByteArray(32, '\x3c');
const QString kAnchorKey = QStringLiteral("bench.anchor_ms");
const QString kCountKey = QStringLiteral("bench.observations");

[[noreturn]] void fail(const QString &what, const QString &why)
{
    out() << "bench_load: " << what << ": " << why << Qt::endl;
    std::exit(1);
}

[[noreturn]] void fail(const QString &what, const Error &error)
{
    fail(what, error.code.name() + QStringLiteral(": ") + error.message);
}

// The measure mix of a medical ward, by share of bedside entries.
enum class EntryKind { Round, Partial, RoundWithPain, Glucose, Weight };
struct KindShare
{
    EntryKind kind;
    int percent;
    int observations;
};
constexpr KindShare kMix[] = {
    {EntryKind::Round, 70, 7},        // rr, spo2, bp, pulse, temp, acvpu + NEWS2
    {EntryKind::Partial, 15, 3},      // bp, pulse, temp
    {EntryKind::RoundWithPain, 8, 8}, // a round plus the pain score
    {EntryKind::Glucose, 4, 1},       // capillary glucose
    {EntryKind::Weight, 3, 1},        // daily weight
};

VitalsInput inputFor(EntryKind kind, int variant)
{
    VitalsInput in;
    switch (kind) {
    case EntryKind::Round:
        return fullRound(variant);
    case EntryKind::RoundWithPain:
        in = fullRound(variant);
        in.pain = variant % 6;
        return in;
    case EntryKind::Partial:
        in.systolic = 100 + variant % 60;
        in.diastolic = 60 + variant % 30;
        in.pulse = 55 + variant % 50;
        in.temperature = 36.0 + double(variant % 25) / 10.0;
        return in;
    case EntryKind::Glucose:
        in.glucoseMmol = 4.0 + double(variant % 80) / 10.0;
        return in;
    case EntryKind::Weight:
        in.weightKg = 50.0 + double(variant % 500) / 10.0;
        return in;
    }
    return in;
}

struct PlannedEntry
{
    qint64 atMs;
    int patient;
    EntryKind kind;
    int variant;
};

// Exactly `observations` observations spread over the patients, each patient's entries evenly spaced
// (with jitter) over `days` up to `anchorMs`, returned in time order as a ward would write them.
QList<PlannedEntry> planEntries(qint64 observations, int patients, int days, qint64 anchorMs,
                                QRandomGenerator &rng)
{
    QList<PlannedEntry> plan;
    for (int p = 0; p < patients; ++p) {
        qint64 budget = observations / patients + (p < observations % patients ? 1 : 0);
        QList<PlannedEntry> mine;
        while (budget > 0) {
            const int roll = int(rng.bounded(100));
            int acc = 0;
            KindShare chosen = kMix[0];
            for (const KindShare &share : kMix) {
                acc += share.percent;
                if (roll < acc) {
                    chosen = share;
                    break;
                }
            }
            if (chosen.observations > budget)
                chosen = kMix[3]; // top up with one-measure entries
            budget -= chosen.observations;
            mine.append({0, p, chosen.kind, int(rng.bounded(100000))});
        }
        // The one-measure top-ups pile up at the end of the budget: spread them over the period.
        for (qsizetype i = mine.size() - 1; i > 0; --i)
            mine.swapItemsAt(i, qsizetype(rng.bounded(quint64(i + 1))));
        const double step = double(days) * double(kDayMs) / double(mine.size());
        const qint64 startMs = anchorMs - qint64(days) * kDayMs;
        for (qsizetype i = 0; i < mine.size(); ++i) {
            const double jitter = (rng.generateDouble() - 0.5) * 0.4 * step;
            mine[i].atMs = qMin(anchorMs, startMs + qint64((double(i) + 0.5) * step + jitter));
        }
        plan.append(mine);
    }
    std::sort(plan.begin(), plan.end(),
              [](const PlannedEntry &a, const PlannedEntry &b) { return a.atMs < b.atMs; });
    return plan;
}

StoreOptions optionsFor(const QString &path)
{
    StoreOptions options;
    options.path = path;
    options.pin = kPin;
    options.deviceSecret = kDeviceSecret;
    options.author = QStringLiteral("bench-nurse");
    options.kdf = crypto::ScryptParams{1u << 12, 8, 1}; // open cost only
    return options;
}

struct BuildReport
{
    double seconds = 0;
    qint64 entries = 0;
};

BuildReport build(const QString &path, qint64 observations, int patients, int days, QRandomGenerator &rng)
{
    QElapsedTimer timer;
    timer.start();
    Result<std::unique_ptr<Store>> created = Store::create(optionsFor(path));
    if (!created)
        fail(QStringLiteral("create"), created.error());
    std::unique_ptr<Store> owned = std::move(created).value();
    Store &store = *owned;

    QList<QUuid> ids;
    for (int p = 0; p < patients; ++p) {
        Patient patient;
        patient.family = QStringLiteral("Patient%1").arg(p);
        patient.given = QStringLiteral("Bench");
        patient.birthDate = QDate(1930 + p % 70, 1 + p % 12, 1 + p % 28);
        patient.sex = p % 2 ? Sex::Female : Sex::Male;
        patient.identifiers.append({IdentifierKind::Ipp, store.establishment(),
                                    QStringLiteral("BL%1").arg(p, 7, 10, QLatin1Char('0')), false});
        Result<Patient> added = store.patients().add(patient);
        if (!added)
            fail(QStringLiteral("patient"), added.error());
        ids.append(added->id);
    }

    const qint64 anchorMs = QDateTime::currentMSecsSinceEpoch();
    const QList<PlannedEntry> plan = planEntries(observations, patients, days, anchorMs, rng);
    qint64 written = 0;
    int shownPercent = 0;
    for (const PlannedEntry &e : plan) {
        Result<VitalsEntry> entry =
            store.observations().recordVitals(ids.at(e.patient), inputFor(e.kind, e.variant), e.atMs);
        if (!entry)
            fail(QStringLiteral("recordVitals"), entry.error());
        written += entry->observations.size();
        const int percent = int(written * 100 / observations);
        if (percent >= shownPercent + 10) {
            shownPercent = percent - percent % 10;
            QTextStream(stderr) << "  built " << shownPercent << "% (" << written << " observations, "
                                << fixed(double(timer.elapsed()) / 1000.0) << " s)" << Qt::endl;
        }
    }
    if (written != observations)
        fail(QStringLiteral("plan"),
             QStringLiteral("wrote %1 observations, planned %2").arg(written).arg(observations));
    if (Status s = store.setMetaValue(kAnchorKey, QByteArray::number(anchorMs)); !s)
        fail(QStringLiteral("meta"), s.error());
    if (Status s = store.setMetaValue(kCountKey, QByteArray::number(written)); !s)
        fail(QStringLiteral("meta"), s.error());
    owned.reset(); // close: the last connection checkpoints the WAL into the file
    return {double(timer.nsecsElapsed()) / 1e9, qint64(plan.size())};
}

qint64 sizeOf(const QString &path)
{
    return QFileInfo(path).size();
}

bool copyStore(const QString &from, const QString &to)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-head")}) {
        if (!QFile::exists(from + suffix))
            continue;
        if (!QFile::copy(from + suffix, to + suffix))
            return false;
        QFile::remove(from + suffix);
    }
    QFile::remove(from + QStringLiteral("-shm"));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Read latency of a patient's last 7 days in a big sealed store"));
    parser.addHelpOption();
    const QCommandLineOption obsOption(QStringLiteral("observations"),
                                       QStringLiteral("Observations to store."), QStringLiteral("N"),
                                       QStringLiteral("1000000"));
    const QCommandLineOption patientsOption(QStringLiteral("patients"), QStringLiteral("Patients."),
                                            QStringLiteral("P"), QStringLiteral("500"));
    const QCommandLineOption daysOption(QStringLiteral("days"), QStringLiteral("Days of history."),
                                        QStringLiteral("D"), QStringLiteral("60"));
    const QCommandLineOption queriesOption(QStringLiteral("queries"), QStringLiteral("Timed queries."),
                                           QStringLiteral("Q"), QStringLiteral("200"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                        QStringLiteral("S"), QStringLiteral("20240611"));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"), QStringLiteral("Parent folder for the store (default: beside the binary)."),
        QStringLiteral("DIR"));
    const QCommandLineOption stageOption(
        QStringLiteral("stage"),
        QStringLiteral(
            "Folder to build in before copying to disk; 'none' builds in place (default /dev/shm)."),
        QStringLiteral("DIR"), QStringLiteral("/dev/shm"));
    const QCommandLineOption keepOption(
        QStringLiteral("keep"), QStringLiteral("Keep the built store at PATH."), QStringLiteral("PATH"));
    const QCommandLineOption reuseOption(QStringLiteral("reuse"),
                                         QStringLiteral("Query a store kept earlier with --keep."),
                                         QStringLiteral("PATH"));
    parser.addOptions({obsOption, patientsOption, daysOption, queriesOption, seedOption, dirOption,
                       stageOption, keepOption, reuseOption});
    parser.process(app);

    const qint64 observations = qMax<qint64>(1, parser.value(obsOption).toLongLong());
    const int patients = qBound(1, parser.value(patientsOption).toInt(), int(observations));
    const int days = qMax(8, parser.value(daysOption).toInt());
    const int queries = qMax(1, parser.value(queriesOption).toInt());
    QRandomGenerator rng(parser.value(seedOption).toUInt());

    const QString parent = benchParentDir(parser.value(dirOption));
    QTemporaryDir dir(parent + QStringLiteral("/bench_load-XXXXXX"));
    if (!dir.isValid())
        fail(QStringLiteral("folder"), parent);

    QString path = dir.filePath(QStringLiteral("bench_load.db"));
    std::optional<BuildReport> built;
    if (parser.isSet(reuseOption)) {
        path = QFileInfo(parser.value(reuseOption)).absoluteFilePath();
        out() << "bench_load: reusing " << path << Qt::endl;
    } else {
        if (parser.isSet(keepOption))
            path = QFileInfo(parser.value(keepOption)).absoluteFilePath();
        if (QFile::exists(path))
            fail(QStringLiteral("--keep"), QStringLiteral("%1 exists; use --reuse or remove it").arg(path));
        QString stage = parser.value(stageOption);
        if (stage != QLatin1String("none") && !(QFileInfo(stage).isWritable() && isMemoryFileSystem(stage)))
            stage = QStringLiteral("none");
        std::optional<QTemporaryDir> stageDir;
        if (stage != QLatin1String("none"))
            stageDir.emplace(stage + QStringLiteral("/bench_load-XXXXXX"));
        const QString buildPath =
            stageDir && stageDir->isValid() ? stageDir->filePath(QStringLiteral("bench_load.db")) : path;
        out() << "bench_load: building " << observations << " observations for " << patients
              << " patients over " << days << " days in "
              << describeFileSystem(QFileInfo(buildPath).absolutePath()) << Qt::endl;
        QElapsedTimer timer;
        timer.start();
        built = build(buildPath, observations, patients, days, rng);
        if (buildPath != path && !copyStore(buildPath, path))
            fail(QStringLiteral("copy"), QStringLiteral("cannot copy the store to %1").arg(path));
        built->seconds = double(timer.nsecsElapsed()) / 1e9;
        out() << "built: " << built->entries << " bedside entries, " << fixed(built->seconds) << " s ("
              << fixed(double(observations) / built->seconds, 0) << " observations/s"
              << (buildPath != path ? ", incl. the copy to disk" : "") << ")" << Qt::endl;
    }
    out() << "store: " << describeFileSystem(path) << Qt::endl;
    if (isMemoryFileSystem(QFileInfo(path).absolutePath()))
        out() << "WARNING: the store is on a memory file system" << Qt::endl;

    QElapsedTimer openTimer;
    openTimer.start();
    Result<std::unique_ptr<Store>> opened = Store::open(optionsFor(path));
    if (!opened)
        fail(QStringLiteral("open"), opened.error());
    Store &store = **opened;
    const double openMs = double(openTimer.nsecsElapsed()) / 1e6;
    // What checking a damaged store costs on this size (issue "weak links", item 4): the three parts of
    // Store::checkIntegrity, timed apart.
    QElapsedTimer checkTimer;
    checkTimer.start();
    if (Status s = store.checkStructure(); !s)
        fail(QStringLiteral("integrity_check"), s.error());
    const double structureMs = double(checkTimer.nsecsElapsed()) / 1e6;
    checkTimer.restart();
    if (Status s = store.context().records.verifyAll(); !s)
        fail(QStringLiteral("records"), s.error());
    const double recordsMs = double(checkTimer.nsecsElapsed()) / 1e6;
    checkTimer.restart();
    Result<AuditVerification> chain = store.audit().verify();
    if (!chain || !chain->intact)
        fail(QStringLiteral("audit"), QStringLiteral("the audit chain does not verify"));
    const double chainMs = double(checkTimer.nsecsElapsed()) / 1e6;
    out() << "checks: integrity_check " << fixed(structureMs, 0) << " ms; every record opened "
          << fixed(recordsMs, 0) << " ms; audit chain (" << chain->entries << " entries) "
          << fixed(chainMs, 0) << " ms" << Qt::endl;
    Result<QByteArray> anchor = store.metaValue(kAnchorKey);
    Result<QByteArray> stored = store.metaValue(kCountKey);
    if (!anchor || anchor->isEmpty() || !stored)
        fail(QStringLiteral("open"), QStringLiteral("not a bench_load store (no anchor time)"));
    const qint64 anchorMs = anchor->toLongLong();
    Result<QList<Patient>> all = store.patients().all();
    if (!all || all->isEmpty())
        fail(QStringLiteral("patients"), all ? QStringLiteral("none") : all.error().message);

    auto query = [&](const QUuid &id) -> qsizetype {
        Result<QList<Observation>> rows =
            store.observations().forPatient(id, anchorMs - 7 * kDayMs, anchorMs);
        if (!rows)
            fail(QStringLiteral("forPatient"), rows.error());
        return rows->size();
    };
    for (int i = 0; i < 5; ++i) // warm-up: statement preparation, first pages
        query(all->at(int(rng.bounded(all->size()))).id);

    Samples samples;
    qint64 rowsTotal = 0;
    qsizetype rowsMin = std::numeric_limits<qsizetype>::max();
    qsizetype rowsMax = 0;
    QElapsedTimer timer;
    for (int i = 0; i < queries; ++i) {
        const QUuid id = all->at(int(rng.bounded(all->size()))).id;
        timer.start();
        const qsizetype rows = query(id);
        samples.add(timer.nsecsElapsed());
        rowsTotal += rows;
        rowsMin = qMin(rowsMin, rows);
        rowsMax = qMax(rowsMax, rows);
    }

    const qint64 dbBytes = sizeOf(path);
    const qint64 walBytes = sizeOf(path + QStringLiteral("-wal"));
    const double p50Ms = samples.percentileUs(50) / 1000.0;
    const double p99Ms = samples.percentileUs(99) / 1000.0;
    const bool pass = p99Ms <= kTargetMs;
    const double mib = 1024.0 * 1024.0;

    out() << "observations stored:    " << stored->toLongLong() << " for " << all->size() << " patients"
          << Qt::endl;
    out() << "file size:              " << fixed(double(dbBytes + walBytes) / mib) << " MiB (db "
          << fixed(double(dbBytes) / mib) << " + wal " << fixed(double(walBytes) / mib) << ")" << Qt::endl;
    out() << "open (scrypt 2^12):     " << fixed(openMs) << " ms" << Qt::endl;
    out() << "forPatient(id, now-7d, now), " << queries << " random patients:" << Qt::endl;
    out() << "  rows per query:       min " << rowsMin << ", mean " << fixed(double(rowsTotal) / queries)
          << ", max " << rowsMax << Qt::endl;
    out() << "  latency:              p50 " << fixed(p50Ms, 2) << " ms, p99 " << fixed(p99Ms, 2)
          << " ms, max " << fixed(samples.maxUs() / 1000.0, 2) << " ms" << Qt::endl;
    out() << "  decrypted rows/s:     " << fixed(double(rowsTotal) / samples.totalSeconds(), 0) << Qt::endl;
    out() << "  target p99 <= " << fixed(kTargetMs, 0) << " ms: " << (pass ? "PASS" : "MISS") << Qt::endl;

    // Removing a nurse replaces the data key: everything is sealed again under the new one (security
    // review F7). Timed last, since it rewrites the store.
    if (Status s = store.enrolNurse(QStringLiteral("bench-leaver"), QByteArrayLiteral("739155")); !s)
        fail(QStringLiteral("enrol"), s.error());
    QElapsedTimer replaceTimer;
    replaceTimer.start();
    if (Result<Store::KeyReplacement> removed = store.removeNurse(QStringLiteral("bench-leaver")); !removed)
        fail(QStringLiteral("remove-nurse"), removed.error());
    const double replaceS = double(replaceTimer.nsecsElapsed()) / 1e9;
    out() << "data key replaced (a nurse removed): " << fixed(replaceS) << " s, every row sealed again"
          << Qt::endl;

    QJsonObject json{
        {QStringLiteral("bench"), QStringLiteral("load")},
        {QStringLiteral("replace_key_s"), std::round(replaceS * 100) / 100},
        {QStringLiteral("observations"), stored->toLongLong()},
        {QStringLiteral("patients"), int(all->size())},
        {QStringLiteral("file_mib"), std::round(double(dbBytes + walBytes) / mib * 10) / 10},
        {QStringLiteral("queries"), queries},
        {QStringLiteral("rows_mean"), std::round(double(rowsTotal) / queries * 10) / 10},
        {QStringLiteral("p50_ms"), std::round(p50Ms * 100) / 100},
        {QStringLiteral("p99_ms"), std::round(p99Ms * 100) / 100},
        {QStringLiteral("target_ms"), kTargetMs},
        {QStringLiteral("result"), pass ? QStringLiteral("PASS") : QStringLiteral("MISS")},
    };
    if (built)
        json.insert(QStringLiteral("build_s"), std::round(built->seconds * 10) / 10);
    out() << QJsonDocument(json).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}
