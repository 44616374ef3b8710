#pragma once

#include <QObject>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

class QTcpSocket;

namespace chevet {

// Receives the authorization response on a loopback port (RFC 8252 §7.3): the identity provider
// redirects the browser to http://127.0.0.1:PORT/callback?code=…&state=…, this answers with a short
// page and reports the query once. Listens on 127.0.0.1 only, so nothing off the device reaches it.
class LoopbackRedirectReceiver : public QObject
{
    Q_OBJECT

public:
    explicit LoopbackRedirectReceiver(QObject *parent = nullptr);

    // The state of the sign-in under way: only the answer carrying it is reported. Others (any program
    // on the device can connect to the port) get a 400 and change nothing (security review F14).
    void setExpectedState(const QByteArray &state) { m_expectedState = state; }
    bool listen();
    void close();
    QUrl redirectUri() const; // valid once listening

Q_SIGNALS:
    void received(const QUrlQuery &query);

private:
    void accept();
    void read(QTcpSocket *socket);

    QTcpServer m_server;
    bool m_done = false;
    QByteArray m_expectedState;
};

} // namespace chevet
