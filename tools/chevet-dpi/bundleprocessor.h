#pragma once

#include "fhirreply.h"
#include "requesttarget.h"
#include "resourcestore.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace chevet::dpi {

class FhirService;
struct RequestContext;

struct BundleOptions
{
    int maxEntries = 0;       // 0: no cap
    bool kindAnswers = false; // true: write entries answer with the resource unless Prefer: return=minimal
};

// POST /fhir with a transaction or batch Bundle. Entries run in FHIR's order (DELETE, POST, PUT, GET)
// and are answered in the order they came. A transaction is one database transaction: the first
// failing entry fails the whole and nothing is stored. A batch runs each entry on its own. As on HAPI,
// the answer's write entries carry only `response` (status, location, etag, lastModified) unless the
// client sends Prefer: return=representation (or BundleOptions::kindAnswers).
class BundleProcessor
{
public:
    BundleProcessor(ResourceStore &store, FhirService &service, BundleOptions options);

    FhirReply process(const RequestContext &context, const QJsonObject &bundle);

private:
    struct Entry
    {
        qsizetype index = 0;
        QString method;
        QString url;
        RequestTarget target;
        QString fullUrl;
        QString ifNoneExist;
        QString ifMatch;
        QJsonObject resource;
        QString newId;                        // POST: the id the server chose
        std::optional<StoredVersion> matched; // POST: what If-None-Exist found
        std::optional<FhirReply> reply;
    };

    Entry parseEntry(const RequestContext &context, qsizetype index, const QJsonObject &entry) const;
    FhirReply runTransaction(const RequestContext &context, QList<Entry> &entries);
    void runBatch(const RequestContext &context, QList<Entry> &entries);
    Expected<void> resolveCreate(Entry &entry);
    FhirReply writeCreate(const Entry &entry);
    FhirReply get(const RequestContext &context, const RequestTarget &target);
    QJsonObject responseBundle(const QString &type, const QList<Entry> &entries,
                               const RequestContext &context) const;

    ResourceStore &m_store;
    FhirService &m_service;
    BundleOptions m_options;
};

} // namespace chevet::dpi
