#include "commands.h"
#include "jsonview.h"
#include "output.h"
#include "session.h"
#include "store/medicationrepository.h"
#include "store/recordtable.h"
#include "store/storecontext.h"
#include "store/taskrepository.h"

namespace chevet::cli {

namespace {

// A DPI id (as pulled) or a local id.
Result<QUuid> recordArgument(Store &store, const QString &reference, const QString &type,
                             const QString &option)
{
    if (reference.isEmpty())
        return makeError(ValidationError::Usage, QStringLiteral("--%1 is required").arg(option));
    Result<std::optional<RecordRow>> byServer = store.context().records.findByServerId(type, reference);
    if (!byServer)
        return byServer.error();
    if (*byServer)
        return (*byServer)->id;
    const QUuid local = QUuid::fromString(reference);
    Result<bool> exists = local.isNull() ? Result<bool>(false) : store.context().records.exists(local, type);
    if (!exists)
        return exists.error();
    if (!*exists) {
        Error e = makeError(ValidationError::NotFound,
                            QStringLiteral("no %1 '%2' on this device (sync first?)").arg(type, reference));
        e.field = option;
        return e;
    }
    return local;
}

} // namespace

int runRecordAdministration(const Arguments &args)
{
    const QStringList known = kStoreOptions + QStringList{QStringLiteral("patient"),
                                                          QStringLiteral("request"), QStringLiteral("slot"),
                                                          QStringLiteral("not-given"), QStringLiteral("at")};
    if (const QStringList unknown = args.unknown(known); !unknown.isEmpty())
        return usageError(QStringLiteral("record administration: unknown option --%1").arg(unknown.first()));
    Result<qint64> slot = timeArgument(args, QStringLiteral("slot"));
    if (!slot)
        return fail(slot.error());
    if (*slot == 0)
        return usageError(
            QStringLiteral("record administration: --slot is required (the scheduled time, ISO 8601)"));
    Result<qint64> at = timeArgument(args, QStringLiteral("at"));
    if (!at)
        return fail(at.error());
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    Result<QUuid> patient = patientArgument(store, args);
    if (!patient)
        return fail(patient.error());
    Result<QUuid> request = recordArgument(store, args.value(QStringLiteral("request")),
                                           RecordType::MedicationRequest, QStringLiteral("request"));
    if (!request)
        return fail(request.error());

    MedicationAdministration a;
    a.meta.patientId = *patient;
    a.meta.clinicalTimeMs = *at;
    a.requestId = *request;
    a.slotMs = *slot;
    if (args.has(QStringLiteral("not-given"))) {
        a.status = AdministrationStatus::NotDone;
        a.statusReason = args.value(QStringLiteral("not-given"));
    }
    Result<MedicationAdministration> recorded = store.medications().recordAdministration(a);
    if (!recorded)
        return fail(recorded.error());
    return printJson(toJson(*recorded));
}

int runTaskDone(const Arguments &args)
{
    if (const QStringList unknown =
            args.unknown(kStoreOptions + QStringList{QStringLiteral("task"), QStringLiteral("at")});
        !unknown.isEmpty())
        return usageError(QStringLiteral("task done: unknown option --%1").arg(unknown.first()));
    Result<qint64> at = timeArgument(args, QStringLiteral("at"));
    if (!at)
        return fail(at.error());
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    Result<QUuid> task =
        recordArgument(store, args.value(QStringLiteral("task")), RecordType::Task, QStringLiteral("task"));
    if (!task)
        return fail(task.error());
    Result<CareTask> done = store.tasks().complete(*task, *at);
    if (!done)
        return fail(done.error());
    return printJson(toJson(*done));
}

} // namespace chevet::cli
