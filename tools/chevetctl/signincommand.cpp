#include "auth/oidcsignin.h"
#include "auth/scripteduseragent.h"
#include "commands.h"
#include "net/networktransport.h"
#include "output.h"
#include "session.h"
#include "sync/storedsignin.h"

#include <QDateTime>

#include <cstdio>

namespace chevet::cli {

namespace {

QString isoTime(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate) : QString();
}

// The identity provider defaults to the DPI's origin (the stand-in serves both); a hospital's is
// given with --issuer.
QUrl issuerFor(const Arguments &args, const QUrl &dpi)
{
    if (args.has(QStringLiteral("issuer")))
        return QUrl(args.value(QStringLiteral("issuer")));
    return dpi.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

} // namespace

int runSignIn(const Arguments &args)
{
    const QStringList known = kStoreOptions + QStringList{QStringLiteral("dpi"), QStringLiteral("issuer"),
                                                          QStringLiteral("client-id")};
    if (const QStringList unknown = args.unknown(known); !unknown.isEmpty())
        return usageError(QStringLiteral("signin: unknown option --%1").arg(unknown.first()));
    const QString dpi = args.has(QStringLiteral("dpi")) ? args.value(QStringLiteral("dpi"))
                                                        : qEnvironmentVariable("CHEVET_DPI");
    if (dpi.isEmpty() && !args.has(QStringLiteral("issuer")))
        return usageError(QStringLiteral("signin: --dpi URL (or --issuer URL) is required"));
    OidcConfig config;
    config.issuer = issuerFor(args, QUrl(dpi));
    if (args.has(QStringLiteral("client-id")))
        config.clientId = args.value(QStringLiteral("client-id"));
    if (Status s = NetworkTransport::checkUrl(config.issuer); !s)
        return fail(s.error());

    // The store first: a wrong PIN should not cost a sign-in.
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());

    const QString hint = args.has(QStringLiteral("nurse")) ? args.value(QStringLiteral("nurse"))
                                                           : qEnvironmentVariable("CHEVET_NURSE");
    ScriptedUserAgent scripted;
    OidcSignIn flow(config, [&](const QUrl &url) {
        if (!hint.isEmpty()) {
            scripted.open(url);
            return;
        }
        std::fprintf(stderr, "Open this address in a browser on this computer to sign in:\n%s\n",
                     url.toEncoded().constData());
        std::fflush(stderr);
    });
    QObject::connect(&scripted, &ScriptedUserAgent::failed, &flow, [&](const QString &why) {
        std::fprintf(stderr, "chevetctl: %s\n", why.toLocal8Bit().constData());
        flow.cancel();
    });
    flow.setLoginHint(hint);
    Result<TokenSet> tokens = flow.run();
    if (!tokens)
        return fail(tokens.error());

    const StoredSignIn stored{flow.provider().issuer, config.clientId, flow.provider().tokenEndpoint,
                              *tokens};
    if (Status s = stored.save(**opened); !s)
        return fail(s.error());
    // Never the tokens themselves.
    return printJson(QJsonObject{{QStringLiteral("signedIn"), true},
                                 {QStringLiteral("nurse"), tokens->subject},
                                 {QStringLiteral("name"), tokens->name},
                                 {QStringLiteral("issuer"), flow.provider().issuer.toString()},
                                 {QStringLiteral("accessExpiresAt"), isoTime(tokens->accessExpiresAtMs)},
                                 {QStringLiteral("refreshExpiresAt"), isoTime(tokens->refreshExpiresAtMs)}});
}

int runSignOut(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions); !unknown.isEmpty())
        return usageError(QStringLiteral("signout: unknown option --%1").arg(unknown.first()));
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    if (Status s = StoredSignIn::forget(**opened); !s)
        return fail(s.error());
    return printJson(QJsonObject{{QStringLiteral("signedIn"), false}});
}

} // namespace chevet::cli
