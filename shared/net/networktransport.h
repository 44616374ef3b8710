#pragma once

#include "core/buildmode.h"
#include "http.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QUrl>

class QNetworkAccessManager;

namespace chevet {

struct NetworkOptions
{
    QUrl baseUrl;                               // e.g. https://dpi.example/fhir
    QByteArray bearerToken;                     // never logged
    QList<QByteArray> pinnedSpkiSha256;         // optional SPKI pins (SHA-256 of the public key, raw bytes)
    QList<QSslCertificate> extraCaCertificates; // e.g. a test CA; system CAs stay trusted
};

// HTTP over an injected QNetworkAccessManager (which must live in the calling thread): TLS 1.2 or
// later only, optional SPKI pinning, bearer token, gzip both ways (answers: Qt negotiates and inflates
// them; requests: compressed until the DPI refuses one it takes plain), timeouts.
// Plain http:// is refused except to loopback, for development.
class NetworkTransport final : public Transport
{
public:
    NetworkTransport(QNetworkAccessManager &manager, NetworkOptions options);

    // https anywhere; plain http only to this machine, and only in a development build.
    static Status checkUrl(const QUrl &url, BuildMode mode = kBuildMode);

    Result<HttpResponse> exchange(const HttpRequest &request) override;
    QString baseUrl() const override;
    // Reads (no body) go out at once and are read by the manager's thread while the caller works. The
    // pending exchange must not outlive this transport.
    std::unique_ptr<PendingExchange> start(const HttpRequest &request) override;
    void setBearerToken(const QByteArray &token) { m_options.bearerToken = token; }
    // Whether request bodies still go gzipped: until the DPI refuses one that it takes plain.
    bool gzipsRequests() const { return m_gzipRequests; }

    struct InFlight;

private:
    Result<HttpResponse> transfer(const HttpRequest &request, bool gzipBody);
    Result<std::unique_ptr<InFlight>> send(const HttpRequest &request, bool gzipBody);
    Result<HttpResponse> await(InFlight &flight);

    QNetworkAccessManager &m_manager;
    NetworkOptions m_options;
    bool m_gzipRequests = true;
};

} // namespace chevet
