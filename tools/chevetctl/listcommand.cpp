#include "commands.h"
#include "jsonview.h"
#include "model/vitalsentry.h"
#include "output.h"
#include "session.h"
#include "store/allergyrepository.h"
#include "store/medicationrepository.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/taskrepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTextStream>

#include <algorithm>

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

QString measureText(const Observation &o)
{
    const VitalCoding &coding = vitalCoding(o.kind);
    switch (o.kind) {
    case VitalKind::BloodPressure:
        return QStringLiteral("BP %1/%2").arg(o.value).arg(o.diastolic.value_or(0));
    case VitalKind::Consciousness:
        return QStringLiteral("ACVPU %1").arg(acvpuLetter(static_cast<Acvpu>(qRound(o.value))));
    case VitalKind::OxygenSaturation:
        return QStringLiteral("SpO2 %1%%2")
            .arg(o.value)
            .arg(o.onOxygen ? QStringLiteral(" O2") : QStringLiteral(" air"));
    case VitalKind::News2Score:
        return QString();
    default:
        return QStringLiteral("%1 %2 %3").arg(coding.key).arg(o.value).arg(coding.unit);
    }
}

QString allergiesText(const QList<AllergyIntolerance> &allergies)
{
    if (allergies.isEmpty())
        return QStringLiteral("not recorded");
    QStringList parts;
    for (const AllergyIntolerance &a : allergies) {
        if (a.isNoKnownAllergy()) {
            parts.append(QStringLiteral("none known"));
            continue;
        }
        QStringList details;
        if (a.criticality)
            details.append(allergyCriticalityKey(*a.criticality));
        details.append(allergyVerificationStatusKey(a.verificationStatus));
        if (a.clinicalStatus && *a.clinicalStatus != AllergyClinicalStatus::Active)
            details.append(allergyClinicalStatusKey(*a.clinicalStatus));
        QString part = QStringLiteral("%1 (%2)").arg(a.substanceDisplay, details.join(QStringLiteral(", ")));
        if (!a.reactionText.isEmpty())
            part += QStringLiteral(": ") + a.reactionText;
        parts.append(part);
    }
    return parts.join(QStringLiteral("; "));
}

// A compact chart for people: the identity and allergies, one line per bedside entry, then the notes.
int printText(Store &store, const Patient &patient, const QList<AllergyIntolerance> &allergies,
              const QList<Observation> &observations, const QList<NursingNote> &notes)
{
    QTextStream out(stdout);
    out << patient.family.toUpper() << ' ' << patient.given << ", born "
        << patient.birthDate.toString(Qt::ISODate);
    if (patient.identityStatus != IdentityStatus::Unknown)
        out << ", identity " << identityStatusKey(patient.identityStatus);
    out << '\n' << "  Allergies: " << allergiesText(allergies) << '\n';
    qsizetype i = 0;
    while (i < observations.size()) {
        const QUuid panel = observations[i].panelId;
        QList<Observation> members;
        QStringList parts;
        bool delivered = true;
        for (; i < observations.size() && observations[i].panelId == panel; ++i) {
            members.append(observations[i]);
            if (const QString text = measureText(observations[i]); !text.isEmpty())
                parts.append(text);
            Result<QList<OutboxEntry>> queued = store.outbox().forRecord(observations[i].meta.id);
            delivered = delivered && queued && !queued->isEmpty() &&
                        std::all_of(queued->cbegin(), queued->cend(),
                                    [](const OutboxEntry &e) { return e.state == OutboxState::Delivered; });
        }
        const News2Result news2 = computeNews2(news2InputFrom(members));
        const QString when = QDateTime::fromMSecsSinceEpoch(members.constFirst().meta.clinicalTimeMs)
                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        out << "  " << when << "  " << parts.join(QStringLiteral(", ")) << "  | NEWS2 " << news2.total << ' '
            << news2RiskKey(news2.risk) << (news2.complete ? "" : " (incomplete)") << "  | "
            << (delivered ? "delivered" : "not yet sent") << '\n';
    }
    for (const NursingNote &note : notes) {
        out << "  "
            << QDateTime::fromMSecsSinceEpoch(note.meta.clinicalTimeMs)
                   .toString(QStringLiteral("yyyy-MM-dd HH:mm"))
            << "  [" << note.target << "] D: " << note.data << " / A: " << note.actions
            << " / R: " << note.results << "  (" << note.meta.author << ")\n";
    }
    return Ok;
}

} // namespace

int runList(const Arguments &args)
{
    if (const QStringList unknown =
            args.unknown(kStoreOptions + QStringList{QStringLiteral("patient"), QStringLiteral("days"),
                                                     QStringLiteral("text")});
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
        return fail(patient ? makeError(StoreError::NotFound, QStringLiteral("patient vanished"))
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
    Result<QList<AllergyIntolerance>> allergies = store.allergies().forPatient(*patientId);
    if (!allergies)
        return fail(allergies.error());
    if (args.flag(QStringLiteral("text")))
        return printText(store, **patient, *allergies, *observations, *notes);
    QJsonArray allergiesJson;
    for (const AllergyIntolerance &allergy : std::as_const(*allergies))
        allergiesJson.append(toJson(allergy));
    QJsonArray notesJson;
    for (const NursingNote &note : std::as_const(*notes))
        notesJson.append(toJson(note));
    Result<QList<MedicationRequest>> requests = store.medications().requestsForPatient(*patientId);
    if (!requests)
        return fail(requests.error());
    QJsonArray requestsJson;
    for (const MedicationRequest &request : std::as_const(*requests)) {
        QJsonObject item = toJson(request);
        Result<QList<MedicationAdministration>> given = store.medications().administrationsFor(request.id);
        QJsonArray givenJson;
        if (given) {
            for (const MedicationAdministration &a : std::as_const(*given))
                givenJson.append(toJson(a));
        }
        item.insert(QStringLiteral("administrations"), givenJson);
        requestsJson.append(item);
    }
    Result<QList<CareTask>> tasks = store.tasks().forPatient(*patientId);
    if (!tasks)
        return fail(tasks.error());
    QJsonArray tasksJson;
    for (const CareTask &task : std::as_const(*tasks))
        tasksJson.append(toJson(task));
    return printJson(QJsonObject{
        {QStringLiteral("patient"), toJson(**patient)},
        {QStringLiteral("allergies"), allergiesJson},
        {QStringLiteral("prescriptions"), requestsJson},
        {QStringLiteral("tasks"), tasksJson},
        {QStringLiteral("vitals"), entriesJson(store, *observations)},
        {QStringLiteral("notes"), notesJson},
    });
}

} // namespace chevet::cli
