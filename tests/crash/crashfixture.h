#pragma once

// What crash_writer and tst_crashrecovery agree on.

#include "crypto/scrypt.h"

#include <QByteArray>
#include <QString>

namespace chevet::crashtest {

inline const QByteArray kPin = QByteArrayLiteral("482193");
inline const QString kIpp = QStringLiteral("CRASH0001");
inline const QString kAuthor = QStringLiteral("crash-nurse");
// Cheap unlock: the writer is restarted dozens of times.
inline constexpr crypto::ScryptParams kKdf{1u << 12, 8, 1};
// First line the writer prints once its store and patient exist.
inline constexpr char kReady[] = "ready";

} // namespace chevet::crashtest
