// chevet-dpi: a stand-in central patient record (FHIR R4) for development, demos and tests.
#include "bundleprocessor.h"
#include "capabilitystatement.h"
#include "devidp.h"
#include "faults.h"
#include "fhirrouter.h"
#include "fhirservice.h"
#include "httpbinding.h"
#include "httpfrontend.h"
#include "logging.h"
#include "options.h"
#include "resourcestore.h"
#include "seed/demoward.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QTextStream>

#include <memory>

using namespace chevet::dpi;

static QString baseUrl(const QHostAddress &address, quint16 port, bool https)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(address.toString())
                             : address.toString();
    return QStringLiteral("%1://%2:%3/fhir")
        .arg(https ? QStringLiteral("https") : QStringLiteral("http"), host)
        .arg(port);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chevet-dpi"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHEVET_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const ParsedOptions parsed = parseOptions(QCoreApplication::arguments());
    if (!parsed.output.isEmpty()) {
        out << parsed.output << Qt::endl;
        return 0;
    }
    if (!parsed.options) {
        err << "chevet-dpi: " << parsed.error << " (see --help)" << Qt::endl;
        return 2;
    }
    const ServerOptions &options = *parsed.options;
    if (options.quiet)
        QLoggingCategory::setFilterRules(QStringLiteral("chevet.dpi.request.info=false"));

    ResourceStore store;
    if (const auto opened = store.open(options.dbPath); !opened) {
        err << "chevet-dpi: " << opened.error().diagnostics << Qt::endl;
        return 1;
    }
    QString seeded;
    if (options.seed == QLatin1String("demo")) {
        const auto empty = store.isEmpty();
        if (!empty) {
            err << "chevet-dpi: " << empty.error().diagnostics << Qt::endl;
            return 1;
        }
        if (*empty) {
            const auto summary = seed::seedDemoWard(store, QDateTime::currentDateTime());
            if (!summary) {
                err << "chevet-dpi: seeding failed: " << summary.error().diagnostics << Qt::endl;
                return 1;
            }
            seeded = QStringLiteral("chevet-dpi seeded demo: %1").arg(summary->text());
        } else {
            seeded = QStringLiteral("chevet-dpi seed skipped: the database is not empty");
        }
    }

    FhirService service(store,
                        ServiceOptions{options.history, options.historyNewestFirst, options.validation,
                                       options.randomIds, options.poisonIdentifier, options.maxPageSize});
    BundleProcessor bundles(store, service, BundleOptions{options.maxBundleEntries, options.kindAnswers});
    FhirRouter router(service, bundles,
                      CapabilityOptions{options.history, QCoreApplication::applicationVersion(),
                                        QDateTime::currentMSecsSinceEpoch()});
    FaultInjector faults(FaultOptions{options.latencyMs, options.failRate, options.dropRate,
                                      options.faultSeed, options.conflictRate, options.html413Rate,
                                      options.html502Rate, options.maxBodyBytes});
    std::unique_ptr<DevIdp> idp;
    if (options.idp)
        idp = std::make_unique<DevIdp>(
            DevIdpOptions{options.tokenLifetimeSecs, options.refreshLifetimeSecs, options.forgedIdTokens});
    HttpFrontend frontend(router, faults,
                          FrontendOptions{options.token,
                                          {},
                                          idp.get(),
                                          options.requireAuth,
                                          options.advertisedBase,
                                          options.clockOffsetSecs,
                                          options.plainRequestsOnly});
    HttpBinding binding([&frontend](const HttpRequest &request, std::shared_ptr<HttpExchange> exchange) {
        frontend.handle(request, std::move(exchange));
    });
    QString error;
    if (!binding.listen(options.address, options.port, &error, TlsFiles{options.tlsCert, options.tlsKey})) {
        err << "chevet-dpi: cannot listen on " << options.address.toString() << ':' << options.port << ": "
            << error << Qt::endl;
        return 1;
    }
    const QString base = baseUrl(options.address, binding.port(), binding.isHttps());
    frontend.setDefaultBase(base);
    // The first line on stdout, flushed: tests and scripts read the port from it.
    out << "chevet-dpi listening on " << base << Qt::endl;
    if (!seeded.isEmpty())
        out << seeded << Qt::endl;
    return app.exec();
}
