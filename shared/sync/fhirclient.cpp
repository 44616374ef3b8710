#include "fhirclient.h"

#include "batchreads.h"
#include "core/logging.h"
#include "net/http.h"
#include "net/urlorigin.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QUrl>

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
                                       const QByteArray &body,
                                       const QList<QPair<QByteArray, QByteArray>> &headers)
{
    HttpRequest request;
    request.method = method;
    request.target = target;
    request.body = body;
    request.headers = headers;
    return interpret(m_transport.exchange(request));
}

Result<FhirReply> FhirClient::interpret(Result<HttpResponse> response)
{
    m_lastStatus = 0;
    m_lastRetryAfterMs = 0;
    if (!response)
        return response.error();

    FhirReply reply;
    reply.status = response->status;
    m_lastStatus = reply.status;
    reply.etag = QString::fromLatin1(response->header("etag"));
    reply.location = QString::fromUtf8(response->header("location"));
    reply.serverDateMs = parseHttpDate(response->header("date"));
    if (reply.serverDateMs > 0) {
        m_lastServerDateMs = reply.serverDateMs;
        if (m_firstServerDateMs == 0) {
            m_firstServerDateMs = reply.serverDateMs;
            if (m_firstDate)
                m_firstDate(reply.serverDateMs);
        }
    }
    // Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); the date is read against the
    // server's own Date when it gave one, so a wrong tablet clock does not stretch or cut the wait.
    const QByteArray retryAfter = response->header("retry-after").trimmed();
    bool ok = false;
    qint64 retryAfterSecs = retryAfter.toLongLong(&ok);
    if (!ok && !retryAfter.isEmpty()) {
        const qint64 at = parseHttpDate(retryAfter);
        const qint64 now = reply.serverDateMs > 0 ? reply.serverDateMs : QDateTime::currentMSecsSinceEpoch();
        ok = at > 0;
        retryAfterSecs = (at - now + 999) / 1000;
    }
    if (ok && retryAfterSecs > 0)
        m_lastRetryAfterMs = std::min<qint64>(retryAfterSecs, 3600) * 1000;
    bool fhirBody = true;
    if (!response->body.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(response->body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            fhirBody = false; // a proxy's HTML error page or a truncated body
        else
            reply.body = doc.object();
    }
    // Judged by the status first, whatever the body: a proxy's HTML 413 is still "too large", a gateway's
    // HTML 502 is still "try later" (sync-audit §7, §8).
    if (reply.status >= 500 || reply.status == 429 || reply.status == 408 || reply.status == 409 ||
        reply.status == 423) {
        qCInfo(lcNet) << "DPI answered" << reply.status;
        return makeError(NetError::ServerUnavailable,
                         QStringLiteral("the DPI answered %1: %2")
                             .arg(reply.status)
                             .arg(fhirBody ? fhir::outcomeText(reply.body) : QStringLiteral("(not FHIR)")),
                         true);
    }
    if (reply.status == 401)
        return makeError(NetError::Unauthorized,
                         QStringLiteral("the DPI refused our credentials (401); sign in again"));
    if (reply.status == 413)
        return reply; // too large: the caller sends less
    if (!fhirBody)
        return makeError(
            FhirReadError::NotJson,
            QStringLiteral("the DPI answered %1 with a body that is not FHIR JSON").arg(reply.status));
    return reply;
}

Result<FhirReply> FhirClient::exchange(const QByteArray &method, const QString &target,
                                       const QByteArray &body)
{
    return exchange(method, target, body, {});
}

Result<FhirReply> FhirClient::get(const QString &target)
{
    if (auto kept = m_prefetched.find(target); kept != m_prefetched.end()) {
        FhirReply reply = *kept;
        m_prefetched.erase(kept);
        return reply;
    }
    return exchange(QByteArrayLiteral("GET"), target, {});
}

namespace {

// A search whose query names a patient by an identifier (IPP, INS) or a record by its client id: the
// query goes in a POST body, out of the URLs that the DPI's and proxies' access logs keep (security
// review F18).
bool namesAnIdentifier(const QString &target)
{
    const qsizetype query = target.indexOf(QLatin1Char('?'));
    return query > 0 && !target.left(query).contains(QLatin1Char('/')) &&
           (target.mid(query).contains(QLatin1String("?identifier=")) ||
            target.mid(query).contains(QLatin1String("&identifier=")));
}

} // namespace

Result<FhirReply> FhirClient::search(const QString &target)
{
    if (!m_postSearch || m_prefetched.contains(target) || !namesAnIdentifier(target))
        return get(target);
    const qsizetype query = target.indexOf(QLatin1Char('?'));
    Result<FhirReply> reply = exchange(
        QByteArrayLiteral("POST"), target.left(query) + QStringLiteral("/_search"),
        target.mid(query + 1).toUtf8(),
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")}});
    if (!reply)
        return reply;
    // A DPI without POST _search: asked as a plain GET, now and for the rest of the run.
    if (reply->status == 404 || reply->status == 405 || reply->status == 415 || reply->status == 501) {
        qCInfo(lcSync) << "the DPI does not take POST _search (" << reply->status << "): searches by GET";
        m_postSearch = false;
        return get(target);
    }
    return reply;
}

Status FhirClient::prefetch(const QStringList &targets)
{
    QStringList wanted;
    for (const QString &target : targets) {
        if (!m_prefetched.contains(target) && !wanted.contains(target))
            wanted.append(target);
    }
    if (wanted.size() < 2)
        return {};
    for (qsizetype from = 0; from < wanted.size() && m_batchReads; from += batchreads::kMaxReadsPerBatch) {
        if (Status s = prefetchBatch(wanted.mid(from, batchreads::kMaxReadsPerBatch)); !s)
            return s;
    }
    return {};
}

Status FhirClient::prefetchBatch(const QStringList &wanted)
{
    if (wanted.size() < 2)
        return {};
    const auto oneByOne = [this](const QString &why) {
        // Whatever went wrong with the batch, the reads alone may go through: they are asked one by one
        // for the rest of the run, and the run tells the engine (batchReadsFailed) so the next ones do too.
        qCInfo(lcNet) << "a batch of reads failed (" << why << "); reading one by one";
        m_batchReads = false;
        m_batchReadsFailed = true;
        return Status();
    };
    Result<FhirReply> reply =
        exchange(QByteArrayLiteral("POST"), QString(),
                 QJsonDocument(batchreads::bundleOf(wanted)).toJson(QJsonDocument::Compact));
    if (!reply) {
        if (reply.error().code == NetError::Unauthorized)
            return reply.error(); // the reads one by one would be refused the same way
        return oneByOne(reply.error().code.name());
    }
    const QJsonArray answers = reply->body.value(QLatin1String("entry")).toArray();
    if (reply->status != 200 ||
        reply->body.value(QLatin1String("type")).toString() != QLatin1String("batch-response") ||
        answers.size() != wanted.size())
        return oneByOne(QStringLiteral("answered %1 in another shape").arg(reply->status));
    QHash<QString, FhirReply> kept;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const QJsonObject answer = answers.at(i).toObject();
        const QString status =
            answer.value(QLatin1String("response")).toObject().value(QLatin1String("status")).toString();
        const QJsonObject resource = answer.value(QLatin1String("resource")).toObject();
        if (status.section(QLatin1Char(' '), 0, 0).toInt() != 200 || resource.isEmpty())
            continue; // asked alone, to fail or pass with its own status
        switch (batchreads::judge(wanted.at(i), resource)) {
        case batchreads::Fit::Whole: {
            FhirReply read;
            read.status = 200;
            read.body = resource;
            read.serverDateMs = reply->serverDateMs;
            kept.insert(wanted.at(i), read);
            break;
        }
        case batchreads::Fit::Partial:
            break; // asked alone
        case batchreads::Fit::Foreign:
            // Answers out of order, or not pages: none of this batch can be paired with its read.
            return oneByOne(QStringLiteral("an answer does not match its read"));
        }
    }
    m_prefetched.insert(kept);
    m_batchReadsAnswered = true;
    return {};
}

Result<FhirReply> FhirClient::postBundle(const QJsonObject &bundle)
{
    // Each entry's status, location and version are what the engine needs of most answers: a create
    // answered with the whole resource costs the link as much as the push itself (issue "weak links").
    // What needs the resource reads it: a conditional create that matched (201 vs 200) is read to check
    // the person and the content (sync-audit §1, §9, §13), and an update reads the version it is based
    // on when no copy was kept (Pusher::prepareUpdate). Servers that answer with the resource anyway
    // are used as they answer.
    return exchange(QByteArrayLiteral("POST"), QString(),
                    QJsonDocument(bundle).toJson(QJsonDocument::Compact),
                    {{QByteArrayLiteral("Prefer"), QByteArrayLiteral("return=minimal")}});
}

Result<QJsonObject> FhirClient::capabilityStatement()
{
    Result<FhirReply> reply = get(QStringLiteral("metadata"));
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return makeError(
            SyncError::NoCapabilities,
            QStringLiteral("the DPI did not return its CapabilityStatement (%1)").arg(reply->status));
    return reply->body;
}

Result<fhir::ServerCapabilities> FhirClient::capabilities()
{
    Result<QJsonObject> statement = capabilityStatement();
    if (!statement)
        return statement.error();
    return fhir::parseCapabilityStatement(*statement);
}

Status FhirClient::forEachPage(const QString &firstTarget,
                               const std::function<Status(const fhir::ParsedBundle &)> &page)
{
    // Paging links stay on the DPI's origin (sync-audit §16): one elsewhere (HAPI behind a proxy
    // advertises its internal address) is moved onto the base, so it goes where the token may go. A link
    // already followed means the paging goes round in circles.
    const QUrl base(m_transport.baseUrl());
    const auto absolute = [&base](const QString &target) {
        return QUrl(target).isRelative() ? base.toString() + QLatin1Char('/') + target : target;
    };
    QSet<QString> followed;
    QString target = firstTarget;
    // The next page, asked before this one is stored: the DPI prepares it meanwhile.
    std::unique_ptr<PendingExchange> ahead;
    int pages = 0;
    while (!target.isEmpty()) {
        if (followed.contains(absolute(target)))
            return makeError(SyncError::PagingLoop,
                             QStringLiteral("the DPI's next link leads back to a page already read"));
        followed.insert(absolute(target));
        // The first page is the query; the next ones follow the DPI's own links.
        Result<FhirReply> reply = ahead        ? interpret(ahead->finish())
                                  : pages == 0 ? search(target)
                                               : get(target);
        ahead.reset();
        if (!reply)
            return reply.error();
        if (reply->status != 200)
            return makeError(SyncError::SearchFailed, QStringLiteral("the DPI refused a search (%1): %2")
                                                          .arg(reply->status)
                                                          .arg(fhir::outcomeText(reply->body)));
        Result<fhir::ParsedBundle> bundle = fhir::parseBundle(reply->body);
        if (!bundle)
            return bundle.error();
        // A server whose next link never ends would loop forever: cap it far above any ward's needs.
        if (++pages > 100000)
            return makeError(SyncError::PagingLoop, QStringLiteral("the DPI's paging does not end"));
        target = bundle->next.isEmpty() ? QString() : targetOnOrigin(base, bundle->next);
        if (!target.isEmpty() && !followed.contains(absolute(target)) && !m_prefetched.contains(target)) {
            HttpRequest next;
            next.target = target;
            ahead = m_transport.start(next);
        }
        if (Status s = page(*bundle); !s)
            return s;
    }
    return {};
}

} // namespace chevet
