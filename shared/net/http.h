#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace chevet {

struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QString target;  // relative to the FHIR base ("Observation?patient=1"), or an absolute URL (paging links)
    QByteArray body; // JSON
    QList<QPair<QByteArray, QByteArray>> headers;
    int timeoutMs = 30000;
};

struct HttpResponse
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased

    QByteArray header(const QByteArray &lowerName) const;
};

// Moves bytes to and from the DPI. Blocking by design: the sync engine runs on its own thread, so a
// straight-line protocol (page after page, retry after retry) stays readable. Network failures are
// transient errors; any HTTP status, 5xx included, is a response for the caller to judge.
class Transport
{
public:
    virtual ~Transport() = default;
    virtual Result<HttpResponse> exchange(const HttpRequest &request) = 0;
    virtual QString baseUrl() const = 0;
};

} // namespace chevet
