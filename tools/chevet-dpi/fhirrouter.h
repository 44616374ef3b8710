#pragma once

#include "capabilitystatement.h"
#include "fhirreply.h"
#include "httptypes.h"

namespace chevet::dpi {

class BundleProcessor;
class FhirService;
struct RequestContext;
struct RequestTarget;

// Turns one HTTP request under /fhir into a FHIR interaction and its answer into HTTP: parses the
// body, checks the URL, brackets writes in a database transaction, and sets ETag, Last-Modified and
// Location. Knows nothing of sockets, faults or tokens (see HttpFrontend).
class FhirRouter
{
public:
    FhirRouter(FhirService &service, BundleProcessor &bundles, CapabilityOptions capability);

    // base: the server's base URL as this client reaches it, e.g. "http://127.0.0.1:8080/fhir".
    HttpResponse handle(const HttpRequest &request, const QString &base);

private:
    FhirReply route(const HttpRequest &request, const RequestTarget &target, const RequestContext &context);

    FhirService &m_service;
    BundleProcessor &m_bundles;
    CapabilityOptions m_capability;
};

} // namespace chevet::dpi
