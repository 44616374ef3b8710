#include "crypto/digest.h"

#include <QTest>

using namespace chevet;
using namespace chevet::crypto;

class TestDigest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // FIPS 180-2 appendix B.
    void sha256KnownAnswers_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digest");
        QTest::newRow("empty") << QByteArray()
                               << QByteArray::fromHex(
                                      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("abc") << QByteArray("abc")
                             << QByteArray::fromHex(
                                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                  << QByteArray::fromHex(
                                         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    void sha256KnownAnswers()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digest);
        QCOMPARE(sha256(message).toHex(), digest.toHex());
    }

    // RFC 4231 §4. Case 5 is left out: it checks a truncated MAC, which this API does not offer.
    void hmacSha256KnownAnswers_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("mac");
        QTest::newRow("case 1") << QByteArray(20, '\x0b') << QByteArray("Hi There")
                                << QByteArray::fromHex(
                                       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        QTest::newRow("case 2 short key")
            << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
            << QByteArray::fromHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        QTest::newRow("case 3") << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
                                << QByteArray::fromHex(
                                       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
        QTest::newRow("case 4") << QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10111213141516171819")
                                << QByteArray(50, '\xcd')
                                << QByteArray::fromHex(
                                       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
        QTest::newRow("case 6 key over block size")
            << QByteArray(131, '\xaa') << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
            << QByteArray::fromHex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
        QTest::newRow("case 7 key and data over block size")
            << QByteArray(131, '\xaa')
            << QByteArray(
                   "This is a test using a larger than block-size key and a larger than block-size data. "
                   "The key needs to be hashed before being used by the HMAC algorithm.")
            << QByteArray::fromHex("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    }

    void hmacSha256KnownAnswers()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, mac);
        const Result<QByteArray> result = hmacSha256(key, data);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QCOMPARE(result->toHex(), mac.toHex());
    }

    // The keyed object gives the same answers, message after message, whole or in parts.
    void keyedHmacSha256KnownAnswers_data() { hmacSha256KnownAnswers_data(); }

    void keyedHmacSha256KnownAnswers()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, mac);
        HmacSha256 hmac(key);
        for (int round = 0; round < 3; ++round) {
            const Result<QByteArray> whole = hmac.mac(data);
            QVERIFY2(whole.ok(), qPrintable(whole.ok() ? QString() : whole.error().toString()));
            QCOMPARE(whole->toHex(), mac.toHex());
            const qsizetype cut = data.size() / 3;
            const Result<QByteArray> parts = hmac.mac(
                {QByteArrayView(data).first(cut), QByteArrayView(), QByteArrayView(data).sliced(cut)});
            QVERIFY(parts.ok());
            QCOMPARE(parts->toHex(), mac.toHex());
            // Another message in between must not leak into the next one.
            QVERIFY(hmac.mac(QByteArrayLiteral("something else")).ok());
        }
    }

    void hmacSha256AcceptsEmptyKeyAndData()
    {
        HmacSha256 keyed{QByteArray()};
        const Result<QByteArray> viaObject = keyed.mac(QByteArrayView());
        QVERIFY(viaObject.ok());
        QCOMPARE(*viaObject, *hmacSha256(QByteArray(), QByteArray()));

        const Result<QByteArray> result = hmacSha256(QByteArray(), QByteArray());
        QVERIFY(result.ok());
        QCOMPARE(result->size(), kSha256Size);
    }

    // RFC 5869 appendix A, cases 1 to 3 (SHA-256).
    void hkdfSha256KnownAnswers_data()
    {
        QTest::addColumn<QByteArray>("ikm");
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<QByteArray>("info");
        QTest::addColumn<int>("length");
        QTest::addColumn<QByteArray>("okm");
        QTest::newRow("case 1 basic")
            << QByteArray(22, '\x0b') << QByteArray::fromHex("000102030405060708090a0b0c")
            << QByteArray::fromHex("f0f1f2f3f4f5f6f7f8f9") << 42
            << QByteArray::fromHex(
                   "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
        QTest::newRow("case 2 long inputs")
            << QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                                   "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
                                   "404142434445464748494a4b4c4d4e4f")
            << QByteArray::fromHex("606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
                                   "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
                                   "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")
            << QByteArray::fromHex("b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
                                   "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
                                   "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")
            << 82
            << QByteArray::fromHex("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                                   "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                                   "cc30c58179ec3e87c14c01d5c1f3434f1d87");
        QTest::newRow("case 3 no salt no info")
            << QByteArray(22, '\x0b') << QByteArray() << QByteArray() << 42
            << QByteArray::fromHex(
                   "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    void hkdfSha256KnownAnswers()
    {
        QFETCH(QByteArray, ikm);
        QFETCH(QByteArray, salt);
        QFETCH(QByteArray, info);
        QFETCH(int, length);
        QFETCH(QByteArray, okm);
        const Result<QByteArray> result = hkdfSha256(ikm, salt, info, length);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QCOMPARE(result->toHex(), okm.toHex());
    }

    void hkdfSha256RefusesBadLengths_data()
    {
        QTest::addColumn<int>("length");
        QTest::newRow("zero") << 0;
        QTest::newRow("negative") << -1;
        QTest::newRow("over 255 blocks") << 255 * 32 + 1;
    }

    void hkdfSha256RefusesBadLengths()
    {
        QFETCH(int, length);
        const Result<QByteArray> result = hkdfSha256(QByteArray(32, 'k'), {}, {}, length);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().domain, ErrorDomain::Crypto);
        QCOMPARE(result.error().code, ErrorCode(CryptoError::BadLength));
    }
};

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_digest.moc"
