#include "crypto/keyring.h"

#include <QTest>

#include <optional>
#include <utility>

using namespace chevet;
using namespace chevet::crypto;

namespace {

// Cheap enough for tests; production uses the defaults.
const ScryptParams kFast{1u << 10, 8, 1};
const QByteArray kPin = QByteArrayLiteral("482157");
const QByteArray kDevice =
    QByteArray::fromHex("8f2a6c1e9d0b4a7f3e5c2b1a0f9e8d7c6b5a49382716f5e4d3c2b1a09f8e7d6c");
const QByteArray kStore = QByteArrayLiteral("store-7c1e");

struct Created
{
    std::optional<KeyRing> ring;
    WrappedDataKey wrapped;
};

Created createOrFail(const QByteArray &pin = kPin, const QByteArray &store = kStore)
{
    Result<std::pair<KeyRing, WrappedDataKey>> created = KeyRing::create(pin, kDevice, store, kFast);
    if (!created.ok())
        return {};
    return {std::move(created->first), std::move(created->second)};
}

QByteArray flipped(QByteArray bytes, qsizetype index)
{
    bytes[index] = char(bytes.at(index) ^ 0x01);
    return bytes;
}

} // namespace

Q_DECLARE_METATYPE(chevet::crypto::WrappedDataKey)

class TestKeyRing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createThenUnlockGivesTheSameKeys()
    {
        const Created created = createOrFail();
        QVERIFY(created.ring.has_value());
        const WrappedDataKey &wrapped = created.wrapped;
        QCOMPARE(wrapped.salt.size(), 16);
        QCOMPARE(wrapped.nonce.size(), 12);
        QCOMPARE(wrapped.wrapped.size(), 32 + 16);
        QCOMPARE(wrapped.deviceCheck.size(), 32);
        QVERIFY(wrapped.params == kFast);

        const Result<KeyRing> unlocked = KeyRing::unlock(kPin, kDevice, kStore, wrapped);
        QVERIFY2(unlocked.ok(), qPrintable(unlocked.ok() ? QString() : unlocked.error().toString()));
        QCOMPARE(unlocked->auditKey(), created.ring->auditKey());
        QCOMPARE(unlocked->blindIndex(QStringLiteral("ins"), QStringLiteral("1850775123456")),
                 created.ring->blindIndex(QStringLiteral("ins"), QStringLiteral("1850775123456")));

        const Result<QByteArray> sealed =
            created.ring->sealer().seal(QByteArray("pulse 72"), QByteArray("obs|1"));
        QVERIFY(sealed.ok());
        const Result<QByteArray> opened = unlocked->sealer().open(*sealed, QByteArray("obs|1"));
        QVERIFY(opened.ok());
        QCOMPARE(*opened, QByteArray("pulse 72"));
    }

    void unlockFailures_data()
    {
        const Created created = createOrFail();
        QVERIFY(created.ring.has_value());
        const WrappedDataKey good = created.wrapped;
        QTest::addColumn<QByteArray>("pin");
        QTest::addColumn<QByteArray>("device");
        QTest::addColumn<QByteArray>("store");
        QTest::addColumn<WrappedDataKey>("wrapped");
        QTest::addColumn<ErrorCode>("code");

        QTest::newRow("wrong PIN") << QByteArray("4812") << kDevice << kStore << good
                                   << ErrorCode(CryptoError::WrongPin);
        QTest::newRow("empty PIN") << QByteArray() << kDevice << kStore << good
                                   << ErrorCode(CryptoError::WrongPin);
        QTest::newRow("other device")
            << kPin << flipped(kDevice, 0) << kStore << good << ErrorCode(CryptoError::WrongDevice);
        QTest::newRow("no device secret")
            << kPin << QByteArray() << kStore << good << ErrorCode(CryptoError::WrongDevice);
        QTest::newRow("other store") << kPin << kDevice << QByteArray("store-0000") << good
                                     << ErrorCode(CryptoError::WrongDevice);

        WrappedDataKey altered = good;
        altered.wrapped = flipped(good.wrapped, 5);
        QTest::newRow("wrapped key altered")
            << kPin << kDevice << kStore << altered << ErrorCode(CryptoError::WrongPin);
        altered = good;
        altered.salt = flipped(good.salt, 0);
        QTest::newRow("salt altered")
            << kPin << kDevice << kStore << altered << ErrorCode(CryptoError::WrongPin);
        altered = good;
        altered.params.n = 1u << 11;
        QTest::newRow("params altered")
            << kPin << kDevice << kStore << altered << ErrorCode(CryptoError::WrongPin);
        altered = good;
        altered.params.n = 1000;
        QTest::newRow("params invalid")
            << kPin << kDevice << kStore << altered << ErrorCode(CryptoError::BadParams);
        altered = good;
        altered.wrapped.chop(1);
        QTest::newRow("wrapped key truncated")
            << kPin << kDevice << kStore << altered << ErrorCode(CryptoError::CorruptKey);
        altered = good;
        altered.nonce.clear();
        QTest::newRow("nonce missing")
            << kPin << kDevice << kStore << altered << ErrorCode(CryptoError::CorruptKey);
        altered = good;
        altered.deviceCheck = good.deviceCheck.left(16);
        QTest::newRow("device check truncated")
            << kPin << kDevice << kStore << altered << ErrorCode(CryptoError::CorruptKey);
        QTest::newRow("nothing stored")
            << kPin << kDevice << kStore << WrappedDataKey{} << ErrorCode(CryptoError::CorruptKey);
    }

    void unlockFailures()
    {
        QFETCH(QByteArray, pin);
        QFETCH(QByteArray, device);
        QFETCH(QByteArray, store);
        QFETCH(WrappedDataKey, wrapped);
        QFETCH(ErrorCode, code);
        const Result<KeyRing> unlocked = KeyRing::unlock(pin, device, store, wrapped);
        QVERIFY(!unlocked.ok());
        QCOMPARE(unlocked.error().domain, ErrorDomain::Crypto);
        QCOMPARE(unlocked.error().code, code);
        QVERIFY(!unlocked.error().message.isEmpty());
    }

    void wrongPinMessageIsForPeople()
    {
        const Created created = createOrFail();
        QVERIFY(created.ring.has_value());
        const Result<KeyRing> unlocked =
            KeyRing::unlock(QByteArray("0000"), kDevice, kStore, created.wrapped);
        QVERIFY(!unlocked.ok());
        QCOMPARE(unlocked.error().message, QStringLiteral("the PIN is wrong"));
    }

    void rewrapKeepsTheDataKey()
    {
        const Created created = createOrFail();
        QVERIFY(created.ring.has_value());
        const QByteArray newPin = QByteArrayLiteral("907314");
        const Result<WrappedDataKey> rewrapped = created.ring->rewrap(newPin, kDevice, kStore, kFast);
        QVERIFY(rewrapped.ok());
        QVERIFY(rewrapped->salt != created.wrapped.salt);
        QVERIFY(rewrapped->nonce != created.wrapped.nonce);
        QVERIFY(rewrapped->wrapped != created.wrapped.wrapped);
        QCOMPARE(rewrapped->deviceCheck, created.wrapped.deviceCheck);

        const Result<KeyRing> withNewPin = KeyRing::unlock(newPin, kDevice, kStore, *rewrapped);
        QVERIFY(withNewPin.ok());
        const QString domain = QStringLiteral("ipp|urn:oid:1.2.250.1.71.4.2.1");
        QCOMPARE(withNewPin->blindIndex(domain, QStringLiteral("880012")),
                 created.ring->blindIndex(domain, QStringLiteral("880012")));
        QCOMPARE(withNewPin->auditKey(), created.ring->auditKey());

        const Result<KeyRing> withOldPin = KeyRing::unlock(kPin, kDevice, kStore, *rewrapped);
        QVERIFY(!withOldPin.ok());
        QCOMPARE(withOldPin.error().code, ErrorCode(CryptoError::WrongPin));
    }

    void createRefusesMissingSecrets_data()
    {
        QTest::addColumn<QByteArray>("pin");
        QTest::addColumn<QByteArray>("device");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("empty PIN") << QByteArray() << kDevice << ErrorCode(CryptoError::BadPin);
        QTest::newRow("no device secret") << kPin << QByteArray() << ErrorCode(CryptoError::BadDeviceSecret);
    }

    void createRefusesMissingSecrets()
    {
        QFETCH(QByteArray, pin);
        QFETCH(QByteArray, device);
        QFETCH(ErrorCode, code);
        const auto created = KeyRing::create(pin, device, kStore, kFast);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, code);
    }

    void eachStoreGetsItsOwnDataKey()
    {
        const Created a = createOrFail();
        const Created b = createOrFail();
        QVERIFY(a.ring.has_value() && b.ring.has_value());
        QVERIFY(a.ring->auditKey() != b.ring->auditKey());
        QVERIFY(a.ring->blindIndex(QStringLiteral("ins"), QStringLiteral("1")) !=
                b.ring->blindIndex(QStringLiteral("ins"), QStringLiteral("1")));
        const Result<QByteArray> sealed = a.ring->sealer().seal(QByteArray("x"), {});
        QVERIFY(sealed.ok());
        QCOMPARE(b.ring->sealer().open(*sealed, {}).error().code, ErrorCode(CryptoError::AuthFailed));
    }

    void blindIndexIsDeterministicAndSeparated_data()
    {
        QTest::addColumn<QString>("domainA");
        QTest::addColumn<QString>("valueA");
        QTest::addColumn<QString>("domainB");
        QTest::addColumn<QString>("valueB");
        QTest::addColumn<bool>("equal");
        QTest::newRow("same input") << QStringLiteral("ins") << QStringLiteral("1850775123456")
                                    << QStringLiteral("ins") << QStringLiteral("1850775123456") << true;
        QTest::newRow("other value") << QStringLiteral("ins") << QStringLiteral("1850775123456")
                                     << QStringLiteral("ins") << QStringLiteral("1850775123457") << false;
        QTest::newRow("other domain")
            << QStringLiteral("ins") << QStringLiteral("880012") << QStringLiteral("ipp|urn:oid:1.2.3")
            << QStringLiteral("880012") << false;
        QTest::newRow("other IPP system")
            << QStringLiteral("ipp|urn:oid:1.2.3") << QStringLiteral("880012")
            << QStringLiteral("ipp|urn:oid:1.2.4") << QStringLiteral("880012") << false;
        QTest::newRow("separator shifts") << QStringLiteral("ab") << QStringLiteral("c")
                                          << QStringLiteral("a") << QStringLiteral("bc") << false;
        QTest::newRow("case is significant") << QStringLiteral("ins") << QStringLiteral("abc")
                                             << QStringLiteral("ins") << QStringLiteral("ABC") << false;
        QTest::newRow("non-ASCII") << QStringLiteral("name") << QStringLiteral("Hélène")
                                   << QStringLiteral("name") << QStringLiteral("Hélène") << true;
    }

    void blindIndexIsDeterministicAndSeparated()
    {
        QFETCH(QString, domainA);
        QFETCH(QString, valueA);
        QFETCH(QString, domainB);
        QFETCH(QString, valueB);
        QFETCH(bool, equal);
        const Created created = createOrFail();
        QVERIFY(created.ring.has_value());
        const QByteArray a = created.ring->blindIndex(domainA, valueA);
        const QByteArray b = created.ring->blindIndex(domainB, valueB);
        QCOMPARE(a.size(), 32);
        QCOMPARE(b.size(), 32);
        QCOMPARE(a == b, equal);
        // The value must not show through (short values would match random bytes by chance).
        if (valueA.size() >= 6)
            QVERIFY(!a.contains(valueA.toUtf8()));
    }

    // Security review F7: a replaced data key handed to a nurse opens only with her personal key and the
    // salt of her slot as it was when her public key was filed (a PIN change draws a new one).
    void aNewDataKeyIsHandedOnlyToItsNurse()
    {
        const Created a = createOrFail();
        QVERIFY(a.ring && !a.ring->hasPersonalKey());
        Result<std::pair<KeyRing, WrappedDataKey>> nurse =
            KeyRing::create(kPin, kDevice, kStore, kFast, QStringLiteral("nurse-c"));
        QVERIFY(nurse.ok());
        Result<std::pair<KeyRing, WrappedDataKey>> other =
            KeyRing::create(kPin, kDevice, kStore, kFast, QStringLiteral("nurse-d"));
        QVERIFY(other.ok());
        const KeyRing &c = nurse->first;
        const QByteArray salt = nurse->second.salt;
        Result<KeyRing> replaced = c.withNewDataKey();
        QVERIFY(replaced.ok());
        QVERIFY(replaced->keyCheck(kStore).value() != c.keyCheck(kStore).value());
        QVERIFY(replaced->auditKey() != c.auditKey());
        QVERIFY(replaced->tag("x").value() != c.tag("x").value());
        Result<QByteArray> publicKey = c.publicKey(salt);
        QVERIFY(publicKey.ok());
        QCOMPARE(publicKey->size(), 32);
        QVERIFY(c.publicKey(flipped(salt, 0)).value() != *publicKey);
        Result<QByteArray> grant = replaced->grantTo(*publicKey, QByteArray("store|nurse-c"));
        QVERIFY(grant.ok());

        Result<KeyRing> taken = c.openGrant(*grant, QByteArray("store|nurse-c"), salt);
        QVERIFY(taken.ok());
        QCOMPARE(taken->keyCheck(kStore).value(), replaced->keyCheck(kStore).value());
        QCOMPARE(taken->personalKey(), c.personalKey());
        // Another nurse's key, another salt, another binding, or one byte changed: nothing opens.
        QVERIFY(!other->first.openGrant(*grant, QByteArray("store|nurse-c"), other->second.salt));
        QVERIFY(!c.openGrant(*grant, QByteArray("store|nurse-c"), flipped(salt, 3)));
        QVERIFY(!c.openGrant(*grant, QByteArray("store|nurse-d"), salt));
        QVERIFY(!c.openGrant(flipped(*grant, 5), QByteArray("store|nurse-c"), salt));
        QVERIFY(!c.openGrant(flipped(*grant, grant->size() - 1), QByteArray("store|nurse-c"), salt));
        // A ring without a personal key has no public key to receive one.
        QVERIFY(!a.ring->publicKey(salt));
    }

    void auditKeyIsNotAnotherKey()
    {
        const Created created = createOrFail();
        QVERIFY(created.ring.has_value());
        QCOMPARE(created.ring->auditKey().size(), 32);
        QVERIFY(created.ring->auditKey() != created.ring->blindIndex(QString(), QString()));
    }

    void movesAndCopiesKeepWorking()
    {
        Created created = createOrFail();
        QVERIFY(created.ring.has_value());
        const QByteArray index = created.ring->blindIndex(QStringLiteral("ins"), QStringLiteral("1"));
        const QByteArray audit = created.ring->auditKey();

        KeyRing moved(std::move(*created.ring));
        created.ring.reset();
        QCOMPARE(moved.blindIndex(QStringLiteral("ins"), QStringLiteral("1")), index);

        std::optional<KeyRing> copy(moved);
        KeyRing assigned = std::move(*copy);
        copy.reset();
        QCOMPARE(assigned.auditKey(), audit);
        const Result<QByteArray> sealed = moved.sealer().seal(QByteArray("x"), {});
        QVERIFY(sealed.ok());
        QVERIFY(assigned.sealer().open(*sealed, {}).ok());
        const Result<WrappedDataKey> rewrapped = assigned.rewrap(kPin, kDevice, kStore, kFast);
        QVERIFY(rewrapped.ok());
        QVERIFY(KeyRing::unlock(kPin, kDevice, kStore, *rewrapped).ok());
    }
};

QTEST_GUILESS_MAIN(TestKeyRing)
#include "tst_keyring.moc"
