#include "auth/oidcsignin.h"
#include "auth/scripteduseragent.h"
#include "commands.h"
#include "net/networktransport.h"
#include "output.h"
#include "session.h"
#include "session/sessiongate.h"
#include "sync/storedsignin.h"
#include "tlsoptions.h"

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
    const QStringList known =
        kStoreOptions + kTlsOptions +
        QStringList{QStringLiteral("dpi"), QStringLiteral("issuer"), QStringLiteral("client-id")};
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
    // The provider is trusted like the DPI (the same extra CA), with its own pins.
    Result<NetworkOptions> tls = withTls(args, config.network);
    if (!tls)
        return fail(tls.error());
    config.network.extraCaCertificates = tls->extraCaCertificates;
    Result<QList<QByteArray>> idpPins = identityProviderPins(args);
    if (!idpPins)
        return fail(idpPins.error());
    config.network.pinnedSpkiSha256 = *idpPins;

    Result<StoreOptions> options = storeOptions(args);
    if (!options)
        return fail(options.error());
    Result<std::unique_ptr<SessionGate>> gate = sessionGate(args);
    if (!gate)
        return fail(gate.error());
    QString nurse = options->author;
    if (nurse.isEmpty()) {
        Result<QStringList> nurses = (*gate)->nurses();
        if (!nurses)
            return fail(nurses.error());
        if (nurses->size() != 1)
            return usageError(
                QStringLiteral("several nurses use this store: name one with --nurse or CHEVET_NURSE"));
        nurse = nurses->first();
    }
    Result<SessionGateStatus> status = (*gate)->status(nurse);
    if (!status)
        return fail(status.error());
    // The store first, so that a wrong PIN does not cost a sign-in; but a nurse whose PIN period is over
    // or who is locked out (or newly enrolled, security review F3) cannot open it before she signs in.
    const bool signInFirst = status->needsSignIn || status->lockedOut;
    Result<std::unique_ptr<Store>> opened = std::unique_ptr<Store>();
    if (!signInFirst) {
        opened = openStore(args);
        if (!opened)
            return fail(opened.error());
    }

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
    // Only her own account lifts her lockout and starts her PIN period.
    if (tokens->subject != nurse)
        return fail(
            makeError(ValidationError::OtherNurse,
                      QStringLiteral("the identity provider signed in %1, not %2: nothing was changed")
                          .arg(tokens->subject, nurse)));
    if (Status s = (*gate)->recordSignIn(nurse); !s)
        return fail(s.error());
    if (signInFirst) {
        opened = openStore(args);
        if (!opened)
            return fail(opened.error());
    }

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
