// bench_write: what one durable clinical write costs next to the raw SQLite floor on the same disk.
//
//  (a) floor:  fresh file, WAL + synchronous=FULL, one 256-byte blob row per BEGIN IMMEDIATE/COMMIT
//  (b) single: recordVitals with one measure (1 sealed observation + outbox + audit, one transaction)
//  (c) full:   recordVitals with 6 measures (7 observations incl. NEWS2), for information
//  (d) p50(b) / p50(a) against the 1.5x target
//
// The three run in alternating chunks (--rounds) after a warm-up so machine noise hits them alike.

#include "benchsupport.h"
#include "core/ids.h"
#include "model/patient.h"
#include "store/database.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <array>
#include <cstdlib>
#include <functional>

using namespace chevet;
using namespace chevet::bench;

namespace {

constexpr double kTargetRatio = 1.3; // issue "weak links" item 3
constexpr int kPayloadBytes = 256;

[[noreturn]] void fail(const QString &what, const Error &error)
{
    out() << "bench_write: " << what << ": " << error.code.name() << ": " << error.message << Qt::endl;
    std::exit(1);
}

struct Floor
{
    std::unique_ptr<Database> db;
    QByteArray payload;

    void open(const QString &path)
    {
        Result<std::unique_ptr<Database>> opened = Database::open(path, Database::OpenMode::CreateNew);
        if (!opened)
            fail(QStringLiteral("floor database"), opened.error());
        db = std::move(opened).value();
        for (const char *sql : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                                "CREATE TABLE rows (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)"}) {
            if (Status s = db->exec(QString::fromLatin1(sql)); !s)
                fail(QStringLiteral("floor schema"), s.error());
        }
        payload.resize(kPayloadBytes);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(payload.data()), kPayloadBytes / 4);
    }

    Status writeOne(int i)
    {
        payload[0] = char(i); // a different row each time
        if (Status s = db->begin(); !s)
            return s;
        Result<Statement *> insert = db->cached("INSERT INTO rows (payload) VALUES (?1)");
        if (!insert) {
            db->rollback();
            return insert.error();
        }
        (*insert)->bind(1, payload);
        if (Status s = (*insert)->exec(); !s) {
            db->rollback();
            return s;
        }
        return db->commit();
    }
};

struct Chevet
{
    std::unique_ptr<Store> store;
    QUuid patientId;

    void create(const QString &path)
    {
        StoreOptions options;
        options.path = path;
        options.pin = QByteArrayLiteral("482193");
        options.deviceSecret = QByteArray(32, '\x5a');
        options.author = QStringLiteral("bench-nurse");
        options.kdf = crypto::ScryptParams{1u << 12, 8, 1}; // unlock cost only; writes do not depend on it
        Result<std::unique_ptr<Store>> created = Store::create(options);
        if (!created)
            fail(QStringLiteral("store"), created.error());
        store = std::move(created).value();
        Patient patient;
        patient.family = QStringLiteral("Bench");
        patient.given = QStringLiteral("Write");
        patient.birthDate = QDate(1950, 3, 14);
        patient.identifiers.append(
            {IdentifierKind::Ipp, store->establishment(), QStringLiteral("BW000001"), false});
        Result<Patient> added = store->patients().add(patient);
        if (!added)
            fail(QStringLiteral("patient"), added.error());
        patientId = added->id;
    }

    Status record(const VitalsInput &input)
    {
        Result<VitalsEntry> entry = store->observations().recordVitals(patientId, input);
        if (!entry)
            return entry.error();
        return {};
    }
};

struct Measured
{
    QString key;
    QString label;
    std::function<Status(int)> op;
    Samples samples;
};

void printRow(const Measured &m, int rowsPerOp)
{
    out() << qSetFieldWidth(38) << Qt::left << m.label << qSetFieldWidth(10) << Qt::right
          << fixed(m.samples.percentileUs(50)) << fixed(m.samples.percentileUs(99))
          << fixed(m.samples.maxUs(), 0) << fixed(m.samples.perSecond(), 0)
          << fixed(m.samples.perSecond() * rowsPerOp, 0) << qSetFieldWidth(0) << Qt::endl;
}

QJsonObject summary(const Measured &m)
{
    return QJsonObject{{QStringLiteral("p50_us"), std::round(m.samples.percentileUs(50) * 10) / 10},
                       {QStringLiteral("p99_us"), std::round(m.samples.percentileUs(99) * 10) / 10},
                       {QStringLiteral("per_s"), std::round(m.samples.perSecond())}};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Durable write latency: SQLite floor vs Chevet recordVitals"));
    parser.addHelpOption();
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Writes per kind."),
                                         QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Alternating chunks."),
                                          QStringLiteral("R"), QStringLiteral("10"));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"), QStringLiteral("Parent folder for the files (default: beside the binary)."),
        QStringLiteral("DIR"));
    parser.addOptions({countOption, roundsOption, dirOption});
    parser.process(app);

    const int count = qMax(1, parser.value(countOption).toInt());
    const int rounds = qBound(1, parser.value(roundsOption).toInt(), count);
    const int warmup = qBound(5, count / 10, 200);

    const QString parent = benchParentDir(parser.value(dirOption));
    QTemporaryDir dir(parent + QStringLiteral("/bench_write-XXXXXX"));
    if (!dir.isValid()) {
        out() << "bench_write: cannot make a folder in " << parent << Qt::endl;
        return 1;
    }

    Floor floor;
    floor.open(dir.filePath(QStringLiteral("floor.db")));
    Chevet single;
    single.create(dir.filePath(QStringLiteral("single.db")));
    Chevet full;
    full.create(dir.filePath(QStringLiteral("full.db")));

    std::array<Measured, 3> kinds = {{
        {QStringLiteral("floor"),
         QStringLiteral("(a) SQLite floor, 1 row/tx"),
         [&](int i) { return floor.writeOne(i); },
         {}},
        {QStringLiteral("single"),
         QStringLiteral("(b) recordVitals, 1 measure"),
         [&](int i) { return single.record(pulseOnly(i)); },
         {}},
        {QStringLiteral("full"),
         QStringLiteral("(c) recordVitals, 6 measures (7 obs)"),
         [&](int i) { return full.record(fullRound(i)); },
         {}},
    }};

    out() << "bench_write: " << count << " writes per kind in " << rounds << " alternating rounds, warm-up "
          << warmup << Qt::endl;
    out() << "files: " << describeFileSystem(dir.path()) << Qt::endl;
    if (isMemoryFileSystem(dir.path()))
        out() << "WARNING: memory file system, fsync is free: figures are meaningless; pass --dir"
              << Qt::endl;

    for (Measured &m : kinds) {
        for (int i = 0; i < warmup; ++i) {
            if (Status s = m.op(i); !s)
                fail(m.key + QStringLiteral(" warm-up"), s.error());
        }
    }

    QElapsedTimer timer;
    int done = 0;
    for (int round = 0; round < rounds; ++round) {
        const int chunk = count / rounds + (round < count % rounds ? 1 : 0);
        for (std::size_t k = 0; k < kinds.size(); ++k) {
            Measured &m = kinds[(k + std::size_t(round)) % kinds.size()]; // rotate who goes first
            for (int i = 0; i < chunk; ++i) {
                timer.start();
                const Status s = m.op(done + i);
                const qint64 ns = timer.nsecsElapsed();
                if (!s)
                    fail(m.key, s.error());
                m.samples.add(ns);
            }
        }
        done += chunk;
    }

    out() << Qt::endl
          << qSetFieldWidth(38) << Qt::left << "kind" << qSetFieldWidth(10) << Qt::right << "p50 us"
          << "p99 us"
          << "max us"
          << "tx/s"
          << "rows/s" << qSetFieldWidth(0) << Qt::endl;
    printRow(kinds[0], 1);
    printRow(kinds[1], 1);
    printRow(kinds[2], 7);

    const double ratio = kinds[1].samples.percentileUs(50) / kinds[0].samples.percentileUs(50);
    const bool pass = ratio <= kTargetRatio;
    out() << Qt::endl
          << "(d) p50(b) / p50(a) = " << fixed(ratio, 2) << "x  (target <= " << fixed(kTargetRatio, 1)
          << "x)  " << (pass ? "PASS" : "MISS") << Qt::endl;
    out() << "    (c) costs "
          << fixed(kinds[2].samples.percentileUs(50) / kinds[0].samples.percentileUs(50), 2)
          << "x the floor at p50 for 7 observations" << Qt::endl;

    const QJsonObject json{
        {QStringLiteral("bench"), QStringLiteral("write")},
        {QStringLiteral("count"), count},
        {QStringLiteral("rounds"), rounds},
        {QStringLiteral("floor"), summary(kinds[0])},
        {QStringLiteral("single"), summary(kinds[1])},
        {QStringLiteral("full"), summary(kinds[2])},
        {QStringLiteral("ratio_p50"), std::round(ratio * 100) / 100},
        {QStringLiteral("target"), kTargetRatio},
        {QStringLiteral("result"), pass ? QStringLiteral("PASS") : QStringLiteral("MISS")},
    };
    out() << QJsonDocument(json).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}
