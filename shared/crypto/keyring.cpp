#include "keyring.h"

#include "aesgcm.h"
#include "digest.h"
#include "keygrant.h"
#include "opensslholders.h"
#include "random.h"

#include "core/logging.h"

#include <openssl/crypto.h>

namespace chevet::crypto {

namespace {

constexpr int kSaltSize = 16;

Result<QByteArray> deviceCheck(const QByteArray &deviceSecret, const QByteArray &storeId)
{
    return hmacSha256(deviceSecret, QByteArrayLiteral("chevet device check") + storeId);
}

Result<QByteArray> deriveKek(const QByteArray &pin, const QByteArray &deviceSecret, const QByteArray &salt,
                             const ScryptParams &params)
{
    Result<QByteArray> stretched = scrypt(pin, salt, params, kKeySize);
    if (!stretched)
        return stretched.error();
    QByteArray ikm;
    ikm.reserve(stretched->size() + deviceSecret.size());
    ikm.append(*stretched);
    ikm.append(deviceSecret);
    wipe(*stretched);
    Result<QByteArray> kek = hkdfSha256(ikm, {}, QByteArrayLiteral("chevet kek v1"), kKeySize);
    wipe(ikm);
    return kek;
}

QByteArray wrapAad(const QByteArray &storeId, bool bound, const QString &owner)
{
    return bound ? storeId + '|' + owner.toUtf8() : storeId;
}

QByteArray personalAad(const QByteArray &storeId, const QString &owner)
{
    return storeId + '|' + owner.toUtf8() + QByteArrayLiteral("|personal");
}

Result<WrappedDataKey> wrapDataKey(const QByteArray &dataKey, const QByteArray &pin,
                                   const QByteArray &deviceSecret, const QByteArray &storeId,
                                   const ScryptParams &params, const QString &owner,
                                   const QByteArray &personalKey)
{
    if (pin.isEmpty())
        return cryptoError(CryptoError::BadPin, QStringLiteral("the PIN is empty"));
    if (deviceSecret.isEmpty())
        return cryptoError(CryptoError::BadDeviceSecret, QStringLiteral("the device secret is missing"));

    WrappedDataKey wrapped;
    wrapped.params = params;
    wrapped.boundToOwner = !owner.isEmpty();
    Result<QByteArray> salt = randomBytes(kSaltSize);
    if (!salt)
        return salt.error();
    wrapped.salt = std::move(salt).value();
    Result<QByteArray> nonce = randomBytes(kNonceSize);
    if (!nonce)
        return nonce.error();
    wrapped.nonce = std::move(nonce).value();
    Result<QByteArray> check = deviceCheck(deviceSecret, storeId);
    if (!check)
        return check.error();
    wrapped.deviceCheck = std::move(check).value();

    Result<QByteArray> kek = deriveKek(pin, deviceSecret, wrapped.salt, params);
    if (!kek)
        return kek.error();
    Result<QByteArray> sealedKey =
        aesGcmEncrypt(*kek, wrapped.nonce, dataKey, wrapAad(storeId, wrapped.boundToOwner, owner));
    if (sealedKey && !personalKey.isEmpty() && wrapped.boundToOwner) {
        Result<QByteArray> personalNonce = randomBytes(kNonceSize);
        if (!personalNonce) {
            wipe(*kek);
            return personalNonce.error();
        }
        wrapped.personalNonce = *personalNonce;
        Result<QByteArray> sealedPersonal =
            aesGcmEncrypt(*kek, wrapped.personalNonce, personalKey, personalAad(storeId, owner));
        if (!sealedPersonal) {
            wipe(*kek);
            return sealedPersonal.error();
        }
        wrapped.personalWrapped = *sealedPersonal;
    }
    wipe(*kek);
    if (!sealedKey)
        return sealedKey.error();
    wrapped.wrapped = std::move(sealedKey).value();
    return wrapped;
}

} // namespace

KeyRing::KeyRing(QByteArray dataKey, QByteArray indexKey, QByteArray auditKey)
    : m_dataKey(std::move(dataKey))
    , m_sealer(m_dataKey)
    , m_indexKey(std::move(indexKey))
    , m_auditKey(std::move(auditKey))
{}

KeyRing::~KeyRing()
{
    wipeAll();
}

void KeyRing::wipeAll()
{
    wipe(m_dataKey);
    wipe(m_indexKey);
    wipe(m_auditKey);
    wipe(m_personalKey);
    m_personalSealer = Sealer(QByteArray());
}

void KeyRing::adoptPersonalKey(QByteArray key)
{
    wipe(m_personalKey);
    m_personalKey = std::move(key);
    m_personalSealer = Sealer(m_personalKey);
}

Result<QByteArray> KeyRing::newPersonalKey()
{
    return randomBytes(kKeySize);
}

KeyRing &KeyRing::operator=(const KeyRing &other)
{
    if (this != &other) {
        wipeAll();
        m_dataKey = other.m_dataKey;
        m_sealer = other.m_sealer;
        m_indexKey = other.m_indexKey;
        m_auditKey = other.m_auditKey;
        m_personalKey = other.m_personalKey;
        m_personalSealer = other.m_personalSealer;
    }
    return *this;
}

KeyRing &KeyRing::operator=(KeyRing &&other) noexcept
{
    if (this != &other) {
        // QByteArray's move assignment swaps: wiping first keeps our old keys from landing in `other`.
        wipeAll();
        m_dataKey = std::move(other.m_dataKey);
        m_sealer = std::move(other.m_sealer);
        m_indexKey = std::move(other.m_indexKey);
        m_auditKey = std::move(other.m_auditKey);
        m_personalKey = std::move(other.m_personalKey);
        m_personalSealer = std::move(other.m_personalSealer);
    }
    return *this;
}

Result<KeyRing> KeyRing::fromDataKey(QByteArray dataKey)
{
    Result<QByteArray> indexKey =
        hkdfSha256(dataKey, {}, QByteArrayLiteral("chevet blind index v1"), kKeySize);
    if (!indexKey) {
        wipe(dataKey);
        return indexKey.error();
    }
    Result<QByteArray> auditKey =
        hkdfSha256(dataKey, {}, QByteArrayLiteral("chevet audit chain v1"), kKeySize);
    if (!auditKey) {
        wipe(dataKey);
        wipe(*indexKey);
        return auditKey.error();
    }
    return KeyRing(std::move(dataKey), std::move(indexKey).value(), std::move(auditKey).value());
}

Result<std::pair<KeyRing, WrappedDataKey>> KeyRing::create(const QByteArray &pin,
                                                           const QByteArray &deviceSecret,
                                                           const QByteArray &storeId,
                                                           const ScryptParams &params, const QString &owner)
{
    Result<QByteArray> dataKey = randomBytes(kKeySize);
    if (!dataKey)
        return dataKey.error();
    Result<QByteArray> personal = owner.isEmpty() ? Result<QByteArray>(QByteArray()) : newPersonalKey();
    if (!personal) {
        wipe(*dataKey);
        return personal.error();
    }
    Result<WrappedDataKey> wrapped =
        wrapDataKey(*dataKey, pin, deviceSecret, storeId, params, owner, *personal);
    if (!wrapped) {
        wipe(*dataKey);
        wipe(*personal);
        return wrapped.error();
    }
    Result<KeyRing> ring = fromDataKey(std::move(dataKey).value());
    if (!ring)
        return ring.error();
    if (!personal->isEmpty())
        ring->adoptPersonalKey(std::move(personal).value());
    return std::pair<KeyRing, WrappedDataKey>(std::move(ring).value(), std::move(wrapped).value());
}

Result<KeyRing> KeyRing::unlock(const QByteArray &pin, const QByteArray &deviceSecret,
                                const QByteArray &storeId, const WrappedDataKey &wrapped,
                                const QString &owner)
{
    if (wrapped.wrapped.size() != kKeySize + kTagSize || wrapped.nonce.size() != kNonceSize ||
        wrapped.deviceCheck.size() != kSha256Size) {
        return cryptoError(CryptoError::CorruptKey, QStringLiteral("the stored store key is damaged"));
    }
    // Checked before the PIN so that a store moved to another tablet is reported as such, and
    // without spending the scrypt work.
    Result<QByteArray> check = deviceCheck(deviceSecret, storeId);
    if (!check)
        return check.error();
    if (CRYPTO_memcmp(check->constData(), wrapped.deviceCheck.constData(), size_t(kSha256Size)) != 0) {
        return cryptoError(
            CryptoError::WrongDevice,
            QStringLiteral("this data was created on another device and cannot be opened here"));
    }

    Result<QByteArray> kek = deriveKek(pin, deviceSecret, wrapped.salt, wrapped.params);
    if (!kek)
        return kek.error();
    Result<QByteArray> dataKey =
        aesGcmDecrypt(*kek, wrapped.nonce, wrapped.wrapped, wrapAad(storeId, wrapped.boundToOwner, owner));
    Result<QByteArray> personal = QByteArray();
    if (dataKey && !wrapped.personalWrapped.isEmpty())
        personal =
            aesGcmDecrypt(*kek, wrapped.personalNonce, wrapped.personalWrapped, personalAad(storeId, owner));
    wipe(*kek);
    if (!dataKey) {
        if (dataKey.error().code == CryptoError::AuthFailed)
            return cryptoError(CryptoError::WrongPin, QStringLiteral("the PIN is wrong"));
        return dataKey.error();
    }
    if (!personal) {
        wipe(*dataKey);
        return cryptoError(CryptoError::CorruptKey, QStringLiteral("the nurse's personal key is damaged"));
    }
    Result<KeyRing> ring = fromDataKey(std::move(dataKey).value());
    if (ring && !personal->isEmpty())
        ring->adoptPersonalKey(std::move(personal).value());
    return ring;
}

Result<WrappedDataKey> KeyRing::rewrap(const QByteArray &newPin, const QByteArray &deviceSecret,
                                       const QByteArray &storeId, const ScryptParams &params,
                                       const QString &owner, const QByteArray &personalKey) const
{
    return wrapDataKey(m_dataKey, newPin, deviceSecret, storeId, params, owner, personalKey);
}

const Sealer &KeyRing::sealer() const
{
    return m_sealer;
}

QByteArray KeyRing::blindIndex(const QString &domain, const QString &value) const
{
    QByteArray message = domain.toUtf8();
    message.append('\0');
    message.append(value.toUtf8());
    Result<QByteArray> index = hmacSha256(m_indexKey, message);
    // The value may be an identifier of a patient: gone from memory as soon as it is hashed.
    wipe(message);
    if (!index) {
        qCWarning(lcCrypto) << "blind index failed:" << index.error().code;
        return {};
    }
    return std::move(index).value();
}

const QByteArray &KeyRing::auditKey() const
{
    return m_auditKey;
}

Result<KeyRing> KeyRing::withNewDataKey() const
{
    Result<QByteArray> dataKey = randomBytes(kKeySize);
    if (!dataKey)
        return dataKey.error();
    Result<KeyRing> ring = fromDataKey(std::move(dataKey).value());
    if (ring && hasPersonalKey())
        ring->adoptPersonalKey(m_personalKey);
    return ring;
}

Result<QByteArray> KeyRing::keyCheck(const QByteArray &storeId) const
{
    return hmacSha256(m_dataKey, QByteArrayLiteral("chevet key check v1|") + storeId);
}

Result<QByteArray> KeyRing::tag(const QByteArray &message) const
{
    Result<QByteArray> key = hkdfSha256(m_dataKey, {}, QByteArrayLiteral("chevet tag v1"), kKeySize);
    if (!key)
        return key.error();
    Result<QByteArray> mac = hmacSha256(*key, message);
    wipe(*key);
    return mac;
}

Result<QByteArray> KeyRing::grantTo(const QByteArray &publicKey, const QByteArray &aad) const
{
    return keygrant::seal(m_dataKey, publicKey, aad);
}

Result<KeyRing> KeyRing::openGrant(const QByteArray &grant, const QByteArray &aad,
                                   const QByteArray &slotSalt) const
{
    Result<QByteArray> dataKey = keygrant::open(grant, m_personalKey, slotSalt, aad);
    if (!dataKey)
        return dataKey.error();
    if (dataKey->size() != kKeySize) {
        wipe(*dataKey);
        return cryptoError(CryptoError::GrantFormat, QStringLiteral("a granted key has the wrong size"));
    }
    Result<KeyRing> ring = fromDataKey(std::move(dataKey).value());
    if (ring)
        ring->adoptPersonalKey(m_personalKey);
    return ring;
}

Result<QByteArray> KeyRing::publicKey(const QByteArray &slotSalt) const
{
    return keygrant::publicKeyOf(m_personalKey, slotSalt);
}

} // namespace chevet::crypto
