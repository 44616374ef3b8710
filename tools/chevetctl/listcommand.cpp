#include "commands.h"
#include "jsonview.h"
#include "model/vitalsentry.h"
#include "output.h"
#include "session.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "store/patientrepository.h"

#include <QJsonArray>

#include <limits>

namespace chevet::cli {

namespace {

// Observations come back ordered by clinical time; an entry is the run sharing one panel id.
QJsonArray entriesJson(Store &store, const QList<Observation> &observations)
{
    QJsonArray entries;
    qsizetype i = 0;
    while (i < observations.size()) {
        const QUuid panel = observations[i].panelId;
        QList<Observation> members;
        QJsonArray items;
        for (; i < observations.size() && observations[i].panelId == panel; ++i) {
            members.append(observations[i]);
            QJsonObject item = toJson(observations[i]);
            Result<QList<OutboxEntry>> queued = store.outbox().forRecord(observations[i].meta.id);
            bool delivered = queued && !queued->isEmpty();
            if (queued) {
                for (const OutboxEntry &e : std::as_const(*queued))
                    delivered = delivered && e.state == OutboxState::Delivered;
            }
            item.insert(QStringLiteral("delivered"), delivered);
            items.append(item);
        }
        entries.append(QJsonObject{
            {QStringLiteral("id"), panel.toString(QUuid::WithoutBraces)},
            {QStringLiteral("at"), isoTime(members.constFirst().meta.clinicalTimeMs)},
            {QStringLiteral("observations"), items},
            {QStringLiteral("news2"), toJson(computeNews2(news2InputFrom(members)))},
        });
    }
    return entries;
}

} // namespace

int runList(const Arguments &args)
{
    if (const QStringList unknown =
            args.unknown(kStoreOptions + QStringList{QStringLiteral("patient"), QStringLiteral("days")});
        !unknown.isEmpty())
        return usageError(QStringLiteral("list: unknown option --%1").arg(unknown.first()));
    QString error;
    const std::optional<double> days = number(args, QStringLiteral("days"), &error);
    if (!error.isEmpty())
        return usageError(QStringLiteral("list: ") + error);

    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    Result<QUuid> patientId = patientArgument(store, args);
    if (!patientId)
        return fail(patientId.error());
    Result<std::optional<Patient>> patient = store.patients().find(*patientId);
    if (!patient || !*patient)
        return fail(patient ? makeError(ErrorDomain::Store, QStringLiteral("not-found"),
                                        QStringLiteral("patient vanished"))
                            : patient.error());

    const qint64 to = std::numeric_limits<qint64>::max();
    const qint64 from = days ? QDateTime::currentMSecsSinceEpoch() - qint64(*days * 86400000.0)
                             : std::numeric_limits<qint64>::min();
    Result<QList<Observation>> observations = store.observations().forPatient(*patientId, from, to);
    if (!observations)
        return fail(observations.error());
    Result<QList<NursingNote>> notes = store.notes().forPatient(*patientId, from, to);
    if (!notes)
        return fail(notes.error());
    QJsonArray notesJson;
    for (const NursingNote &note : std::as_const(*notes))
        notesJson.append(toJson(note));
    return printJson(QJsonObject{
        {QStringLiteral("patient"), toJson(**patient)},
        {QStringLiteral("vitals"), entriesJson(store, *observations)},
        {QStringLiteral("notes"), notesJson},
    });
}

} // namespace chevet::cli
