// Cold start of the app to a usable worklist, with a store holding --patients patients × --days days
// of 4-hourly vitals (default 50 × 30), sealed with the production key-derivation cost. Starts the real
// `chevet` binary (under Xvfb when available, as on a desktop) which unlocks as a nurse, loads the
// worklist on its store thread and prints the time since its main() and its peak memory. The launch
// is repeated (--repeat) and the median reported. Targets: < 1.5 s and < 200 MB.
#include "backend/trainingward.h"
#include "benchsupport.h"
#include "keystore/filedevicesecretstore.h"
#include "store/store.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

using namespace chevet;
using namespace chevet::bench;

namespace {

const QByteArray kPin = QByteArrayLiteral("482157");
const QString kNurse = QStringLiteral("ide-bench");

QString argument(const QStringList &args, const QString &name, const QString &fallback)
{
    const int i = int(args.indexOf(name));
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int patients = argument(args, QStringLiteral("--patients"), QStringLiteral("50")).toInt();
    const int days = argument(args, QStringLiteral("--days"), QStringLiteral("30")).toInt();
    const int repeat = argument(args, QStringLiteral("--repeat"), QStringLiteral("5")).toInt();
    const QString dir =
        benchParentDir(argument(args, QStringLiteral("--dir"), QString())) + QStringLiteral("/coldstart");
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);

    FileDeviceSecretStore secrets(dir + QStringLiteral("/device.key"));
    Result<QByteArray> secret = secrets.deviceSecret();
    if (!secret) {
        std::fprintf(stderr, "device key: %s\n", qPrintable(secret.error().message));
        return 1;
    }
    StoreOptions options;
    options.path = dir + QStringLiteral("/chevet.db");
    options.pin = kPin;
    options.deviceSecret = *secret;
    options.author = kNurse;
    options.establishment = QString::fromLatin1(app::kTrainingEstablishment);
    {
        Result<std::unique_ptr<Store>> store = Store::create(options); // production scrypt cost
        if (!store) {
            std::fprintf(stderr, "create: %s\n", qPrintable(store.error().message));
            return 1;
        }
        QElapsedTimer seeding;
        seeding.start();
        if (Status s = app::seedTrainingWard(**store, QDateTime::currentMSecsSinceEpoch(), patients, days);
            !s) {
            std::fprintf(stderr, "seed: %s\n", qPrintable(s.error().message));
            return 1;
        }
        out() << "store: " << patients << " patients x " << days << " days of 4-hourly vitals, seeded in "
              << seeding.elapsed() << " ms, " << QFile(options.path).size() / 1024 << " KiB + WAL, on "
              << describeFileSystem(dir) << Qt::endl;
    }
    QFile nurses(dir + QStringLiteral("/nurses.json"));
    if (!nurses.open(QIODevice::WriteOnly) || nurses.write("[\"ide-bench\"]") < 0)
        return 1;
    nurses.close();

    const QString xvfbRun = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
    out() << "display: " << (xvfbRun.isEmpty() ? "offscreen platform" : "Xvfb 1280x800 (Mesa)") << Qt::endl;
    std::vector<qint64> readyMs, wallMs, rssKb;
    for (int i = 0; i < repeat; ++i) {
        QProcess chevet;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CHEVET_DEMO_NURSE"), kNurse);
        env.insert(QStringLiteral("CHEVET_DEMO_PIN"), QString::fromLatin1(kPin));
        if (xvfbRun.isEmpty())
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        else
            env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        chevet.setProcessEnvironment(env);
        chevet.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const QStringList appArgs{QStringLiteral("--data-dir"), dir, QStringLiteral("--unit"),
                                  QString::fromLatin1(app::kTrainingUnit),
                                  QStringLiteral("--exit-when-ready")};
        QElapsedTimer wall;
        wall.start();
        if (xvfbRun.isEmpty())
            chevet.start(QStringLiteral(CHEVET_APP_PATH), appArgs);
        else
            chevet.start(xvfbRun, QStringList{QStringLiteral("-a"), QStringLiteral("-s"),
                                              QStringLiteral("-screen 0 1280x800x24"),
                                              QStringLiteral(CHEVET_APP_PATH)} +
                                      appArgs);
        if (!chevet.waitForFinished(120000) || chevet.exitCode() != 0) {
            std::fprintf(stderr, "chevet did not reach a usable worklist (exit %d)\n", chevet.exitCode());
            return 1;
        }
        const QString line = QString::fromUtf8(chevet.readAllStandardOutput()).trimmed().split(u'\n').last();
        const QStringList parts = line.split(u' ');
        if (parts.size() != 6 || parts.at(0) != QLatin1String("ready-ms")) {
            std::fprintf(stderr, "unexpected output: %s\n", qPrintable(line));
            return 1;
        }
        if (parts.at(5).toInt() != patients) {
            std::fprintf(stderr, "the worklist shows %d patients, not %d\n", parts.at(5).toInt(), patients);
            return 1;
        }
        readyMs.push_back(parts.at(1).toLongLong());
        rssKb.push_back(parts.at(3).toLongLong());
        wallMs.push_back(wall.elapsed());
        out() << "  run " << (i + 1) << ": worklist of " << patients << " patients usable after "
              << readyMs.back() << " ms (launch to exit " << wallMs.back()
              << " ms, Xvfb start included), peak RSS " << rssKb.back() / 1024 << " MiB" << Qt::endl;
    }
    auto median = [](std::vector<qint64> v) {
        std::sort(v.begin(), v.end());
        return v.at(v.size() / 2);
    };
    const qint64 ready = median(readyMs), rss = median(rssKb);
    out() << "cold start to usable worklist: median " << ready << " ms (target < 1500 ms), peak RSS median "
          << rss / 1024 << " MiB (target < 200 MiB) over " << repeat << " launches" << Qt::endl;
    return 0;
}
