#pragma once

#include "arguments.h"
#include "core/result.h"
#include "store/store.h"

#include <QUuid>

#include <memory>

namespace chevet {
class SessionGate;
}

namespace chevet::cli {

// Global options shared by every command that touches a store.
inline const QStringList kStoreOptions = {QStringLiteral("store"), QStringLiteral("pin"),
                                          QStringLiteral("device-key"), QStringLiteral("nurse")};

// Builds StoreOptions from --store/CHEVET_STORE, --pin/CHEVET_PIN/prompt, --device-key/CHEVET_DEVICE_KEY
// and --nurse/CHEVET_NURSE (empty when not given).
Result<StoreOptions> storeOptions(const Arguments &args);
// What openStore checks once the store is unlocked.
enum class StoreChecks {
    Integrity, // the file's structure and the audit chain: any damage is an error (exit 1)
    OpenOnly,  // what Store::open checks (journal, head mark): erase-device works on a damaged store
};
// Unlocks through the session gate (attempt limits, offline window) as --nurse, or as the store's only
// nurse when --nurse is not given.
Result<std::unique_ptr<Store>> openStore(const Arguments &args, StoreChecks checks = StoreChecks::Integrity);
// The gate alone, for what needs no PIN (the list of nurses).
Result<std::unique_ptr<SessionGate>> sessionGate(const Arguments &args);
// --store or CHEVET_STORE (empty when neither).
QString storePath(const Arguments &args);
// The device key file: --device-key, CHEVET_DEVICE_KEY, or the default place.
QString deviceKeyPath(const Arguments &args);
// A PIN from --<option>, the environment variable, or the terminal.
Result<QByteArray> pinArgument(const Arguments &args, const QString &option, const char *env,
                               const QString &prompt);
// Resolves --patient (an IPP of the store's establishment, the DPI's id or the local id).
Result<QUuid> patientArgument(Store &store, const Arguments &args);
// --at as ISO 8601; absent means now (0).
Result<qint64> timeArgument(const Arguments &args, const QString &name);

} // namespace chevet::cli
