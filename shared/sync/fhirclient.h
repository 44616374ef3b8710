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

private:
    Result<FhirReply> exchange(const QByteArray &method, const QString &target, const QByteArray &body);

    Transport &m_transport;
    qint64 m_lastServerDateMs = 0;
};

} // namespace chevet
