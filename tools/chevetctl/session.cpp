#include "session.h"

#include "keystore/filedevicesecretstore.h"
#include "session/sessiongate.h"
#include "store/patientrepository.h"
#include "terminal/pinprompt.h"

#include <QDateTime>

namespace chevet::cli {

namespace {

Error usage(const QString &message)
{
    return makeError(ValidationError::Usage, message);
}

QString optionOrEnv(const Arguments &args, const QString &name, const char *env)
{
    return args.has(name) ? args.value(name) : qEnvironmentVariable(env);
}

} // namespace

QString storePath(const Arguments &args)
{
    return optionOrEnv(args, QStringLiteral("store"), "CHEVET_STORE");
}

QString deviceKeyPath(const Arguments &args)
{
    return args.has(QStringLiteral("device-key")) ? args.value(QStringLiteral("device-key"))
                                                  : FileDeviceSecretStore::defaultPath();
}

Result<QByteArray> deviceSecret(const Arguments &args)
{
    FileDeviceSecretStore keys(deviceKeyPath(args));
    return keys.deviceSecret();
}

Result<QByteArray> pinArgument(const Arguments &args, const QString &option, const char *env,
                               const QString &prompt)
{
    QByteArray pin = optionOrEnv(args, option, env).toUtf8();
    if (!pin.isEmpty())
        return pin;
    return promptForPin(prompt);
}

Result<StoreOptions> storeOptions(const Arguments &args)
{
    StoreOptions options;
    options.path = storePath(args);
    if (options.path.isEmpty())
        return usage(QStringLiteral("no store given: use --store FILE or CHEVET_STORE"));
    Result<QByteArray> pin = pinArgument(args, QStringLiteral("pin"), "CHEVET_PIN", QStringLiteral("PIN: "));
    if (!pin)
        return pin.error();
    options.pin = *pin;
    Result<QByteArray> secret = deviceSecret(args);
    if (!secret)
        return secret.error();
    options.deviceSecret = *secret;
    options.author = optionOrEnv(args, QStringLiteral("nurse"), "CHEVET_NURSE");
    return options;
}

Result<std::unique_ptr<SessionGate>> sessionGate(const Arguments &args)
{
    const QString path = storePath(args);
    if (path.isEmpty())
        return usage(QStringLiteral("no store given: use --store FILE or CHEVET_STORE"));
    Result<QByteArray> secret = deviceSecret(args);
    if (!secret)
        return secret.error();
    return std::make_unique<SessionGate>(path, *secret);
}

Result<std::unique_ptr<Store>> openStore(const Arguments &args, StoreChecks checks)
{
    Result<StoreOptions> options = storeOptions(args);
    if (!options)
        return options.error();
    SessionGate gate(options->path, options->deviceSecret);
    // Without --nurse, a tablet with one nurse opens as her; with several, the nurse must be named.
    if (options->author.isEmpty()) {
        Result<QStringList> nurses = gate.nurses();
        if (!nurses)
            return nurses.error();
        if (nurses->size() != 1)
            return usage(
                QStringLiteral("several nurses use this store: name one with --nurse or CHEVET_NURSE"));
        options->author = nurses->first();
    }
    // Through the gate: wrong PINs count here as in the app, and the same waits and lockout apply.
    Result<std::unique_ptr<Store>> store = gate.unlock(options->author, options->pin);
    // A diagnostic tool checks everything every time: a damaged store is never shown nor synced.
    if (store && checks == StoreChecks::Integrity) {
        if (Status s = (*store)->checkIntegrity(); !s)
            return s.error();
    }
    return store;
}

Result<QUuid> patientArgument(Store &store, const Arguments &args)
{
    const QString reference = args.value(QStringLiteral("patient"));
    if (reference.isEmpty())
        return usage(QStringLiteral("--patient is required (IPP or DPI id)"));
    Result<std::optional<Patient>> patient = store.patients().resolve(reference);
    if (!patient)
        return patient.error();
    if (!*patient) {
        Error e = makeError(ValidationError::MissingPatient,
                            QStringLiteral("no patient with IPP or id '%1' on this device").arg(reference));
        e.field = QStringLiteral("patient");
        return e;
    }
    return (*patient)->id;
}

Result<qint64> timeArgument(const Arguments &args, const QString &name)
{
    if (!args.has(name))
        return qint64(0);
    const QDateTime at = QDateTime::fromString(args.value(name), Qt::ISODateWithMs);
    if (!at.isValid())
        return usage(
            QStringLiteral("--%1 must be an ISO 8601 date-time such as 2026-11-22T08:30:00+01:00").arg(name));
    return at.toMSecsSinceEpoch();
}

} // namespace chevet::cli
