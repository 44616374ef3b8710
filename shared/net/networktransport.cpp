#include "networktransport.h"

#include "cancellation.h"
#include "core/gzip.h"
#include "core/logging.h"
#include "urlorigin.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>

#include <functional>

namespace chevet {

namespace {

Error cancelledError()
{
    return makeError(NetError::Cancelled,
                     QStringLiteral("the sync was stopped (device locked or put away); nothing was lost"),
                     true);
}

Error netError(NetError code, const QString &message, bool transient)
{
    return makeError(code, message, transient);
}

bool isLoopbackHost(const QString &host)
{
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// What decides whether a TLS connection is acceptable: the extra CAs and the pins.
QByteArray trustFingerprint(const NetworkOptions &options)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QSslCertificate &ca : options.extraCaCertificates)
        hash.addData(ca.toDer());
    hash.addData("|");
    for (const QByteArray &pin : options.pinnedSpkiSha256)
        hash.addData(pin);
    return hash.result();
}

// QNetworkAccessManager caches connections by scheme, host and port only: a later request reuses an
// open connection, and its TLS setup, whatever its own QSslConfiguration says, and without a new
// handshake (so without `encrypted`, where the pins are checked). A manager therefore only reuses
// connections between requests with the same trust settings; a change empties its cache.
void useTrustSettings(QNetworkAccessManager &manager, const QByteArray &fingerprint)
{
    static const char property[] = "chevetTlsTrust";
    if (manager.property(property).toByteArray() == fingerprint)
        return;
    if (manager.property(property).isValid())
        manager.clearConnectionCache();
    manager.setProperty(property, fingerprint);
}

} // namespace

NetworkTransport::NetworkTransport(QNetworkAccessManager &manager, NetworkOptions options)
    : m_manager(manager)
    , m_options(std::move(options))
{}

Status NetworkTransport::checkUrl(const QUrl &url, BuildMode mode)
{
    if (!url.isValid() || url.host().isEmpty())
        return netError(NetError::BadUrl, QStringLiteral("the DPI address is not a valid URL"), false);
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() == QLatin1String("http") && isLoopbackHost(url.host()) && mode == BuildMode::Development)
        return {};
    return netError(NetError::InsecureUrl,
                    QStringLiteral("the DPI must be reached over https (plain http only to this machine, for "
                                   "development)"),
                    false);
}

QString NetworkTransport::baseUrl() const
{
    return m_options.baseUrl.toString(QUrl::StripTrailingSlash);
}

Result<HttpResponse> NetworkTransport::exchange(const HttpRequest &request)
{
    // Request bodies go gzipped (a bundle of vitals shrinks about ten times) while the DPI reads them.
    // Servers that do not decode request bodies answer 415, or fail to parse them (400, some 500): such
    // a refusal of a compressed request is sent again plain, and when the plain one fares better the
    // coding was the problem, so the next requests go plain. A refused request changed nothing, so
    // sending it again is safe (and creates are conditional anyway).
    constexpr qsizetype kCompressFromBytes = 1024;
    const bool gzipBody = m_gzipRequests && request.body.size() >= kCompressFromBytes;
    Result<HttpResponse> answer = transfer(request, gzipBody);
    if (!gzipBody || !answer || (answer->status != 400 && answer->status != 415 && answer->status != 500))
        return answer;
    Result<HttpResponse> plain = transfer(request, false);
    if (answer->status == 415 || (plain && plain->status != answer->status))
        m_gzipRequests = false;
    return plain;
}

// One request on the wire: its reply, and what the checks on its way saw. Dropped unfinished, the
// request is aborted; its checks go with `guard`, the context of their connections.
struct NetworkTransport::InFlight
{
    QPointer<QNetworkReply> reply; // the manager owns it: gone if the manager went first

    QObject guard;
    bool pinMismatch = false;
    bool offOriginRedirect = false;

    ~InFlight()
    {
        if (!reply)
            return;
        if (!reply->isFinished())
            reply->abort();
        reply->deleteLater();
    }
};

namespace {

class NetworkPendingExchange final : public PendingExchange
{
public:
    using Await = std::function<Result<HttpResponse>(NetworkTransport::InFlight &)>;
    NetworkPendingExchange(std::unique_ptr<NetworkTransport::InFlight> flight, Await await)
        : m_flight(std::move(flight))
        , m_await(std::move(await))
    {}
    Result<HttpResponse> finish() override { return m_await(*m_flight); }

private:
    std::unique_ptr<NetworkTransport::InFlight> m_flight;
    Await m_await;
};

} // namespace

std::unique_ptr<PendingExchange> NetworkTransport::start(const HttpRequest &request)
{
    // A body may have to go again plain (see exchange()): only reads are sent ahead.
    if (!request.body.isEmpty())
        return Transport::start(request);
    Result<std::unique_ptr<InFlight>> flight = send(request, false);
    if (!flight)
        return failedExchange(flight.error());
    // The manager issues the request from this thread's event loop, which the caller does not run while
    // it works: one pass hands it to the manager's own thread, which sends it and reads the answer.
    QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    return std::make_unique<NetworkPendingExchange>(std::move(*flight),
                                                    [this](InFlight &f) { return await(f); });
}

Result<HttpResponse> NetworkTransport::transfer(const HttpRequest &request, bool gzipBody)
{
    Result<std::unique_ptr<InFlight>> flight = send(request, gzipBody);
    if (!flight)
        return flight.error();
    return await(**flight);
}

Result<std::unique_ptr<NetworkTransport::InFlight>> NetworkTransport::send(const HttpRequest &request,
                                                                           bool gzipBody)
{
    QUrl url(request.target);
    if (url.isRelative())
        url = QUrl(baseUrl() + QLatin1Char('/') + request.target);
    if (Status s = checkUrl(url); !s)
        return s.error();
    // The token is the DPI's: a request carrying it never goes to another origin (sync-audit §16). One
    // without it may: the identity provider's token endpoint can live elsewhere than its issuer.
    bool credentials = !m_options.bearerToken.isEmpty();
    for (const auto &[name, value] : request.headers)
        credentials = credentials || name.compare("authorization", Qt::CaseInsensitive) == 0;
    if (credentials && !sameOrigin(url, m_options.baseUrl))
        return netError(
            NetError::OffOrigin,
            QStringLiteral("refused to send a request off the DPI's address (scheme, host, port)"), false);

    QNetworkRequest req(url);
    req.setRawHeader("Accept", "application/fhir+json");
    if (!request.body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/fhir+json"));
    if (!m_options.bearerToken.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_options.bearerToken);
    for (const auto &[name, value] : request.headers)
        req.setRawHeader(name, value);
    const QByteArray body = gzipBody ? gzipEncode(request.body) : request.body;
    if (gzipBody)
        req.setRawHeader("Content-Encoding", "gzip");
    req.setTransferTimeout(request.timeoutMs);
    // Qt follows redirects by default, with every header we set, Authorization included, to any host:
    // each redirect is checked instead, and one off the DPI's origin is refused (sync-audit §16).
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setProtocol(QSsl::TlsV1_2OrLater);
        if (!m_options.extraCaCertificates.isEmpty())
            tls.addCaCertificates(m_options.extraCaCertificates);
        req.setSslConfiguration(tls);
        useTrustSettings(m_manager, trustFingerprint(m_options));
    }

    if (CancellationScope::cancelled())
        return cancelledError();
    auto flight = std::make_unique<InFlight>();
    InFlight *f = flight.get();
    f->reply = m_manager.sendCustomRequest(req, request.method, body);
    QNetworkReply *reply = f->reply;
    if (!m_options.pinnedSpkiSha256.isEmpty()) {
        QObject::connect(reply, &QNetworkReply::encrypted, &f->guard, [this, f, reply]() {
            const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
            const QByteArray spki =
                QCryptographicHash::hash(peer.publicKey().toDer(), QCryptographicHash::Sha256);
            if (!m_options.pinnedSpkiSha256.contains(spki)) {
                f->pinMismatch = true;
                reply->abort();
            }
        });
    }
    QObject::connect(reply, &QNetworkReply::redirected, &f->guard, [this, f, reply](const QUrl &to) {
        if (sameOrigin(reply->url().resolved(to), m_options.baseUrl)) {
            Q_EMIT reply->redirectAllowed();
        } else {
            f->offOriginRedirect = true;
            reply->abort();
        }
    });
    return flight;
}

Result<HttpResponse> NetworkTransport::await(InFlight &flight)
{
    QNetworkReply *reply = flight.reply;
    // A stop asked while the caller worked: an answer that arrived meanwhile is not used either.
    if (CancellationScope::cancelled() || !reply) {
        if (reply)
            reply->abort();
        return cancelledError();
    }
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // A stop asked from another thread (lock, suspend) aborts the request within a tick.
    bool cancelled = false;
    QTimer watch;
    watch.setInterval(50);
    QObject::connect(&watch, &QTimer::timeout, reply, [&, reply]() {
        if (CancellationScope::cancelled()) {
            cancelled = true;
            reply->abort();
        }
    });
    if (!reply->isFinished()) {
        watch.start();
        loop.exec();
        watch.stop();
    }

    if (cancelled)
        return cancelledError();
    if (flight.pinMismatch)
        return netError(
            NetError::PinMismatch,
            QStringLiteral("the DPI's certificate key does not match the pinned key; connection refused"),
            false);
    if (flight.offOriginRedirect) {
        qCWarning(lcNet) << "the DPI redirected a request to another address; not followed";
        return netError(NetError::OffOriginRedirect,
                        QStringLiteral("the DPI redirected to another address (scheme, host or port); not "
                                       "followed, so the access token stays with the DPI"),
                        false);
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        const QNetworkReply::NetworkError code = reply->error();
        const bool tlsFailure = code == QNetworkReply::SslHandshakeFailedError;
        qCInfo(lcNet) << "request failed:" << code;
        return netError(
            tlsFailure ? NetError::TlsFailed : NetError::Unreachable,
            tlsFailure ? QStringLiteral("the DPI's certificate is not trusted: %1").arg(reply->errorString())
                       : QStringLiteral("the DPI did not answer: %1").arg(reply->errorString()),
            !tlsFailure);
    }
    HttpResponse response;
    response.status = status.toInt();
    response.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        response.headers.append({name.toLower(), value});
    return response;
}

} // namespace chevet
