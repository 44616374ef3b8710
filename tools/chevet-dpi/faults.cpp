#include "faults.h"

#include "fhirjson.h"
#include "outcome.h"

namespace chevet::dpi {

namespace {

QRandomGenerator seeded(quint64 seed)
{
    const quint32 words[2] = {quint32(seed), quint32(seed >> 32)};
    return QRandomGenerator(words, 2);
}

HttpResponse outcomeAnswer(int status, Issue issue, const QString &diagnostics)
{
    HttpResponse response;
    response.status = status;
    response.body = toFhirJson(operationOutcome(Severity::Error, issue, diagnostics));
    response.setHeader("Content-Type", "application/fhir+json; charset=utf-8");
    return response;
}

// What a reverse proxy (nginx) answers on its own: HTML, not FHIR.
HttpResponse htmlAnswer(int status, const char *title)
{
    HttpResponse response;
    response.status = status;
    response.body = QByteArrayLiteral("<html><body><h1>") + QByteArray::number(status) + ' ' + title +
                    QByteArrayLiteral("</h1></body></html>");
    response.setHeader("Content-Type", "text/html");
    return response;
}

bool isBundlePost(const HttpRequest &request)
{
    return request.method == "POST" &&
           (request.path == QLatin1String("/fhir") || request.path == QLatin1String("/fhir/"));
}

} // namespace

std::optional<HttpResponse> FaultPlan::answer() const
{
    if (html413)
        return htmlAnswer(413, "Request Entity Too Large");
    if (html502)
        return htmlAnswer(502, "Bad Gateway");
    if (fail) {
        return outcomeAnswer(
            503, Issue::Transient,
            QStringLiteral("simulated failure (--fail-rate): nothing was done, retry later"));
    }
    if (conflict) {
        return outcomeAnswer(409, Issue::Conflict,
                             QStringLiteral("simulated version contention (--conflict-rate): nothing was "
                                            "done, retry later"));
    }
    return std::nullopt;
}

QString FaultPlan::note() const
{
    if (html413)
        return QStringLiteral(" (fault: HTML 413)");
    if (html502)
        return QStringLiteral(" (fault: HTML 502)");
    if (fail)
        return QStringLiteral(" (fault: simulated failure)");
    if (conflict)
        return QStringLiteral(" (fault: simulated conflict)");
    if (drop)
        return QStringLiteral(" (fault: connection dropped after processing)");
    return {};
}

FaultInjector::FaultInjector(const FaultOptions &options)
    : m_options(options)
    , m_random(seeded(options.seed))
    , m_proxyRandom(seeded(options.seed ^ 0x9e3779b97f4a7c15ULL))
{}

FaultPlan FaultInjector::next(const HttpRequest &request)
{
    FaultPlan plan;
    plan.latencyMs = m_options.latencyMs;
    // Always draw every number, so the sequence of faults for a seed does not depend on the rates or
    // the requests.
    const double failDraw = m_random.generateDouble();
    const double dropDraw = m_random.generateDouble();
    const double conflictDraw = m_proxyRandom.generateDouble();
    const double html413Draw = m_proxyRandom.generateDouble();
    const double html502Draw = m_proxyRandom.generateDouble();
    // The proxy in front answers first; then the server refuses before doing anything, or drops after.
    plan.html413 = (m_options.maxBodyBytes > 0 && request.body.size() > m_options.maxBodyBytes) ||
                   (isBundlePost(request) && html413Draw < m_options.html413Rate);
    plan.html502 = !plan.html413 && html502Draw < m_options.html502Rate;
    const bool proxied = plan.html413 || plan.html502;
    plan.fail = !proxied && failDraw < m_options.failRate;
    plan.conflict = !proxied && !plan.fail && conflictDraw < m_options.conflictRate;
    plan.drop = !proxied && !plan.fail && !plan.conflict && dropDraw < m_options.dropRate;
    return plan;
}

} // namespace chevet::dpi
