// corruption_trials: random byte flips in a real store's database file and write-ahead log, each judged
// the way the app and chevetctl open a store (issue "weak links", item 4; reliability review §2).
//
// Two baselines are built through the engine: a closed store (database file and head mark) and one copied
// while open, as a crash leaves it (database, log holding every transaction since the last checkpoint,
// head mark). Each trial copies one baseline, flips one bit at a random offset of the database file (past
// its 100-byte header) or of the log (anywhere), then a child process opens it (Store::open: journal
// scan, head mark), runs Store::checkIntegrity (quick_check, audit chain) and prints everything a nurse
// could be shown: patients, vitals and notes. Outcomes:
//   refused    the child exits non-zero with an error (damage detected, nothing shown);
//   no effect  it opens and shows exactly the baseline;
//   SILENT     it opens and shows something else — wrong data shown as right. Target: 0.
//   crash      the child died (counted apart; also a failure).
// Exit status 0 only with no silent outcome and no crash.
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <limits>

using namespace chevet;

namespace {

const QByteArray kPin = QByteArrayLiteral("482157");
const QByteArray kDeviceSecret = QByteArray(32, '\x5c');
const QStringList kSuffixes = {QString(), QStringLiteral("-wal"), QStringLiteral("-head")};

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

StoreOptions optionsFor(const QString &path)
{
    StoreOptions options;
    options.path = path;
    options.pin = kPin;
    options.deviceSecret = kDeviceSecret;
    options.author = QStringLiteral("ide.essai");
    options.establishment = QStringLiteral("urn:oid:2.999.250.1");
    options.kdf = crypto::ScryptParams{1u << 12, 8, 1};
    return options;
}

[[noreturn]] void fail(const QString &what)
{
    QTextStream(stderr) << "corruption_trials: " << what << Qt::endl;
    std::exit(2);
}

VitalsInput vitals(int i)
{
    VitalsInput v;
    v.respiratoryRate = 14 + i % 8;
    v.spo2 = 92 + i % 7;
    v.systolic = 100 + (i * 7) % 60;
    v.diastolic = 60 + (i * 3) % 30;
    v.pulse = 60 + (i * 11) % 70;
    v.temperature = 36.0 + double(i % 30) / 10;
    v.consciousness = i % 17 == 0 ? Acvpu::Confusion : Acvpu::Alert;
    return v;
}

// Patients with rounds of vitals and a note each round, written through the engine. With `keepOpen`, the
// files are copied while the store is open (the log then holds what was written), else after closing.
void buildBaseline(const QString &dir, int patients, int rounds, bool keepOpen)
{
    QTemporaryDir live;
    const QString path = live.filePath(QStringLiteral("chevet.db"));
    Result<std::unique_ptr<Store>> store = Store::create(optionsFor(path));
    if (!store)
        fail(QStringLiteral("create: ") + store.error().toString());
    QList<QUuid> ids;
    for (int p = 0; p < patients; ++p) {
        Patient patient;
        patient.family = QStringLiteral("Patient%1").arg(p);
        patient.given = QStringLiteral("Essai");
        patient.birthDate = QDate(1940 + p, 1 + p % 12, 1 + p % 28);
        patient.sex = p % 2 ? Sex::Female : Sex::Male;
        patient.identifiers.append(
            PatientIdentifier{IdentifierKind::Ipp, QStringLiteral("urn:oid:2.999.250.1"),
                              QStringLiteral("77%1").arg(p, 4, 10, QLatin1Char('0')), false});
        Result<Patient> added = (*store)->patients().add(patient);
        if (!added)
            fail(QStringLiteral("patient: ") + added.error().toString());
        ids.append(added->id);
    }
    for (int r = 0; r < rounds; ++r) {
        for (int p = 0; p < patients; ++p) {
            if (Result<VitalsEntry> e =
                    (*store)->observations().recordVitals(ids.at(p), vitals(r * patients + p));
                !e)
                fail(QStringLiteral("vitals: ") + e.error().toString());
            NursingNote note;
            note.meta.patientId = ids.at(p);
            note.target = QStringLiteral("Douleur");
            note.data = QStringLiteral("EVA %1 au tour %2").arg(r % 10).arg(r);
            if (Result<NursingNote> n = (*store)->notes().record(note); !n)
                fail(QStringLiteral("note: ") + n.error().toString());
        }
    }
    if (!keepOpen)
        store->reset();
    QDir().mkpath(dir);
    for (const QString &suffix : kSuffixes) {
        if (QFile::exists(path + suffix) &&
            !QFile::copy(path + suffix, dir + QStringLiteral("/chevet.db") + suffix))
            fail(QStringLiteral("cannot copy the baseline"));
    }
}

// The child: everything a nurse could be shown, or exit 1 with the error.
int judge(const QString &path)
{
    Result<std::unique_ptr<Store>> store = Store::open(optionsFor(path));
    if (!store) {
        QTextStream(stderr) << store.error().code.name() << ": " << store.error().message << Qt::endl;
        return 1;
    }
    if (Status s = (*store)->checkIntegrity(); !s) {
        QTextStream(stderr) << s.error().code.name() << ": " << s.error().message << Qt::endl;
        return 1;
    }
    Result<QList<Patient>> patients = (*store)->patients().all();
    if (!patients) {
        QTextStream(stderr) << patients.error().code.name() << Qt::endl;
        return 1;
    }
    QTextStream shown(stdout);
    for (const Patient &p : *patients) {
        shown << "patient " << (p.identifiers.isEmpty() ? QString() : p.identifiers.first().value) << ' '
              << p.family << ' ' << p.given << ' ' << p.birthDate.toString(Qt::ISODate) << ' '
              << p.id.toString() << '\n';
        Result<QList<Observation>> obs =
            (*store)->observations().forPatient(p.id, 0, std::numeric_limits<qint64>::max());
        if (!obs) {
            QTextStream(stderr) << obs.error().code.name() << ": " << obs.error().message << Qt::endl;
            return 1;
        }
        for (const Observation &o : *obs)
            shown << "  obs " << o.meta.id.toString() << " v" << o.meta.version << ' '
                  << o.meta.clinicalTimeMs << ' ' << int(o.kind) << '=' << o.value << '/'
                  << o.diastolic.value_or(-1) << ' ' << int(o.status) << ' ' << o.panelId.toString() << ' '
                  << o.meta.author << '\n';
        Result<QList<NursingNote>> notes =
            (*store)->notes().forPatient(p.id, 0, std::numeric_limits<qint64>::max());
        if (!notes) {
            QTextStream(stderr) << notes.error().code.name() << ": " << notes.error().message << Qt::endl;
            return 1;
        }
        for (const NursingNote &n : *notes)
            shown << "  note " << n.meta.id.toString() << ' ' << n.meta.clinicalTimeMs << ' ' << n.target
                  << " | " << n.data << '\n';
    }
    shown.flush();
    return 0;
}

void copyStore(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &suffix : kSuffixes) {
        const QString file = QStringLiteral("/chevet.db") + suffix;
        if (QFile::exists(from + file) && !QFile::copy(from + file, to + file))
            fail(QStringLiteral("cannot copy ") + from + file);
    }
}

struct Outcome
{
    enum Kind { Refused, NoEffect, Silent, Crash };
    Kind kind = Crash;
    QString detail;
};

Outcome runJudge(const QString &path, const QByteArray &baseline, QByteArray *shown = nullptr)
{
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--judge"), path});
    if (!child.waitForFinished(120000) || child.exitStatus() != QProcess::NormalExit)
        return {Outcome::Crash, QStringLiteral("the judge did not finish normally")};
    const QByteArray printed = child.readAllStandardOutput();
    if (shown)
        *shown = printed;
    if (child.exitCode() != 0)
        return {Outcome::Refused,
                QString::fromUtf8(child.readAllStandardError()).trimmed().section(QLatin1Char(':'), 0, 0)};
    if (printed == baseline)
        return {Outcome::NoEffect, {}};
    // The first line that differs: what a nurse would have been shown wrong.
    const QList<QByteArray> expected = baseline.split('\n');
    const QList<QByteArray> got = printed.split('\n');
    for (qsizetype i = 0; i < qMax(expected.size(), got.size()); ++i) {
        if (expected.value(i) != got.value(i))
            return {Outcome::Silent, QStringLiteral("line %1 \"%2\" shown as \"%3\"")
                                         .arg(i + 1)
                                         .arg(QString::fromUtf8(expected.value(i)).trimmed(),
                                              QString::fromUtf8(got.value(i)).trimmed())};
    }
    return {Outcome::Silent,
            QStringLiteral("%1 bytes shown instead of %2").arg(printed.size()).arg(baseline.size())};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Random byte flips in a store, judged as the app opens it"));
    parser.addHelpOption();
    const QCommandLineOption trialsOption(QStringLiteral("trials"),
                                          QStringLiteral("Trials (half database, half log)."),
                                          QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                        QStringLiteral("S"), QStringLiteral("20261204"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
                                          QStringLiteral("Vitals rounds per patient."), QStringLiteral("N"),
                                          QStringLiteral("16"));
    const QCommandLineOption judgeOption(
        QStringLiteral("judge"), QStringLiteral("(internal) judge one store."), QStringLiteral("PATH"));
    parser.addOptions({trialsOption, seedOption, roundsOption, judgeOption});
    parser.process(app);
    if (parser.isSet(judgeOption))
        return judge(parser.value(judgeOption));

    const int trials = qMax(1, parser.value(trialsOption).toInt());
    const quint32 seed = parser.value(seedOption).toUInt();
    const int rounds = qMax(1, parser.value(roundsOption).toInt());
    QTemporaryDir work;
    const QString closed = work.filePath(QStringLiteral("closed"));
    const QString crashed = work.filePath(QStringLiteral("crashed"));
    buildBaseline(closed, 6, rounds, false);
    buildBaseline(crashed, 6, rounds, true);
    // The baselines themselves are judged on copies: opening a store replays and checkpoints its log.
    QByteArray closedShown;
    QByteArray crashedShown;
    copyStore(closed, work.filePath(QStringLiteral("closed-judged")));
    copyStore(crashed, work.filePath(QStringLiteral("crashed-judged")));
    if (runJudge(work.filePath(QStringLiteral("closed-judged/chevet.db")), {}, &closedShown).kind !=
            Outcome::Silent ||
        runJudge(work.filePath(QStringLiteral("crashed-judged/chevet.db")), {}, &crashedShown).kind !=
            Outcome::Silent)
        fail(QStringLiteral("a baseline does not open cleanly"));
    const qint64 dbSize = QFileInfo(closed + QStringLiteral("/chevet.db")).size();
    const qint64 walSize = QFileInfo(crashed + QStringLiteral("/chevet.db-wal")).size();
    out() << "corruption_trials: seed " << seed << ", " << trials << " trials; database " << dbSize
          << " bytes (closed store), log " << walSize << " bytes (store copied while open), "
          << closedShown.count('\n') << " lines shown" << Qt::endl;
    if (walSize == 0)
        fail(QStringLiteral("the open store's log is empty"));

    QRandomGenerator rng(seed);
    int counts[2][4] = {};
    QStringList silent;
    for (int t = 0; t < trials; ++t) {
        const bool inLog = t % 2 == 1;
        const QString from = inLog ? crashed : closed;
        const QString dir = work.filePath(QStringLiteral("trial-%1").arg(t));
        copyStore(from, dir);
        const QString target =
            dir + (inLog ? QStringLiteral("/chevet.db-wal") : QStringLiteral("/chevet.db"));
        const qint64 offset =
            inLog ? qint64(rng.bounded(quint64(walSize))) : 100 + qint64(rng.bounded(quint64(dbSize - 100)));
        const int bit = int(rng.bounded(8));
        QFile file(target);
        if (!file.open(QIODevice::ReadWrite) || !file.seek(offset))
            fail(QStringLiteral("cannot open ") + target);
        char byte = 0;
        file.getChar(&byte);
        file.seek(offset);
        file.putChar(char(byte ^ (1 << bit)));
        file.close();
        const Outcome outcome =
            runJudge(dir + QStringLiteral("/chevet.db"), inLog ? crashedShown : closedShown);
        ++counts[inLog][outcome.kind];
        if (outcome.kind == Outcome::Silent || outcome.kind == Outcome::Crash)
            silent.append(QStringLiteral("  trial %1: %2 byte %3 bit %4: %5")
                              .arg(t)
                              .arg(inLog ? QStringLiteral("log") : QStringLiteral("database"))
                              .arg(offset)
                              .arg(bit)
                              .arg(outcome.detail));
        QDir(dir).removeRecursively();
    }
    out() << Qt::endl << "where      trials  refused  no effect  SILENT  crash" << Qt::endl;
    for (int where = 0; where < 2; ++where) {
        const int *c = counts[where];
        out() << (where ? "log        " : "database   ")
              << QString::number(c[0] + c[1] + c[2] + c[3]).rightJustified(6)
              << QString::number(c[Outcome::Refused]).rightJustified(9)
              << QString::number(c[Outcome::NoEffect]).rightJustified(11)
              << QString::number(c[Outcome::Silent]).rightJustified(8)
              << QString::number(c[Outcome::Crash]).rightJustified(7) << Qt::endl;
    }
    const int bad = counts[0][Outcome::Silent] + counts[1][Outcome::Silent] + counts[0][Outcome::Crash] +
                    counts[1][Outcome::Crash];
    for (const QString &line : std::as_const(silent))
        out() << line << Qt::endl;
    out() << (bad == 0 ? QStringLiteral("0 silent outcomes")
                       : QStringLiteral("%1 silent or crashed outcome(s)").arg(bad))
          << Qt::endl;
    return bad == 0 ? 0 : 1;
}
