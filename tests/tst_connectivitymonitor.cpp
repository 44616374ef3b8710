#include "connectivity/connectivitymonitor.h"
#include "connectivity/fakereachabilitysource.h"
#include "connectivity/networkinformationreachability.h"
#include "connectivity/syncconnectivity.h"
#include "net/loopbacktransport.h"
#include "storefixture.h"

#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <atomic>

using namespace chevet;
using namespace std::chrono_literals;

namespace {

// A stand-in DPI over real loopback TCP: answers each request with a fixed status, or not at all.
class TinyHttpServer : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Answer, Silent };

    bool listen(quint16 port = 0)
    {
        if (!m_server.listen(QHostAddress::LocalHost, port))
            return false;
        m_port = m_server.serverPort();
        return true;
    }
    void close() { m_server.close(); }
    quint16 port() const { return m_port; }
    QUrl base() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/fhir").arg(m_port)); }
    // Makes this server the HTTP proxy of the process, so a DPI name that is not loopback (the monitor
    // treats loopback apart) still reaches it, without DNS. Undone when the returned guard goes.
    std::shared_ptr<void> actAsProxy() const
    {
        QNetworkProxy::setApplicationProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), m_port));
        return std::shared_ptr<void>(nullptr,
                                     [](void *) { QNetworkProxy::setApplicationProxy(QNetworkProxy()); });
    }
    void setMode(Mode mode) { m_mode = mode; }
    void setStatus(int status) { m_status = status; }
    int requests() const { return m_requestLines.size(); }
    QByteArray lastRequestLine() const
    {
        return m_requestLines.isEmpty() ? QByteArray() : m_requestLines.last();
    }

    TinyHttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
            }
        });
    }

private:
    void onData(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (!buffer.contains("\r\n\r\n"))
            return;
        m_requestLines.append(buffer.left(buffer.indexOf("\r\n")));
        buffer.clear();
        if (m_mode == Mode::Silent)
            return;
        socket->write("HTTP/1.1 " + QByteArray::number(m_status) +
                      " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    quint16 m_port = 0;
    Mode m_mode = Mode::Answer;
    int m_status = 200;
    QList<QByteArray> m_requestLines;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

ConnectivityMonitor::Timing fastTiming()
{
    ConnectivityMonitor::Timing t;
    t.probeTimeout = 300ms;
    t.retryMin = 40ms;
    t.retryMax = 160ms;
    t.recheckOnline = 80ms;
    return t;
}

// Waits for the next onlineChanged() and returns its value; -1 when none came.
int nextChange(QSignalSpy &spy, int timeoutMs = 5000)
{
    const qsizetype before = spy.size();
    if (!QTest::qWaitFor([&] { return spy.size() > before; }, timeoutMs))
        return -1;
    return spy.at(before).at(0).toBool() ? 1 : 0;
}

} // namespace

class TestConnectivityMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsTheDpiOverRealHttp()
    {
        TinyHttpServer dpi;
        QVERIFY(dpi.listen());
        auto *link = new FakeReachabilitySource(ReachabilitySource::Link::Up);
        ConnectivityMonitor monitor{std::unique_ptr<ReachabilitySource>(link)};
        monitor.setTiming(fastTiming());
        QSignalSpy changes(&monitor, &ConnectivityMonitor::onlineChanged);
        QVERIFY(!monitor.online());

        monitor.setProbe(dpi.base());
        QCOMPARE(monitor.probeUrl().path(), QStringLiteral("/fhir/metadata"));
        QCOMPARE(nextChange(changes), 1);
        QVERIFY(monitor.online());
        QCOMPARE(dpi.lastRequestLine(), QByteArray("HEAD /fhir/metadata HTTP/1.1"));

        // The DPI goes away: connections are refused.
        const quint16 port = dpi.port();
        dpi.close();
        QCOMPARE(nextChange(changes), 0);
        QVERIFY(!monitor.online());

        // It comes back on the same port: the backoff re-probe finds it.
        QVERIFY(dpi.listen(port));
        QCOMPARE(nextChange(changes), 1);
    }

    void aDpiThatStopsAnsweringIsOffline()
    {
        TinyHttpServer dpi;
        QVERIFY(dpi.listen());
        ConnectivityMonitor monitor{std::make_unique<FakeReachabilitySource>()};
        monitor.setTiming(fastTiming());
        QSignalSpy changes(&monitor, &ConnectivityMonitor::onlineChanged);
        monitor.setProbe(dpi.base());
        QCOMPARE(nextChange(changes), 1);

        // Accepts the connection, never answers: the probe times out.
        dpi.setMode(TinyHttpServer::Mode::Silent);
        QCOMPARE(nextChange(changes), 0);
        dpi.setMode(TinyHttpServer::Mode::Answer);
        QCOMPARE(nextChange(changes), 1);
    }

    void serverErrorsAreOfflineButClientErrorsAreNot_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("online");
        QTest::newRow("200") << 200 << true;
        QTest::newRow("401 (auth needed, DPI is there)") << 401 << true;
        QTest::newRow("405 (no HEAD, DPI is there)") << 405 << true;
        QTest::newRow("502 (proxy, DPI behind it gone)") << 502 << false;
        QTest::newRow("503") << 503 << false;
    }
    void serverErrorsAreOfflineButClientErrorsAreNot()
    {
        QFETCH(int, status);
        QFETCH(bool, online);
        TinyHttpServer dpi;
        QVERIFY(dpi.listen());
        dpi.setStatus(status);
        ConnectivityMonitor monitor{std::make_unique<FakeReachabilitySource>()};
        monitor.setTiming(fastTiming());
        monitor.setProbe(dpi.base());
        QVERIFY(QTest::qWaitFor([&] { return dpi.requests() >= 2; }, 5000));
        QCOMPARE(monitor.online(), online);
    }

    void aDownLinkIsOfflineWithoutProbingAndItsReturnProbesAtOnce()
    {
        TinyHttpServer dpi;
        QVERIFY(dpi.listen());
        auto *link = new FakeReachabilitySource(ReachabilitySource::Link::Up);
        ConnectivityMonitor monitor{std::unique_ptr<ReachabilitySource>(link)};
        ConnectivityMonitor::Timing slow = fastTiming();
        slow.recheckOnline = 1h; // only link changes may trigger probes here
        slow.retryMin = 1h;
        slow.retryMax = 1h;
        monitor.setTiming(slow);
        QSignalSpy changes(&monitor, &ConnectivityMonitor::onlineChanged);
        const auto proxy = dpi.actAsProxy();
        monitor.setProbe(QUrl(QStringLiteral("http://dpi.example/fhir")));
        QCOMPARE(nextChange(changes), 1);
        QCOMPARE(dpi.lastRequestLine(), QByteArray("HEAD http://dpi.example/fhir/metadata HTTP/1.1"));
        const int probes = dpi.requests();

        link->setLink(ReachabilitySource::Link::Down);
        QVERIFY(!monitor.online());
        QTest::qWait(100);
        QCOMPARE(dpi.requests(), probes);

        link->setLink(ReachabilitySource::Link::Up);
        QCOMPARE(nextChange(changes), 1);
        QCOMPARE(dpi.requests(), probes + 1);
    }

    void aDpiOnThisMachineIsProbedWhateverTheLinkSays()
    {
        TinyHttpServer dpi;
        QVERIFY(dpi.listen());
        ConnectivityMonitor monitor{std::make_unique<FakeReachabilitySource>(ReachabilitySource::Link::Down)};
        monitor.setTiming(fastTiming());
        QSignalSpy changes(&monitor, &ConnectivityMonitor::onlineChanged);
        monitor.setProbe(dpi.base());
        QCOMPARE(nextChange(changes), 1);
    }

    void withoutAProbeItFollowsTheLink()
    {
        auto *link = new FakeReachabilitySource(ReachabilitySource::Link::Unknown);
        ConnectivityMonitor monitor{std::unique_ptr<ReachabilitySource>(link)};
        QSignalSpy changes(&monitor, &ConnectivityMonitor::onlineChanged);
        QCOMPARE(nextChange(changes), 1);
        link->setLink(ReachabilitySource::Link::Down);
        QCOMPARE(changes.size(), 2);
        QVERIFY(!monitor.online());
    }

    void theSyncEngineIsWokenOnReconnect()
    {
        test::StoreFixture device;
        QVERIFY(device.create().ok());
        // Counts what the engine sends; answering 503 keeps the run short and harmless.
        auto sent = std::make_shared<std::atomic<int>>(0);
        SyncEngine engine(
            *device.store(),
            [sent] {
                return std::make_unique<LoopbackTransport>([sent](const HttpRequest &) {
                    ++*sent;
                    HttpResponse r;
                    r.status = 503;
                    return r;
                });
            },
            SyncScope{});
        engine.backoff() = Backoff(3600000, 3600000); // no retries of its own during the test

        TinyHttpServer dpi;
        auto *link = new FakeReachabilitySource(ReachabilitySource::Link::Up);
        ConnectivityMonitor monitor{std::unique_ptr<ReachabilitySource>(link)};
        monitor.setTiming(fastTiming());
        connectSyncEngine(monitor, engine);
        QCOMPARE(engine.state(), SyncState::Offline);

        QSignalSpy finished(&engine, &SyncEngine::finished);
        QVERIFY(dpi.listen());
        monitor.setProbe(dpi.base());
        QVERIFY(QTest::qWaitFor([&] { return monitor.online(); }, 5000));
        QVERIFY(finished.wait(10000));
        QVERIFY(sent->load() > 0);
    }

    void theSystemSourceLoadsOrDegradesQuietly()
    {
        // Which backend loads depends on the machine (NetworkManager, GLib, none); each must work.
        ConnectivityMonitor monitor;
        QSignalSpy changes(&monitor, &ConnectivityMonitor::onlineChanged);
        TinyHttpServer dpi;
        QVERIFY(dpi.listen());
        monitor.setTiming(fastTiming());
        monitor.setProbe(dpi.base());
        QVERIFY(QTest::qWaitFor([&] { return monitor.online(); }, 5000));
    }
};

QTEST_GUILESS_MAIN(TestConnectivityMonitor)
#include "tst_connectivitymonitor.moc"
