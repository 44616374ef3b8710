// A sync killed with SIGKILL at random moments, then run again: nothing lost, nothing duplicated.
// The sync is a real chevetctl process against a real chevet-dpi process.
#include "store/auditlog.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "syncfixture.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace chevet;

class TestSyncCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void killedSyncsLoseAndDuplicateNothing()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.latencyMs = 4; // long enough to be killed in the middle
        auto dpi = DpiHarness::start(DpiHarness::Mode::Http, config, folder.path());

        const QString keyPath = folder.filePath(QStringLiteral("device.key"));
        QFile key(keyPath);
        QVERIFY(key.open(QIODevice::WriteOnly));
        QVERIFY(key.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        key.write(kTestDeviceSecret);
        key.close();

        QList<QUuid> ids;
        const QString storePath = folder.filePath(QStringLiteral("device.chevet"));
        // A store of our own at a known path.
        StoreOptions o;
        o.path = storePath;
        o.pin = kTestPin;
        o.deviceSecret = kTestDeviceSecret;
        o.author = QStringLiteral("nurse-crash");
        o.establishment = QStringLiteral("urn:oid:2.999.250.1");
        o.kdf = kTestKdf;
        {
            Result<std::unique_ptr<Store>> store = Store::create(o);
            QVERIFY2(store, store ? "" : qPrintable(store.error().toString()));
            Result<Patient> patient = addPatient(**store, QStringLiteral("730001"));
            QVERIFY(patient);
            VitalsInput pulse;
            for (int i = 0; i < 1500; ++i) {
                pulse.pulse = 60 + i % 30;
                Result<VitalsEntry> entry = (*store)->observations().recordVitals(patient->id, pulse);
                QVERIFY(entry);
                ids.append(entry->observations.first().meta.id);
            }
        }

        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("seed %u", seed);
        QRandomGenerator random(seed);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CHEVET_STORE"), storePath);
        env.insert(QStringLiteral("CHEVET_PIN"), QString::fromLatin1(kTestPin));
        env.insert(QStringLiteral("CHEVET_DEVICE_KEY"), keyPath);
        // The kill comes after the unlock (its "store unlocked" line): a kill during the unlock uses a PIN
        // attempt, by design, and enough of them make the next run wait (reliability review §1).
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("chevet.store.info=true"));
        const QStringList args{QStringLiteral("sync"), QStringLiteral("--dpi"), dpi->baseUrl().toString()};

        int kills = 0;
        for (int attempt = 0; attempt < 40 && kills < 12; ++attempt) {
            QProcess sync;
            sync.setProcessEnvironment(env);
            sync.start(QStringLiteral(CHEVETCTL_PATH), args);
            QVERIFY(sync.waitForStarted(10000));
            QByteArray log;
            while (!log.contains("store unlocked") && sync.state() == QProcess::Running) {
                sync.waitForReadyRead(100);
                log += sync.readAllStandardError();
            }
            if (sync.state() != QProcess::Running || sync.waitForFinished(int(random.bounded(0, 300)))) {
                // Finished before the kill: it must have delivered everything, not refused to start.
                log += sync.readAllStandardError();
                QVERIFY2(sync.exitStatus() == QProcess::NormalExit && sync.exitCode() == 0, log.constData());
                break;
            }
            sync.kill();
            QVERIFY(sync.waitForFinished(10000));
            ++kills;
        }
        qInfo("sync killed %d times", kills);
        QVERIFY(kills >= 3);

        QProcess last;
        last.setProcessEnvironment(env);
        last.start(QStringLiteral(CHEVETCTL_PATH), args);
        QVERIFY(last.waitForFinished(120000));
        QVERIFY2(last.exitCode() == 0, last.readAllStandardError().constData());

        const QHash<QString, int> onDpi = identifierCounts(dpi->all(QStringLiteral("Observation")));
        QCOMPARE(onDpi.size(), ids.size());
        for (const QUuid &id : std::as_const(ids))
            QCOMPARE(onDpi.value(clientIdentifier(id)), 1);
        QCOMPARE(dpi->all(QStringLiteral("Patient")).size(), 1);

        Result<std::unique_ptr<Store>> store = Store::open(o);
        QVERIFY(store);
        Result<OutboxCounts> counts = (*store)->outbox().counts();
        QVERIFY(counts);
        QCOMPARE(counts->pending, 0);
        QCOMPARE(counts->delivered, qint64(ids.size() + 1));
        Result<AuditVerification> audit = (*store)->audit().verify();
        QVERIFY(audit && audit->intact);
    }
};

QTEST_GUILESS_MAIN(TestSyncCrash)
#include "tst_synccrash.moc"
