#pragma once

#include "httptypes.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QString>
#include <QtGlobal>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;
class QHttpServerRequest;
class QHttpServerResponder;

namespace chevet::dpi {

class ConnectionTracker;

// One request's way back to its client. It outlives the handler, so an answer can be sent later
// (simulated latency) or never (a dropped connection).
class HttpExchange
{
public:
    virtual ~HttpExchange() = default;
    virtual void respond(const HttpResponse &response) = 0;
    // Closes the connection without a word: the "lost response" a client must survive.
    virtual void dropConnection() = 0;
};

// PEM files for HTTPS: the server certificate (optionally followed by its chain) and its private key.
// Empty: plain HTTP.
struct TlsFiles
{
    QString certificate;
    QString key;
    bool enabled() const { return !certificate.isEmpty() || !key.isEmpty(); }
};

using RequestHandler =
    std::function<void(const HttpRequest &request, std::shared_ptr<HttpExchange> exchange)>;

// The only code that touches QHttpServer. Its API changed in 6.5 and again in 6.8, so every
// version-specific call lives in httpbinding.cpp; the rest of the server sees HttpRequest,
// HttpResponse and HttpExchange. It owns its QTcpServer, or QSslServer for HTTPS (TLS 1.2 or later),
// listens on it, then binds it, and remembers the sockets.
class HttpBinding : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit HttpBinding(RequestHandler handler, QObject *parent = nullptr);
    ~HttpBinding() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error, const TlsFiles &tls = {});
    quint16 port() const;
    bool isHttps() const { return m_https; }

protected:
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
#elif QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &&responder) override;
#else
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
#endif

private:
    RequestHandler m_handler;
    QTcpServer *m_tcpServer = nullptr;
    ConnectionTracker *m_tracker = nullptr;
    bool m_https = false;
};

} // namespace chevet::dpi
