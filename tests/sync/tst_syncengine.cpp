// SyncEngine, the app's service: single flight on its own thread, state and progress signals, backoff
// on transient failures, and "offline" waiting for connectivity instead of retrying.
#include "net/loopbacktransport.h"
#include "store/observationrepository.h"
#include "sync/syncengine.h"
#include "syncfixture.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

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

    // sync-audit §28: a DPI that says "Retry-After: 2" is not asked again sooner, whatever the backoff
    // says (a lower bound on a timer: it cannot flake by running slow).
    void retryAfterIsHonoured_data()
    {
        QTest::addColumn<bool>("asDate");
        QTest::newRow("seconds") << false;
        QTest::newRow("HTTP date") << true; // RFC 9110 §10.2.3
    }

    void retryAfterIsHonoured()
    {
        QFETCH(bool, asDate);
        Device device;
        QVERIFY(addPatient(*device.store, QStringLiteral("720004")));
        std::atomic<int> transports = 0;
        SyncEngine engine(
            *device.store,
            [&]() -> std::unique_ptr<Transport> {
                ++transports;
                return std::make_unique<LoopbackTransport>([asDate](const HttpRequest &) {
                    HttpResponse busy;
                    busy.status = 429;
                    // A date is read to the second: 3 s ahead is at least 2 s away.
                    const QByteArray when =
                        asDate ? QLocale::c()
                                     .toString(QDateTime::currentDateTimeUtc().addSecs(3),
                                               QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                                     .toLatin1()
                               : QByteArrayLiteral("2");
                    busy.headers.append({QByteArrayLiteral("retry-after"), when});
                    return busy;
                });
            },
            SyncScope{});
        engine.backoff() = Backoff(20, 50, 42);
        QSignalSpy finished(&engine, &SyncEngine::finished);
        QElapsedTimer clock;
        clock.start();
        engine.syncNow();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY(finished.wait(10000)); // retried by itself...
        QVERIFY2(clock.elapsed() >= 1900, qPrintable(QString::number(clock.elapsed()))); // ...not before 2 s
        QCOMPARE(transports.load(), 2);
    }

    // sync-audit §28: a save while a run is failing does not start the next run at once: it waits for
    // the backoff like the retry would.
    void saveDuringAFailingRunWaitsForTheBackoff()
    {
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("720005"));
        QVERIFY(patient);
        std::atomic<int> transports = 0;
        SyncEngine engine(
            *device.store,
            [&]() -> std::unique_ptr<Transport> {
                ++transports;
                return std::make_unique<LoopbackTransport>([](const HttpRequest &) {
                    QThread::msleep(100); // the save lands while this run is under way
                    HttpResponse down;
                    down.status = 503;
                    return down;
                });
            },
            SyncScope{});
        engine.backoff() = Backoff(1500, 1500, 42);
        QSignalSpy finished(&engine, &SyncEngine::finished);
        engine.syncNow();
        QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));
        engine.syncNow(); // what a save does
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QTest::qWait(400);
        QCOMPARE(transports.load(), 1); // waiting for the backoff, not hammering a failing DPI
        QCOMPARE(engine.state(), SyncState::Error);
    }

    // sync-audit §22: locking the tablet stops a run that waits on a DPI that does not answer: the
    // engine goes at once, not after the request's 30 s timeout, and the nurse's work is still queued.
    void destroyingTheEngineStopsARunInFlight()
    {
        QTcpServer silent; // accepts connections, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const QUrl base(QStringLiteral("http://127.0.0.1:%1/fhir").arg(silent.serverPort()));
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("720006"));
        QVERIFY(patient);
        auto engine = std::make_unique<SyncEngine>(
            *device.store, [&]() -> std::unique_ptr<Transport> { return makeThreadTransport(base); },
            SyncScope{});
        engine->syncNow();
        QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 5000); // the request is on the wire
        QElapsedTimer clock;
        clock.start();
        engine.reset();
        const qint64 stoppedMs = clock.elapsed();
        qInfo("the engine stopped %lld ms after it was asked to", stoppedMs);
        QVERIFY2(stoppedMs < 10000, qPrintable(QString::number(stoppedMs))); // the timeout is 30 s
        QCOMPARE(device.counts().pending, 1);
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
