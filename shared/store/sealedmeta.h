#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace chevet {

class Store;
namespace crypto {
class Sealer;
}

// Small secrets of the engine kept in the store's meta table, sealed under the store's data key
// (AES-256-GCM): a refresh token is worth as much as a session, so it is never stored in clear. The
// aad binds each value to its store and key, so a blob copied elsewhere does not open. An empty
// value means absent.
class SealedMeta
{
public:
    // Shared: under the data key, for what every nurse of the tablet may read. Personal: under the
    // unlocking nurse's own key, for what only she may (her DPI session: security review F8); a value a
    // build before sealed under the data key still opens, and is sealed under hers at the next write.
    enum class Scope { Shared, Personal };
    explicit SealedMeta(Store &store, Scope scope = Scope::Shared);

    Result<QByteArray> value(const QString &key);
    Status setValue(const QString &key, const QByteArray &value);
    Status remove(const QString &key);

    // Where the values live in `meta` ("engine.sealed.<key>"), and what each seal binds.
    static QString storedKey(const QString &key);
    static QByteArray associatedData(const QString &storeId, const QString &key);

private:
    QByteArray aad(const QString &key) const;
    const crypto::Sealer &sealer() const;

    Store &m_store;
    Scope m_scope;
};

} // namespace chevet
