#include "commands.h"
#include "jsonview.h"
#include "output.h"
#include "process/processhardening.h"
#include "session.h"
#include "store/auditlog.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "sync/auditexporter.h"
#include "tlsoptions.h"

#include <QFileInfo>
#include <QJsonObject>

namespace chevet::cli {

int runInit(const Arguments &args)
{
    if (const QStringList unknown =
            args.unknown(kStoreOptions + QStringList{QStringLiteral("establishment")});
        !unknown.isEmpty())
        return usageError(QStringLiteral("init: unknown option --%1").arg(unknown.first()));
    Result<StoreOptions> options = storeOptions(args);
    if (!options)
        return fail(options.error());
    options->establishment = args.value(QStringLiteral("establishment"));
    if (options->author.isEmpty())
        options->author = QStringLiteral("chevetctl");
    Result<std::unique_ptr<Store>> store = Store::create(*options);
    if (!store)
        return fail(store.error());
    return printJson(QJsonObject{
        {QStringLiteral("created"), QFileInfo(options->path).absoluteFilePath()},
        {QStringLiteral("storeId"), (*store)->storeId()},
        {QStringLiteral("device"), (*store)->deviceId()},
        {QStringLiteral("establishment"), (*store)->establishment()},
        {QStringLiteral("sealed"), QStringLiteral("AES-256-GCM; key wrapped by scrypt(PIN) + device key")},
    });
}

int runStatus(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions + kTlsOptions); !unknown.isEmpty())
        return usageError(QStringLiteral("status: unknown option --%1").arg(unknown.first()));
    Result<QJsonObject> tls = tlsJson(args);
    if (!tls)
        return fail(tls.error());
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    Result<OutboxCounts> counts = store.outbox().counts();
    if (!counts)
        return fail(counts.error());
    Result<AuditVerification> audit = store.audit().verify();
    if (!audit)
        return fail(audit.error());
    Result<QList<Patient>> patients = store.patients().all();
    if (!patients)
        return fail(patients.error());
    Result<QByteArray> lastSync = store.metaValue(QStringLiteral("last_sync_ms"));
    Result<AuditExportStatus> exported = AuditExporter::status(store);
    if (!exported)
        return fail(exported.error());

    QJsonObject auditJson{{QStringLiteral("intact"), audit->intact},
                          {QStringLiteral("entries"), audit->entries}};
    if (!audit->intact) {
        auditJson.insert(QStringLiteral("firstBadEntry"), audit->firstBadSeq);
        auditJson.insert(QStringLiteral("reason"), audit->reason);
    }
    // Whether the DPI holds a copy a nurse with the file cannot rewrite (security review F8).
    switch (exported->state) {
    case AuditExportStatus::State::NotYet:
        auditJson.insert(QStringLiteral("onDpi"), QStringLiteral("not yet: no sync has reached the DPI"));
        break;
    case AuditExportStatus::State::Exported:
        auditJson.insert(QStringLiteral("onDpi"),
                         QStringLiteral("up to entry %1").arg(exported->exportedSeq));
        break;
    case AuditExportStatus::State::LocalOnly:
        auditJson.insert(QStringLiteral("onDpi"),
                         QStringLiteral("kept on this tablet only: the DPI does not take AuditEvent"));
        break;
    }
    const bool synced = lastSync && !lastSync->isEmpty();
    const ProcessHardening hardening = processHardening();
    return printJson(QJsonObject{
        {QStringLiteral("process"), QJsonObject{{QStringLiteral("coreDumpsOff"), hardening.coreDumpsOff},
                                                {QStringLiteral("notDumpable"), hardening.notDumpable}}},
        {QStringLiteral("storeId"), store.storeId()},
        {QStringLiteral("device"), store.deviceId()},
        {QStringLiteral("establishment"), store.establishment()},
        {QStringLiteral("patients"), patients->size()},
        {QStringLiteral("pending"), counts->pending},
        {QStringLiteral("delivered"), counts->delivered},
        {QStringLiteral("quarantined"), counts->quarantined},
        {QStringLiteral("lastSync"), synced ? QJsonValue(isoTime(lastSync->toLongLong())) : QJsonValue()},
        {QStringLiteral("audit"), auditJson},
        {QStringLiteral("tls"), *tls},
    });
}

} // namespace chevet::cli
