#include "httpbinding.h"

#include "logging.h"

#include <QFile>
#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <optional>

#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#endif

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

namespace chevet::dpi {

// Remembers the server's sockets by peer. QHttpServer hands the socket to request handlers only up to
// Qt 6.4; from 6.5 on, the request's remote address and port find it here, which is how a connection
// can still be dropped on purpose.
class ConnectionTracker : public QObject
{
public:
    using QObject::QObject;

    void track(QTcpSocket *socket)
    {
        const QString peer = key(socket->peerAddress(), socket->peerPort());
        m_sockets.insert(peer, socket);
        connect(socket, &QObject::destroyed, this, [this, peer, socket] {
            if (m_sockets.value(peer) == socket)
                m_sockets.remove(peer);
        });
    }

    QTcpSocket *socketFor(const QHostAddress &address, quint16 port) const
    {
        return m_sockets.value(key(address, port));
    }

private:
    static QString key(const QHostAddress &address, quint16 port)
    {
        return QStringLiteral("%1|%2").arg(address.toString()).arg(port);
    }

    QHash<QString, QTcpSocket *> m_sockets;
};

namespace {

// A QTcpServer that makes the sockets itself, to hand them to the tracker.
class TrackingTcpServer : public QTcpServer
{
public:
    TrackingTcpServer(ConnectionTracker *tracker, QObject *parent)
        : QTcpServer(parent)
        , m_tracker(tracker)
    {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        m_tracker->track(socket);
        addPendingConnection(socket);
    }

private:
    ConnectionTracker *m_tracker;
};

#if QT_CONFIG(ssl)
std::optional<QSslConfiguration> loadTls(const TlsFiles &files, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!QSslSocket::supportsSsl())
        return fail(QStringLiteral("this Qt has no working TLS backend"));
    QFile certFile(files.certificate);
    if (!certFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(files.certificate, certFile.errorString()));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return fail(QStringLiteral("%1 holds no PEM certificate").arg(files.certificate));
    QFile keyFile(files.key);
    if (!keyFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(files.key, keyFile.errorString()));
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return fail(
            QStringLiteral("%1 holds no unencrypted PEM private key (RSA, EC or DSA)").arg(files.key));

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for a certificate
    return tls;
}
#endif

} // namespace

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "UNKNOWN";
    }
}

HttpRequest copyRequest(const QHttpServerRequest &request)
{
    HttpRequest out;
    out.method = methodName(request.method());
    const QUrl url = request.url();
    out.path = url.path(QUrl::FullyDecoded);
    out.query = url.query(QUrl::FullyEncoded).toUtf8();
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    for (const auto &[name, value] : request.headers().toListOfPairs())
        out.headers.append({name.toLower(), value});
#else
    for (const auto &[name, value] : request.headers())
        out.headers.append({name.toLower(), value});
#endif
    out.body = request.body();
    return out;
}

void writeResponse(QHttpServerResponder &responder, const HttpResponse &response)
{
    const auto status = static_cast<QHttpServerResponder::StatusCode>(response.status);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // Content-Length is set by Qt.
    responder.write(response.body, QHttpHeaders::fromListOfPairs(response.headers), status);
#else
    // Up to 6.7 the one-call write() takes an initializer_list of headers; a dynamic set is written
    // piece by piece.
    responder.writeStatusLine(status);
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    if (response.status != 204 && response.status != 304)
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body); // also ends the header block when the body is empty
#endif
}

class QtExchange final : public HttpExchange
{
public:
    QtExchange(QHttpServerResponder &&responder, QTcpSocket *socket)
        : m_responder(std::move(responder))
        , m_socket(socket)
    {}

    void respond(const HttpResponse &response) override
    {
        // The client may have hung up while the answer was delayed; Qt then deletes the socket.
        if (m_done || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        m_done = true;
        writeResponse(m_responder, response);
    }

    void dropConnection() override
    {
        if (m_done)
            return;
        m_done = true;
        if (!m_socket) {
            qCWarning(lcDpi) << "cannot drop a connection whose socket is unknown; answering nothing";
            return;
        }
        m_socket->abort();
    }

private:
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    bool m_done = false;
};

} // namespace

HttpBinding::HttpBinding(RequestHandler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{}

HttpBinding::~HttpBinding() = default;

bool HttpBinding::listen(const QHostAddress &address, quint16 port, QString *error, const TlsFiles &tls)
{
    auto *tracker = new ConnectionTracker(this);
    QTcpServer *server = nullptr;
    if (tls.enabled()) {
#if QT_CONFIG(ssl)
        const std::optional<QSslConfiguration> configuration = loadTls(tls, error);
        if (!configuration) {
            delete tracker;
            return false;
        }
        auto *sslServer = new QSslServer(this);
        sslServer->setSslConfiguration(*configuration);
        // The socket exists (and knows its peer) once the handshake starts; QSslServer hands it to
        // QHttpServer only after the handshake succeeded.
        connect(sslServer, &QSslServer::startedEncryptionHandshake, tracker,
                [tracker](QSslSocket *socket) { tracker->track(socket); });
        connect(sslServer, &QSslServer::errorOccurred, this,
                [](QSslSocket *, QAbstractSocket::SocketError code) {
                    qCDebug(lcDpi) << "TLS connection failed:" << code;
                });
        server = sslServer;
#else
        if (error)
            *error = QStringLiteral("this build has no TLS support");
        delete tracker;
        return false;
#endif
    } else {
        server = new TrackingTcpServer(tracker, this);
    }
    if (!server->listen(address, port)) {
        if (error)
            *error = server->errorString();
        delete server;
        delete tracker;
        return false;
    }
    // Qt 6.4-6.7 return void, 6.8 a bool that is true for a listening server.
    (void)bind(server);
    m_tcpServer = server;
    m_tracker = tracker;
    m_https = tls.enabled();
    return true;
}

quint16 HttpBinding::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)

bool HttpBinding::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_handler(copyRequest(request), std::make_shared<QtExchange>(makeResponder(request, socket), socket));
    return true;
}

void HttpBinding::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Never called: handleRequest takes every request.
}

#else

bool HttpBinding::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    QTcpSocket *socket =
        m_tracker ? m_tracker->socketFor(request.remoteAddress(), request.remotePort()) : nullptr;
    m_handler(copyRequest(request), std::make_shared<QtExchange>(std::move(responder), socket));
    return true;
}

#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
void HttpBinding::missingHandler(const QHttpServerRequest &, QHttpServerResponder &&)
#else
void HttpBinding::missingHandler(const QHttpServerRequest &, QHttpServerResponder &)
#endif
{
    // Never called: handleRequest takes every request.
}

#endif

} // namespace chevet::dpi
