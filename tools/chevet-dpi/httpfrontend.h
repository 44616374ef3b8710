#pragma once

#include "httpbinding.h"
#include "httptypes.h"

#include <QObject>

#include <memory>

namespace chevet::dpi {

class DevIdp;
class FaultInjector;
class FhirRouter;

struct FrontendOptions
{
    QString token;            // empty: no authentication
    QString defaultBase;      // from --listen, for requests without a usable Host header
    DevIdp *idp = nullptr;    // --idp: serves /.well-known/openid-configuration and /auth/...
    bool requireAuth = false; // --require-auth: FHIR needs an access token from `idp`
    // --advertised-base: every absolute link (next, self, Location, fullUrl) uses this base instead of
    // the one the client reached, as HAPI behind a proxy without server_address; empty: the real one.
    QString advertisedBase;
    int clockOffsetSecs = 0;        // --clock-offset: the Date header is this far from the real time
    bool plainRequestsOnly = false; // --plain-requests-only: 415 to a gzipped request body
};

// What stands between the socket and FHIR: simulated faults, the bearer token (static, or an access
// token of the development identity provider), the Date header, delayed answers and the request log.
// The identity provider's own endpoints pass the faults and need no token. Test clients may send
// `X-Chevet-No-Fault: 1` to pass the faults (latency, 503, 409, HTML 413/502, the body size limit,
// the poison identifier and drops) — a test-only door, e.g. to check what a dropped request stored.
class HttpFrontend : public QObject
{
    Q_OBJECT

public:
    HttpFrontend(FhirRouter &router, FaultInjector &faults, FrontendOptions options,
                 QObject *parent = nullptr);

    void handle(const HttpRequest &request, std::shared_ptr<HttpExchange> exchange);
    // Known once listening (port 0 picks one).
    void setDefaultBase(const QString &base) { m_options.defaultBase = base; }

private:
    QString baseFor(const HttpRequest &request) const;
    QString reachedBase(const HttpRequest &request) const;
    QString issuerFor(const HttpRequest &request) const;
    bool authorized(const HttpRequest &request) const;
    bool needsToken(const HttpRequest &request) const;
    HttpResponse unauthorized(const HttpRequest &request) const;

    FhirRouter &m_router;
    FaultInjector &m_faults;
    FrontendOptions m_options;
};

} // namespace chevet::dpi
