// Store's key slots: one per nurse of the tablet (decision 17).
#include "crypto/keygrant.h"
#include "crypto/wipe.h"
#include "keyslots.h"
#include "metatable.h"
#include "sessionrecords.h"
#include "storeprivate.h"

namespace chevet {

namespace {

Error storeError(StoreError code, const QString &message)
{
    return makeError(code, message);
}

} // namespace

Status Store::changePin(const QByteArray &newPin)
{
    if (Status s = validatePin(newPin); !s)
        return s;
    const QString nurse = d->context->author;
    Result<std::optional<crypto::WrappedDataKey>> current = keyslots::read(*d->db, nurse);
    if (!current)
        return current.error();
    if (!*current)
        return storeError(StoreError::UnknownNurse, QStringLiteral("this nurse has no key slot"));
    // A new personal key with the new PIN: whoever guessed the old PIN from a copy of the file holds the
    // old one, which then opens neither her own sealed values nor a key handed to her afterwards (a
    // hostile review of F7). Her values are sealed again under the new one.
    Result<QByteArray> personal = crypto::KeyRing::newPersonalKey();
    if (!personal)
        return personal.error();
    // Keep the cost her slot was made with: a PIN change must never weaken the key derivation.
    Result<crypto::WrappedDataKey> rewrapped =
        d->keys.rewrap(newPin, d->deviceSecret, d->storeId.toUtf8(), (*current)->params, nurse, *personal);
    Result<QByteArray> grantKey = rewrapped ? crypto::keygrant::publicKeyOf(*personal, rewrapped->salt)
                                            : Result<QByteArray>(rewrapped.error());
    if (!grantKey) {
        crypto::wipe(*personal);
        return grantKey.error();
    }
    const Status changed = [&]() -> Status {
        Transaction tx(*d->db);
        if (Status s = tx.begin(); !s)
            return s;
        if (Status s = keyslots::write(*d->db, nurse, *rewrapped); !s)
            return s;
        if (d->keys.hasPersonalKey()) {
            if (Status s = d->resealSealedMeta(d->keys.personalSealer(), crypto::Sealer(*personal)); !s)
                return s;
        }
        if (Status s = fileGrantKey(*d->db, d->keys, d->storeId.toUtf8(), nurse, *grantKey); !s)
            return s;
        // Her slot now wraps the key in force: a key handed to her before is of no more use.
        if (Status s = metatable::remove(*d->db, QStringLiteral("key_grant.") + nurse); !s)
            return s;
        if (Status s = d->appendAudit(QStringLiteral("store.change-pin"), QString()); !s)
            return s;
        return tx.commit();
    }();
    if (!changed) {
        crypto::wipe(*personal);
        return changed;
    }
    d->keys.adoptPersonalKey(std::move(personal).value());
    return {};
}

Result<QStringList> Store::nurses()
{
    return keyslots::nurses(*d->db);
}

Status Store::enrolNurse(const QString &nurse, const QByteArray &pin)
{
    if (Status s = keyslots::validateNurseId(nurse); !s)
        return s;
    if (Status s = validatePin(pin); !s)
        return s;
    Result<std::optional<crypto::WrappedDataKey>> existing = keyslots::read(*d->db, nurse);
    if (!existing)
        return existing.error();
    if (*existing)
        return storeError(StoreError::NurseExists, QStringLiteral("this nurse is already enrolled"));
    // The new slot costs what the enrolling nurse's slot costs.
    Result<std::optional<crypto::WrappedDataKey>> mine = keyslots::read(*d->db, d->context->author);
    if (!mine)
        return mine.error();
    const crypto::ScryptParams params = *mine ? (*mine)->params : crypto::ScryptParams{};
    // Her own personal key: held here only until it is wrapped under her PIN.
    Result<QByteArray> personal = crypto::KeyRing::newPersonalKey();
    if (!personal)
        return personal.error();
    Result<crypto::WrappedDataKey> wrapped =
        d->keys.rewrap(pin, d->deviceSecret, d->storeId.toUtf8(), params, nurse, *personal);
    // Her public key, so a key replaced before her first unlock can be handed to her.
    Result<QByteArray> grantKey = wrapped ? crypto::keygrant::publicKeyOf(*personal, wrapped->salt)
                                          : Result<QByteArray>(wrapped.error());
    crypto::wipe(*personal);
    if (!grantKey)
        return grantKey.error();
    Transaction tx(*d->db);
    if (Status s = tx.begin(); !s)
        return s;
    if (Status s = keyslots::write(*d->db, nurse, *wrapped); !s)
        return s;
    if (Status s = fileGrantKey(*d->db, d->keys, d->storeId.toUtf8(), nurse, *grantKey); !s)
        return s;
    if (Status s = d->appendAudit(QStringLiteral("store.enrol-nurse"), nurse); !s)
        return s;
    return tx.commit();
}

Result<Store::KeyReplacement> Store::removeNurse(const QString &nurse)
{
    Result<QStringList> enrolled = keyslots::nurses(*d->db);
    if (!enrolled)
        return enrolled.error();
    if (!enrolled->contains(nurse))
        return storeError(StoreError::UnknownNurse, QStringLiteral("this nurse is not enrolled"));
    if (enrolled->size() == 1)
        return storeError(StoreError::LastNurse,
                          QStringLiteral("the last nurse cannot be removed; erase the device instead"));
    Result<std::unique_ptr<SessionRecords>> sessions =
        SessionRecords::over(*d->db, d->deviceSecret, d->storeId.toUtf8());
    if (!sessions)
        return sessions.error();
    // Her way in goes, and the data key she could open is replaced (security review F7): the records
    // she wrote, delivered or not, stay, sealed under the new key.
    Transaction tx(*d->db);
    if (Status s = tx.begin(); !s)
        return s.error();
    for (const QString &key : {QStringLiteral("key_public."), QStringLiteral("key_grant.")}) {
        if (Status s = metatable::remove(*d->db, key + nurse); !s)
            return s.error();
    }
    if (Status s = keyslots::remove(*d->db, nurse); !s)
        return s.error();
    if (Status s = (*sessions)->remove(nurse); !s)
        return s.error();
    if (Status s = d->appendAudit(QStringLiteral("store.remove-nurse"), nurse); !s)
        return s.error();
    return d->commitKeyReplacement(tx);
}

Result<Store::KeyReplacement> Store::replaceDataKey()
{
    Transaction tx(*d->db);
    if (Status s = tx.begin(); !s)
        return s.error();
    return d->commitKeyReplacement(tx);
}

Status Store::keysCurrent()
{
    return d->keysStillCurrent();
}

} // namespace chevet
