#include "dpiharness.h"

#include "../standindpi.h"
#include "bundleprocessor.h"
#include "capabilitystatement.h"
#include "faults.h"
#include "fhirrouter.h"
#include "fhirservice.h"
#include "httptypes.h"
#include "net/loopbacktransport.h"
#include "net/networktransport.h"
#include "net/owningnetworktransport.h"
#include "resourcestore.h"
#include "seed/demoward.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QUrl>

using namespace chevet;

namespace {

class LoopbackDpi final : public DpiHarness
{
public:
    LoopbackDpi(const DpiConfig &config, const QString &folder)
        : m_config(config)
    {
        if (!m_store.open(databaseIn(folder)))
            qFatal("cannot open the in-process DPI store");
        if (config.seedDemo && !dpi::seed::seedDemoWard(m_store, QDateTime::currentDateTime()))
            qFatal("cannot seed the in-process DPI");
        m_service = std::make_unique<dpi::FhirService>(
            m_store, dpi::ServiceOptions{config.history, config.historyNewestFirst, config.validation,
                                         config.randomIds, config.poisonIdentifier, config.maxPageSize});
        m_bundles = std::make_unique<dpi::BundleProcessor>(
            m_store, *m_service, dpi::BundleOptions{config.maxBundleEntries, config.kindAnswers});
        m_router =
            std::make_unique<dpi::FhirRouter>(*m_service, *m_bundles,
                                              dpi::CapabilityOptions{config.history, QStringLiteral("test"),
                                                                     QDateTime::currentMSecsSinceEpoch()});
    }

    // faults: the engine's requests meet the server-side faults (409, HTML 413/502, body limit, poison
    // identifier); direct() calls pass them, as X-Chevet-No-Fault does over HTTP. Latency, 503 and drops
    // are the LoopbackTransport's.
    HttpResponse handle(const HttpRequest &request, bool faults)
    {
        if (!m_config.allergies && request.target.startsWith(QLatin1String("AllergyIntolerance"))) {
            HttpResponse unknown;
            unknown.status = 404;
            unknown.headers.append(
                {QByteArrayLiteral("content-type"), QByteArrayLiteral("application/fhir+json")});
            unknown.body =
                QByteArrayLiteral(R"({"resourceType":"OperationOutcome","issue":[{"severity":"error",)"
                                  R"("code":"not-supported","diagnostics":"unknown resource type"}]})");
            return unknown;
        }
        HttpResponse out = route(request, faults);
        if (!m_config.allergies && request.target.startsWith(QLatin1String("metadata")))
            out.body = withoutAllergies(out.body);
        return out;
    }

    void setServesAllergies(bool serves) override { m_config.allergies = serves; }

    bool setFaults(bool on) override
    {
        m_faultsOn = on;
        return true;
    }

    static QByteArray withoutAllergies(const QByteArray &statement)
    {
        QJsonObject json = QJsonDocument::fromJson(statement).object();
        QJsonArray rest = json.value(QLatin1String("rest")).toArray();
        QJsonObject server = rest.at(0).toObject();
        QJsonArray kept;
        for (const QJsonValue &resource : server.value(QLatin1String("resource")).toArray()) {
            if (resource.toObject().value(QLatin1String("type")).toString() !=
                QLatin1String("AllergyIntolerance"))
                kept.append(resource);
        }
        server.insert(QLatin1String("resource"), kept);
        rest.replace(0, server);
        json.insert(QLatin1String("rest"), rest);
        return QJsonDocument(json).toJson(QJsonDocument::Compact);
    }

    HttpResponse route(const HttpRequest &request, bool faults)
    {
        dpi::HttpRequest in;
        in.method = request.method;
        const QString target = request.target;
        const qsizetype q = target.indexOf(QLatin1Char('?'));
        in.path =
            QStringLiteral("/fhir") + (target.isEmpty() ? QString() : QStringLiteral("/") + target.left(q));
        if (q >= 0)
            in.query = QUrl(QStringLiteral("x:/?") + target.mid(q + 1)).query(QUrl::FullyEncoded).toUtf8();
        in.body = request.body;
        for (const auto &[name, value] : request.headers)
            in.headers.append({name.toLower(), value});
        if (!request.body.isEmpty())
            in.headers.append(
                {QByteArrayLiteral("content-type"), QByteArrayLiteral("application/fhir+json")});
        if (!faults)
            in.headers.append({QByteArrayLiteral("x-chevet-no-fault"), QByteArrayLiteral("1")});
        const std::optional<dpi::HttpResponse> faulty =
            faults ? m_faults.next(in).answer() : std::optional<dpi::HttpResponse>();
        const QString base =
            m_config.advertisedBase.isEmpty() ? QStringLiteral("loopback:/fhir") : m_config.advertisedBase;
        const dpi::HttpResponse answer = faulty ? *faulty : m_router->handle(in, base);
        HttpResponse out;
        out.status = answer.status;
        out.body = answer.body;
        for (const auto &[name, value] : answer.headers)
            out.headers.append({name.toLower(), value});
        return out;
    }

    std::unique_ptr<Transport> transport() override
    {
        const bool faults = m_faultsOn;
        auto loopback = std::make_unique<LoopbackTransport>(
            [this, faults](const HttpRequest &r) { return handle(r, faults); });
        if (faults)
            loopback->setFaults(LoopbackTransport::Faults{m_config.latencyMs, m_config.failRate,
                                                          m_config.dropRate,
                                                          m_config.faultSeed + m_transports++});
        return loopback;
    }

    HttpResponse direct(const QByteArray &method, const QString &target, const QByteArray &body,
                        const QList<QPair<QByteArray, QByteArray>> &headers) override
    {
        HttpRequest request;
        request.method = method;
        request.target = target;
        request.body = body;
        request.headers = headers;
        return handle(request, false);
    }

private:
    DpiConfig m_config;
    // Only the server-side kinds: the transport draws latency, 503 and drops itself.
    dpi::FaultInjector m_faults{dpi::FaultOptions{0, 0, 0, m_config.faultSeed, m_config.conflictRate,
                                                  m_config.html413Rate, m_config.html502Rate,
                                                  m_config.maxBodyBytes}};
    dpi::ResourceStore m_store;
    std::unique_ptr<dpi::FhirService> m_service;
    std::unique_ptr<dpi::BundleProcessor> m_bundles;
    std::unique_ptr<dpi::FhirRouter> m_router;
    quint32 m_transports = 0;
    bool m_faultsOn = true;
};

class HttpDpi final : public DpiHarness
{
public:
    HttpDpi(const DpiConfig &config, const QString &folder)
    {
        QStringList args{QStringLiteral("--fault-seed"), QString::number(config.faultSeed)};
        if (config.seedDemo)
            args << QStringLiteral("--seed") << QStringLiteral("demo");
        if (!config.history)
            args << QStringLiteral("--no-history");
        if (config.maxBundleEntries > 0)
            args << QStringLiteral("--max-bundle-entries") << QString::number(config.maxBundleEntries);
        if (config.latencyMs > 0)
            args << QStringLiteral("--latency") << QString::number(config.latencyMs);
        if (config.failRate > 0)
            args << QStringLiteral("--fail-rate") << QString::number(config.failRate);
        if (config.dropRate > 0)
            args << QStringLiteral("--drop-rate") << QString::number(config.dropRate);
        if (!config.historyNewestFirst)
            args << QStringLiteral("--history-oldest-first");
        if (config.kindAnswers)
            args << QStringLiteral("--kind-answers");
        if (config.plainRequestsOnly)
            args << QStringLiteral("--plain-requests-only");
        if (!config.validation)
            args << QStringLiteral("--no-validation");
        if (config.randomIds)
            args << QStringLiteral("--random-ids");
        if (config.conflictRate > 0)
            args << QStringLiteral("--conflict-rate") << QString::number(config.conflictRate);
        if (config.html413Rate > 0)
            args << QStringLiteral("--html-413-rate") << QString::number(config.html413Rate);
        if (config.html502Rate > 0)
            args << QStringLiteral("--html-502-rate") << QString::number(config.html502Rate);
        if (config.maxPageSize != DpiConfig{}.maxPageSize)
            args << QStringLiteral("--max-page-size") << QString::number(config.maxPageSize);
        if (config.maxBodyBytes > 0)
            args << QStringLiteral("--max-body-bytes") << QString::number(config.maxBodyBytes);
        if (!config.poisonIdentifier.isEmpty())
            args << QStringLiteral("--poison-identifier") << config.poisonIdentifier;
        if (!config.advertisedBase.isEmpty())
            args << QStringLiteral("--advertised-base") << config.advertisedBase;
        if (!m_dpi.start(databaseIn(folder), args))
            qFatal("%s", qPrintable(m_dpi.problem()));
        m_base = m_dpi.baseUrl();
    }

    std::unique_ptr<Transport> transport() override
    {
        NetworkOptions options;
        options.baseUrl = m_base;
        return std::make_unique<NetworkTransport>(m_manager, options);
    }

    HttpResponse direct(const QByteArray &method, const QString &target, const QByteArray &body,
                        const QList<QPair<QByteArray, QByteArray>> &headers) override
    {
        NetworkOptions options;
        options.baseUrl = m_base;
        NetworkTransport plain(m_manager, options);
        HttpRequest request;
        request.method = method;
        request.target = target;
        request.body = body;
        request.headers = headers;
        request.headers.append({QByteArrayLiteral("X-Chevet-No-Fault"), QByteArrayLiteral("1")});
        for (int attempt = 0; attempt < 5; ++attempt) {
            Result<HttpResponse> response = plain.exchange(request);
            if (response)
                return *response;
        }
        qFatal("chevet-dpi stopped answering");
    }

    QUrl baseUrl() const override { return m_base; }

private:
    StandInDpi m_dpi;
    QUrl m_base;
    QNetworkAccessManager m_manager;
};

// tools/fhir-independent's server: Medplum's FHIR engine behind node's HTTP, in memory.
class IndependentDpi final : public DpiHarness
{
public:
    explicit IndependentDpi(const DpiConfig &config)
    {
        if (const QString problem = independentServerProblem(); !problem.isEmpty())
            qFatal("%s", qPrintable(problem));
        if (config.seedDemo)
            qFatal("the independent FHIR server has no demo seed: create the test's data through direct()");
        QStringList args{QStringLiteral(CHEVET_FHIR_INDEPENDENT_SERVER), QStringLiteral("--port"),
                         QStringLiteral("0"), QStringLiteral("--host"), QStringLiteral("127.0.0.1")};
        if (!config.conditionalCreate)
            args << QStringLiteral("--no-conditional-create");
        if (config.pageSize > 0)
            args << QStringLiteral("--page-size") << QString::number(config.pageSize);
        if (config.maxPageSize != DpiConfig{}.maxPageSize)
            args << QStringLiteral("--max-page-size") << QString::number(config.maxPageSize);
        m_process.setProgram(QStringLiteral(CHEVET_FHIR_INDEPENDENT_NODE));
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(10000))
            qFatal("the independent FHIR server did not start: %s", qPrintable(m_process.errorString()));
        QElapsedTimer waited;
        waited.start();
        QByteArray line;
        while (!line.contains('\n') && waited.elapsed() < 30000 && m_process.state() == QProcess::Running) {
            if (m_process.waitForReadyRead(500))
                line += m_process.readLine();
        }
        const QList<QByteArray> words = line.trimmed().split(' ');
        bool ok = false;
        const int port = words.size() == 2 && words.first() == "listening" ? words.last().toInt(&ok) : 0;
        if (!ok || port <= 0)
            qFatal("the independent FHIR server did not say where it listens (got \"%s\")",
                   line.trimmed().constData());
        m_base = QUrl(QStringLiteral("http://127.0.0.1:%1/fhir").arg(port));
    }

    ~IndependentDpi() override
    {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }

    std::unique_ptr<Transport> transport() override
    {
        NetworkOptions options;
        options.baseUrl = m_base;
        return std::make_unique<NetworkTransport>(m_manager, options);
    }

    HttpResponse direct(const QByteArray &method, const QString &target, const QByteArray &body,
                        const QList<QPair<QByteArray, QByteArray>> &headers) override
    {
        NetworkOptions options;
        options.baseUrl = m_base;
        NetworkTransport plain(m_manager, options);
        HttpRequest request;
        request.method = method;
        request.target = target;
        request.body = body;
        request.headers = headers;
        // On loopback a transport error means the server is gone: no retry (a retried POST would
        // create twice).
        Result<HttpResponse> response = plain.exchange(request);
        if (!response)
            qFatal("the independent FHIR server stopped answering: %s",
                   qPrintable(response.error().toString()));
        return *response;
    }

    QUrl baseUrl() const override { return m_base; }

private:
    QProcess m_process;
    QUrl m_base;
    QNetworkAccessManager m_manager;
};

} // namespace

std::unique_ptr<Transport> makeThreadTransport(const QUrl &baseUrl)
{
    // The app's own owning transport: reads of a search's next page go ahead as in the app.
    return std::make_unique<OwningNetworkTransport>(NetworkOptions{baseUrl, {}, {}, {}});
}

std::unique_ptr<DpiHarness> DpiHarness::start(Mode mode, const DpiConfig &config, const QString &folder)
{
    if (mode == Mode::Loopback)
        return std::make_unique<LoopbackDpi>(config, folder);
    if (mode == Mode::Independent)
        return std::make_unique<IndependentDpi>(config);
    return std::make_unique<HttpDpi>(config, folder);
}

QString independentServerProblem()
{
    const QString node = QStringLiteral(CHEVET_FHIR_INDEPENDENT_NODE);
    const QString server = QStringLiteral(CHEVET_FHIR_INDEPENDENT_SERVER);
    if (!QFileInfo(server).isFile())
        return QStringLiteral("the independent FHIR server is missing (%1)").arg(server);
    if (!QFileInfo(node).isExecutable())
        return QStringLiteral("the independent FHIR server is not installed (no %1): run scripts/setup.sh "
                              "(it runs npm ci --prefix tools/fhir-independent)")
            .arg(node);
    return {};
}

QJsonObject DpiHarness::get(const QString &target)
{
    return QJsonDocument::fromJson(direct(QByteArrayLiteral("GET"), target).body).object();
}

QJsonObject DpiHarness::create(const QJsonObject &resource)
{
    const QString type = resource.value(QLatin1String("resourceType")).toString();
    const chevet::HttpResponse r =
        direct(QByteArrayLiteral("POST"), type, QJsonDocument(resource).toJson(QJsonDocument::Compact),
               {{QByteArrayLiteral("Prefer"), QByteArrayLiteral("return=representation")}});
    if (r.status != 201) {
        qWarning("create of %s refused: %d %s", qPrintable(type), r.status, r.body.constData());
        return {};
    }
    return QJsonDocument::fromJson(r.body).object();
}

QList<QJsonObject> DpiHarness::all(const QString &type, const QString &query)
{
    QList<QJsonObject> out;
    QString target =
        type + QStringLiteral("?_count=500") + (query.isEmpty() ? QString() : QStringLiteral("&") + query);
    while (!target.isEmpty()) {
        const QJsonObject bundle = get(target);
        for (const QJsonValue &entry : bundle.value(QLatin1String("entry")).toArray())
            out.append(entry.toObject().value(QLatin1String("resource")).toObject());
        target.clear();
        for (const QJsonValue &link : bundle.value(QLatin1String("link")).toArray()) {
            if (link.toObject().value(QLatin1String("relation")).toString() == QLatin1String("next")) {
                target = link.toObject().value(QLatin1String("url")).toString();
                const qsizetype fhir = target.indexOf(QLatin1String("/fhir/"));
                if (fhir >= 0)
                    target = target.mid(fhir + 6);
            }
        }
    }
    return out;
}

QJsonObject DpiHarness::put(const QString &target, const QJsonObject &resource, const QByteArray &ifMatch)
{
    QList<QPair<QByteArray, QByteArray>> headers{
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/fhir+json")}};
    if (!ifMatch.isEmpty())
        headers.append({QByteArrayLiteral("If-Match"), ifMatch});
    return QJsonDocument::fromJson(direct(QByteArrayLiteral("PUT"), target,
                                          QJsonDocument(resource).toJson(QJsonDocument::Compact), headers)
                                       .body)
        .object();
}
