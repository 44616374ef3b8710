#pragma once

// The DPI the sync suites run against, three ways: in-process (chevet-dpi's router called directly
// through a LoopbackTransport, with simulated latency and faults), over real HTTP (chevet-dpi as a
// process, faults injected by the server), and an independent FHIR R4 server built on another engine
// (tools/fhir-independent, over HTTP, without faults). All answer `direct()` calls without faults, to
// check what the DPI holds.
#include "net/http.h"

#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// A NetworkTransport with its own QNetworkAccessManager, for a thread of its own (the SyncEngine's).
std::unique_ptr<chevet::Transport> makeThreadTransport(const QUrl &baseUrl);

// Why the independent server cannot start here (not installed), or empty when it can.
QString independentServerProblem();

struct DpiConfig
{
    bool history = true;
    int maxBundleEntries = 0;
    bool seedDemo = false;
    int latencyMs = 0;
    double failRate = 0;
    double dropRate = 0;
    quint32 faultSeed = 7;
    // false: a DPI without AllergyIntolerance (not in its CapabilityStatement, 404 for any request on
    // it), as many are. Loopback mode only.
    bool allergies = true;
    // chevet-dpi is strict by default, like the strictest real servers; each field below names the
    // strict value as its default (tools/chevet-dpi/README.md, "Strict by default").
    bool historyNewestFirst = true; // false: --history-oldest-first
    bool kindAnswers = false;       // true: bundle write entries carry the resource without Prefer
    bool validation = true;         // false: --no-validation
    bool randomIds = false;         // false: per-type integer ids (Patient/1, Observation/1...)
    double conflictRate = 0;        // 409 `conflict` before anything is done
    double html413Rate = 0;         // HTML 413 to bundle POSTs
    double html502Rate = 0;         // HTML 502
    qint64 maxBodyBytes = 0;        // a larger body gets the HTML 413; 0: no limit
    QString poisonIdentifier;       // a write with this identifier value answers 500
    QString advertisedBase;         // absolute links use this base (e.g. http://localhost:9/fhir)
    bool plainRequestsOnly = false; // Http mode: 415 to gzipped request bodies
    int maxPageSize = 500;          // --max-page-size: the most entries a page of results carries
    // Independent mode honours only maxPageSize and the two fields below; seedDemo is refused there (a test
    // creates its data through direct()). false: --no-conditional-create (If-None-Exist ignored, duplicates).
    bool conditionalCreate = true;
    int pageSize = 0; // Independent mode: the default _count (--page-size); 0: the server's own
};

class DpiHarness
{
public:
    // Independent: tools/fhir-independent's server (Medplum's engine) as a node process, installed by
    // scripts/setup.sh; a test using it fails when it is not installed.
    enum class Mode { Loopback, Http, Independent };

    virtual ~DpiHarness() = default;
    static std::unique_ptr<DpiHarness> start(Mode mode, const DpiConfig &config, const QString &folder);

    // A transport for the engine, faults included. Must be used on the calling thread.
    virtual std::unique_ptr<chevet::Transport> transport() = 0;
    // Without faults: what the DPI holds, and edits made "by the DPI's own users".
    virtual chevet::HttpResponse direct(const QByteArray &method, const QString &target,
                                        const QByteArray &body = {},
                                        const QList<QPair<QByteArray, QByteArray>> &headers = {}) = 0;

    // Loopback mode only: start or stop offering AllergyIntolerance (see DpiConfig::allergies).
    virtual void setServesAllergies(bool serves) { (void)serves; }
    // Loopback mode only: whether transports made from now on meet the configured faults (latency, 503,
    // drops, 409, HTML answers, body limit, poison identifier). Returns false in the other modes.
    virtual bool setFaults(bool on)
    {
        (void)on;
        return false;
    }

    // Where the DPI listens (HTTP and Independent modes), for transports made on other threads.
    virtual QUrl baseUrl() const { return {}; }

    QJsonObject get(const QString &target);
    // A resource created "by the DPI's own users", as the DPI stored it; empty (and a warning) if refused.
    QJsonObject create(const QJsonObject &resource);
    // Every resource of a type, all pages.
    QList<QJsonObject> all(const QString &type, const QString &query = QString());
    QJsonObject put(const QString &target, const QJsonObject &resource, const QByteArray &ifMatch = {});

protected:
    // The DPI's database goes in `folder`, or in a folder of the harness's own when none is given (never
    // a path shared between tests and runs).
    QString databaseIn(const QString &folder) const
    {
        return (folder.isEmpty() ? m_ownFolder.path() : folder) + QStringLiteral("/dpi.sqlite");
    }

private:
    QTemporaryDir m_ownFolder;
};
