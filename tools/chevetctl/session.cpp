#include "session.h"

#include "keystore/filedevicesecretstore.h"
#include "store/patientrepository.h"
#include "terminal/pinprompt.h"

#include <QDateTime>

namespace chevet::cli {

namespace {

Error usage(const QString &message)
{
    return makeError(ErrorDomain::Validation, QStringLiteral("usage"), message);
}

QString optionOrEnv(const Arguments &args, const QString &name, const char *env)
{
    return args.has(name) ? args.value(name) : qEnvironmentVariable(env);
}

} // namespace

Result<StoreOptions> storeOptions(const Arguments &args)
{
    StoreOptions options;
    options.path = optionOrEnv(args, QStringLiteral("store"), "CHEVET_STORE");
    if (options.path.isEmpty())
        return usage(QStringLiteral("no store given: use --store FILE or CHEVET_STORE"));

    QByteArray pin = optionOrEnv(args, QStringLiteral("pin"), "CHEVET_PIN").toUtf8();
    if (pin.isEmpty()) {
        Result<QByteArray> typed = promptForPin(QStringLiteral("PIN: "));
        if (!typed)
            return typed.error();
        pin = *typed;
    }
    options.pin = pin;

    const QString keyPath = args.has(QStringLiteral("device-key")) ? args.value(QStringLiteral("device-key"))
                                                                   : FileDeviceSecretStore::defaultPath();
    FileDeviceSecretStore keys(keyPath);
    Result<QByteArray> secret = keys.deviceSecret();
    if (!secret)
        return secret.error();
    options.deviceSecret = *secret;
    options.author = optionOrEnv(args, QStringLiteral("nurse"), "CHEVET_NURSE");
    if (options.author.isEmpty())
        options.author = QStringLiteral("chevetctl");
    return options;
}

Result<std::unique_ptr<Store>> openStore(const Arguments &args)
{
    Result<StoreOptions> options = storeOptions(args);
    if (!options)
        return options.error();
    return Store::open(*options);
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
        Error e = makeError(ErrorDomain::Validation, QStringLiteral("missing-patient"),
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
