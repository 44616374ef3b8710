#include "linkemulator.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QMetaObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <deque>

namespace {

enum Direction { Up = 0, Down = 1 };

struct Chunk
{
    qint64 deliverAtNs = 0;
    QPointer<QTcpSocket> to;
    QByteArray data;
    bool close = false; // the sender closed: close the other side once what came before is delivered
};

} // namespace

class LinkEmulator::Relay : public QObject
{
public:
    Relay(QString host, quint16 port, const LinkProfile &profile)
        : m_host(std::move(host))
        , m_port(port)
        , m_profile(profile)
        , m_random(profile.seed)
        , m_server(this) // children, so that they move to the relay's thread with it
        , m_timer(this)
    {
        m_clock.start();
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { deliver(); });
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); });
    }

    quint16 listen() { return m_server.listen(QHostAddress::LocalHost, 0) ? m_server.serverPort() : 0; }

    std::atomic<qint64> bytesUp{0};
    std::atomic<qint64> bytesDown{0};
    std::atomic<qint64> connections{0};
    std::atomic<qint64> drops{0};

private:
    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            ++connections;
            auto *upstream = new QTcpSocket(this);
            client->setParent(this);
            upstream->connectToHost(m_host, m_port);
            wire(client, upstream, Up);
            wire(upstream, client, Down);
        }
    }

    void wire(QTcpSocket *from, QTcpSocket *to, Direction direction)
    {
        QObject::connect(from, &QTcpSocket::readyRead, this, [this, from, to, direction] {
            const QByteArray data = from->readAll();
            (direction == Up ? bytesUp : bytesDown) += data.size();
            enqueue(direction, Chunk{0, to, data, false});
        });
        QObject::connect(from, &QTcpSocket::disconnected, this, [this, from, to, direction] {
            enqueue(direction, Chunk{0, to, {}, true});
            from->deleteLater();
        });
        QObject::connect(from, &QTcpSocket::errorOccurred, this,
                         [from](QAbstractSocket::SocketError) { from->disconnectFromHost(); });
    }

    // Serialised behind everything already on this direction of the link, then the propagation delay.
    void enqueue(Direction direction, Chunk chunk)
    {
        const qint64 now = m_clock.nsecsElapsed();
        const qint64 bps = direction == Up ? m_profile.upBitsPerSecond : m_profile.downBitsPerSecond;
        const qint64 start = std::max(now, m_busyUntilNs[direction]);
        const qint64 sendNs = bps > 0 ? qint64(double(chunk.data.size()) * 8e9 / double(bps)) : 0;
        m_busyUntilNs[direction] = start + sendNs;
        chunk.deliverAtNs = m_busyUntilNs[direction] + qint64(m_profile.oneWayDelayMs) * 1'000'000;
        m_queue[direction].push_back(std::move(chunk));
        schedule();
    }

    void schedule()
    {
        qint64 next = -1;
        for (const auto &queue : m_queue)
            if (!queue.empty() && (next < 0 || queue.front().deliverAtNs < next))
                next = queue.front().deliverAtNs;
        if (next < 0)
            return;
        const qint64 waitMs = std::max<qint64>(0, (next - m_clock.nsecsElapsed() + 999'999) / 1'000'000);
        m_timer.start(int(waitMs));
    }

    void deliver()
    {
        const qint64 now = m_clock.nsecsElapsed();
        for (int direction : {Up, Down}) {
            auto &queue = m_queue[direction];
            while (!queue.empty() && queue.front().deliverAtNs <= now) {
                Chunk chunk = std::move(queue.front());
                queue.pop_front();
                if (!chunk.to)
                    continue;
                if (chunk.close) {
                    chunk.to->disconnectFromHost();
                } else if (direction == Down && m_profile.dropRate > 0 &&
                           m_random.generateDouble() < m_profile.dropRate) {
                    ++drops;
                    chunk.to->abort(); // the answer never arrives whole
                } else {
                    chunk.to->write(chunk.data);
                }
            }
        }
        schedule();
    }

    QString m_host;
    quint16 m_port;
    LinkProfile m_profile;
    QRandomGenerator m_random;
    QTcpServer m_server;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_busyUntilNs[2] = {0, 0};
    std::deque<Chunk> m_queue[2];
};

LinkEmulator::LinkEmulator(const QString &upstreamHost, quint16 upstreamPort, const LinkProfile &profile)
    : m_profile(profile)
    , m_thread(std::make_unique<QThread>())
{
    m_relay = new Relay(upstreamHost, upstreamPort, profile);
    m_relay->moveToThread(m_thread.get());
    // Deleted on its own thread once that thread's loop has stopped (the usual worker pattern).
    QObject::connect(m_thread.get(), &QThread::finished, m_relay, &QObject::deleteLater);
    m_thread->start();
    QMetaObject::invokeMethod(
        m_relay, [this] { m_port = m_relay->listen(); }, Qt::BlockingQueuedConnection);
}

LinkEmulator::~LinkEmulator()
{
    m_thread->quit();
    m_thread->wait();
}

LinkEmulator::Counters LinkEmulator::counters() const
{
    return Counters{m_relay->bytesUp.load(), m_relay->bytesDown.load(), m_relay->connections.load(),
                    m_relay->drops.load()};
}
