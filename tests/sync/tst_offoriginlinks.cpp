// sync-audit §16: paging links and redirects off the DPI's origin never carry the token. Over real
// HTTP: a small listener plays the DPI, another one plays "somewhere else" and records anything it gets.
#include "fhir/bundle.h"
#include "net/networktransport.h"
#include "sync/fhirclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <functional>

using namespace chevet;

namespace {

constexpr auto kToken = "secret-token-for-the-dpi-only";

struct ReceivedRequest
{
    QByteArray method;
    QByteArray target;                            // as on the request line: "/fhir/Patient?_count=1"
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased

    bool hasHeader(const QByteArray &lowerName) const
    {
        for (const auto &[name, value] : headers) {
            if (name == lowerName)
                return true;
        }
        return false;
    }
};

struct Answer
{
    int status = 200;
    QByteArray body;
    QByteArray location;
};

// A minimal HTTP/1.1 listener on loopback: one request per connection, answered by `handler`.
class TinyHttp : public QObject
{
public:
    using Handler = std::function<Answer(const ReceivedRequest &)>;

    explicit TinyHttp(Handler handler)
        : m_handler(std::move(handler))
    {
        if (!m_server.listen(QHostAddress::LocalHost))
            qFatal("cannot listen on loopback");
        connect(&m_server, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QString origin() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    const QList<ReceivedRequest> &received() const { return m_received; }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        ReceivedRequest request;
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.append(
                    {lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed()});
        }
        m_buffers.remove(socket);
        m_received.append(request);
        const Answer answer = m_handler(request);
        QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status) + " X\r\n";
        out += "Content-Type: application/fhir+json\r\nConnection: close\r\n";
        if (!answer.location.isEmpty())
            out += "Location: " + answer.location + "\r\n";
        out += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n\r\n" + answer.body;
        socket->write(out);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    Handler m_handler;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<ReceivedRequest> m_received;
};

QByteArray searchset(const QString &next)
{
    QJsonObject bundle{{QLatin1String("resourceType"), QStringLiteral("Bundle")},
                       {QLatin1String("type"), QStringLiteral("searchset")},
                       {QLatin1String("entry"), QJsonArray{}}};
    if (!next.isEmpty())
        bundle.insert(QLatin1String("link"),
                      QJsonArray{QJsonObject{{QLatin1String("relation"), QStringLiteral("next")},
                                             {QLatin1String("url"), next}}});
    return QJsonDocument(bundle).toJson(QJsonDocument::Compact);
}

Answer elsewhereAnswer(const ReceivedRequest &)
{
    return {200, searchset({}), {}};
}

} // namespace

class TestOffOriginLinks : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_manager;

    NetworkOptions optionsFor(const TinyHttp &dpi) const
    {
        NetworkOptions options;
        options.baseUrl = QUrl(dpi.origin() + QStringLiteral("/fhir"));
        options.bearerToken = kToken;
        return options;
    }

private Q_SLOTS:
    // sync-audit §16: HAPI behind a proxy advertises its internal address in `next`; the link is
    // moved onto the DPI's origin (path and query kept), and the other address hears nothing.
    void nextLinkOffOriginIsRewrittenOntoTheBase()
    {
        TinyHttp elsewhere(elsewhereAnswer);
        const QString foreignNext = elsewhere.origin() + QStringLiteral("/fhir?_getpages=abc&_page=2");
        TinyHttp dpi([&](const ReceivedRequest &r) -> Answer {
            if (r.target.startsWith("/fhir/Patient"))
                return {200, searchset(foreignNext), {}};
            return {200, searchset({}), {}};
        });
        NetworkTransport transport(m_manager, optionsFor(dpi));
        FhirClient client(transport);
        int pages = 0;
        const Status s =
            client.forEachPage(QStringLiteral("Patient?_count=1"), [&](const fhir::ParsedBundle &) {
                ++pages;
                return Status();
            });
        QVERIFY2(s, qPrintable(s ? QString() : s.error().toString()));
        QCOMPARE(pages, 2);
        QCOMPARE(elsewhere.received().size(), 0);
        QCOMPARE(dpi.received().size(), 2);
        QCOMPARE(dpi.received().at(1).target, QByteArray("/fhir?_getpages=abc&_page=2"));
        QVERIFY(dpi.received().at(1).hasHeader("authorization"));
    }

    // sync-audit §16: an absolute URL off the configured origin is refused before anything is sent.
    void absoluteUrlOffOriginIsRefused()
    {
        TinyHttp elsewhere(elsewhereAnswer);
        TinyHttp dpi(elsewhereAnswer);
        NetworkTransport transport(m_manager, optionsFor(dpi));
        HttpRequest request;
        request.target = elsewhere.origin() + QStringLiteral("/fhir/Patient");
        const Result<HttpResponse> response = transport.exchange(request);
        QVERIFY(!response);
        QCOMPARE(response.error().domain, ErrorDomain::Net);
        QCOMPARE(response.error().code, ErrorCode(NetError::OffOrigin));
        QVERIFY(!response.error().transient);
        QCOMPARE(elsewhere.received().size(), 0);
        QCOMPARE(dpi.received().size(), 0);

        // The token as a header (AuthorizingTransport's way) is refused the same.
        NetworkOptions withoutToken = optionsFor(dpi);
        withoutToken.bearerToken.clear();
        NetworkTransport plain(m_manager, withoutToken);
        request.headers = {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + kToken}};
        const Result<HttpResponse> asHeader = plain.exchange(request);
        QVERIFY(!asHeader);
        QCOMPARE(asHeader.error().code, ErrorCode(NetError::OffOrigin));
        QCOMPARE(elsewhere.received().size(), 0);

        // Without credentials it goes (an identity provider's token endpoint may live on another origin).
        request.headers.clear();
        QVERIFY(plain.exchange(request));
        QCOMPARE(elsewhere.received().size(), 1);

        // The same origin, absolute, still goes with the token.
        request.target = dpi.origin() + QStringLiteral("/fhir/Patient");
        QVERIFY(transport.exchange(request));
        QCOMPARE(dpi.received().size(), 1);
    }

    // sync-audit §16: a 302 to another origin is not followed, so the token stays home; a redirect
    // on the DPI's own origin is still followed.
    void redirectOffOriginCarriesNoToken()
    {
        TinyHttp elsewhere(elsewhereAnswer);
        TinyHttp dpi([&](const ReceivedRequest &r) -> Answer {
            if (r.target == "/fhir/Patient/away")
                return {302, {}, (elsewhere.origin() + QStringLiteral("/fhir/Patient/1")).toLatin1()};
            if (r.target == "/fhir/Patient/moved")
                return {302, {}, QByteArrayLiteral("/fhir/Patient/1")};
            return {200, QByteArrayLiteral("{\"resourceType\":\"Patient\",\"id\":\"1\"}"), {}};
        });
        NetworkTransport transport(m_manager, optionsFor(dpi));
        HttpRequest request;
        request.target = QStringLiteral("Patient/away");
        const Result<HttpResponse> away = transport.exchange(request);
        QVERIFY(!away);
        QCOMPARE(away.error().domain, ErrorDomain::Net);
        QCOMPARE(away.error().code, ErrorCode(NetError::OffOriginRedirect));
        for (const ReceivedRequest &r : elsewhere.received())
            QVERIFY2(!r.hasHeader("authorization"), "the token went to another origin");
        QCOMPARE(elsewhere.received().size(), 0);

        request.target = QStringLiteral("Patient/moved");
        const Result<HttpResponse> moved = transport.exchange(request);
        QVERIFY2(moved, qPrintable(moved ? QString() : moved.error().toString()));
        QCOMPARE(moved->status, 200);
        QCOMPARE(dpi.received().last().target, QByteArray("/fhir/Patient/1"));
        QVERIFY(dpi.received().last().hasHeader("authorization"));
    }

    // sync-audit §16: a `next` link that comes back again ends the read with a typed error at once,
    // not after the page cap.
    void repeatingNextLinkIsATypedError()
    {
        QString base;
        TinyHttp dpi([&](const ReceivedRequest &) -> Answer {
            return {200, searchset(base + QStringLiteral("/fhir/Patient?_page=2")), {}};
        });
        base = dpi.origin();
        NetworkTransport transport(m_manager, optionsFor(dpi));
        FhirClient client(transport);
        int pages = 0;
        const Status s =
            client.forEachPage(QStringLiteral("Patient?_count=1"), [&](const fhir::ParsedBundle &) {
                // Without loop detection the read would go on to the page cap: stop the test long before.
                if (++pages > 10)
                    return Status(makeError(CoreError::Unknown, QStringLiteral("the test gave up")));
                return Status();
            });
        QVERIFY(!s);
        QCOMPARE(s.error().domain, ErrorDomain::Sync);
        QCOMPARE(s.error().code, ErrorCode(SyncError::PagingLoop));
        QCOMPARE(dpi.received().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestOffOriginLinks)
#include "tst_offoriginlinks.moc"
