// NetworkTransport against chevet-dpi over HTTPS, with a CA and certificates made at test time:
// an unknown CA and a pinned-key mismatch are refused, a trusted or correctly pinned server is accepted,
// and a whole SyncRun works over TLS.
#include "../standindpi.h"
#include "net/networktransport.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "syncfixture.h"

#include <QCryptographicHash>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace chevet;

namespace {

struct PKeyFree
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct PKeyCtxFree
{
    void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); }
};
struct X509Free
{
    void operator()(X509 *p) const { X509_free(p); }
};
struct ExtensionFree
{
    void operator()(X509_EXTENSION *p) const { X509_EXTENSION_free(p); }
};
struct BioFree
{
    void operator()(BIO *p) const { BIO_free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, PKeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

// An EC P-256 key.
PKey makeKey()
{
    std::unique_ptr<EVP_PKEY_CTX, PKeyCtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0 || EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256") <= 0)
        return nullptr;
    EVP_PKEY *key = nullptr;
    if (EVP_PKEY_generate(ctx.get(), &key) <= 0)
        return nullptr;
    return PKey(key);
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    std::unique_ptr<X509_EXTENSION, ExtensionFree> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

// A certificate for `key`, valid from an hour ago for a day, signed by issuerKey (self-signed when
// issuer is null).
Cert makeCert(EVP_PKEY *key, const char *commonName, long serial, X509 *issuer, EVP_PKEY *issuerKey, bool ca)
{
    Cert cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1 ||
        ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial) != 1 ||
        !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600) || X509_set_pubkey(cert.get(), key) != 1)
        return nullptr;
    X509_NAME *name = X509_get_subject_name(cert.get());
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>("Chevet tests"), -1, -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0) != 1)
        return nullptr;
    X509 *signer = issuer ? issuer : cert.get();
    if (X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) != 1)
        return nullptr;
    const bool extensionsOk =
        ca ? addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE") &&
                 addExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign") &&
                 addExtension(cert.get(), signer, NID_subject_key_identifier, "hash")
           : addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE") &&
                 addExtension(cert.get(), signer, NID_key_usage, "critical,digitalSignature") &&
                 addExtension(cert.get(), signer, NID_ext_key_usage, "serverAuth") &&
                 addExtension(cert.get(), signer, NID_subject_alt_name, "IP:127.0.0.1");
    if (!extensionsOk)
        return nullptr;
    if (X509_sign(cert.get(), issuerKey, EVP_sha256()) <= 0)
        return nullptr;
    return cert;
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

QByteArray certPem(X509 *cert)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return {};
    return bioBytes(bio.get());
}

QByteArray keyPem(EVP_PKEY *key)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return bioBytes(bio.get());
}

// SHA-256 of the key's SubjectPublicKeyInfo DER, computed by OpenSSL.
QByteArray spkiSha256(EVP_PKEY *key)
{
    unsigned char *der = nullptr;
    const int size = i2d_PUBKEY(key, &der);
    if (size <= 0)
        return {};
    const QByteArray hash = QCryptographicHash::hash(QByteArray(reinterpret_cast<const char *>(der), size),
                                                     QCryptographicHash::Sha256);
    OPENSSL_free(der);
    return hash;
}

// The same computation as NetworkTransport: SHA-256 of Qt's DER of the certificate's public key.
QByteArray qtSpkiSha256(const QSslCertificate &cert)
{
    return QCryptographicHash::hash(cert.publicKey().toDer(), QCryptographicHash::Sha256);
}

bool writePem(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// chevet-dpi over HTTPS.
class HttpsDpi
{
public:
    HttpsDpi(const QString &folder, const QString &cert, const QString &key)
    {
        m_dpi.start(folder + QStringLiteral("/dpi.sqlite"),
                    {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key});
    }

    QUrl base() const { return m_dpi.baseUrl(); }
    QString firstLine() const { return m_dpi.firstLine(); }

private:
    StandInDpi m_dpi;
};

// A DpiHarness that gives the engine an HTTPS NetworkTransport trusting the test CA.
class HttpsHarness final : public DpiHarness
{
public:
    HttpsHarness(const QUrl &base, const QList<QSslCertificate> &cas)
    {
        m_options.baseUrl = base;
        m_options.extraCaCertificates = cas;
    }

    std::unique_ptr<Transport> transport() override
    {
        return std::make_unique<NetworkTransport>(m_manager, m_options);
    }

    HttpResponse direct(const QByteArray &method, const QString &target, const QByteArray &body,
                        const QList<QPair<QByteArray, QByteArray>> &headers) override
    {
        NetworkTransport transport(m_manager, m_options);
        HttpRequest request;
        request.method = method;
        request.target = target;
        request.body = body;
        request.headers = headers;
        Result<HttpResponse> response = transport.exchange(request);
        if (!response)
            qFatal("chevet-dpi over https did not answer: %s", qPrintable(response.error().toString()));
        return *response;
    }

    QUrl baseUrl() const override { return m_options.baseUrl; }

private:
    QNetworkAccessManager m_manager;
    NetworkOptions m_options;
};

HttpRequest metadata()
{
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.target = QStringLiteral("metadata");
    return request;
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QSslCertificate m_ca;
    QSslCertificate m_otherCa;
    QByteArray m_serverPin;
    QByteArray m_otherPin;
    std::unique_ptr<HttpsDpi> m_dpi;
    QNetworkAccessManager m_manager; // one for every case: a reused connection must be checked too

    Result<HttpResponse> fetch(const QList<QSslCertificate> &cas, const QList<QByteArray> &pins = {})
    {
        NetworkOptions options;
        options.baseUrl = m_dpi->base();
        options.extraCaCertificates = cas;
        options.pinnedSpkiSha256 = pins;
        NetworkTransport transport(m_manager, options);
        return transport.exchange(metadata());
    }

private Q_SLOTS:
    void initTestCase()
    {
        quietStoreInfoLogs();
        // Debian's Qt ships the OpenSSL backend: without it the checks below would prove nothing.
        QVERIFY2(QSslSocket::supportsSsl(), "no TLS backend in Qt");
        QVERIFY(m_dir.isValid());

        const PKey caKey = makeKey();
        const PKey serverKey = makeKey();
        const PKey otherCaKey = makeKey();
        const PKey strangerKey = makeKey();
        QVERIFY(caKey && serverKey && otherCaKey && strangerKey);
        const Cert ca = makeCert(caKey.get(), "Chevet test CA", 1, nullptr, caKey.get(), true);
        const Cert otherCa =
            makeCert(otherCaKey.get(), "Chevet other CA", 2, nullptr, otherCaKey.get(), true);
        QVERIFY(ca && otherCa);
        const Cert server = makeCert(serverKey.get(), "127.0.0.1", 3, ca.get(), caKey.get(), false);
        QVERIFY(server);

        const QString certPath = m_dir.filePath(QStringLiteral("server.pem"));
        const QString keyPath = m_dir.filePath(QStringLiteral("server.key"));
        QVERIFY(writePem(certPath, certPem(server.get())));
        QVERIFY(writePem(keyPath, keyPem(serverKey.get())));
        QVERIFY(writePem(m_dir.filePath(QStringLiteral("ca.pem")), certPem(ca.get())));
        m_ca = QSslCertificate(certPem(ca.get()), QSsl::Pem);
        m_otherCa = QSslCertificate(certPem(otherCa.get()), QSsl::Pem);
        QVERIFY(!m_ca.isNull() && !m_otherCa.isNull());

        // The pin NetworkTransport computes is the SPKI SHA-256 that OpenSSL (and HPKP tooling) computes.
        m_serverPin = spkiSha256(serverKey.get());
        m_otherPin = spkiSha256(strangerKey.get());
        QCOMPARE(m_serverPin.size(), 32);
        QCOMPARE(qtSpkiSha256(QSslCertificate(certPem(server.get()), QSsl::Pem)), m_serverPin);

        m_dpi = std::make_unique<HttpsDpi>(m_dir.path(), certPath, keyPath);
        QVERIFY2(m_dpi->base().isValid(), qPrintable(m_dpi->firstLine()));
        QVERIFY2(m_dpi->firstLine().startsWith(QLatin1String("chevet-dpi listening on https://127.0.0.1:")),
                 qPrintable(m_dpi->firstLine()));
    }

    void unknownCaIsRefused()
    {
        const Result<HttpResponse> answer = fetch({});
        QVERIFY(!answer);
        QCOMPARE(answer.error().code, ErrorCode(NetError::TlsFailed));
    }

    void otherCaIsRefused()
    {
        const Result<HttpResponse> answer = fetch({m_otherCa});
        QVERIFY(!answer);
        QCOMPARE(answer.error().code, ErrorCode(NetError::TlsFailed));
    }

    void trustedCaIsAccepted()
    {
        const Result<HttpResponse> answer = fetch({m_ca});
        QVERIFY2(answer, answer ? "" : qPrintable(answer.error().toString()));
        QCOMPARE(answer->status, 200);
        QVERIFY(answer->body.contains("CapabilityStatement"));

        // A stricter request right after must not ride the trusted connection left open.
        const Result<HttpResponse> untrusted = fetch({});
        QVERIFY(!untrusted);
        QCOMPARE(untrusted.error().code, ErrorCode(NetError::TlsFailed));
    }

    void pinMismatchIsRefused()
    {
        // Twice: the second may travel on a connection the first (or trustedCaIsAccepted) left open.
        for (int attempt = 0; attempt < 2; ++attempt) {
            const Result<HttpResponse> answer = fetch({m_ca}, {m_otherPin});
            QVERIFY(!answer);
            QCOMPARE(answer.error().code, ErrorCode(NetError::PinMismatch));
        }
    }

    void rightPinIsAccepted()
    {
        for (int attempt = 0; attempt < 2; ++attempt) {
            const Result<HttpResponse> answer = fetch({m_ca}, {m_otherPin, m_serverPin});
            QVERIFY2(answer, answer ? "" : qPrintable(answer.error().toString()));
            QCOMPARE(answer->status, 200);
        }
        // And a wrong pin right after a good exchange on the same manager.
        const Result<HttpResponse> refused = fetch({m_ca}, {m_otherPin});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode(NetError::PinMismatch));
    }

    void insecureUrlsAreRefused()
    {
        const Status remoteHttp = NetworkTransport::checkUrl(QUrl(QStringLiteral("http://dpi.example/fhir")));
        QVERIFY(!remoteHttp);
        QCOMPARE(remoteHttp.error().code, ErrorCode(NetError::InsecureUrl));
        const Status remoteIpHttp = NetworkTransport::checkUrl(QUrl(QStringLiteral("http://192.0.2.7/fhir")));
        QVERIFY(!remoteIpHttp);
        QCOMPARE(remoteIpHttp.error().code, ErrorCode(NetError::InsecureUrl));
        QVERIFY(NetworkTransport::checkUrl(QUrl(QStringLiteral("https://dpi.example/fhir"))));
        QVERIFY(NetworkTransport::checkUrl(QUrl(QStringLiteral("http://127.0.0.1:8080/fhir"))));
        // Security review F13: plain http to loopback is a development convenience; a production build
        // (CHEVET_DEVELOPMENT=OFF) refuses it too: on Android any app can listen on 127.0.0.1.
        const Status production = NetworkTransport::checkUrl(
            QUrl(QStringLiteral("http://127.0.0.1:8080/fhir")), BuildMode::Production);
        QVERIFY(!production);
        QCOMPARE(production.error().code, ErrorCode(NetError::InsecureUrl));
        QVERIFY(NetworkTransport::checkUrl(QUrl(QStringLiteral("https://127.0.0.1:8443/fhir")),
                                           BuildMode::Production));
        QVERIFY(NetworkTransport::checkUrl(QUrl(QStringLiteral("http://localhost/fhir")),
                                           BuildMode::Development));

        // exchange() refuses before any connection is tried.
        NetworkOptions options;
        options.baseUrl = QUrl(QStringLiteral("http://dpi.example/fhir"));
        NetworkTransport transport(m_manager, options);
        const Result<HttpResponse> answer = transport.exchange(metadata());
        QVERIFY(!answer);
        QCOMPARE(answer.error().code, ErrorCode(NetError::InsecureUrl));
    }

    void syncRunsOverTls()
    {
        HttpsHarness dpi(m_dpi->base(), {m_ca});
        Device device;
        Result<Patient> patient =
            addPatient(*device.store, QStringLiteral("710001"), nirWithKey(QStringLiteral("1480375123456")));
        QVERIFY2(patient, qPrintable(errorText(patient)));
        Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, normalVitals());
        QVERIFY(entry);

        Result<SyncOutcome> outcome = device.sync(dpi);
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        QCOMPARE(outcome->counts.pushed, 1 + entry->observations.size());
        QCOMPARE(device.counts().pending, 0);

        const QHash<QString, int> patients = identifierCounts(dpi.all(QStringLiteral("Patient")));
        QCOMPARE(patients.value(clientIdentifier(patient->id)), 1);
        const QHash<QString, int> observations = identifierCounts(dpi.all(QStringLiteral("Observation")));
        for (const Observation &o : entry->observations)
            QCOMPARE(observations.value(clientIdentifier(o.meta.id)), 1);
    }

    void cleanupTestCase() { m_dpi.reset(); }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
