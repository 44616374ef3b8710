// Nurses of a shared tablet: each has her own key slot (PIN) on the store.
#include "commands.h"
#include "core/buildmode.h"
#include "output.h"
#include "session.h"
#include "session/sessiongate.h"

#include <QJsonArray>

namespace chevet::cli {

namespace {

QJsonArray idsJson(const QStringList &ids)
{
    return QJsonArray::fromStringList(ids);
}

// `nurse add ID` / `nurse remove ID`: the nurse named after the sub-command.
Result<QString> nurseWord(const Arguments &args, const QString &command)
{
    if (args.words().size() != 3)
        return makeError(ValidationError::Usage,
                         QStringLiteral("nurse %1 needs exactly one nurse id").arg(command));
    return args.words().at(2);
}

} // namespace

int runNurseList(const Arguments &args)
{
    if (const QStringList unknown = args.unknown({QStringLiteral("store"), QStringLiteral("device-key")});
        !unknown.isEmpty())
        return usageError(QStringLiteral("nurse list: unknown option --%1").arg(unknown.first()));
    Result<std::unique_ptr<SessionGate>> gate = sessionGate(args);
    if (!gate)
        return fail(gate.error());
    // Ids only, and no PIN needed: this is the "who are you" list of the unlock screen.
    Result<QStringList> nurses = (*gate)->nurses();
    if (!nurses)
        return fail(nurses.error());
    return printJson(QJsonObject{{QStringLiteral("nurses"), idsJson(*nurses)}});
}

int runNurseAdd(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(
            kStoreOptions + QStringList{QStringLiteral("new-pin"), QStringLiteral("first-sign-in-here")});
        !unknown.isEmpty())
        return usageError(QStringLiteral("nurse add: unknown option --%1").arg(unknown.first()));
    if (args.flag(QStringLiteral("first-sign-in-here")) && kBuildMode != BuildMode::Development)
        return usageError(QStringLiteral("nurse add: --first-sign-in-here exists in development builds only; "
                                         "the nurse signs in with 'signin --nurse ID'"));
    Result<QString> nurse = nurseWord(args, QStringLiteral("add"));
    if (!nurse)
        return fail(nurse.error());
    Result<std::unique_ptr<Store>> store = openStore(args);
    if (!store)
        return fail(store.error());
    Result<QByteArray> pin = pinArgument(args, QStringLiteral("new-pin"), "CHEVET_NEW_PIN",
                                         QStringLiteral("PIN for %1: ").arg(*nurse));
    if (!pin)
        return fail(pin.error());
    if (Status s = (*store)->enrolNurse(*nurse, *pin); !s)
        return fail(s.error());
    // Not her sign-in (security review F3): her first unlock waits for `signin --nurse ID`. A development
    // build may say otherwise, explicitly, for a store with no identity provider to sign in with.
    const bool signedInHere = args.flag(QStringLiteral("first-sign-in-here"));
    if (signedInHere) {
        Result<std::unique_ptr<SessionGate>> gate = sessionGate(args);
        if (!gate)
            return fail(gate.error());
        if (Status s = (*gate)->recordSignIn(*nurse); !s)
            return fail(s.error());
    }
    Result<QStringList> nurses = (*store)->nurses();
    if (!nurses)
        return fail(nurses.error());
    return printJson(QJsonObject{{QStringLiteral("enrolled"), *nurse},
                                 {QStringLiteral("needsSignIn"), !signedInHere},
                                 {QStringLiteral("nurses"), idsJson(*nurses)}});
}

int runNurseRemove(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions); !unknown.isEmpty())
        return usageError(QStringLiteral("nurse remove: unknown option --%1").arg(unknown.first()));
    Result<QString> nurse = nurseWord(args, QStringLiteral("remove"));
    if (!nurse)
        return fail(nurse.error());
    Result<std::unique_ptr<Store>> store = openStore(args);
    if (!store)
        return fail(store.error());
    Result<Store::KeyReplacement> replaced = (*store)->removeNurse(*nurse);
    if (!replaced)
        return fail(replaced.error());
    Result<QStringList> nurses = (*store)->nurses();
    if (!nurses)
        return fail(nurses.error());
    // The data key was replaced: those it could not be handed to must be enrolled again.
    return printJson(QJsonObject{{QStringLiteral("removed"), *nurse},
                                 {QStringLiteral("nurses"), idsJson(*nurses)},
                                 {QStringLiteral("keyReplaced"), true},
                                 {QStringLiteral("mustReenrol"), idsJson(replaced->notHanded)},
                                 {QStringLiteral("rowsLeftUnreadable"), replaced->rowsLeftUnreadable}});
}

int runKeyReplace(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions); !unknown.isEmpty())
        return usageError(QStringLiteral("key replace: unknown option --%1").arg(unknown.first()));
    Result<std::unique_ptr<Store>> store = openStore(args);
    if (!store)
        return fail(store.error());
    Result<Store::KeyReplacement> replaced = (*store)->replaceDataKey();
    if (!replaced)
        return fail(replaced.error());
    return printJson(QJsonObject{{QStringLiteral("keyReplaced"), true},
                                 {QStringLiteral("mustReenrol"), idsJson(replaced->notHanded)},
                                 {QStringLiteral("rowsLeftUnreadable"), replaced->rowsLeftUnreadable}});
}

} // namespace chevet::cli
