#include "options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QUrl>

namespace chevet::dpi {

namespace {

QCommandLineOption option(const char *name, const char *description, const char *valueName = nullptr)
{
    if (!valueName)
        return QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(description));
    return QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(description),
                              QString::fromLatin1(valueName));
}

std::optional<double> rate(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < 0 || value > 1)
        return std::nullopt;
    return value;
}

// "127.0.0.1:8080", "[::1]:8080", "localhost:0".
bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint number = text.mid(colon + 1).toUInt(&ok);
    if (!ok || number > 65535)
        return false;
    if (host == QLatin1String("localhost"))
        *address = QHostAddress(QHostAddress::LocalHost);
    else if (!address->setAddress(host))
        return false;
    *port = quint16(number);
    return true;
}

} // namespace

ParsedOptions parseOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Stand-in central patient record (DPI): a small FHIR R4 server for development, demos and tests.\n"
        "Base URL http://HOST:PORT/fhir (https:// with --tls-cert and --tls-key). Synthetic data only: never "
        "point it at real patients."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption listen =
        option("listen", "Address and port, e.g. 127.0.0.1:8080 (port 0: any free port).", "host:port");
    const QCommandLineOption allowRemote =
        option("allow-remote", "Allow listening on a non-loopback address.");
    const QCommandLineOption db =
        option("db", "SQLite database file (created if missing; \":memory:\" for none).", "file");
    const QCommandLineOption seed = option("seed", "Load a data set into an empty database: demo.", "name");
    const QCommandLineOption noHistory =
        option("no-history", "Act as a server without _history (search only).");
    const QCommandLineOption newestFirst = option(
        "history-newest-first", "Order _history newest first, as the specification says (the default).");
    const QCommandLineOption oldestFirst =
        option("history-oldest-first", "Kind: order _history oldest first (default: newest first).");
    const QCommandLineOption kindAnswers =
        option("kind-answers", "Kind: transaction and batch write entries carry the resource even without "
                               "Prefer: return=representation.");
    const QCommandLineOption noValidation =
        option("no-validation", "Kind: accept resources that break FHIR R4 rules (unknown elements, missing "
                                "required elements, invariants such as mad-1).");
    const QCommandLineOption randomIds =
        option("random-ids", "Kind: 16-character random ids, unique across types (default: integers per "
                             "type, 1, 2, 3..., as HAPI).");
    const QCommandLineOption advertisedBase =
        option("advertised-base",
               "Use this base URL in every absolute link (next, self, Location, fullUrl), as a server behind "
               "a proxy that does not know its public address, e.g. http://localhost:9/fhir.",
               "url");
    const QCommandLineOption maxEntries =
        option("max-bundle-entries", "Refuse transactions and batches with more entries (413).", "n");
    const QCommandLineOption maxPageSize = option(
        "max-page-size", "Serve searches and histories in pages of at most this many entries (500).", "n");
    const QCommandLineOption latency =
        option("latency", "Delay every answer by this many milliseconds.", "ms");
    const QCommandLineOption failRate =
        option("fail-rate", "Share of requests answered 503 before anything is done.", "r");
    const QCommandLineOption dropRate =
        option("drop-rate",
               "Share of requests processed and committed, then left unanswered (connection closed).", "r");
    const QCommandLineOption conflictRate = option(
        "conflict-rate", "Share of requests answered 409 (version contention) before anything is done.", "r");
    const QCommandLineOption html413Rate = option(
        "html-413-rate", "Share of bundle POSTs answered 413 with an HTML page, as a proxy would.", "r");
    const QCommandLineOption html502Rate =
        option("html-502-rate", "Share of requests answered 502 with an HTML page, as a proxy would.", "r");
    const QCommandLineOption maxBodyBytes =
        option("max-body-bytes",
               "Answer a request body larger than this 413 with an HTML page (as nginx's "
               "client_max_body_size).",
               "n");
    const QCommandLineOption poisonIdentifier =
        option("poison-identifier",
               "Answer 500 to any write of a resource with this identifier value (a server bug on one "
               "record): the whole transaction, or that batch entry.",
               "value");
    const QCommandLineOption clockOffset =
        option("clock-offset",
               "Shift the Date header by this many seconds (a DPI whose clock differs from the tablets').",
               "seconds");
    const QCommandLineOption faultSeed =
        option("fault-seed", "Seed for the fault draws (default: the time).", "n");
    const QCommandLineOption token =
        option("token", "Require Authorization: Bearer <token> (except on /metadata).", "t");
    const QCommandLineOption idp = option(
        "idp", "Serve a development OpenID Connect provider (/.well-known/openid-configuration, /auth/...).");
    const QCommandLineOption requireAuth =
        option("require-auth", "FHIR requests (but /metadata) need an access token from --idp.");
    const QCommandLineOption tokenLifetime =
        option("token-lifetime", "Lifetime of --idp access tokens in seconds (default 300).", "seconds");
    const QCommandLineOption refreshLifetime =
        option("refresh-lifetime", "Lifetime of --idp refresh tokens in seconds (default 28800).", "seconds");
    const QCommandLineOption forgedIdTokens =
        option("idp-forged-id-tokens",
               "Test fault: --idp signs ID tokens with a key it does not publish (a forged sign-in).");
    const QCommandLineOption tlsCert =
        option("tls-cert", "Serve HTTPS (TLS 1.2 or later) with this PEM certificate (chain first).", "file");
    const QCommandLineOption tlsKey =
        option("tls-key", "The PEM private key of --tls-cert (unencrypted).", "file");
    const QCommandLineOption quiet = option("quiet", "No per-request log lines.");
    const QCommandLineOption plainRequestsOnly =
        option("plain-requests-only", "Answer 415 to a request body sent with Content-Encoding: gzip, as "
                                      "servers that do not decode request bodies do.");
    parser.addOptions({listen,
                       allowRemote,
                       db,
                       seed,
                       noHistory,
                       newestFirst,
                       oldestFirst,
                       kindAnswers,
                       noValidation,
                       randomIds,
                       advertisedBase,
                       maxEntries,
                       latency,
                       failRate,
                       dropRate,
                       conflictRate,
                       html413Rate,
                       html502Rate,
                       maxBodyBytes,
                       poisonIdentifier,
                       faultSeed,
                       token,
                       idp,
                       requireAuth,
                       tokenLifetime,
                       refreshLifetime,
                       forgedIdTokens,
                       tlsCert,
                       tlsKey,
                       quiet,
                       clockOffset,
                       plainRequestsOnly,
                       maxPageSize});

    ParsedOptions parsed;
    if (!parser.parse(arguments)) {
        parsed.error = parser.errorText();
        return parsed;
    }
    if (parser.isSet(help)) {
        parsed.output = parser.helpText();
        return parsed;
    }
    if (parser.isSet(version)) {
        parsed.output =
            QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion();
        return parsed;
    }
    if (!parser.positionalArguments().isEmpty()) {
        parsed.error = QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first());
        return parsed;
    }

    ServerOptions options;
    if (parser.isSet(listen) && !parseListen(parser.value(listen), &options.address, &options.port)) {
        parsed.error = QStringLiteral("--listen needs host:port, e.g. 127.0.0.1:8080");
        return parsed;
    }
    if (!options.address.isLoopback() && !parser.isSet(allowRemote)) {
        parsed.error =
            QStringLiteral("--listen %1 is not a loopback address; add --allow-remote if you mean it "
                           "(this is a test server)")
                .arg(parser.value(listen));
        return parsed;
    }
    options.dbPath = parser.value(db);
    if (options.dbPath.isEmpty()) {
        parsed.error = QStringLiteral("--db FILE is required");
        return parsed;
    }
    options.seed = parser.value(seed);
    if (!options.seed.isEmpty() && options.seed != QLatin1String("demo")) {
        parsed.error = QStringLiteral("--seed knows one data set: demo");
        return parsed;
    }
    options.history = !parser.isSet(noHistory);
    if (parser.isSet(newestFirst) && parser.isSet(oldestFirst)) {
        parsed.error =
            QStringLiteral("--history-newest-first and --history-oldest-first contradict each other");
        return parsed;
    }
    options.historyNewestFirst = !parser.isSet(oldestFirst);
    options.kindAnswers = parser.isSet(kindAnswers);
    options.plainRequestsOnly = parser.isSet(plainRequestsOnly);
    options.validation = !parser.isSet(noValidation);
    options.randomIds = parser.isSet(randomIds);
    if (parser.isSet(advertisedBase)) {
        QString base = parser.value(advertisedBase);
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        const QUrl url(base, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            parsed.error = QStringLiteral("--advertised-base needs an absolute http(s) URL, e.g. "
                                          "http://localhost:9/fhir");
            return parsed;
        }
        options.advertisedBase = base;
    }
    options.poisonIdentifier = parser.value(poisonIdentifier);
    if (parser.isSet(poisonIdentifier) && options.poisonIdentifier.isEmpty()) {
        parsed.error = QStringLiteral("--poison-identifier needs a value");
        return parsed;
    }
    bool ok = true;
    if (parser.isSet(clockOffset)) {
        options.clockOffsetSecs = parser.value(clockOffset).toInt(&ok);
        if (!ok) {
            parsed.error = QStringLiteral("--clock-offset needs a whole number of seconds");
            return parsed;
        }
    }
    if (parser.isSet(maxBodyBytes)) {
        options.maxBodyBytes = parser.value(maxBodyBytes).toLongLong(&ok);
        if (!ok || options.maxBodyBytes < 1) {
            parsed.error = QStringLiteral("--max-body-bytes needs a whole number >= 1");
            return parsed;
        }
    }
    if (parser.isSet(maxEntries)) {
        options.maxBundleEntries = parser.value(maxEntries).toInt(&ok);
        if (!ok || options.maxBundleEntries < 1) {
            parsed.error = QStringLiteral("--max-bundle-entries needs a whole number >= 1");
            return parsed;
        }
    }
    if (parser.isSet(maxPageSize)) {
        options.maxPageSize = parser.value(maxPageSize).toInt(&ok);
        if (!ok || options.maxPageSize < 1) {
            parsed.error = QStringLiteral("--max-page-size needs a whole number >= 1");
            return parsed;
        }
    }
    if (parser.isSet(latency)) {
        options.latencyMs = parser.value(latency).toInt(&ok);
        if (!ok || options.latencyMs < 0) {
            parsed.error = QStringLiteral("--latency needs milliseconds >= 0");
            return parsed;
        }
    }
    for (const auto &[flag, target] :
         {std::pair{&failRate, &options.failRate}, std::pair{&dropRate, &options.dropRate},
          std::pair{&conflictRate, &options.conflictRate}, std::pair{&html413Rate, &options.html413Rate},
          std::pair{&html502Rate, &options.html502Rate}}) {
        if (!parser.isSet(*flag))
            continue;
        const auto value = rate(parser.value(*flag));
        if (!value) {
            parsed.error = QStringLiteral("--%1 needs a number between 0 and 1").arg(flag->names().first());
            return parsed;
        }
        *target = *value;
    }
    options.faultSeed = quint64(QDateTime::currentMSecsSinceEpoch());
    if (parser.isSet(faultSeed)) {
        options.faultSeed = parser.value(faultSeed).toULongLong(&ok);
        if (!ok) {
            parsed.error = QStringLiteral("--fault-seed needs a whole number");
            return parsed;
        }
    }
    options.token = parser.value(token);
    options.idp = parser.isSet(idp);
    options.forgedIdTokens = parser.isSet(forgedIdTokens);
    options.requireAuth = parser.isSet(requireAuth);
    if (options.requireAuth && !options.idp) {
        parsed.error = QStringLiteral("--require-auth needs --idp (the provider of the access tokens)");
        return parsed;
    }
    for (const auto &[flag, target] : {std::pair{&tokenLifetime, &options.tokenLifetimeSecs},
                                       std::pair{&refreshLifetime, &options.refreshLifetimeSecs}}) {
        if (!parser.isSet(*flag))
            continue;
        if (!options.idp) {
            parsed.error = QStringLiteral("--%1 needs --idp").arg(flag->names().first());
            return parsed;
        }
        *target = parser.value(*flag).toInt(&ok);
        if (!ok || *target < 1) {
            parsed.error =
                QStringLiteral("--%1 needs a whole number of seconds >= 1").arg(flag->names().first());
            return parsed;
        }
    }
    options.tlsCert = parser.value(tlsCert);
    options.tlsKey = parser.value(tlsKey);
    if (options.tlsCert.isEmpty() != options.tlsKey.isEmpty()) {
        parsed.error = QStringLiteral("--tls-cert and --tls-key go together");
        return parsed;
    }
    options.quiet = parser.isSet(quiet);
    parsed.options = options;
    return parsed;
}

} // namespace chevet::dpi
