#include "patientchart.h"
#include "services/errortext.h"

#include "alerttitle.h"

#include "backend/alertactions.h"
#include "backend/alertdetails.h"
#include "backend/sbarsummary.h"
#include "backend/statuslabel.h"
#include "backend/wardqueries.h"
#include "model/allergy.h"
#include "model/caretask.h"
#include "model/latecare.h"
#include "model/nursingnote.h"
#include "model/observation.h"
#include "model/vitalsentry.h"
#include "store/alertlog.h"
#include "store/allergyrepository.h"
#include "store/encounterrepository.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/store.h"
#include "store/taskrepository.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>

using namespace chevet;
using namespace chevet::app;

namespace {
constexpr qint64 kDay = 24 * 60 * 60 * 1000;
// Trends cover the stay, up to this far back: a month is what a ward chart shows.
constexpr qint64 kTrendSpanMs = 31 * kDay;
} // namespace

struct PatientChart::Data
{
    Patient patient;
    std::optional<Encounter> stay;
    QList<Observation> observations;
    QList<NursingNote> notes;
    QSet<QUuid> undelivered;
    QList<CareTask> tasks;
    QList<ClinicalAlert> alerts;
    QList<AlertDetails> alertDetails; // one per alert
    QList<AllergyIntolerance> allergies;
};

PatientChart::PatientChart(QObject *parent)
    : QObject(parent)
    , StoreReading(this)
{}

void PatientChart::setSession(SessionController *session)
{
    bindSession(session);
    Q_EMIT sessionChanged();
}

void PatientChart::setPatientId(const QString &id)
{
    if (m_patientId == id)
        return;
    m_patientId = id;
    // Never show one patient's chart under another's id, even for a moment.
    unload();
    clear();
    Q_EMIT patientIdChanged();
    reload();
}

void PatientChart::clear()
{
    m_identity.clear();
    m_allergies.clear();
    m_allergiesRecorded = false;
    m_news2 = -1;
    m_news2Risk.clear();
    m_news2Complete = false;
    m_news2Response.clear();
    m_news2History.clear();
    m_series.clear();
    m_lastValues.clear();
    m_notes.clear();
    m_tasks.clear();
    m_alerts.clear();
    m_lateCare.clear();
    m_escalation.clear();
    m_sbar.clear();
    Q_EMIT changed();
}

void PatientChart::reload()
{
    const QUuid id(m_patientId);
    if (id.isNull())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    read<Data>(
        [id, now](Store &store) -> Result<Data> {
            Data d;
            Result<std::optional<Patient>> patient = store.patients().find(id);
            if (!patient)
                return patient.error();
            if (!*patient)
                return makeError(StoreError::NotFound, QStringLiteral("no such patient"));
            d.patient = **patient;
            Result<std::optional<Encounter>> stay = store.encounters().current(id);
            if (!stay)
                return stay.error();
            d.stay = *stay;
            const qint64 from = std::max(now - kTrendSpanMs, d.stay ? d.stay->startMs - kDay : 0);
            Result<QList<Observation>> obs = store.observations().forPatient(id, from, now + kDay);
            Result<QList<NursingNote>> notes = store.notes().forPatient(id, from, now + kDay);
            Result<QList<CareTask>> tasks = store.tasks().forPatient(id);
            Result<QList<ClinicalAlert>> alerts = store.alerts().list(true);
            if (!obs)
                return obs.error();
            if (!notes)
                return notes.error();
            if (!tasks)
                return tasks.error();
            if (!alerts)
                return alerts.error();
            Result<QList<AllergyIntolerance>> allergies = store.allergies().forPatient(id);
            if (!allergies)
                return allergies.error();
            d.allergies = *allergies;
            d.observations = *obs;
            d.notes = *notes;
            d.tasks = *tasks;
            for (const ClinicalAlert &a : *alerts) {
                if (a.patientId != id)
                    continue;
                Result<AlertDetails> details = describeAlert(store, a);
                if (!details)
                    return details.error();
                d.alerts.append(a);
                d.alertDetails.append(*details);
            }
            for (const NursingNote &n : d.notes) {
                if (Result<int> open = store.outbox().firstOpenVersion(n.meta.id); open && *open > 0)
                    d.undelivered.insert(n.meta.id);
            }
            for (const CareTask &t : d.tasks) {
                if (Result<int> open = store.outbox().firstOpenVersion(t.id); open && *open > 0)
                    d.undelivered.insert(t.id);
            }
            return d;
        },
        [this, id](const Result<Data> &data) {
            // A read for the patient shown before lands after another was chosen: never shown
            // under the new one's id, even for a moment.
            if (id != QUuid(m_patientId))
                return false;
            if (data)
                apply(*data);
            else
                clear();
            return true;
        });
}

void PatientChart::apply(const Data &d)
{
    QString ipp, ins;
    for (const PatientIdentifier &id : d.patient.identifiers) {
        if (id.old)
            continue;
        if (id.kind == IdentifierKind::Ipp && ipp.isEmpty())
            ipp = id.value;
        if (id.kind == IdentifierKind::Ins)
            ins = id.value;
    }
    m_identity = {
        {QStringLiteral("name"), displayName(d.patient)},
        {QStringLiteral("family"), d.patient.family},
        {QStringLiteral("given"), d.patient.given},
        {QStringLiteral("birthDate"), d.patient.birthDate.toString(QStringLiteral("dd/MM/yyyy"))},
        {QStringLiteral("sex"), sexKey(d.patient.sex)},
        {QStringLiteral("ipp"), ipp},
        {QStringLiteral("ins"), ins},
        {QStringLiteral("insStatus"), identityStatusKey(d.patient.identityStatus)},
        {QStringLiteral("insQualified"), d.patient.insQualified()},
        {QStringLiteral("room"), d.stay ? d.stay->room : QString()},
        {QStringLiteral("bed"), d.stay ? d.stay->bed : QString()},
        {QStringLiteral("unit"), d.stay ? d.stay->unit : QString()},
        {QStringLiteral("admitted"), d.stay ? QDateTime::fromMSecsSinceEpoch(d.stay->startMs) : QDateTime()},
    };
    // Only what the DPI says: no record at all is "not recorded", never "no allergy".
    m_allergies.clear();
    m_allergiesRecorded = !d.allergies.isEmpty();
    for (const AllergyIntolerance &a : d.allergies) {
        const bool active = !a.clinicalStatus || *a.clinicalStatus == AllergyClinicalStatus::Active;
        if (!active || a.verificationStatus == AllergyVerificationStatus::Refuted || a.isNoKnownAllergy())
            continue;
        m_allergies.append(QVariantMap{
            {QStringLiteral("substance"),
             a.substanceDisplay.isEmpty() ? a.substanceCode : a.substanceDisplay},
            {QStringLiteral("criticality"),
             a.criticality ? allergyCriticalityKey(*a.criticality) : QString()},
            {QStringLiteral("reaction"), a.reactionText},
            {QStringLiteral("confirmed"), a.verificationStatus == AllergyVerificationStatus::Confirmed}});
    }

    // Trends: one series per measure, in time order; NEWS2 per bedside entry.
    QList<Observation> obs = d.observations;
    std::sort(obs.begin(), obs.end(), [](const Observation &a, const Observation &b) {
        return a.meta.clinicalTimeMs < b.meta.clinicalTimeMs;
    });
    QHash<QString, QVariantList> series;
    QHash<QUuid, QList<Observation>> panels;
    QList<QUuid> panelOrder;
    m_lastValues.clear();
    for (const Observation &o : std::as_const(obs)) {
        if (!carriesResult(o.status) || o.kind == VitalKind::News2Score)
            continue;
        const QString key = vitalCoding(o.kind).key;
        QVariantMap point{{QStringLiteral("t"), double(o.meta.clinicalTimeMs)},
                          {QStringLiteral("v"), o.value}};
        if (o.diastolic)
            point.insert(QStringLiteral("v2"), *o.diastolic);
        series[key].append(point);
        QVariantMap last = point;
        last.insert(QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(o.meta.clinicalTimeMs));
        if (o.kind == VitalKind::OxygenSaturation)
            last.insert(QStringLiteral("onOxygen"), o.onOxygen);
        m_lastValues.insert(key, last);
        if (!panels.contains(o.panelId))
            panelOrder.append(o.panelId);
        panels[o.panelId].append(o);
    }
    m_series.clear();
    for (auto it = series.cbegin(); it != series.cend(); ++it)
        m_series.insert(it.key(), it.value());

    m_news2History.clear();
    QVariantList news2Points;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<ScoredSet> recentSets;
    QList<News2Input> recentInputs; // each recent entry's values, for the SBAR summary
    for (const QUuid &panel : std::as_const(panelOrder)) {
        const QList<Observation> &entry = panels.value(panel);
        const News2Input input = news2InputFrom(entry);
        const News2Result r = computeNews2(input);
        const qint64 t = entry.first().meta.clinicalTimeMs;
        m_news2History.append(QVariantMap{{QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(t)},
                                          {QStringLiteral("total"), r.total},
                                          {QStringLiteral("risk"), news2RiskKey(r.risk)},
                                          {QStringLiteral("complete"), r.complete}});
        news2Points.append(QVariantMap{{QStringLiteral("t"), double(t)}, {QStringLiteral("v"), r.total}});
        if (t >= now - kNews2LookbackMs) {
            recentSets.append({r, t});
            recentInputs.append(input);
        }
    }
    // The score that decides: a newer, incomplete entry never lowers a known risk (decidingNews2).
    const std::optional<DecidingNews2> deciding = decidingNews2(recentSets);
    const std::optional<News2Result> current =
        deciding ? std::optional<News2Result>(deciding->news2) : std::nullopt;
    const qint64 currentAtMs = deciding ? deciding->scoredAtMs : 0;
    const News2Input currentVitals = deciding ? recentInputs.at(deciding->index) : News2Input{};
    m_series.insert(QStringLiteral("news2"), news2Points);
    m_news2 = current ? current->total : -1;
    m_news2Risk = current ? news2RiskKey(current->risk) : QString();
    m_news2Complete = current && current->complete;
    m_news2Response = current ? session()->news2Response(*current) : QString();

    // Late care (issue "the app" item 3): when the next vitals are due, and the call the score asks for.
    const VitalsDue due = vitalsDue(current, deciding ? deciding->lastEntryAtMs : 0, now);
    m_lateCare = {
        {QStringLiteral("news2AgeMinutes"), currentAtMs > 0 ? int((now - currentAtMs) / 60000) : -1},
        // A newer entry was incomplete and scored lower: it is named, the score shown is the complete one.
        {QStringLiteral("newerIncomplete"), deciding && deciding->fromEarlierSet},
        {QStringLiteral("newerIncompleteScore"),
         deciding && deciding->newestIncomplete ? deciding->newestIncomplete->total : -1},
        {QStringLiteral("newerIncompleteAt"), deciding && deciding->fromEarlierSet
                                                  ? QDateTime::fromMSecsSinceEpoch(deciding->lastEntryAtMs)
                                                  : QDateTime()},
        {QStringLiteral("monitoring"), monitoringKey(due.monitoring)},
        {QStringLiteral("vitalsDueInMinutes"), int(std::max<qint64>(0, due.dueAtMs - now) / 60000)},
        {QStringLiteral("vitalsLateMinutes"), int(due.lateByMs / 60000)},
    };
    m_escalation.clear();
    m_sbar.clear();
    if (current && escalationFor(*current) != Escalation::None) {
        SbarFacts facts;
        facts.nurse = session()->nurse();
        facts.patient = displayName(d.patient);
        facts.ageYears = ageOn(d.patient.birthDate, QDate::currentDate());
        facts.room = d.stay ? d.stay->room : QString();
        facts.bed = d.stay ? d.stay->bed : QString();
        facts.stayStartMs = d.stay ? d.stay->startMs : 0;
        facts.allergiesRecorded = m_allergiesRecorded;
        for (const QVariant &a : std::as_const(m_allergies))
            facts.allergies.append(a.toMap().value(QStringLiteral("substance")).toString());
        facts.vitals = currentVitals;
        facts.news2 = *current;
        facts.takenAtMs = currentAtMs;
        facts.nowMs = now;
        m_escalation = escalationKey(escalationFor(*current));
        m_sbar = composeSbar(facts).text();
    }

    m_notes.clear();
    QList<NursingNote> notes = d.notes;
    std::sort(notes.begin(), notes.end(), [](const NursingNote &a, const NursingNote &b) {
        return a.meta.clinicalTimeMs > b.meta.clinicalTimeMs;
    });
    for (const NursingNote &n : std::as_const(notes)) {
        m_notes.append(
            QVariantMap{{QStringLiteral("id"), n.meta.id.toString(QUuid::WithoutBraces)},
                        {QStringLiteral("target"), n.target},
                        {QStringLiteral("data"), n.data},
                        {QStringLiteral("actions"), n.actions},
                        {QStringLiteral("results"), n.results},
                        {QStringLiteral("author"), n.meta.author},
                        {QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(n.meta.clinicalTimeMs)},
                        {QStringLiteral("status"), statusCode(n.status, n.otherStatus, &recordStatusKey)},
                        {QStringLiteral("undelivered"), d.undelivered.contains(n.meta.id)}});
    }

    m_tasks.clear();
    QList<CareTask> tasks = d.tasks;
    std::sort(tasks.begin(), tasks.end(),
              [](const CareTask &a, const CareTask &b) { return a.dueMs < b.dueMs; });
    for (const CareTask &t : std::as_const(tasks)) {
        m_tasks.append(
            QVariantMap{{QStringLiteral("id"), t.id.toString(QUuid::WithoutBraces)},
                        {QStringLiteral("description"), t.description},
                        {QStringLiteral("due"), QDateTime::fromMSecsSinceEpoch(t.dueMs)},
                        {QStringLiteral("status"), statusCode(t.status, t.otherStatus, &taskStatusKey)},
                        // To do, and ticked here; any other status is shown in words (sync-audit §5).
                        {QStringLiteral("open"), isToDo(t.status)},
                        {QStringLiteral("lateMinutes"),
                         isToDo(t.status) && t.dueMs > 0 && t.dueMs < now ? int((now - t.dueMs) / 60000) : 0},
                        {QStringLiteral("statusText"),
                         chevet::app::statusLabel(statusCode(t.status, t.otherStatus, &taskStatusKey))},
                        {QStringLiteral("completedBy"), t.completedBy},
                        {QStringLiteral("completedAt"),
                         t.completedMs ? QDateTime::fromMSecsSinceEpoch(*t.completedMs) : QDateTime()},
                        {QStringLiteral("undelivered"), d.undelivered.contains(t.id)}});
    }

    m_alerts.clear();
    for (qsizetype i = 0; i < d.alerts.size(); ++i) {
        const ClinicalAlert &a = d.alerts.at(i);
        m_alerts.append(QVariantMap{{QStringLiteral("id"), a.id.toString(QUuid::WithoutBraces)},
                                    {QStringLiteral("details"), d.alertDetails.at(i).records},
                                    {QStringLiteral("action"), d.alertDetails.at(i).action},
                                    {QStringLiteral("kind"), a.kind},
                                    {QStringLiteral("title"), alertTitle(a.kind)},
                                    {QStringLiteral("message"), a.message},
                                    {QStringLiteral("raised"), QDateTime::fromMSecsSinceEpoch(a.raisedMs)},
                                    {QStringLiteral("records"), int(a.records.size())}});
    }
}

void PatientChart::completeTask(const QString &taskId)
{
    const QUuid id(taskId);
    session()->worker().write<CareTask>(
        this, [id](Store &store) { return store.tasks().complete(id); },
        [this](Result<CareTask> done) {
            if (!done)
                Q_EMIT actionFailed(ErrorText::of(done.error()));
        });
}

void PatientChart::acknowledgeAlert(const QString &alertId)
{
    app::acknowledgeAlert(session()->worker(), this, QUuid(alertId),
                          [this](const QString &message) { Q_EMIT actionFailed(message); });
}
