// Kills a real writer process with SIGKILL at a random moment, again and again on the same store, and
// checks after each kill that the store opens, that every observation the writer reported is there and
// decrypts, that each stored observation has exactly one outbox entry, and that the audit chain is
// intact and counts exactly what was written. Until a store exists the kills come early, to land while
// the writer creates it: the path must then hold nothing or a whole store, never a half-made file.
//
// CHEVET_CRASH_ITERATIONS (default 50) sets the number of kills, CHEVET_CRASH_SEED replays a run.

#include "crashfixture.h"
#include "store/auditlog.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/store.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace chevet;

namespace {

const QByteArray kDeviceSecret =
    QByteArray::fromHex("c4a1e07b93f25d68a0be1379d4c2f58e6b0a9d73e1f4c8520b7e9a36d1c4f08b");

// Kills while the store is being created, before a writer is let through to "ready" (each must leave
// nothing or a whole store at the path).
constexpr int kBlindCreationKills = 8;

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok ? value : fallback;
}

// Complete lines only: a line cut by the kill has no '\n' yet and is ignored.
QList<QByteArray> completeLines(const QByteArray &output)
{
    QList<QByteArray> lines = output.split('\n');
    lines.removeLast();
    return lines;
}

} // namespace

class TestCrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::exists(QStringLiteral(CHEVET_CRASH_WRITER)));
        QFile secret(m_dir.filePath(QStringLiteral("device.secret")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        QCOMPARE(secret.write(kDeviceSecret), kDeviceSecret.size());
        secret.close();
        m_secretPath = secret.fileName();
        m_storePath = m_dir.filePath(QStringLiteral("crash.db"));
    }

    void killedWriterLosesNothingReported()
    {
        const int iterations = envInt("CHEVET_CRASH_ITERATIONS", 50);
        const quint32 seed =
            quint32(envInt("CHEVET_CRASH_SEED", int(QRandomGenerator::system()->generate() >> 1)));
        qInfo("crash test: %d kills, seed %u (CHEVET_CRASH_SEED=%u replays it)", iterations, seed, seed);
        QRandomGenerator rng(seed);

        QElapsedTimer total;
        total.start();
        qint64 reportedTotal = 0;
        int killedBeforeStore = 0;
        for (int i = 0; i < iterations; ++i) {
            // Start-up and store creation take about 50 ms on a quiet machine, far longer on a slow disk:
            // a few kills land blind during creation, then one writer is let through to "ready" so the
            // store is made however slow the machine is.
            const bool creating = !QFile::exists(m_storePath);
            const bool blindKill = creating && killedBeforeStore < kBlindCreationKills;
            const int waitMs =
                blindKill ? int(rng.bounded(0, 20 + 10 * killedBeforeStore)) : int(rng.bounded(30, 401));
            runAndKill(waitMs, blindKill ? StartWait::None : StartWait::UntilReady);
            if (QTest::currentTestFailed())
                return;
            reportedTotal += m_lastReported.size();
            if (!QFile::exists(m_storePath)) {
                // Killed before the store was put in place: nothing there, nothing reported.
                ++killedBeforeStore;
                QVERIFY(m_lastReported.isEmpty());
                continue;
            }
            checkStore(i);
            if (QTest::currentTestFailed()) {
                qWarning("failed after kill %d (waited %d ms), seed %u", i + 1, waitMs, seed);
                return;
            }
        }
        QVERIFY(m_known.size() >= reportedTotal);
        checkEveryObservation();
        qInfo("crash test: %d kills (%d before a store existed), %lld observations reported, %lld stored, "
              "%.1f s",
              iterations, killedBeforeStore, reportedTotal, qint64(m_known.size()),
              double(total.elapsed()) / 1000.0);
    }

private:
    enum class StartWait { None, UntilReady };

    // Starts the writer, lets it write for waitMs (counted from its "ready" line with UntilReady), kills
    // it, and keeps the ids it reported in full.
    void runAndKill(int waitMs, StartWait startWait)
    {
        m_startMs = QDateTime::currentMSecsSinceEpoch();
        QProcess writer;
        writer.setProgram(QStringLiteral(CHEVET_CRASH_WRITER));
        writer.setArguments({m_storePath, m_secretPath});
        writer.start();
        QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));

        QByteArray output;
        if (startWait == StartWait::UntilReady) {
            const QByteArray readyLine = QByteArray(crashtest::kReady) + '\n';
            QDeadlineTimer readyDeadline(60000);
            while (!output.contains(readyLine) && !readyDeadline.hasExpired() &&
                   writer.state() == QProcess::Running) {
                writer.waitForReadyRead(int(qMax<qint64>(1, readyDeadline.remainingTime())));
                output += writer.readAllStandardOutput();
            }
            QVERIFY2(output.contains(readyLine),
                     qPrintable(QStringLiteral("the writer never got ready: ") +
                                QString::fromLocal8Bit(writer.readAllStandardError())));
        }
        // Keep draining the pipe so the writer never blocks on a full one.
        QDeadlineTimer deadline(waitMs);
        while (!deadline.hasExpired() && writer.state() == QProcess::Running) {
            writer.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
            output += writer.readAllStandardOutput();
        }
        QVERIFY2(writer.state() == QProcess::Running,
                 qPrintable(QStringLiteral("the writer stopped by itself: ") +
                            QString::fromLocal8Bit(writer.readAllStandardError())));
        writer.kill(); // SIGKILL on Unix
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        output += writer.readAllStandardOutput();

        m_lastReported.clear();
        for (const QByteArray &line : completeLines(output)) {
            if (line == crashtest::kReady)
                continue;
            const QUuid id = QUuid::fromString(QLatin1String(line));
            QVERIFY2(!id.isNull(), line.constData());
            m_lastReported.append(id);
        }
    }

    std::unique_ptr<Store> openStore()
    {
        StoreOptions options;
        options.path = m_storePath;
        options.pin = crashtest::kPin;
        options.deviceSecret = kDeviceSecret;
        options.author = crashtest::kAuthor; // the nurse whose key slot the writer made
        Result<std::unique_ptr<Store>> opened = Store::open(options);
        if (!opened) {
            qWarning("cannot open the store after a kill: %s", qPrintable(opened.error().toString()));
            return {};
        }
        return std::move(opened).value();
    }

    void checkStore(int iteration)
    {
        std::unique_ptr<Store> store = openStore();
        QVERIFY(store);
        Result<std::optional<Patient>> patient = store->patients().findByIpp(crashtest::kIpp);
        QVERIFY(patient);
        if (!*patient) {
            // Killed between creating the store and adding the patient: only the store's own entry.
            QVERIFY(m_known.isEmpty());
            QVERIFY(m_lastReported.isEmpty());
            Result<AuditVerification> audit = store->audit().verify();
            QVERIFY(audit);
            QVERIFY2(audit->intact, qPrintable(audit->reason));
            QCOMPARE(audit->entries, qint64(1));
            return;
        }
        m_patientId = (*patient)->id;

        // Every observation written since this writer started (with a margin), each with one outbox entry.
        Result<QList<Observation>> recent = store->observations().forPatient(
            m_patientId, m_startMs - 2000, std::numeric_limits<qint64>::max());
        QVERIFY2(recent, recent ? "" : qPrintable(recent.error().toString()));
        for (const Observation &o : std::as_const(*recent)) {
            if (m_known.contains(o.meta.id))
                continue;
            m_known.insert(o.meta.id);
            Result<QList<OutboxEntry>> queued = store->outbox().forRecord(o.meta.id);
            QVERIFY(queued);
            QCOMPARE(queued->size(), 1);
        }

        // Everything reported is stored, decrypts, and belongs to the patient.
        for (const QUuid &id : std::as_const(m_lastReported)) {
            QVERIFY2(m_known.contains(id), qPrintable(id.toString()));
            Result<std::optional<Observation>> found = store->observations().find(id);
            QVERIFY2(found, found ? "" : qPrintable(found.error().toString()));
            QVERIFY2(found->has_value(), qPrintable(id.toString()));
            QCOMPARE((*found)->meta.patientId, m_patientId);
        }

        // Outbox: one per observation plus the patient; nothing delivered in this test.
        Result<OutboxCounts> counts = store->outbox().counts();
        QVERIFY(counts);
        QCOMPARE(counts->pending, qint64(m_known.size()) + 1);
        QCOMPARE(counts->delivered + counts->quarantined, qint64(0));

        // Audit: store.create + patient.create + one record.create per observation, chain intact.
        Result<AuditVerification> audit = store->audit().verify();
        QVERIFY(audit);
        QVERIFY2(audit->intact, qPrintable(audit->reason));
        QCOMPARE(audit->entries, qint64(m_known.size()) + 2);

        if (iteration % 10 == 9)
            qInfo("after kill %d: %lld observations stored, %lld reported by the last writer", iteration + 1,
                  qint64(m_known.size()), qint64(m_lastReported.size()));
    }

    // Once at the end: the windows above missed nothing, and every observation decrypts.
    void checkEveryObservation()
    {
        std::unique_ptr<Store> store = openStore();
        QVERIFY(store);
        Result<QList<Observation>> all = store->observations().forPatient(
            m_patientId, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
        QVERIFY(all);
        QCOMPARE(all->size(), m_known.size());
        for (const Observation &o : std::as_const(*all))
            QVERIFY(m_known.contains(o.meta.id));
    }

    QTemporaryDir m_dir;
    QString m_secretPath;
    QString m_storePath;
    QUuid m_patientId;
    qint64 m_startMs = 0;
    QList<QUuid> m_lastReported;
    QSet<QUuid> m_known;
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
