#include "sealedmeta.h"

#include "crypto/keyring.h"
#include "store.h"
#include "storecontext.h"

namespace chevet {

namespace {

QString metaKey(const QString &key)
{
    return QStringLiteral("sealed.") + key;
}

} // namespace

SealedMeta::SealedMeta(Store &store, Scope scope)
    : m_store(store)
    , m_scope(scope)
{}

const crypto::Sealer &SealedMeta::sealer() const
{
    const crypto::KeyRing &keys = m_store.context().keys;
    return m_scope == Scope::Personal && keys.hasPersonalKey() ? keys.personalSealer() : keys.sealer();
}

QString SealedMeta::storedKey(const QString &key)
{
    return QStringLiteral("engine.") + metaKey(key);
}

QByteArray SealedMeta::associatedData(const QString &storeId, const QString &key)
{
    return QByteArrayLiteral("chevet sealed meta|") + storeId.toUtf8() + '|' + key.toUtf8();
}

QByteArray SealedMeta::aad(const QString &key) const
{
    return associatedData(m_store.storeId(), key);
}

Result<QByteArray> SealedMeta::value(const QString &key)
{
    Result<QByteArray> sealed = m_store.metaValue(metaKey(key));
    if (!sealed)
        return sealed.error();
    if (sealed->isEmpty())
        return QByteArray();
    Result<QByteArray> opened = sealer().open(*sealed, aad(key));
    if (!opened && m_scope == Scope::Personal)
        opened = m_store.context().keys.sealer().open(*sealed, aad(key)); // sealed before personal keys
    return opened;
}

Status SealedMeta::setValue(const QString &key, const QByteArray &value)
{
    // Not under a key another program replaced meanwhile: the nurses who stay could not open it.
    if (Status s = m_store.keysCurrent(); !s)
        return s;
    // An empty value is sealed too (the meta table has no deletion, and its values are never NULL):
    // what remains of a removed secret is 29 bytes that open to nothing.
    Result<QByteArray> sealed = sealer().seal(value, aad(key));
    if (!sealed)
        return sealed.error();
    return m_store.setMetaValue(metaKey(key), *sealed);
}

Status SealedMeta::remove(const QString &key)
{
    return setValue(key, QByteArray());
}

} // namespace chevet
