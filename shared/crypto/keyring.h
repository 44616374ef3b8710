#pragma once

#include "core/result.h"
#include "scrypt.h"
#include "sealer.h"

#include <QByteArray>
#include <QString>

#include <utility>

namespace chevet::crypto {

// What is stored next to the database so the data key can be recovered with the PIN on this device.
// None of it is secret on its own.
struct WrappedDataKey
{
    QByteArray salt; // 16 random bytes for scrypt
    ScryptParams params;
    QByteArray nonce; // for the wrap
    // AES-256-GCM(KEK, dataKey), aad = storeId "|" owner when boundToOwner (the nurse whose slot it is:
    // a slot copied over a colleague's does not open as hers, security review F3), storeId alone before.
    QByteArray wrapped;
    bool boundToOwner = false;
    // The owner's personal key (her own secrets: her DPI session), wrapped under the same KEK with its
    // own nonce, aad = storeId "|" owner "|personal". Empty in slots written before (security review F8).
    QByteArray personalNonce;
    QByteArray personalWrapped;
    // HMAC-SHA256(deviceSecret, "chevet device check" + storeId): tells "other device" apart from
    // "wrong PIN" without revealing either.
    QByteArray deviceCheck;
};

// The store's key hierarchy. A PIN change re-wraps the data key; removing a nurse replaces it
// (withNewDataKey(), then everything sealed again: the store's key rotation), and the nurses who stay
// receive the new one as a grant to their public key. The KEK needs both the PIN
// and the device secret: a copied database cannot be brute-forced off the device, and a stolen
// device still needs the PIN.
class KeyRing
{
public:
    // New random 32-byte data key, wrapped by KEK = HKDF-SHA256(scrypt(pin, salt) || deviceSecret,
    // info "chevet kek v1").
    // `owner` (the nurse the slot is filed under) is bound into the wrap, and a personal key is made for
    // her; empty only for tests of the unbound format.
    static Result<std::pair<KeyRing, WrappedDataKey>>
    create(const QByteArray &pin, const QByteArray &deviceSecret, const QByteArray &storeId,
           const ScryptParams &params = {}, const QString &owner = QString());
    // Errors: "wrong-device" when the device check mismatches, "wrong-pin" when the unwrap fails
    // authentication (a wrong PIN, or a slot bound to another owner), "corrupt-key" when the stored
    // fields are malformed.
    static Result<KeyRing> unlock(const QByteArray &pin, const QByteArray &deviceSecret,
                                  const QByteArray &storeId, const WrappedDataKey &wrapped,
                                  const QString &owner = QString());

    ~KeyRing();
    KeyRing(const KeyRing &other) = default;
    KeyRing(KeyRing &&other) noexcept = default;
    KeyRing &operator=(const KeyRing &other);
    KeyRing &operator=(KeyRing &&other) noexcept;

    // Re-wraps the same data key under a new PIN, with a fresh salt and nonce, for `owner`, with
    // `personalKey` as her personal key (this ring's own for a PIN change, a new one for a new nurse;
    // none for tests of the old formats).
    Result<WrappedDataKey> rewrap(const QByteArray &newPin, const QByteArray &deviceSecret,
                                  const QByteArray &storeId, const ScryptParams &params = {},
                                  const QString &owner = QString(), const QByteArray &personalKey = {}) const;
    // 32 random bytes for a nurse's personal key.
    static Result<QByteArray> newPersonalKey();

    // The unlocking nurse's personal key, for what only she may open (hasPersonalKey() is false for a
    // slot written before personal keys, until adoptPersonalKey() after it is re-wrapped with one).
    bool hasPersonalKey() const { return !m_personalKey.isEmpty(); }
    const QByteArray &personalKey() const { return m_personalKey; }
    const Sealer &personalSealer() const { return m_personalSealer; }
    void adoptPersonalKey(QByteArray key);

    const Sealer &sealer() const;

    // Keyed hash for look-ups without plaintext: HMAC-SHA256(indexKey, domain + '\0' + value), both UTF-8.
    // Domains such as "ipp|<system>" or "ins" keep equal values of different kinds apart. The value is
    // hashed as given: callers normalise it (case, spaces) so equal identifiers match.
    QByteArray blindIndex(const QString &domain, const QString &value) const;

    // Key for the audit log's hash chain, so that the chain cannot be recomputed without the PIN.
    const QByteArray &auditKey() const;

    // A ring with a new random data key (and so new index and audit keys) and this ring's personal key.
    Result<KeyRing> withNewDataKey() const;
    // Names the data key without revealing it (HMAC under the key), so an unlock tells a slot that still
    // wraps a replaced key from the current one.
    Result<QByteArray> keyCheck(const QByteArray &storeId) const;
    // HMAC-SHA256 under a key derived from the data key, for clear values only its holders may write.
    Result<QByteArray> tag(const QByteArray &message) const;
    // The data key sealed to a nurse's public key (crypto/keygrant.h), bound to `aad`.
    Result<QByteArray> grantTo(const QByteArray &publicKey, const QByteArray &aad) const;
    // The ring a grant to this ring's nurse hands over, with her personal key and her slot's salt.
    // "auth-failed" when the grant is not hers or was altered.
    Result<KeyRing> openGrant(const QByteArray &grant, const QByteArray &aad,
                              const QByteArray &slotSalt) const;
    // The public key that goes with her personal key and her slot's salt, to which grants are sealed.
    Result<QByteArray> publicKey(const QByteArray &slotSalt) const;

private:
    KeyRing(QByteArray dataKey, QByteArray indexKey, QByteArray auditKey);
    static Result<KeyRing> fromDataKey(QByteArray dataKey);
    void wipeAll();

    QByteArray m_dataKey;
    Sealer m_sealer;
    QByteArray m_indexKey;
    QByteArray m_auditKey;
    QByteArray m_personalKey;
    Sealer m_personalSealer{QByteArray()};
};

} // namespace chevet::crypto
