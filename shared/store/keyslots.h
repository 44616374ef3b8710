#pragma once

#include "core/result.h"
#include "crypto/keyring.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace chevet {

class Database;

// One wrapped copy of the store's data key per nurse, in `meta` under "key_slot.<nurse id>". Each copy
// is wrapped under that nurse's PIN plus the device secret, so nurses never learn each other's PIN and
// removing a slot removes exactly one way in. Inside the store folder only.
namespace keyslots {

// Nurse ids are stored in clear (key names, records.author): a short login, never a person's name.
Status validateNurseId(const QString &nurse);

QByteArray encode(const crypto::WrappedDataKey &wrapped);
std::optional<crypto::WrappedDataKey> decode(const QByteArray &bytes);

// The slot of `nurse`; nullopt when she has none.
Result<std::optional<crypto::WrappedDataKey>> read(Database &db, const QString &nurse);
Status write(Database &db, const QString &nurse, const crypto::WrappedDataKey &wrapped);
Status remove(Database &db, const QString &nurse);
// Enrolled nurses, sorted.
Result<QStringList> nurses(Database &db);
// Stores made before key slots kept one wrapped key under "wrapped_key"; nullopt when there is none.
Result<std::optional<crypto::WrappedDataKey>> readLegacy(Database &db);
Status removeLegacy(Database &db);

} // namespace keyslots
} // namespace chevet
