// SyncEngine, the app's service: single flight on its own thread, state and progress signals, backoff
// on transient failures, and "offline" waiting for connectivity instead of retrying.
#include "net/loopbacktransport.h"
#include "store/observationrepository.h"
#include "sync/syncengine.h"
#include "syncfixture.h"

#include <QSignalSpy>
#include <QTest>

using namespace chevet;

Q_DECLARE_METATYPE(chevet::SyncState)

class TestSyncEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        quietStoreInfoLogs();
        qRegisterMetaType<chevet::SyncState>();
    }

    void singleFlightAndProgressWithRealTotals()
    {
        QTemporaryDir folder;
        DpiConfig slow;
        slow.latencyMs = 3;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Http, slow, folder.path());
        const QUrl base = dpi->baseUrl();
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("720001"));
        QVERIFY(patient);
        VitalsInput pulse;
        pulse.pulse = 70;
        for (int i = 0; i < 120; ++i)
            QVERIFY(device.store->observations().recordVitals(patient->id, pulse));

        std::atomic<int> transports = 0;
        SyncEngine engine(
            *device.store,
            [&]() -> std::unique_ptr<Transport> {
                ++transports;
                return makeThreadTransport(base);
            },
            SyncScope{});
        QSignalSpy finished(&engine, &SyncEngine::finished);
        QSignalSpy progress(&engine, &SyncEngine::progress);
        QSignalSpy states(&engine, &SyncEngine::stateChanged);
        engine.syncNow();
        engine.syncNow(); // while running: queued once, not a second concurrent run
        engine.syncNow();
        QVERIFY(engine.isRunning());
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        QVERIFY(finished.size() == 2 || finished.wait(30000)); // the queued follow-up run
        QTest::qWait(200);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(transports.load(), 2);
        QCOMPARE(engine.state(), SyncState::Idle);
        QCOMPARE(device.counts().pending, 0);
        QCOMPARE(device.counts().delivered, 121);

        // Progress counted the real queue: 121 outbox entries.
        bool sawTotal = false;
        for (const QList<QVariant> &p : progress) {
            if (p.at(0).value<SyncState>() == SyncState::Pushing) {
                QCOMPARE(p.at(2).toInt(), 121);
                QVERIFY(p.at(1).toInt() <= 121);
                sawTotal = true;
            }
        }
        QVERIFY(sawTotal);
        QList<SyncState> seen;
        for (const QList<QVariant> &s : states)
            seen.append(s.at(0).value<SyncState>());
        QVERIFY(seen.contains(SyncState::Connecting));
        QVERIFY(seen.contains(SyncState::Pushing));
        QVERIFY(seen.contains(SyncState::Pulling));
        QCOMPARE(seen.last(), SyncState::Idle);
    }

    void transientFailureRetriesWithBackoffThenSucceeds()
    {
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Http, DpiConfig{}, folder.path());
        const QUrl base = dpi->baseUrl();
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("720002"));
        QVERIFY(patient);
        std::atomic<int> outages = 2; // the DPI is down for the first two attempts
        SyncEngine engine(
            *device.store,
            [&]() -> std::unique_ptr<Transport> {
                if (outages.fetch_sub(1) > 0) {
                    return std::make_unique<LoopbackTransport>([](const HttpRequest &) {
                        HttpResponse unavailable;
                        unavailable.status = 503;
                        return unavailable;
                    });
                }
                return makeThreadTransport(base);
            },
            SyncScope{});
        engine.backoff() = Backoff(20, 200, 42);
        QSignalSpy finished(&engine, &SyncEngine::finished);
        engine.syncNow();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QCOMPARE(engine.state(), SyncState::Error);
        QVERIFY(finished.wait(10000)); // retried by itself
        QVERIFY(finished.size() == 3 || finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), true);
        QCOMPARE(engine.state(), SyncState::Idle);
        QCOMPARE(device.counts().pending, 0);
    }

    void offlineWaitsForConnectivity()
    {
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Http, DpiConfig{}, folder.path());
        const QUrl base = dpi->baseUrl();
        Device device;
        QVERIFY(addPatient(*device.store, QStringLiteral("720003")));
        std::atomic<int> runs = 0;
        SyncEngine engine(
            *device.store,
            [&]() -> std::unique_ptr<Transport> {
                ++runs;
                return makeThreadTransport(base);
            },
            SyncScope{});
        QSignalSpy finished(&engine, &SyncEngine::finished);
        engine.setOnline(false);
        engine.syncNow();
        QCOMPARE(engine.state(), SyncState::Offline);
        QTest::qWait(100);
        QCOMPARE(runs.load(), 0);
        engine.setOnline(true); // reconnect starts a sync
        QVERIFY(finished.wait(10000));
        QCOMPARE(runs.load(), 1);
        QCOMPARE(device.counts().pending, 0);
    }

    void backoffIsCappedExponentialWithJitter()
    {
        Backoff backoff(1000, 8000, 7);
        const qint64 ceilings[] = {1000, 2000, 4000, 8000, 8000, 8000};
        QSet<qint64> distinct;
        for (qint64 ceiling : ceilings) {
            const qint64 delay = backoff.nextDelayMs();
            QVERIFY2(delay >= ceiling / 2 && delay <= ceiling, qPrintable(QString::number(delay)));
            distinct.insert(delay);
        }
        QVERIFY(distinct.size() > 1);
        backoff.reset();
        QVERIFY(backoff.nextDelayMs() <= 1000);
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
