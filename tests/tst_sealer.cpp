#include "crypto/sealer.h"

#include <QTest>

#include <optional>
#include <utility>

using namespace chevet;
using namespace chevet::crypto;

namespace {

const QByteArray kKey =
    QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const QByteArray kAad = QByteArrayLiteral("observation|0b6c1d2e");

QByteArray flipped(QByteArray bytes, qsizetype index)
{
    bytes[index] = char(bytes.at(index) ^ 0x01);
    return bytes;
}

QByteArray withByte(QByteArray bytes, qsizetype index, char value)
{
    bytes[index] = value;
    return bytes;
}

QByteArray sealOrFail(const Sealer &sealer, const QByteArray &plaintext, const QByteArray &aad)
{
    const Result<QByteArray> sealed = sealer.seal(plaintext, aad);
    return sealed.ok() ? *sealed : QByteArray();
}

} // namespace

class TestSealer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("plaintext");
        QTest::addColumn<QByteArray>("aad");
        QTest::newRow("empty") << QByteArray() << kAad;
        QTest::newRow("record") << QByteArray(R"({"pulse":72,"spo2":97})") << kAad;
        QTest::newRow("no aad") << QByteArray("note") << QByteArray();
        QTest::newRow("binary") << QByteArray("\0\1\2\xff", 4) << kAad;
        QTest::newRow("256 KiB") << QByteArray(256 * 1024, 'x') << kAad;
    }

    void roundTrip()
    {
        QFETCH(QByteArray, plaintext);
        QFETCH(QByteArray, aad);
        const Sealer sealer(kKey);
        const Result<QByteArray> sealed = sealer.seal(plaintext, aad);
        QVERIFY(sealed.ok());
        QCOMPARE(sealed->size(), plaintext.size() + Sealer::kOverhead);
        QCOMPARE(sealed->at(0), Sealer::kFormatV1);
        if (plaintext.size() >= 8)
            QVERIFY(!sealed->contains(plaintext.left(8)));
        const Result<QByteArray> opened = sealer.open(*sealed, aad);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
        QVERIFY(*opened == plaintext);
    }

    void sealingTwiceGivesDifferentBlobs()
    {
        const Sealer sealer(kKey);
        const QByteArray a = sealOrFail(sealer, QByteArray("same"), kAad);
        const QByteArray b = sealOrFail(sealer, QByteArray("same"), kAad);
        QVERIFY(!a.isEmpty());
        QVERIFY(!b.isEmpty());
        QVERIFY(a != b);
        QVERIFY(a.mid(1, 12) != b.mid(1, 12)); // the nonce
    }

    void openRefusesBadBlobs_data()
    {
        const QByteArray sealed = sealOrFail(Sealer(kKey), QByteArray("pulse 72"), kAad);
        QTest::addColumn<QByteArray>("blob");
        QTest::addColumn<QByteArray>("aad");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("empty") << QByteArray() << kAad << ErrorCode(CryptoError::SealedTruncated);
        QTest::newRow("format byte only")
            << sealed.left(1) << kAad << ErrorCode(CryptoError::SealedTruncated);
        QTest::newRow("header only") << sealed.left(13) << kAad << ErrorCode(CryptoError::SealedTruncated);
        QTest::newRow("one byte short of overhead")
            << sealed.left(Sealer::kOverhead - 1) << kAad << ErrorCode(CryptoError::SealedTruncated);
        QTest::newRow("unknown format")
            << withByte(sealed, 0, 0x02) << kAad << ErrorCode(CryptoError::SealedFormat);
        QTest::newRow("format zero") << QByteArray(40, '\0') << kAad << ErrorCode(CryptoError::SealedFormat);
        QTest::newRow("nonce altered") << flipped(sealed, 1) << kAad << ErrorCode(CryptoError::AuthFailed);
        QTest::newRow("ciphertext altered")
            << flipped(sealed, 13) << kAad << ErrorCode(CryptoError::AuthFailed);
        QTest::newRow("tag altered") << flipped(sealed, sealed.size() - 1) << kAad
                                     << ErrorCode(CryptoError::AuthFailed);
        QTest::newRow("last byte cut") << sealed.chopped(1) << kAad << ErrorCode(CryptoError::AuthFailed);
        QTest::newRow("moved to another record")
            << sealed << QByteArrayLiteral("observation|0b6c1d2f") << ErrorCode(CryptoError::AuthFailed);
        QTest::newRow("aad dropped") << sealed << QByteArray() << ErrorCode(CryptoError::AuthFailed);
    }

    void openRefusesBadBlobs()
    {
        QFETCH(QByteArray, blob);
        QFETCH(QByteArray, aad);
        QFETCH(ErrorCode, code);
        const Result<QByteArray> opened = Sealer(kKey).open(blob, aad);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().domain, ErrorDomain::Crypto);
        QCOMPARE(opened.error().code, code);
    }

    void otherKeyCannotOpen()
    {
        const QByteArray sealed = sealOrFail(Sealer(kKey), QByteArray("pulse 72"), kAad);
        const Result<QByteArray> opened = Sealer(flipped(kKey, 31)).open(sealed, kAad);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode(CryptoError::AuthFailed));
    }

    void badKeyIsAnErrorNotACrash()
    {
        const Sealer sealer(QByteArray(16, 'k'));
        const Result<QByteArray> sealed = sealer.seal(QByteArray("x"), kAad);
        QVERIFY(!sealed.ok());
        QCOMPARE(sealed.error().code, ErrorCode(CryptoError::BadKey));
        const Result<QByteArray> opened = sealer.open(QByteArray(40, '\x01'), kAad);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode(CryptoError::BadKey));
    }

    // A copy must keep working after the original is destroyed (and wiped), and the same for moves.
    void copiesAndMovesKeepTheKey()
    {
        const QByteArray sealed = sealOrFail(Sealer(kKey), QByteArray("pulse 72"), kAad);

        std::optional<Sealer> original(std::in_place, QByteArray(kKey));
        const Sealer copy(*original);
        Sealer assigned(QByteArray(32, 'z'));
        assigned = *original;
        original.reset();
        QVERIFY(copy.open(sealed, kAad).ok());
        QVERIFY(assigned.open(sealed, kAad).ok());

        Sealer source(kKey);
        const Sealer moved(std::move(source));
        QVERIFY(moved.open(sealed, kAad).ok());
        Sealer moveAssigned(QByteArray(32, 'z'));
        moveAssigned = Sealer(kKey);
        QVERIFY(moveAssigned.open(sealed, kAad).ok());

        // The caller's own copy of the key is never touched by a Sealer's wipe.
        QCOMPARE(kKey.size(), 32);
        QCOMPARE(kKey.at(31), '\x1f');
    }
};

QTEST_GUILESS_MAIN(TestSealer)
#include "tst_sealer.moc"
