// Issue "weak links" item 3: the next page of a search is asked before the current one is stored, so
// the DPI prepares it while the engine maps, seals and writes. Over real HTTP: a listener on its own
// thread plays the DPI and counts the requests as they arrive, while the page callback holds the
// engine's thread without running its event loop, as storing a page does.
#include "fhir/bundle.h"
#include "net/cancellation.h"
#include "net/networktransport.h"
#include "sync/fhirclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <functional>

using namespace chevet;

namespace {

// Serves `pages` pages of one Observation each, page n linking to n + 1; one request per connection.
class PagingDpi final : public QThread
{
public:
    explicit PagingDpi(int pages)
        : m_pages(pages)
    {}
    ~PagingDpi() override
    {
        m_stop.storeRelaxed(1);
        wait();
    }

    // Started and listening: the port to use.
    quint16 listen()
    {
        start();
        m_ready.acquire();
        return m_port;
    }
    QSemaphore requests; // one release per request received
    QStringList targets() const
    {
        QMutexLocker lock(&m_mutex);
        return m_targets;
    }

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost);
        m_port = server.serverPort();
        m_ready.release();
        while (!m_stop.loadRelaxed()) {
            if (!server.waitForNewConnection(20))
                continue;
            std::unique_ptr<QTcpSocket> socket(server.nextPendingConnection());
            QByteArray head;
            while (!head.contains("\r\n\r\n") && socket->waitForReadyRead(2000))
                head += socket->readAll();
            const QByteArray target = head.left(head.indexOf("\r\n")).split(' ').value(1);
            {
                QMutexLocker lock(&m_mutex);
                m_targets.append(QString::fromLatin1(target));
            }
            requests.release();
            const int page = target.mid(target.indexOf("page=") + 5).toInt();
            QJsonObject bundle{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                               {QStringLiteral("type"), QStringLiteral("searchset")}};
            QJsonArray links{QJsonObject{
                {QStringLiteral("relation"), QStringLiteral("self")},
                {QStringLiteral("url"), base() + QStringLiteral("/Observation?page=%1").arg(page)}}};
            if (page < m_pages)
                links.append(QJsonObject{
                    {QStringLiteral("relation"), QStringLiteral("next")},
                    {QStringLiteral("url"), base() + QStringLiteral("/Observation?page=%1").arg(page + 1)}});
            bundle.insert(QStringLiteral("link"), links);
            bundle.insert(QStringLiteral("entry"),
                          QJsonArray{QJsonObject{
                              {QStringLiteral("resource"),
                               QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Observation")},
                                           {QStringLiteral("id"), QString::number(page)}}}}});
            const QByteArray body = QJsonDocument(bundle).toJson(QJsonDocument::Compact);
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\nConnection: close\r\n"
                          "Content-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->waitForBytesWritten(2000);
            socket->disconnectFromHost();
            if (socket->state() != QAbstractSocket::UnconnectedState)
                socket->waitForDisconnected(2000);
        }
    }

private:
    QString base() const { return QStringLiteral("http://127.0.0.1:%1/fhir").arg(m_port); }

    const int m_pages;
    quint16 m_port = 0;
    QSemaphore m_ready;
    QAtomicInt m_stop;
    mutable QMutex m_mutex;
    QStringList m_targets;
};

} // namespace

// Waits without running this thread's event loop, as a thread busy storing a page does.
bool becomesTrueBlocking(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QThread::msleep(5);
    }
    return true;
}

NetworkOptions optionsFor(quint16 port)
{
    NetworkOptions options;
    options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/fhir").arg(port));
    return options;
}

class TestPagingAhead : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theNextPageIsAskedWhileThisOneIsStored()
    {
        PagingDpi dpi(3);
        QNetworkAccessManager manager;
        NetworkTransport transport(manager, optionsFor(dpi.listen()));
        FhirClient client(transport);
        QStringList ids;
        QList<bool> nextAskedMeanwhile;
        const Status paged = client.forEachPage(
            QStringLiteral("Observation?page=1"), [&](const fhir::ParsedBundle &page) -> Status {
                for (const fhir::BundleEntry &entry : page.entries)
                    ids.append(entry.resource.value(QLatin1String("id")).toString());
                if (!page.next.isEmpty()) {
                    const qsizetype stored = ids.size();
                    nextAskedMeanwhile.append(
                        becomesTrueBlocking([&]() { return dpi.targets().size() > stored; }, 5000));
                }
                return {};
            });
        QVERIFY2(paged, paged ? "" : qPrintable(paged.error().message));
        QCOMPARE(ids, QStringList({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
        QCOMPARE(nextAskedMeanwhile, QList<bool>({true, true}));
        QCOMPARE(dpi.targets().size(), 3); // each page asked once
    }

    // A stop asked (lock, suspend) while a page is stored: the page asked ahead is not stored, even when its
    // answer arrived meanwhile (review of the read-ahead).
    void aStopWhileStoringDropsThePageAskedAhead()
    {
        PagingDpi dpi(3);
        QNetworkAccessManager manager;
        NetworkTransport transport(manager, optionsFor(dpi.listen()));
        FhirClient client(transport);
        std::atomic<bool> stop{false};
        CancellationScope scope(stop);
        int pages = 0;
        const Status paged = client.forEachPage(
            QStringLiteral("Observation?page=1"), [&](const fhir::ParsedBundle &) -> Status {
                ++pages;
                if (!becomesTrueBlocking([&]() { return dpi.targets().size() >= 2; }, 5000))
                    return makeError(CoreError::Unknown, QStringLiteral("the next page was not asked ahead"));
                QThread::msleep(100); // its answer is in by now
                stop = true;
                return {};
            });
        QVERIFY(!paged);
        QCOMPARE(paged.error().code, ErrorCode(NetError::Cancelled));
        QCOMPARE(pages, 1);
    }

    // A page that cannot be stored stops the paging with its own error; the page asked ahead is dropped
    // and the transport goes on serving the next search.
    void aPageThatFailsDropsThePageAskedAhead()
    {
        PagingDpi dpi(3);
        QNetworkAccessManager manager;
        NetworkTransport transport(manager, optionsFor(dpi.listen()));
        FhirClient client(transport);
        int calls = 0;
        const Status failed = client.forEachPage(
            QStringLiteral("Observation?page=1"), [&](const fhir::ParsedBundle &) -> Status {
                ++calls;
                return makeError(StoreError::DiskFull, QStringLiteral("no space left"));
            });
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode(StoreError::DiskFull));
        QCOMPARE(calls, 1);

        QStringList ids;
        const Status again = client.forEachPage(
            QStringLiteral("Observation?page=2"), [&](const fhir::ParsedBundle &page) -> Status {
                for (const fhir::BundleEntry &entry : page.entries)
                    ids.append(entry.resource.value(QLatin1String("id")).toString());
                return {};
            });
        QVERIFY(again);
        QCOMPARE(ids, QStringList({QStringLiteral("2"), QStringLiteral("3")}));
    }
};

QTEST_GUILESS_MAIN(TestPagingAhead)
#include "tst_pagingahead.moc"
