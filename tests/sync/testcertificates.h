#pragma once

// Certificates made at test time with OpenSSL: a CA and a server certificate for 127.0.0.1, so HTTPS
// suites need no files in the repository and nothing expires.
#include <QByteArray>
#include <QFile>
#include <QString>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace chevet::test {

struct TestPKeyFree
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct TestX509Free
{
    void operator()(X509 *p) const { X509_free(p); }
};
using TestKey = std::unique_ptr<EVP_PKEY, TestPKeyFree>;
using TestCert = std::unique_ptr<X509, TestX509Free>;

// An EC P-256 key.
inline TestKey makeTestKey()
{
    return TestKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

inline bool addTestExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    const bool ok = ext && X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

// Valid from an hour ago for a day; self-signed when `issuer` is null; a server certificate names
// 127.0.0.1.
inline TestCert makeTestCert(EVP_PKEY *key, const char *commonName, long serial, X509 *issuer,
                             EVP_PKEY *issuerKey, bool ca)
{
    TestCert cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1 ||
        ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial) != 1 ||
        !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600) || X509_set_pubkey(cert.get(), key) != 1)
        return nullptr;
    X509_NAME *name = X509_get_subject_name(cert.get());
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0) != 1)
        return nullptr;
    X509 *signer = issuer ? issuer : cert.get();
    if (X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) != 1)
        return nullptr;
    const bool extensionsOk =
        ca ? addTestExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE") &&
                 addTestExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign")
           : addTestExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE") &&
                 addTestExtension(cert.get(), signer, NID_ext_key_usage, "serverAuth") &&
                 addTestExtension(cert.get(), signer, NID_subject_alt_name, "IP:127.0.0.1");
    if (!extensionsOk || X509_sign(cert.get(), issuerKey, EVP_sha256()) <= 0)
        return nullptr;
    return cert;
}

inline QByteArray testPem(X509 *cert, EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    const bool ok =
        bio && (cert ? PEM_write_bio_X509(bio, cert) == 1
                     : PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1);
    char *data = nullptr;
    const long size = ok ? BIO_get_mem_data(bio, &data) : 0;
    QByteArray pem(data, qsizetype(size));
    BIO_free(bio);
    return pem;
}

// A CA and a server certificate signed by it, written as PEM files in `folder`: ca.pem, server.pem,
// server.key. False if anything failed.
inline bool writeTestCertificates(const QString &folder)
{
    TestKey caKey = makeTestKey();
    TestKey serverKey = makeTestKey();
    if (!caKey || !serverKey)
        return false;
    TestCert ca = makeTestCert(caKey.get(), "Chevet test CA", 1, nullptr, caKey.get(), true);
    if (!ca)
        return false;
    TestCert server = makeTestCert(serverKey.get(), "127.0.0.1", 2, ca.get(), caKey.get(), false);
    if (!server)
        return false;
    const auto write = [&folder](const char *name, const QByteArray &data) {
        QFile file(folder + QLatin1Char('/') + QLatin1String(name));
        return !data.isEmpty() && file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
    };
    return write("ca.pem", testPem(ca.get(), nullptr)) &&
           write("server.pem", testPem(server.get(), nullptr)) &&
           write("server.key", testPem(nullptr, serverKey.get()));
}

} // namespace chevet::test
