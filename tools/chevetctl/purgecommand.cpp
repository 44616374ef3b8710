// Offline data lifetime: what leaves the tablet, what stays and why. Output carries the device's own
// patient ids and reason codes only, never a name or an identifier of the person.
#include "commands.h"
#include "keystore/filedevicesecretstore.h"
#include "output.h"
#include "session.h"
#include "session/sessionpolicy.h"
#include "store/lifetimepurge.h"

#include <QJsonArray>

namespace chevet::cli {

int runPurge(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(
            kStoreOptions + QStringList{QStringLiteral("dry-run"), QStringLiteral("max-age-days")});
        !unknown.isEmpty())
        return usageError(QStringLiteral("purge: unknown option --%1").arg(unknown.first()));
    qint64 maxAgeMs = SessionPolicy{}.offlineDataMaxAgeMs;
    if (args.has(QStringLiteral("max-age-days"))) {
        bool ok = false;
        const int days = args.value(QStringLiteral("max-age-days")).toInt(&ok);
        if (!ok || days < 1)
            return usageError(QStringLiteral("--max-age-days must be a whole number of days, at least 1"));
        maxAgeMs = days * SessionPolicy::kDay;
    }
    Result<std::unique_ptr<Store>> store = openStore(args);
    if (!store)
        return fail(store.error());
    LifetimePurge purge(**store);
    const bool dryRun = args.flag(QStringLiteral("dry-run"));
    QList<PurgeDecision> decisions;
    bool walTruncated = false;
    if (dryRun) {
        Result<QList<PurgeDecision>> planned = purge.plan(maxAgeMs);
        if (!planned)
            return fail(planned.error());
        decisions = *planned;
    } else {
        Result<PurgeReport> report = purge.run(maxAgeMs);
        if (!report)
            return fail(report.error());
        decisions = report->decisions;
        walTruncated = report->walTruncated;
    }
    QJsonArray erased;
    QJsonArray kept;
    for (const PurgeDecision &d : std::as_const(decisions)) {
        const QJsonObject item{{QStringLiteral("patient"), d.patientId.toString(QUuid::WithoutBraces)},
                               {QStringLiteral("reason"), d.reason},
                               {QStringLiteral("records"), d.records}};
        (d.erase ? erased : kept).append(item);
    }
    QJsonObject out{{dryRun ? QStringLiteral("wouldErase") : QStringLiteral("erased"), erased},
                    {QStringLiteral("kept"), kept}};
    if (!dryRun)
        out.insert(QStringLiteral("walTruncated"), walTruncated);
    return printJson(out);
}

int runEraseDevice(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions + QStringList{QStringLiteral("force")});
        !unknown.isEmpty())
        return usageError(QStringLiteral("erase-device: unknown option --%1").arg(unknown.first()));
    // Already erased (a run whose key destruction failed, or a second run): no PIN opens it any more,
    // so the device key is destroyed without one.
    if (Result<bool> erased = Store::wasErased(storePath(args)); erased && *erased) {
        FileDeviceSecretStore keys(deviceKeyPath(args));
        if (Status s = keys.forget(); !s)
            return fail(s.error());
        return printJson(QJsonObject{{QStringLiteral("erased"), true},
                                     {QStringLiteral("alreadyErased"), true},
                                     {QStringLiteral("deviceKeyDestroyed"), true}});
    }
    Result<std::unique_ptr<Store>> store = openStore(args, StoreChecks::OpenOnly);
    if (!store)
        return fail(store.error());
    const bool force = args.flag(QStringLiteral("force"));
    LifetimePurge purge(**store);
    Result<bool> walTruncated = purge.forgetDevice(force);
    if (!walTruncated)
        return fail(walTruncated.error());
    store->reset();
    // The device key goes too (security review F7): a copy of the store made before the erase, a backup
    // or blocks the journal freed, never opens again, whatever PIN is tried.
    FileDeviceSecretStore keys(deviceKeyPath(args));
    if (Status s = keys.forget(); !s)
        return fail(s.error());
    return printJson(QJsonObject{{QStringLiteral("erased"), true},
                                 {QStringLiteral("forced"), force},
                                 {QStringLiteral("walTruncated"), *walTruncated},
                                 {QStringLiteral("deviceKeyDestroyed"), true}});
}

} // namespace chevet::cli
