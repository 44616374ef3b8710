#include "httpfrontend.h"

#include "devidp.h"
#include "faults.h"
#include "fhirjson.h"
#include "fhirrouter.h"
#include "fhirtime.h"
#include "logging.h"
#include "outcome.h"

#include "core/gzip.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTimer>

namespace chevet::dpi {

namespace {

HttpResponse outcomeResponse(int status, Issue issue, const QString &diagnostics)
{
    HttpResponse response;
    response.status = status;
    response.body = toFhirJson(operationOutcome(Severity::Error, issue, diagnostics));
    response.setHeader("Content-Type", "application/fhir+json; charset=utf-8");
    return response;
}

// Compares without an early exit, so response times do not reveal how much of a token was right.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= char(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace

HttpFrontend::HttpFrontend(FhirRouter &router, FaultInjector &faults, FrontendOptions options,
                           QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_faults(faults)
    , m_options(std::move(options))
{}

QString HttpFrontend::baseFor(const HttpRequest &request) const
{
    return m_options.advertisedBase.isEmpty() ? reachedBase(request) : m_options.advertisedBase;
}

QString HttpFrontend::reachedBase(const HttpRequest &request) const
{
    // Links and Locations use the host the client used (localhost vs 127.0.0.1), when it looks sane.
    static const QRegularExpression hostPattern(
        QStringLiteral(R"(^([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$)"));
    const QString host = QString::fromLatin1(request.header("host"));
    if (hostPattern.match(host).hasMatch())
        return QStringLiteral("http://%1/fhir").arg(host);
    return m_options.defaultBase;
}

QString HttpFrontend::issuerFor(const HttpRequest &request) const
{
    // The issuer is the origin the client used (scheme from how we listen), so discovery and the
    // tokens name the URL the client configured.
    const QString base = reachedBase(request);
    const bool https = m_options.defaultBase.startsWith(QLatin1String("https:"));
    QString origin = base.left(base.size() - int(qstrlen("/fhir")));
    if (https && origin.startsWith(QLatin1String("http:")))
        origin.replace(0, 4, QStringLiteral("https"));
    return origin;
}

bool HttpFrontend::needsToken(const HttpRequest &request) const
{
    // The CapabilityStatement stays public, as on real servers: clients read it before they log in.
    return (!m_options.token.isEmpty() || m_options.requireAuth) &&
           request.path != QLatin1String("/fhir/metadata");
}

bool HttpFrontend::authorized(const HttpRequest &request) const
{
    const QByteArray authorization = request.header("authorization");
    if (!m_options.token.isEmpty() &&
        sameSecret(authorization, QByteArrayLiteral("Bearer ") + m_options.token.toUtf8()))
        return true;
    return m_options.requireAuth && m_options.idp && m_options.idp->acceptsAccessToken(authorization);
}

HttpResponse HttpFrontend::unauthorized(const HttpRequest &request) const
{
    const QByteArray authorization = request.header("authorization");
    const bool sent = !authorization.isEmpty();
    HttpResponse response =
        outcomeResponse(401, Issue::Login,
                        sent ? QStringLiteral("the bearer token is not valid")
                             : QStringLiteral("this server needs an Authorization: Bearer <token> header"));
    response.setHeader("WWW-Authenticate",
                       sent ? QByteArrayLiteral("Bearer realm=\"chevet-dpi\", error=\"invalid_token\"")
                            : QByteArrayLiteral("Bearer realm=\"chevet-dpi\""));
    return response;
}

// A request body sent compressed (Content-Encoding: gzip) is read (unless --plain-requests-only); any
// other coding is refused with 415, which tells a client to send it plain.
static std::optional<HttpResponse> decodeBody(HttpRequest &request, bool plainOnly)
{
    constexpr qsizetype kMaxInflatedBytes = 64LL * 1024 * 1024;
    const QByteArray coding = request.header("content-encoding").trimmed().toLower();
    if (coding.isEmpty() || coding == "identity")
        return std::nullopt;
    if (coding != "gzip" || plainOnly)
        return outcomeResponse(
            415, Issue::NotSupported,
            QStringLiteral("request bodies may be sent plain or with Content-Encoding: gzip"));
    const std::optional<QByteArray> body = gzipDecode(request.body, kMaxInflatedBytes);
    if (!body)
        return outcomeResponse(
            400, Issue::Structure,
            QStringLiteral("the body is not a complete gzip stream (or inflates past 64 MB)"));
    request.body = *body;
    return std::nullopt;
}

void HttpFrontend::handle(const HttpRequest &received, std::shared_ptr<HttpExchange> exchange)
{
    QElapsedTimer elapsed;
    elapsed.start();
    HttpRequest request = received;
    const std::optional<HttpResponse> undecodable = decodeBody(request, m_options.plainRequestsOnly);
    const bool exempt =
        request.header("x-chevet-no-fault") == "1" || (m_options.idp && DevIdp::handles(request.path));
    const FaultPlan plan = exempt ? FaultPlan{} : m_faults.next(request);

    HttpResponse response;
    if (const auto faulty = plan.answer()) {
        response = *faulty;
    } else if (undecodable) {
        response = *undecodable;
    } else if (m_options.idp && DevIdp::handles(request.path)) {
        response = m_options.idp->handle(request, issuerFor(request));
    } else if (needsToken(request) && !authorized(request)) {
        response = unauthorized(request);
    } else {
        response = m_router.handle(request, baseFor(request));
    }
    // Compressed when the client asks, as real servers and gateways do (at their default, fastest level:
    // nginx's gzip_comp_level 1): JSON pages still shrink more than ten times.
    constexpr qsizetype kCompressFromBytes = 1024;
    if (response.body.size() >= kCompressFromBytes && !response.hasHeader("Content-Encoding") &&
        acceptsGzip(request.header("accept-encoding"))) {
        const QByteArray packed = gzipEncode(response.body, GzipEffort::Fastest);
        if (!packed.isEmpty()) {
            response.body = packed;
            response.setHeader("Content-Encoding", "gzip");
        }
    }
    response.setHeader("Vary", "Accept-Encoding");
    // Clients measure their clock skew against this header.
    response.setHeader("Date", fhirtime::httpDate(QDateTime::currentMSecsSinceEpoch() +
                                                  qint64(m_options.clockOffsetSecs) * 1000));

    const QByteArray method = request.method;
    const QString path = request.path; // never the query: its values may identify a patient
    const auto finish = [exchange, response, plan, method, path, elapsed] {
        const QString note = plan.note();
        if (plan.drop)
            exchange->dropConnection();
        else
            exchange->respond(response);
        qCInfo(lcDpiRequest).noquote() << QStringLiteral("%1 %2 %3 %4 ms%5")
                                              .arg(QString::fromLatin1(method), path)
                                              .arg(response.status)
                                              .arg(elapsed.elapsed())
                                              .arg(note);
    };
    if (plan.latencyMs > 0)
        QTimer::singleShot(plan.latencyMs, this, finish); // never sleep: other requests keep flowing
    else
        finish();
}

} // namespace chevet::dpi
