// Security review F6: an ID token lifts a lockout and starts a nurse's offline window, so its signature is
// checked against the identity provider's published keys (RS256 or ES256), never taken on trust.
#include "crypto/jws.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace chevet::crypto;
using chevet::CryptoError;
using chevet::ErrorCode;

namespace {

QJsonObject claims()
{
    return {{QStringLiteral("iss"), QStringLiteral("https://idp.example")},
            {QStringLiteral("sub"), QStringLiteral("ide-martin")}};
}

QJsonObject setOf(const QList<QJsonObject> &keys)
{
    QJsonArray array;
    for (const QJsonObject &k : keys)
        array.append(k);
    return {{QStringLiteral("keys"), array}};
}

QByteArray part(const QJsonObject &object)
{
    return QJsonDocument(object)
        .toJson(QJsonDocument::Compact)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// The error's code; the default code (CoreError::Unknown) for a signature that checks out.
chevet::ErrorCode errorCode(const chevet::Status &s)
{
    return s ? chevet::ErrorCode() : s.error().code;
}

} // namespace

class TestJws : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signedTokensVerify_data()
    {
        QTest::addColumn<int>("algorithm");
        QTest::newRow("ES256") << int(JwsAlgorithm::Es256);
        QTest::newRow("RS256") << int(JwsAlgorithm::Rs256);
    }
    void signedTokensVerify()
    {
        QFETCH(int, algorithm);
        auto key = JwsSigningKey::generate(JwsAlgorithm(algorithm), "k1");
        QVERIFY(key);
        auto other = JwsSigningKey::generate(JwsAlgorithm::Es256, "k2");
        QVERIFY(other);
        const auto token = key->sign(claims(), "JWT");
        QVERIFY(token);
        QVERIFY2(verifyJws(*token, setOf({other->publicJwk(), key->publicJwk()})),
                 qPrintable(errorCode(verifyJws(*token, setOf({key->publicJwk()}))).name()));

        // The claims changed after signing (another nurse's id): refused.
        QList<QByteArray> parts = token->split('.');
        QJsonObject forged = claims();
        forged.insert(QStringLiteral("sub"), QStringLiteral("ide-bernard"));
        parts[1] = part(forged);
        QCOMPARE(errorCode(verifyJws(parts.join('.'), setOf({key->publicJwk()}))),
                 ErrorCode(CryptoError::BadSignature));
    }

    void aTokenSignedByAnotherKeyIsRefused()
    {
        auto key = JwsSigningKey::generate(JwsAlgorithm::Es256, "k1");
        auto impostor = JwsSigningKey::generate(JwsAlgorithm::Es256, "k1"); // same kid, other key
        QVERIFY(key && impostor);
        const auto token = impostor->sign(claims(), "JWT");
        QVERIFY(token);
        QCOMPARE(errorCode(verifyJws(*token, setOf({key->publicJwk()}))),
                 ErrorCode(CryptoError::BadSignature));
        auto elsewhere = JwsSigningKey::generate(JwsAlgorithm::Es256, "k9");
        const auto unknown = elsewhere->sign(claims(), "JWT");
        QCOMPARE(errorCode(verifyJws(*unknown, setOf({key->publicJwk()}))),
                 ErrorCode(CryptoError::UnknownKey));
        QCOMPARE(errorCode(verifyJws(*token, QJsonObject())), ErrorCode(CryptoError::UnknownKey));
    }

    // "none", an HMAC under the public key (algorithm confusion), and a header that names ES256 for an RSA
    // key are all refused.
    void onlyRs256AndEs256WithTheirOwnKindOfKey_data()
    {
        QTest::addColumn<QString>("alg");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("none") << QStringLiteral("none") << ErrorCode(CryptoError::UnsupportedAlg);
        QTest::newRow("HS256") << QStringLiteral("HS256") << ErrorCode(CryptoError::UnsupportedAlg);
        QTest::newRow("ES256 for an RSA key")
            << QStringLiteral("ES256") << ErrorCode(CryptoError::BadSignature);
    }
    void onlyRs256AndEs256WithTheirOwnKindOfKey()
    {
        QFETCH(QString, alg);
        QFETCH(ErrorCode, code);
        auto rsa = JwsSigningKey::generate(JwsAlgorithm::Rs256, "r1");
        QVERIFY(rsa);
        const auto genuine = rsa->sign(claims(), "JWT");
        QVERIFY(genuine);
        QList<QByteArray> parts = genuine->split('.');
        parts[0] = part({{QStringLiteral("alg"), alg}, {QStringLiteral("kid"), QStringLiteral("r1")}});
        if (alg == QLatin1String("none"))
            parts[2].clear();
        const ErrorCode got = errorCode(verifyJws(parts.join('.'), setOf({rsa->publicJwk()})));
        // An RS256 signature is not 64 bytes: refused as malformed before any key is tried.
        QVERIFY2(got == code || (code == CryptoError::BadSignature && got == CryptoError::UnknownKey),
                 qPrintable(got.name()));
    }

    void malformedTokensAreRefused()
    {
        auto key = JwsSigningKey::generate(JwsAlgorithm::Es256, "k1");
        QVERIFY(key);
        for (const QByteArray &bad :
             {QByteArray(), QByteArray("a.b"), QByteArray("!!.e30.AA"), QByteArray("e30.e30.!!")})
            QCOMPARE(errorCode(verifyJws(bad, setOf({key->publicJwk()}))), ErrorCode(CryptoError::BadJws));
        // One token, one spelling: padding in the signature is refused.
        const auto token = key->sign(claims(), "JWT");
        QVERIFY(token);
        QVERIFY(verifyJws(*token, setOf({key->publicJwk()})));
        QCOMPARE(errorCode(verifyJws(*token + "=", setOf({key->publicJwk()}))),
                 ErrorCode(CryptoError::BadJws));
        // A critical extension this verifier does not know.
        QList<QByteArray> parts = token->split('.');
        parts[0] = part({{QStringLiteral("alg"), QStringLiteral("ES256")},
                         {QStringLiteral("kid"), QStringLiteral("k1")},
                         {QStringLiteral("crit"), QJsonArray{QStringLiteral("exp")}}});
        QCOMPARE(errorCode(verifyJws(parts.join('.'), setOf({key->publicJwk()}))),
                 ErrorCode(CryptoError::BadJws));
    }

    // A published RSA key with exponent 1 would make any "signature" verify against its own padding.
    void anRsaKeyWithATrivialExponentIsNoKey()
    {
        auto rsa = JwsSigningKey::generate(JwsAlgorithm::Rs256, "r1");
        QVERIFY(rsa);
        const auto token = rsa->sign(claims(), "JWT");
        QVERIFY(token);
        QJsonObject jwk = rsa->publicJwk();
        jwk.insert(QStringLiteral("e"), QStringLiteral("AQ")); // 1
        QCOMPARE(errorCode(verifyJws(*token, setOf({jwk}))), ErrorCode(CryptoError::UnknownKey));
    }
};

QTEST_GUILESS_MAIN(TestJws)
#include "tst_jws.moc"
