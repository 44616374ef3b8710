#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

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

// An exchange asked ahead of need, such as the next page of a search while this one is stored: the DPI
// works on it meanwhile. finish() waits for the answer; dropping it unfinished abandons the exchange.
class PendingExchange
{
public:
    virtual ~PendingExchange() = default;
    virtual Result<HttpResponse> finish() = 0;
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
    // Sends a request now and returns to the caller until finish(). By default the request goes at
    // finish(), as exchange() would send it: only a transport that can keep a request in flight while
    // its caller works (NetworkTransport) overrides this, and wrappers pass it on.
    virtual std::unique_ptr<PendingExchange> start(const HttpRequest &request);
};

// A pending exchange that fails with `error` (a request that could not be sent).
std::unique_ptr<PendingExchange> failedExchange(Error error);

} // namespace chevet
