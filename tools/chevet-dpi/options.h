#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace chevet::dpi {

struct ServerOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8080;
    QString dbPath;
    QString seed;        // "demo" or empty
    bool history = true; // --no-history turns the _history interactions off
    // Strict by default, as the strictest real servers; each flag restores the kinder behaviour.
    bool historyNewestFirst = true; // --history-oldest-first
    bool kindAnswers = false;       // --kind-answers: bundle write entries carry the resource
    bool validation = true;         // --no-validation
    bool randomIds = false;         // --random-ids instead of per-type integers
    QString advertisedBase;         // --advertised-base URL for every absolute link
    int maxBundleEntries = 0;       // 0: no cap
    int maxPageSize = 500;          // --max-page-size
    int latencyMs = 0;
    double failRate = 0;
    double dropRate = 0;
    double conflictRate = 0;
    double html413Rate = 0;
    double html502Rate = 0;
    qint64 maxBodyBytes = 0;        // 0: no limit
    bool plainRequestsOnly = false; // --plain-requests-only: 415 to a gzipped request body
    QString poisonIdentifier;
    quint64 faultSeed = 0;
    int clockOffsetSecs = 0; // --clock-offset: the Date header is this far from the real time
    QString token;
    bool idp = false;            // --idp: the development OpenID Connect provider under /auth
    bool forgedIdTokens = false; // --idp-forged-id-tokens: ID tokens signed with an unpublished key
    bool requireAuth = false;    // --require-auth: FHIR needs one of its access tokens
    int tokenLifetimeSecs = 300;
    int refreshLifetimeSecs = 28800;
    QString tlsCert; // PEM certificate (chain) and key: HTTPS instead of HTTP
    QString tlsKey;
    bool quiet = false;
};

struct ParsedOptions
{
    std::optional<ServerOptions> options;
    QString error;  // why the command line was refused (exit code 2)
    QString output; // --help or --version text (exit code 0)
};

ParsedOptions parseOptions(const QStringList &arguments);

} // namespace chevet::dpi
