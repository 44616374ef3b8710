#include "crypto/scrypt.h"

#include <QTest>

using namespace chevet;
using namespace chevet::crypto;

class TestScrypt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // RFC 7914 §12.
    void knownAnswers_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<quint64>("n");
        QTest::addColumn<quint32>("r");
        QTest::addColumn<quint32>("p");
        QTest::addColumn<QByteArray>("derived");
        QTest::newRow("empty, N=16 r=1 p=1")
            << QByteArray() << QByteArray() << quint64(16) << quint32(1) << quint32(1)
            << QByteArray::fromHex("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                                   "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
        QTest::newRow("password/NaCl, N=1024 r=8 p=16")
            << QByteArray("password") << QByteArray("NaCl") << quint64(1024) << quint32(8) << quint32(16)
            << QByteArray::fromHex("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                                   "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
        QTest::newRow("pleaseletmein/SodiumChloride, N=16384 r=8 p=1")
            << QByteArray("pleaseletmein") << QByteArray("SodiumChloride") << quint64(16384) << quint32(8)
            << quint32(1)
            << QByteArray::fromHex("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                                   "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
    }

    void knownAnswers()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, salt);
        QFETCH(quint64, n);
        QFETCH(quint32, r);
        QFETCH(quint32, p);
        QFETCH(QByteArray, derived);
        const Result<QByteArray> result = scrypt(password, salt, ScryptParams{n, r, p}, 64);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QCOMPARE(result->toHex(), derived.toHex());
    }

    // The defaults need 32 MiB, above OpenSSL's own ceiling: this fails if maxmem is not raised.
    void defaultParamsWork()
    {
        const Result<QByteArray> result = scrypt(QByteArray("1234"), QByteArray(16, 's'), ScryptParams{});
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QCOMPARE(result->size(), 32);
    }

    void refusesBadParams_data()
    {
        QTest::addColumn<quint64>("n");
        QTest::addColumn<quint32>("r");
        QTest::addColumn<quint32>("p");
        QTest::addColumn<int>("length");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("n zero") << quint64(0) << quint32(8) << quint32(1) << 32
                                << ErrorCode(CryptoError::BadParams);
        QTest::newRow("n one") << quint64(1) << quint32(8) << quint32(1) << 32
                               << ErrorCode(CryptoError::BadParams);
        QTest::newRow("n three") << quint64(3) << quint32(8) << quint32(1) << 32
                                 << ErrorCode(CryptoError::BadParams);
        QTest::newRow("n 1000") << quint64(1000) << quint32(8) << quint32(1) << 32
                                << ErrorCode(CryptoError::BadParams);
        QTest::newRow("r zero") << quint64(1024) << quint32(0) << quint32(1) << 32
                                << ErrorCode(CryptoError::BadParams);
        QTest::newRow("p zero") << quint64(1024) << quint32(8) << quint32(0) << 32
                                << ErrorCode(CryptoError::BadParams);
        QTest::newRow("over 1 GiB") << (quint64(1) << 20) << quint32(16) << quint32(1) << 32
                                    << ErrorCode(CryptoError::BadParams);
        QTest::newRow("n 2^63") << (quint64(1) << 63) << quint32(8) << quint32(1) << 32
                                << ErrorCode(CryptoError::BadParams);
        QTest::newRow("length zero") << quint64(16) << quint32(1) << quint32(1) << 0
                                     << ErrorCode(CryptoError::BadLength);
    }

    void refusesBadParams()
    {
        QFETCH(quint64, n);
        QFETCH(quint32, r);
        QFETCH(quint32, p);
        QFETCH(int, length);
        QFETCH(ErrorCode, code);
        const Result<QByteArray> result =
            scrypt(QByteArray("pin"), QByteArray("salt"), ScryptParams{n, r, p}, length);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().domain, ErrorDomain::Crypto);
        QCOMPARE(result.error().code, code);
    }
};

QTEST_GUILESS_MAIN(TestScrypt)
#include "tst_scrypt.moc"
