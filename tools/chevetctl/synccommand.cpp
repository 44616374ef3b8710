#include "commands.h"
#include "jsonview.h"
#include "net/networktransport.h"
#include "output.h"
#include "session.h"
#include "sync/storedsignin.h"
#include "sync/syncrun.h"
#include "tlsoptions.h"

#include <QNetworkAccessManager>

namespace chevet::cli {

int runSync(const Arguments &args)
{
    const QStringList known = kStoreOptions + kTlsOptions +
                              QStringList{QStringLiteral("dpi"), QStringLiteral("unit"),
                                          QStringLiteral("patient"), QStringLiteral("token")};
    if (const QStringList unknown = args.unknown(known); !unknown.isEmpty())
        return usageError(QStringLiteral("sync: unknown option --%1").arg(unknown.first()));
    const QString dpi = args.has(QStringLiteral("dpi")) ? args.value(QStringLiteral("dpi"))
                                                        : qEnvironmentVariable("CHEVET_DPI");
    if (dpi.isEmpty())
        return usageError(QStringLiteral(
            "sync: --dpi URL is required (the DPI's FHIR base, e.g. https://dpi.example/fhir)"));
    const QUrl base(dpi);
    if (Status s = NetworkTransport::checkUrl(base); !s)
        return fail(s.error());

    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;

    SyncScope scope;
    scope.unit = args.value(QStringLiteral("unit"));
    scope.patients = args.values(QStringLiteral("patient"));

    QNetworkAccessManager manager;
    NetworkOptions unpinned;
    unpinned.baseUrl = base;
    Result<NetworkOptions> tls = withTls(args, unpinned);
    if (!tls)
        return fail(tls.error());
    NetworkOptions options = *tls;
    const QString token = args.has(QStringLiteral("token")) ? args.value(QStringLiteral("token"))
                                                            : qEnvironmentVariable("CHEVET_TOKEN");
    options.bearerToken = token.toUtf8();
    // Without a static token, the stored sign-in (chevetctl signin) authorizes the requests.
    std::unique_ptr<SignedInSync> signedIn;
    if (token.isEmpty()) {
        Result<std::unique_ptr<SignedInSync>> loaded = SignedInSync::load(store, options);
        if (!loaded)
            return fail(loaded.error());
        signedIn = std::move(*loaded);
    }
    NetworkTransport plain(manager, options);
    Transport &transport = signedIn ? signedIn->transport() : static_cast<Transport &>(plain);
    SyncRun run(store, transport, scope);
    run.setAuditExportDelay(0); // run by hand: the audit trail goes now
    SyncOutcome partial;
    Result<SyncOutcome> outcome = run.run(&partial);
    if (signedIn) {
        if (Status s = signedIn->persist(store); !s)
            return fail(s.error());
    }
    const SyncOutcome &figures = outcome ? *outcome : partial;
    QJsonObject summary{
        {QStringLiteral("pushed"), figures.counts.pushed},
        {QStringLiteral("pulled"), figures.counts.pulled},
        {QStringLiteral("conflicts"), figures.counts.conflicts},
        {QStringLiteral("quarantined"), figures.counts.quarantined},
        {QStringLiteral("alerts"), figures.counts.alerts},
        {QStringLiteral("durationMs"), figures.durationMs},
        {QStringLiteral("clockSkewMs"), figures.clockSkewMs},
        {QStringLiteral("ok"), bool(outcome)},
    };
    if (!outcome) {
        summary.insert(QStringLiteral("error"), outcome.error().message);
        summary.insert(QStringLiteral("code"), outcome.error().code.name());
        summary.insert(QStringLiteral("retryLater"), outcome.error().transient);
        printJson(summary);
        return fail(outcome.error());
    }
    return printJson(summary);
}

} // namespace chevet::cli
