#include "commands.h"
#include "jsonview.h"
#include "model/vitalsentry.h"
#include "output.h"
#include "session.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"

#include <QJsonArray>

namespace chevet::cli {

int runRecordVitals(const Arguments &args)
{
    const QStringList measures = {
        QStringLiteral("rr"),    QStringLiteral("spo2"), QStringLiteral("scale"),  QStringLiteral("oxygen"),
        QStringLiteral("sbp"),   QStringLiteral("dbp"),  QStringLiteral("pulse"),  QStringLiteral("temp"),
        QStringLiteral("acvpu"), QStringLiteral("pain"), QStringLiteral("weight"), QStringLiteral("glucose")};
    if (const QStringList unknown = args.unknown(
            kStoreOptions + measures + QStringList{QStringLiteral("patient"), QStringLiteral("at")});
        !unknown.isEmpty())
        return usageError(QStringLiteral("record vitals: unknown option --%1").arg(unknown.first()));

    QString error;
    VitalsInput in;
    in.respiratoryRate = number(args, QStringLiteral("rr"), &error);
    in.spo2 = number(args, QStringLiteral("spo2"), &error);
    in.systolic = number(args, QStringLiteral("sbp"), &error);
    in.diastolic = number(args, QStringLiteral("dbp"), &error);
    in.pulse = number(args, QStringLiteral("pulse"), &error);
    in.temperature = number(args, QStringLiteral("temp"), &error);
    in.pain = number(args, QStringLiteral("pain"), &error);
    in.weightKg = number(args, QStringLiteral("weight"), &error);
    in.glucoseMmol = number(args, QStringLiteral("glucose"), &error);
    in.spo2Scale = int(number(args, QStringLiteral("scale"), &error).value_or(1));
    in.onOxygen = args.flag(QStringLiteral("oxygen"));
    if (!error.isEmpty())
        return usageError(QStringLiteral("record vitals: ") + error);
    if (args.has(QStringLiteral("acvpu"))) {
        in.consciousness = acvpuFromLetter(args.value(QStringLiteral("acvpu")));
        if (!in.consciousness)
            return usageError(QStringLiteral("record vitals: --acvpu must be one of A, C, V, P, U"));
    }

    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    Result<QUuid> patient = patientArgument(store, args);
    if (!patient)
        return fail(patient.error());
    Result<qint64> at = timeArgument(args, QStringLiteral("at"));
    if (!at)
        return fail(at.error());

    Result<VitalsEntry> entry = store.observations().recordVitals(*patient, in, *at);
    if (!entry)
        return fail(entry.error());
    QJsonArray observations;
    for (const Observation &o : std::as_const(entry->observations))
        observations.append(toJson(o));
    const RecordMeta &meta = entry->observations.constFirst().meta;
    return printJson(QJsonObject{
        {QStringLiteral("id"), entry->panelId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("patient"), patient->toString(QUuid::WithoutBraces)},
        {QStringLiteral("at"), isoTime(meta.clinicalTimeMs)},
        {QStringLiteral("author"), meta.author},
        {QStringLiteral("observations"), observations},
        {QStringLiteral("news2"), toJson(entry->news2)},
        {QStringLiteral("queued"), true},
    });
}

int runRecordNote(const Arguments &args)
{
    const QStringList known =
        kStoreOptions + QStringList{QStringLiteral("patient"), QStringLiteral("target"),
                                    QStringLiteral("data"),    QStringLiteral("actions"),
                                    QStringLiteral("results"), QStringLiteral("at")};
    if (const QStringList unknown = args.unknown(known); !unknown.isEmpty())
        return usageError(QStringLiteral("record note: unknown option --%1").arg(unknown.first()));
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    Result<QUuid> patient = patientArgument(store, args);
    if (!patient)
        return fail(patient.error());
    Result<qint64> at = timeArgument(args, QStringLiteral("at"));
    if (!at)
        return fail(at.error());
    NursingNote note;
    note.meta.patientId = *patient;
    note.meta.clinicalTimeMs = *at;
    note.target = args.value(QStringLiteral("target"));
    note.data = args.value(QStringLiteral("data"));
    note.actions = args.value(QStringLiteral("actions"));
    note.results = args.value(QStringLiteral("results"));
    Result<NursingNote> recorded = store.notes().record(note);
    if (!recorded)
        return fail(recorded.error());
    return printJson(toJson(*recorded));
}

} // namespace chevet::cli
