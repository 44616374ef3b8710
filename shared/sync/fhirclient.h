#pragma once

#include "core/result.h"
#include "fhir/bundle.h"
#include "fhir/capabilities.h"

#include <QJsonObject>
#include <QString>

namespace chevet {

class Transport;

// An answer from the DPI: a status and a JSON body. Transport failures and 5xx/429 come back as
// transient Errors so callers retry later; other statuses are for the caller to judge.
struct FhirReply
{
    int status = 0;
    QJsonObject body;
    QString etag;
    QString location;
    qint64 serverDateMs = 0; // from the Date header, for clock skew
};

class FhirClient
{
public:
    explicit FhirClient(Transport &transport);

    Result<FhirReply> get(const QString &target);
    Result<FhirReply> postBundle(const QJsonObject &bundle);
    Result<fhir::ServerCapabilities> capabilities();
    // Reads a whole search/history result page by page, calling `page` after each; stops on error.
    Status forEachPage(const QString &firstTarget,
                       const std::function<Status(const fhir::ParsedBundle &)> &page);

    qint64 lastServerDateMs() const { return m_lastServerDateMs; }
    // The HTTP status of the last answer (0 when none came): tells a 5xx on one bundle from a network
    // failure, though both are transient errors.
    int lastStatus() const { return m_lastStatus; }
    // The last answer's Retry-After (429/503), in ms; 0 when none.
    qint64 lastRetryAfterMs() const { return m_lastRetryAfterMs; }

private:
    Result<FhirReply> exchange(const QByteArray &method, const QString &target, const QByteArray &body);
    Result<FhirReply> exchange(const QByteArray &method, const QString &target, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers);

    Transport &m_transport;
    qint64 m_lastServerDateMs = 0;
    int m_lastStatus = 0;
    qint64 m_lastRetryAfterMs = 0;
};

} // namespace chevet
