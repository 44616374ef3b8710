#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace chevet {

class Store;

// Small secrets of the engine kept in the store's meta table, sealed under the store's data key
// (AES-256-GCM): a refresh token is worth as much as a session, so it is never stored in clear. The
// aad binds each value to its store and key, so a blob copied elsewhere does not open. An empty
// value means absent.
class SealedMeta
{
public:
    explicit SealedMeta(Store &store);

    Result<QByteArray> value(const QString &key);
    Status setValue(const QString &key, const QByteArray &value);
    Status remove(const QString &key);

private:
    QByteArray aad(const QString &key) const;

    Store &m_store;
};

} // namespace chevet
