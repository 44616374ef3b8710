#include "fhirclient.h"

#include "core/logging.h"
#include "net/http.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>

namespace chevet {

namespace {

qint64 parseHttpDate(const QByteArray &value)
{
    if (value.isEmpty())
        return 0;
    // RFC 7231 IMF-fixdate, e.g. "Sun, 22 Nov 2026 10:00:00 GMT".
    const QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(value).remove(QStringLiteral(" GMT")),
                                                 QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (!at.isValid())
        return 0;
    QDateTime utc = at;
    utc.setTimeSpec(Qt::UTC);
    return utc.toMSecsSinceEpoch();
}

} // namespace

FhirClient::FhirClient(Transport &transport)
    : m_transport(transport)
{}

Result<FhirReply> FhirClient::exchange(const QByteArray &method, const QString &target,
                                       const QByteArray &body)
{
    HttpRequest request;
    request.method = method;
    request.target = target;
    request.body = body;
    Result<HttpResponse> response = m_transport.exchange(request);
    if (!response)
        return response.error();

    FhirReply reply;
    reply.status = response->status;
    reply.etag = QString::fromLatin1(response->header("etag"));
    reply.location = QString::fromUtf8(response->header("location"));
    reply.serverDateMs = parseHttpDate(response->header("date"));
    if (reply.serverDateMs > 0)
        m_lastServerDateMs = reply.serverDateMs;
    if (!response->body.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(response->body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            // A proxy's HTML error page or a truncated body: say so, retry later if it was a 5xx.
            return makeError(
                ErrorDomain::Fhir, QStringLiteral("not-json"),
                QStringLiteral("the DPI answered %1 with a body that is not FHIR JSON").arg(reply.status),
                reply.status >= 500);
        }
        reply.body = doc.object();
    }
    if (reply.status >= 500 || reply.status == 429 || reply.status == 408) {
        qCInfo(lcNet) << "DPI answered" << reply.status;
        return makeError(
            ErrorDomain::Net, QStringLiteral("server-unavailable"),
            QStringLiteral("the DPI answered %1: %2").arg(reply.status).arg(fhir::outcomeText(reply.body)),
            true);
    }
    if (reply.status == 401 || reply.status == 403)
        return makeError(
            ErrorDomain::Net, QStringLiteral("unauthorized"),
            QStringLiteral("the DPI refused our credentials (%1); sign in again").arg(reply.status));
    return reply;
}

Result<FhirReply> FhirClient::get(const QString &target)
{
    return exchange(QByteArrayLiteral("GET"), target, {});
}

Result<FhirReply> FhirClient::postBundle(const QJsonObject &bundle)
{
    return exchange(QByteArrayLiteral("POST"), QString(),
                    QJsonDocument(bundle).toJson(QJsonDocument::Compact));
}

Result<fhir::ServerCapabilities> FhirClient::capabilities()
{
    Result<FhirReply> reply = get(QStringLiteral("metadata"));
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return makeError(
            ErrorDomain::Sync, QStringLiteral("no-capabilities"),
            QStringLiteral("the DPI did not return its CapabilityStatement (%1)").arg(reply->status));
    return fhir::parseCapabilityStatement(reply->body);
}

Status FhirClient::forEachPage(const QString &firstTarget,
                               const std::function<Status(const fhir::ParsedBundle &)> &page)
{
    QString target = firstTarget;
    int pages = 0;
    while (!target.isEmpty()) {
        Result<FhirReply> reply = get(target);
        if (!reply)
            return reply.error();
        if (reply->status != 200)
            return makeError(ErrorDomain::Sync, QStringLiteral("search-failed"),
                             QStringLiteral("the DPI refused a search (%1): %2")
                                 .arg(reply->status)
                                 .arg(fhir::outcomeText(reply->body)));
        Result<fhir::ParsedBundle> bundle = fhir::parseBundle(reply->body);
        if (!bundle)
            return bundle.error();
        if (Status s = page(*bundle); !s)
            return s;
        // A server whose next link never ends would loop forever: cap it far above any ward's needs.
        if (++pages > 100000)
            return makeError(ErrorDomain::Sync, QStringLiteral("paging-loop"),
                             QStringLiteral("the DPI's paging does not end"));
        target = bundle->next;
    }
    return {};
}

} // namespace chevet
