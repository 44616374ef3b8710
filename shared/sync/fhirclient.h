#pragma once

#include "core/result.h"
#include "fhir/bundle.h"
#include "fhir/capabilities.h"
#include "net/http.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>

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
    // The DPI's CapabilityStatement as it answered it (`metadata`).
    Result<QJsonObject> capabilityStatement();
    Result<fhir::ServerCapabilities> capabilities();
    // Reads of a run that do not depend on each other asked in one FHIR `batch`, for a DPI that takes
    // batches (allowBatchReads): on a mobile link each request costs a round trip. The answers are
    // kept and handed out once, to the first get()/forEachPage() of the same target; what the batch
    // did not answer with 200 is asked on its own then, with its own error. Only a network failure or a
    // 5xx/429 of the batch itself is an error; a DPI that refuses the batch is asked one by one.
    Status prefetch(const QStringList &targets);
    void allowBatchReads(bool allowed) { m_batchReads = allowed; }
    bool readsInBatches() const { return m_batchReads; }
    // A batch of reads failed in this run (lost, refused, 5xx, answered in another shape).
    bool batchReadsFailed() const { return m_batchReadsFailed; }
    // A batch of reads was answered in this run, in a shape its answers could be used.
    bool batchReadsAnswered() const { return m_batchReadsAnswered; }
    int prefetchedUnused() const { return int(m_prefetched.size()); }
    // Reads a whole search/history result page by page, calling `page` after each; stops on error. A
    // search by identifier is sent as POST Type/_search (its query out of the URL) unless the DPI refused
    // that once in this run; what a batch already answered is taken from it.
    Status forEachPage(const QString &firstTarget,
                       const std::function<Status(const fhir::ParsedBundle &)> &page);

    qint64 lastServerDateMs() const { return m_lastServerDateMs; }
    // The Date of the first answer this client got: when the run's first query ran, on the DPI's clock.
    qint64 firstServerDateMs() const { return m_firstServerDateMs; }
    // Called once, when the first answer with a Date arrives (the run measures clock skew then).
    void onFirstServerDate(std::function<void(qint64 serverDateMs)> observer)
    {
        m_firstDate = std::move(observer);
    }
    // The HTTP status of the last answer (0 when none came): tells a 5xx on one bundle from a network
    // failure, though both are transient errors.
    int lastStatus() const { return m_lastStatus; }
    // The last answer's Retry-After (429/503), in ms; 0 when none.
    qint64 lastRetryAfterMs() const { return m_lastRetryAfterMs; }

private:
    Result<FhirReply> exchange(const QByteArray &method, const QString &target, const QByteArray &body);
    Result<FhirReply> exchange(const QByteArray &method, const QString &target, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers);

    // What the DPI's answer means: its status, headers and FHIR body, or the error it amounts to.
    Result<FhirReply> interpret(Result<HttpResponse> response);
    Status prefetchBatch(const QStringList &targets);
    Result<FhirReply> search(const QString &target);

    Transport &m_transport;
    qint64 m_lastServerDateMs = 0;
    qint64 m_firstServerDateMs = 0;
    std::function<void(qint64)> m_firstDate;
    bool m_batchReadsFailed = false;
    bool m_batchReadsAnswered = false;
    int m_lastStatus = 0;
    qint64 m_lastRetryAfterMs = 0;
    bool m_batchReads = false;
    bool m_postSearch = true;
    QHash<QString, FhirReply> m_prefetched; // by target, each handed out once
};

} // namespace chevet
