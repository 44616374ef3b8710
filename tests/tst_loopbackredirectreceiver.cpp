// The loopback receiver of the sign-in's redirect (RFC 8252 §7.3). Security review F14: the first
// GET /callback won, so any program on the device could send one with a made-up state and abort the
// nurse's sign-in. Only the answer carrying this sign-in's state is taken now; others get a 400 and the
// receiver keeps waiting.
#include "auth/loopbackredirectreceiver.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace chevet;

namespace {

// One HTTP GET on the receiver's port; the status line of its answer.
QByteArray get(quint16 port, const QByteArray &target)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray answer;
    QElapsedTimer waited;
    waited.start();
    while (!answer.contains("\r\n") && waited.elapsed() < 5000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (socket.bytesAvailable() || socket.waitForReadyRead(20))
            answer += socket.readAll();
    }
    return answer.left(answer.indexOf("\r\n"));
}

} // namespace

class TestLoopbackRedirectReceiver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anAnswerWithAnotherStateIsIgnored()
    {
        LoopbackRedirectReceiver receiver;
        receiver.setExpectedState(QByteArrayLiteral("s-this-sign-in"));
        QVERIFY(receiver.listen());
        const quint16 port = quint16(receiver.redirectUri().port());
        QSignalSpy received(&receiver, &LoopbackRedirectReceiver::received);

        QCOMPARE(get(port, "/callback?code=forged&state=someone-else"),
                 QByteArrayLiteral("HTTP/1.1 400 Bad Request"));
        QCOMPARE(get(port, "/callback?error=access_denied"), QByteArrayLiteral("HTTP/1.1 400 Bad Request"));
        QCoreApplication::processEvents();
        QCOMPARE(received.count(), 0);

        QCOMPARE(get(port, "/callback?code=real&state=s-this-sign-in"), QByteArrayLiteral("HTTP/1.1 200 OK"));
        QTRY_COMPARE(received.count(), 1);
        QCOMPARE(received.at(0).at(0).value<QUrlQuery>().queryItemValue(QStringLiteral("code")),
                 QStringLiteral("real"));

        // Reported once: a second answer with the right state changes nothing.
        QCOMPARE(get(port, "/callback?code=again&state=s-this-sign-in"),
                 QByteArrayLiteral("HTTP/1.1 200 OK"));
        QCoreApplication::processEvents();
        QCOMPARE(received.count(), 1);
    }

    void otherPathsAreNotFound()
    {
        LoopbackRedirectReceiver receiver;
        receiver.setExpectedState(QByteArrayLiteral("s"));
        QVERIFY(receiver.listen());
        QCOMPARE(get(quint16(receiver.redirectUri().port()), "/favicon.ico"),
                 QByteArrayLiteral("HTTP/1.1 404 Not Found"));
    }
};

QTEST_GUILESS_MAIN(TestLoopbackRedirectReceiver)
#include "tst_loopbackredirectreceiver.moc"
