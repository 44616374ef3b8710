#include "crypto/aesgcm.h"

#include <QTest>

using namespace chevet;
using namespace chevet::crypto;

namespace {

const QByteArray kSpecKey =
    QByteArray::fromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
const QByteArray kSpecNonce = QByteArray::fromHex("cafebabefacedbaddecaf888");
const QByteArray kSpecPlaintext =
    QByteArray::fromHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                        "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
const QByteArray kSpecCiphertext =
    QByteArray::fromHex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                        "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad");
const QByteArray kSpecAad = QByteArray::fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");

QByteArray flipped(QByteArray bytes, qsizetype index)
{
    bytes[index] = char(bytes.at(index) ^ 0x01);
    return bytes;
}

} // namespace

class TestAesGcm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // McGrew & Viega, "The Galois/Counter Mode of Operation", appendix B, test cases 13 to 16 (256-bit key).
    void knownAnswers_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("nonce");
        QTest::addColumn<QByteArray>("plaintext");
        QTest::addColumn<QByteArray>("aad");
        QTest::addColumn<QByteArray>("ciphertext");
        QTest::addColumn<QByteArray>("tag");
        QTest::newRow("case 13 empty")
            << QByteArray(32, '\0') << QByteArray(12, '\0') << QByteArray() << QByteArray() << QByteArray()
            << QByteArray::fromHex("530f8afbc74536b9a963b4f1c4cb738b");
        QTest::newRow("case 14 one block")
            << QByteArray(32, '\0') << QByteArray(12, '\0') << QByteArray(16, '\0') << QByteArray()
            << QByteArray::fromHex("cea7403d4d606b6e074ec5d3baf39d18")
            << QByteArray::fromHex("d0d1c8a799996bf0265b98b5d48ab919");
        QTest::newRow("case 15 four blocks")
            << kSpecKey << kSpecNonce << kSpecPlaintext << QByteArray() << kSpecCiphertext
            << QByteArray::fromHex("b094dac5d93471bdec1a502270e3cc6c");
        QTest::newRow("case 16 partial block with aad")
            << kSpecKey << kSpecNonce << kSpecPlaintext.left(60) << kSpecAad << kSpecCiphertext.left(60)
            << QByteArray::fromHex("76fc6ece0f4e1768cddf8853bb2d551b");
    }

    void knownAnswers()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, nonce);
        QFETCH(QByteArray, plaintext);
        QFETCH(QByteArray, aad);
        QFETCH(QByteArray, ciphertext);
        QFETCH(QByteArray, tag);

        const Result<QByteArray> encrypted = aesGcmEncrypt(key, nonce, plaintext, aad);
        QVERIFY2(encrypted.ok(), qPrintable(encrypted.ok() ? QString() : encrypted.error().toString()));
        QCOMPARE(encrypted->toHex(), (ciphertext + tag).toHex());

        const Result<QByteArray> decrypted = aesGcmDecrypt(key, nonce, ciphertext + tag, aad);
        QVERIFY2(decrypted.ok(), qPrintable(decrypted.ok() ? QString() : decrypted.error().toString()));
        QCOMPARE(decrypted->toHex(), plaintext.toHex());
    }

    void appendKeepsWhatIsAlreadyThere()
    {
        QByteArray out("header");
        const Status status = aesGcmEncryptAppend(kSpecKey, kSpecNonce, kSpecPlaintext, {}, out);
        QVERIFY(status.ok());
        QCOMPARE(out.toHex(), (QByteArray("header") + kSpecCiphertext +
                               QByteArray::fromHex("b094dac5d93471bdec1a502270e3cc6c"))
                                  .toHex());
    }

    // Case 16 altered in each part that the tag covers.
    void tamperingIsDetected_data()
    {
        const QByteArray sealed =
            kSpecCiphertext.left(60) + QByteArray::fromHex("76fc6ece0f4e1768cddf8853bb2d551b");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("nonce");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("aad");
        QTest::newRow("ciphertext first byte") << kSpecKey << kSpecNonce << flipped(sealed, 0) << kSpecAad;
        QTest::newRow("ciphertext last byte") << kSpecKey << kSpecNonce << flipped(sealed, 59) << kSpecAad;
        QTest::newRow("tag first byte") << kSpecKey << kSpecNonce << flipped(sealed, 60) << kSpecAad;
        QTest::newRow("tag last byte")
            << kSpecKey << kSpecNonce << flipped(sealed, sealed.size() - 1) << kSpecAad;
        QTest::newRow("aad changed") << kSpecKey << kSpecNonce << sealed << flipped(kSpecAad, 3);
        QTest::newRow("aad dropped") << kSpecKey << kSpecNonce << sealed << QByteArray();
        QTest::newRow("nonce changed") << kSpecKey << flipped(kSpecNonce, 11) << sealed << kSpecAad;
        QTest::newRow("other key") << flipped(kSpecKey, 0) << kSpecNonce << sealed << kSpecAad;
        QTest::newRow("truncated") << kSpecKey << kSpecNonce << sealed.left(sealed.size() - 1) << kSpecAad;
        QTest::newRow("shorter than a tag") << kSpecKey << kSpecNonce << sealed.left(15) << kSpecAad;
        QTest::newRow("empty") << kSpecKey << kSpecNonce << QByteArray() << kSpecAad;
        QTest::newRow("extended") << kSpecKey << kSpecNonce << sealed + '\0' << kSpecAad;
    }

    void tamperingIsDetected()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, nonce);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, aad);
        const Result<QByteArray> result = aesGcmDecrypt(key, nonce, data, aad);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().domain, ErrorDomain::Crypto);
        QCOMPARE(result.error().code, ErrorCode(CryptoError::AuthFailed));
    }

    void badSizesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("nonce");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("no key") << QByteArray() << kSpecNonce << ErrorCode(CryptoError::BadKey);
        QTest::newRow("AES-128 key") << kSpecKey.left(16) << kSpecNonce << ErrorCode(CryptoError::BadKey);
        QTest::newRow("33-byte key") << kSpecKey + 'x' << kSpecNonce << ErrorCode(CryptoError::BadKey);
        QTest::newRow("no nonce") << kSpecKey << QByteArray() << ErrorCode(CryptoError::BadNonce);
        QTest::newRow("8-byte nonce") << kSpecKey << kSpecNonce.left(8) << ErrorCode(CryptoError::BadNonce);
        QTest::newRow("16-byte nonce") << kSpecKey << QByteArray(16, 'n') << ErrorCode(CryptoError::BadNonce);
    }

    void badSizesAreRefused()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, nonce);
        QFETCH(ErrorCode, code);
        const Result<QByteArray> encrypted = aesGcmEncrypt(key, nonce, QByteArray("payload"), {});
        QVERIFY(!encrypted.ok());
        QCOMPARE(encrypted.error().code, code);
        const Result<QByteArray> decrypted = aesGcmDecrypt(key, nonce, QByteArray(32, 'c'), {});
        QVERIFY(!decrypted.ok());
        QCOMPARE(decrypted.error().code, code);
    }

    void largeRoundTrip()
    {
        QByteArray plaintext(1 << 20, Qt::Uninitialized);
        for (qsizetype i = 0; i < plaintext.size(); ++i)
            plaintext[i] = char(i * 31);
        const Result<QByteArray> encrypted = aesGcmEncrypt(kSpecKey, kSpecNonce, plaintext, kSpecAad);
        QVERIFY(encrypted.ok());
        QCOMPARE(encrypted->size(), plaintext.size() + kTagSize);
        const Result<QByteArray> decrypted = aesGcmDecrypt(kSpecKey, kSpecNonce, *encrypted, kSpecAad);
        QVERIFY(decrypted.ok());
        QVERIFY(*decrypted == plaintext);
    }
};

QTEST_GUILESS_MAIN(TestAesGcm)
#include "tst_aesgcm.moc"
