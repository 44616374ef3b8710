#pragma once

#include "fhirerror.h"
#include "fhirreply.h"
#include "queryitems.h"
#include "resourcestore.h"

#include <QJsonObject>

#include <functional>
#include <optional>

namespace chevet::dpi {

// Prefer: return=minimal | representation (http.html#prefer); None when the client did not say.
enum class ReturnPreference { None, Minimal, Representation };

// What an interaction needs to know about the request it serves beyond its arguments.
struct RequestContext
{
    QString base;              // "http://127.0.0.1:8080/fhir", for fullUrl and links
    bool strictSearch = false; // Prefer: handling=strict
    ReturnPreference preferReturn = ReturnPreference::None;
    bool faultsOff = false; // X-Chevet-No-Fault: 1 (test-only): no poison identifier either
};

// Each default is the strict behaviour of real servers; the other value is the kinder one.
struct ServiceOptions
{
    bool history = true;
    bool historyNewestFirst = true; // the specification's order (false: --history-oldest-first)
    bool validation = true;         // R4 elements, cardinalities, codes, invariants (false: --no-validation)
    bool randomIds = false;         // false: per-type integer ids 1, 2, 3... as HAPI (true: --random-ids)
    QString poisonIdentifier;       // --poison-identifier: a write with this identifier value answers 500
    int maxPageSize = 500;          // --max-page-size: a larger _count is served in pages of this size
};

// The FHIR interactions on stored resources: read, vread, create, update, delete, search, history.
// The interactions never open transactions themselves: the HTTP router brackets one request
// (inTransaction), the bundle processor a whole transaction or each batch entry. Nor do create and
// update check what they write: their callers `admit` every resource a client sends first.
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

    // Whether a resource a client sends may be written: its type matches the URL's (400), it is not the
    // poison record (500, a simulated server bug), it is valid R4 (422, see resourcevalidator.h).
    Expected<void> admit(const RequestContext &context, const QString &type,
                         const QJsonObject &resource) const;

    // Runs `work` in one database transaction, kept if it answers a success, rolled back otherwise.
    FhirReply inTransaction(const std::function<FhirReply()> &work);

    // The id the server gives a new resource of `type`: the type's next integer, or (randomIds) 16
    // random characters.
    Expected<QString> newId(const QString &type);
    static QString randomId();
    // The body is a resource of the type the URL names.
    static Expected<void> checkResourceType(const QString &type, const QJsonObject &resource);

private:
    ResourceStore &m_store;
    ServiceOptions m_options;
};

} // namespace chevet::dpi
