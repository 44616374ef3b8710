#include "commands.h"
#include "core/clock.h"
#include "core/hybridlogicalclock.h"
#include "jsonview.h"
#include "output.h"
#include "session.h"
#include "store/alertlog.h"
#include "store/auditlog.h"
#include "store/conflictqueue.h"
#include "store/outbox.h"
#include "store/store.h"
#include "store/storecontext.h"
#include "sync/conflictresolver.h"

#include <QFile>

#include <QJsonArray>
#include <QJsonDocument>

namespace chevet::cli {

int runAlerts(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions + QStringList{QStringLiteral("all")});
        !unknown.isEmpty())
        return usageError(QStringLiteral("alerts: unknown option --%1").arg(unknown.first()));
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Result<QList<ClinicalAlert>> alerts = (*opened)->alerts().list(!args.flag(QStringLiteral("all")));
    if (!alerts)
        return fail(alerts.error());
    QJsonArray list;
    for (const ClinicalAlert &a : std::as_const(*alerts)) {
        QJsonArray records;
        for (const QUuid &id : a.records)
            records.append(id.toString(QUuid::WithoutBraces));
        QJsonObject item{
            {QStringLiteral("id"), a.id.toString(QUuid::WithoutBraces)},
            {QStringLiteral("kind"), a.kind},
            {QStringLiteral("patient"), a.patientId.toString(QUuid::WithoutBraces)},
            {QStringLiteral("records"), records},
            {QStringLiteral("message"), a.message},
            {QStringLiteral("raised"), isoTime(a.raisedMs)},
            {QStringLiteral("state"), a.state},
        };
        if (a.state != QLatin1String("open")) {
            item.insert(QStringLiteral("acknowledgedBy"), a.acknowledgedBy);
            item.insert(QStringLiteral("acknowledged"), isoTime(a.acknowledgedMs));
        }
        list.append(item);
    }
    return printJson(QJsonObject{{QStringLiteral("alerts"), list}});
}

int runAck(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions); !unknown.isEmpty())
        return usageError(QStringLiteral("ack: unknown option --%1").arg(unknown.first()));
    if (args.words().size() != 2)
        return usageError(QStringLiteral("ack: give the alert id (see 'chevetctl alerts')"));
    const QUuid id = QUuid::fromString(args.words().at(1));
    if (id.isNull())
        return usageError(QStringLiteral("ack: '%1' is not an alert id").arg(args.words().at(1)));
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    if (Status s = store.alerts().acknowledge(id, store.author(), store.context().clock.nowMs()); !s)
        return fail(s.error());
    return printJson(QJsonObject{{QStringLiteral("acknowledged"), id.toString(QUuid::WithoutBraces)},
                                 {QStringLiteral("by"), store.author()}});
}

int runConflicts(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions); !unknown.isEmpty())
        return usageError(QStringLiteral("conflicts: unknown option --%1").arg(unknown.first()));
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    Result<QList<ParkedConflict>> conflicts = store.conflicts().open();
    if (!conflicts)
        return fail(conflicts.error());
    QJsonArray list;
    for (const ParkedConflict &c : std::as_const(*conflicts)) {
        QJsonObject item{
            {QStringLiteral("id"), c.id.toString(QUuid::WithoutBraces)},
            {QStringLiteral("record"), c.recordId.toString(QUuid::WithoutBraces)},
            {QStringLiteral("type"), c.recordType},
            {QStringLiteral("rule"), c.rule},
            {QStringLiteral("localVersion"), c.localVersion},
            {QStringLiteral("remoteVersion"), c.remoteVersion},
            {QStringLiteral("created"), isoTime(c.createdMs)},
        };
        if (!c.patientId.isNull())
            item.insert(QStringLiteral("patient"), c.patientId.toString(QUuid::WithoutBraces));
        // Base, local and remote side by side, as a person needs them to decide.
        ConflictResolver resolver(store);
        Result<QJsonObject> base = resolver.baseOf(c.recordId);
        Result<QJsonObject> local = resolver.localOf(c.recordId);
        if (base && !base->isEmpty())
            item.insert(QStringLiteral("base"), *base);
        if (local)
            item.insert(QStringLiteral("local"), *local);
        if (!c.remote.isEmpty())
            item.insert(QStringLiteral("remote"), QJsonDocument::fromJson(c.remote).object());
        if (!c.reason.isEmpty())
            item.insert(QStringLiteral("reason"), c.reason);
        list.append(item);
    }
    return printJson(QJsonObject{{QStringLiteral("conflicts"), list}});
}

int runResolve(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions + QStringList{QStringLiteral("take")});
        !unknown.isEmpty())
        return usageError(QStringLiteral("resolve: unknown option --%1").arg(unknown.first()));
    if (args.words().size() != 2 || !args.has(QStringLiteral("take")))
        return usageError(
            QStringLiteral("resolve: give the conflict id and --take local|remote|different-person|FILE"));
    const QUuid id = QUuid::fromString(args.words().at(1));
    if (id.isNull())
        return usageError(QStringLiteral("resolve: '%1' is not a conflict id").arg(args.words().at(1)));
    const QString take = args.value(QStringLiteral("take"));
    ConflictResolver::Choice choice = ConflictResolver::Choice::TakeMerged;
    QJsonObject merged;
    if (take == QLatin1String("local")) {
        choice = ConflictResolver::Choice::TakeLocal;
    } else if (take == QLatin1String("remote")) {
        choice = ConflictResolver::Choice::TakeRemote;
    } else if (take == QLatin1String("different-person")) {
        choice = ConflictResolver::Choice::DifferentPerson;
    } else {
        QFile file(take);
        if (!file.open(QIODevice::ReadOnly))
            return usageError(
                QStringLiteral("resolve: --take is local, remote, or a FHIR JSON file; cannot read '%1'")
                    .arg(take));
        QJsonParseError error;
        merged = QJsonDocument::fromJson(file.readAll(), &error).object();
        if (error.error != QJsonParseError::NoError || merged.isEmpty())
            return usageError(QStringLiteral("resolve: '%1' is not a FHIR JSON resource").arg(take));
    }
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    ConflictResolver resolver(store);
    if (Status s = resolver.resolve(id, choice, merged); !s)
        return fail(s.error());
    return printJson(
        QJsonObject{{QStringLiteral("resolved"), id.toString(QUuid::WithoutBraces)},
                    {QStringLiteral("took"),
                     choice == ConflictResolver::Choice::TakeMerged ? QStringLiteral("merged") : take},
                    {QStringLiteral("by"), store.author()},
                    {QStringLiteral("next"), QStringLiteral("sync to send the decision to the DPI")}});
}

// Quarantine is never terminal: what the DPI refused goes again once the cause is fixed.
int runRetry(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions); !unknown.isEmpty())
        return usageError(QStringLiteral("retry: unknown option --%1").arg(unknown.first()));
    if (args.words().size() > 2)
        return usageError(QStringLiteral("retry: give at most one record id"));
    QUuid record;
    if (args.words().size() == 2) {
        record = QUuid::fromString(args.words().at(1));
        if (record.isNull())
            return usageError(QStringLiteral("retry: '%1' is not a record id").arg(args.words().at(1)));
    }
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    Result<int> moved = store.outbox().retryQuarantined(record, store.context().clock.nowMs());
    if (!moved)
        return fail(moved.error());
    AuditEntry entry = store.context().auditEntry(QStringLiteral("outbox.retry-quarantined"));
    entry.recordId = record;
    entry.detail = QString::number(*moved);
    if (Status s = store.audit().append(entry); !s)
        return fail(s.error());
    return printJson(QJsonObject{{QStringLiteral("retried"), *moved},
                                 {QStringLiteral("next"), QStringLiteral("sync to send them")}});
}

} // namespace chevet::cli
