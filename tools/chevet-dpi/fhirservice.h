#pragma once

#include "fhirerror.h"
#include "fhirreply.h"
#include "queryitems.h"
#include "resourcestore.h"

#include <QJsonObject>

#include <functional>
#include <optional>

namespace chevet::dpi {

// What an interaction needs to know about the request it serves beyond its arguments.
struct RequestContext
{
    QString base;              // "http://127.0.0.1:8080/fhir", for fullUrl and links
    bool strictSearch = false; // Prefer: handling=strict
};

struct ServiceOptions
{
    bool history = true;
    bool historyNewestFirst = false;
};

// The FHIR interactions on stored resources: read, vread, create, update, delete, search, history.
// Stateless over the store. The interactions never open transactions themselves: the HTTP router
// brackets one request (inTransaction), the bundle processor a whole transaction or each batch entry.
class FhirService
{
public:
    FhirService(ResourceStore &store, ServiceOptions options);

    FhirReply read(const QString &type, const QString &id);
    FhirReply vread(const QString &type, const QString &id, const QString &version);
    // ifNoneExist: the If-None-Exist criteria ("identifier=system|value"), empty for a plain create.
    FhirReply create(const QString &type, const QJsonObject &resource, const QString &ifNoneExist);
    // ifMatch: the If-Match header (W/"3" or "3"), empty for an unconditional update.
    FhirReply update(const QString &type, const QString &id, const QJsonObject &resource,
                     const QString &ifMatch);
    FhirReply remove(const QString &type, const QString &id);
    FhirReply search(const RequestContext &context, const QString &type, const QueryItems &items);
    FhirReply history(const RequestContext &context, const QString &type, const QString &id,
                      const QueryItems &items);

    // The two halves of a conditional create, apart, for transactions that resolve every identity
    // before writing anything. No match: nullopt; more than one: 412.
    Expected<std::optional<StoredVersion>> matchIfNoneExist(const QString &type, const QString &criteria);
    FhirReply createAs(const QString &type, const QString &id, const QJsonObject &resource);

    // Runs `work` in one database transaction, kept if it answers a success, rolled back otherwise.
    FhirReply inTransaction(const std::function<FhirReply()> &work);

    // Server-assigned ids: random, so ids never collide across restarts or with client guesses.
    static QString newId();
    // The body is a resource of the type the URL names.
    static Expected<void> checkResourceType(const QString &type, const QJsonObject &resource);

private:
    ResourceStore &m_store;
    ServiceOptions m_options;
};

} // namespace chevet::dpi
