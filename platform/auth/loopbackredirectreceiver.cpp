#include "loopbackredirectreceiver.h"

#include "core/logging.h"

#include <QTcpSocket>

namespace chevet {

namespace {

constexpr qsizetype kMaxRequestBytes = 16 * 1024;

QByteArray httpAnswer(int status, const QByteArray &reason, const QString &text)
{
    const QByteArray body =
        QStringLiteral("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Chevet</title>"
                       "</head><body><p>%1</p></body></html>")
            .arg(text.toHtmlEscaped())
            .toUtf8();
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
           "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

LoopbackRedirectReceiver::LoopbackRedirectReceiver(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackRedirectReceiver::accept);
}

bool LoopbackRedirectReceiver::listen()
{
    m_done = false;
    return m_server.isListening() || m_server.listen(QHostAddress::LocalHost, 0);
}

void LoopbackRedirectReceiver::close()
{
    m_server.close();
}

QUrl LoopbackRedirectReceiver::redirectUri() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/callback").arg(m_server.serverPort()));
}

void LoopbackRedirectReceiver::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { read(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void LoopbackRedirectReceiver::read(QTcpSocket *socket)
{
    QByteArray buffered = socket->property("chevetRequest").toByteArray() + socket->readAll();
    if (buffered.size() > kMaxRequestBytes) {
        socket->abort();
        return;
    }
    if (!buffered.contains("\r\n\r\n")) {
        socket->setProperty("chevetRequest", buffered);
        return;
    }
    // "GET /callback?code=…&state=… HTTP/1.1": only the request line matters.
    const QList<QByteArray> requestLine = buffered.left(buffered.indexOf("\r\n")).split(' ');
    const QUrl target =
        requestLine.size() == 3 ? QUrl::fromEncoded("http://127.0.0.1" + requestLine[1]) : QUrl();
    if (requestLine.value(0) != "GET" || target.path() != QLatin1String("/callback")) {
        socket->write(httpAnswer(404, "Not Found", QStringLiteral("Rien ici.")));
        socket->disconnectFromHost();
        return;
    }
    const QUrlQuery query(target);
    if (query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded).toUtf8() != m_expectedState ||
        m_expectedState.isEmpty()) {
        qCInfo(lcPlatform) << "a redirect without this sign-in's state was ignored";
        socket->write(httpAnswer(400, "Bad Request", QStringLiteral("Cette réponse n'est pas attendue.")));
        socket->disconnectFromHost();
        return;
    }
    const bool first = !m_done;
    m_done = true;
    const bool error = query.hasQueryItem(QStringLiteral("error"));
    socket->write(httpAnswer(200, "OK",
                             error ? QStringLiteral("La connexion a échoué. Revenez à Chevet.")
                                   : QStringLiteral("Connexion reçue. Vous pouvez fermer cette fenêtre et "
                                                    "revenir à Chevet.")));
    socket->disconnectFromHost();
    if (first) {
        qCInfo(lcPlatform) << "sign-in redirect received";
        Q_EMIT received(query);
    }
}

} // namespace chevet
