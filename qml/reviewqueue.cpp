#include "reviewqueue.h"
#include "services/errortext.h"

#include "backend/alertdetails.h"
#include "backend/conflictrules.h"

#include "alerttitle.h"

#include "backend/alertactions.h"
#include "backend/statuslabel.h"
#include "backend/wardqueries.h"
#include "store/alertlog.h"
#include "store/conflictqueue.h"
#include "store/patientrepository.h"
#include "store/store.h"
#include "sync/conflictresolver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace chevet;
using chevet::app::AlertDetails;
using chevet::app::describeAlert;

namespace {

struct Queue
{
    QVariantList conflicts;
    QVariantList alerts;
};

struct Sides
{
    QString rule;
    QJsonObject base, local, remote;
};

// Elements that identify or version a resource, or tie it to its patient and stay: shown nowhere, never
// chosen by a person (the merge keeps the DPI's). A conflict never moves a record to another patient;
// who the patient is shows above the table (the nurse's review 5b: "Patient/pat-003", "order").
const QSet<QString> kBookkeeping = {
    QStringLiteral("resourceType"), QStringLiteral("id"),        QStringLiteral("meta"),
    QStringLiteral("identifier"),   QStringLiteral("text"),      QStringLiteral("for"),
    QStringLiteral("subject"),      QStringLiteral("patient"),   QStringLiteral("encounter"),
    QStringLiteral("context"),      QStringLiteral("intent"),    QStringLiteral("basedOn"),
    QStringLiteral("partOf"),       QStringLiteral("request"),   QStringLiteral("requester"),
    QStringLiteral("contained"),    QStringLiteral("extension"), QStringLiteral("modifierExtension")};

// A readable one-line form of a FHIR element for the side-by-side view.
QString readable(const QJsonValue &v)
{
    if (v.isUndefined() || v.isNull())
        return QString();
    if (v.isString()) {
        // FHIR dateTimes read as the nurse's local date and time.
        const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
        if (t.isValid() && v.toString().size() > 10)
            return t.toLocalTime().toString(QStringLiteral("dd/MM/yyyy hh:mm"));
        return v.toString();
    }
    if (v.isDouble())
        return QString::number(v.toDouble());
    if (v.isBool())
        return v.toBool() ? QCoreApplication::translate("ReviewQueue", "oui")
                          : QCoreApplication::translate("ReviewQueue", "non");
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &item : v.toArray())
            parts.append(readable(item));
        return parts.join(QStringLiteral(" ; "));
    }
    const QJsonObject o = v.toObject();
    if (o.contains(QStringLiteral("start")) || o.contains(QStringLiteral("end")))
        return readable(o.value(QStringLiteral("start"))) + QStringLiteral(" → ") +
               readable(o.value(QStringLiteral("end")));
    for (const char *key : {"text", "display", "reference", "value", "identifier"}) {
        if (o.contains(QLatin1String(key))) {
            QString s = readable(o.value(QLatin1String(key)));
            if (o.contains(QStringLiteral("unit")))
                s += u' ' + o.value(QStringLiteral("unit")).toString();
            return s;
        }
    }
    if (o.contains(QStringLiteral("coding")))
        return readable(o.value(QStringLiteral("coding")));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString patientName(Store &store, const QUuid &id)
{
    Result<std::optional<Patient>> p = store.patients().find(id);
    return p && *p ? app::displayName(**p) : QString();
}

} // namespace

ReviewQueue::ReviewQueue(QObject *parent)
    : QObject(parent)
    , StoreReading(this)
{}

void ReviewQueue::setSession(SessionController *session)
{
    bindSession(session);
    Q_EMIT sessionChanged();
}

QString ReviewQueue::fieldLabel(const QString &element) const
{
    // The FHIR elements a nurse meets in a conflict, in her words; others keep their FHIR name.
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("status"), QT_TR_NOOP("Statut")},
        {QStringLiteral("description"), QT_TR_NOOP("Description")},
        {QStringLiteral("executionPeriod"), QT_TR_NOOP("Période")},
        {QStringLiteral("for"), QT_TR_NOOP("Patient")},
        {QStringLiteral("subject"), QT_TR_NOOP("Patient")},
        {QStringLiteral("intent"), QT_TR_NOOP("Intention")},
        {QStringLiteral("lastModified"), QT_TR_NOOP("Modifié le")},
        {QStringLiteral("owner"), QT_TR_NOOP("Réalisé par")},
        {QStringLiteral("effectiveDateTime"), QT_TR_NOOP("Date clinique")},
        {QStringLiteral("valueQuantity"), QT_TR_NOOP("Valeur")},
        {QStringLiteral("component"), QT_TR_NOOP("Composantes")},
        {QStringLiteral("note"), QT_TR_NOOP("Note")},
        {QStringLiteral("statusReason"), QT_TR_NOOP("Motif")},
        {QStringLiteral("dosage"), QT_TR_NOOP("Dose")},
    };
    const char *label = labels.value(element, nullptr);
    return label ? tr(label) : element;
}

QString ReviewQueue::statusLabel(const QString &code) const
{
    return chevet::app::statusLabel(code);
}

QString ReviewQueue::ruleText(const QString &rule) const
{
    return chevet::app::conflictRuleText(rule);
}

void ReviewQueue::reload()
{
    read<Queue>(
        [](Store &store) -> Result<Queue> {
            Queue q;
            Result<QList<ParkedConflict>> open = store.conflicts().open();
            if (!open)
                return open.error();
            for (const ParkedConflict &c : *open) {
                q.conflicts.append(
                    QVariantMap{{QStringLiteral("id"), c.id.toString(QUuid::WithoutBraces)},
                                {QStringLiteral("type"), c.recordType},
                                {QStringLiteral("rule"), c.rule},
                                {QStringLiteral("patient"), patientName(store, c.patientId)},
                                {QStringLiteral("patientId"), c.patientId.toString(QUuid::WithoutBraces)},
                                {QStringLiteral("created"), QDateTime::fromMSecsSinceEpoch(c.createdMs)}});
            }
            Result<QList<ClinicalAlert>> alerts = store.alerts().list(true);
            if (!alerts)
                return alerts.error();
            for (const ClinicalAlert &a : *alerts) {
                Result<AlertDetails> details = describeAlert(store, a);
                if (!details)
                    return details.error();
                q.alerts.append(
                    QVariantMap{{QStringLiteral("id"), a.id.toString(QUuid::WithoutBraces)},
                                {QStringLiteral("details"), details->records},
                                {QStringLiteral("action"), details->action},
                                {QStringLiteral("kind"), a.kind},
                                {QStringLiteral("title"), alertTitle(a.kind)},
                                {QStringLiteral("message"), a.message},
                                {QStringLiteral("patient"), patientName(store, a.patientId)},
                                {QStringLiteral("patientId"), a.patientId.toString(QUuid::WithoutBraces)},
                                {QStringLiteral("raised"), QDateTime::fromMSecsSinceEpoch(a.raisedMs)}});
            }
            return q;
        },
        [this](const Result<Queue> &q) {
            if (!q)
                return true; // the error is shown; the last queue read stays
            m_conflicts = q->conflicts;
            m_alerts = q->alerts;
            bool stillOpen = false;
            for (const QVariant &c : std::as_const(m_conflicts))
                stillOpen |= c.toMap().value(QStringLiteral("id")).toString() == m_selected;
            if (!stillOpen && !m_conflicts.isEmpty())
                select(m_conflicts.first().toMap().value(QStringLiteral("id")).toString());
            else if (!stillOpen)
                select(QString());
            return true;
        });
}

void ReviewQueue::select(const QString &conflictId)
{
    m_selected = conflictId;
    m_rows.clear();
    m_base = m_local = m_remote = {};
    if (conflictId.isEmpty()) {
        Q_EMIT selectionChanged();
        return;
    }
    const QUuid id(conflictId);
    session()->worker().run<Sides>(
        this,
        [id](Store &store) -> Result<Sides> {
            Result<std::optional<ParkedConflict>> c = store.conflicts().find(id);
            if (!c)
                return c.error();
            if (!*c)
                return makeError(SyncError::NotFound, QStringLiteral("no such conflict"));
            ConflictResolver resolver(store);
            Sides sides;
            sides.rule = (*c)->rule;
            if (Result<QJsonObject> base = resolver.baseOf((*c)->recordId); base)
                sides.base = *base;
            Result<QJsonObject> local = resolver.localOf((*c)->recordId);
            if (!local)
                return local.error();
            sides.local = *local;
            sides.remote = QJsonDocument::fromJson((*c)->remote).object();
            return sides;
        },
        [this, conflictId](Result<Sides> sides) {
            if (!sides || conflictId != m_selected)
                return;
            m_rule = sides->rule;
            m_base = sides->base;
            m_local = sides->local;
            m_remote = sides->remote;
            for (const QVariant &c : std::as_const(m_conflicts)) {
                if (c.toMap().value(QStringLiteral("id")).toString() == conflictId)
                    m_patientId = c.toMap().value(QStringLiteral("patientId")).toString();
            }
            buildRows();
        });
}

void ReviewQueue::buildRows()
{
    QStringList keys;
    for (const QJsonObject *side : {&m_base, &m_local, &m_remote}) {
        for (const QString &k : side->keys()) {
            if (!kBookkeeping.contains(k) && !keys.contains(k))
                keys.append(k);
        }
    }
    m_rows.clear();
    for (const QString &k : std::as_const(keys)) {
        const QJsonValue local = m_local.value(k), remote = m_remote.value(k);
        const bool differs = local != remote;
        const auto shown = [&](const QJsonValue &v) {
            return k == QLatin1String("status") ? statusLabel(v.toString()) : readable(v);
        };
        m_rows.append(QVariantMap{{QStringLiteral("field"), fieldLabel(k)},
                                  {QStringLiteral("key"), k},
                                  {QStringLiteral("base"), shown(m_base.value(k))},
                                  {QStringLiteral("local"), shown(local)},
                                  {QStringLiteral("remote"), shown(remote)},
                                  {QStringLiteral("differs"), differs},
                                  // The DPI's side by default: a person opts in to keep the tablet's.
                                  {QStringLiteral("choice"), QStringLiteral("remote")}});
    }
    Q_EMIT selectionChanged();
}

QString ReviewQueue::dpiReason() const
{
    // Why the DPI changed it, said first: a stop, a cancellation, its note.
    const QString reason = readable(m_remote.value(QStringLiteral("statusReason")));
    return reason.isEmpty() ? readable(m_remote.value(QStringLiteral("note"))) : reason;
}

QString ReviewQueue::localCare() const
{
    // A care this tablet recorded as done (a task completed, a dose given) that the DPI's side does not
    // carry: taking the DPI's side means it never reaches the DPI, so the page asks first.
    const QString local = m_local.value(QStringLiteral("status")).toString();
    const QString remote = m_remote.value(QStringLiteral("status")).toString();
    if (local != QLatin1String("completed") || remote == local)
        return {};
    QString what = readable(m_local.value(QStringLiteral("description")));
    if (what.isEmpty())
        what = readable(m_local.value(QStringLiteral("medicationCodeableConcept")));
    QString at = readable(m_local.value(QStringLiteral("lastModified")));
    if (at.isEmpty())
        at = readable(m_local.value(QStringLiteral("effectiveDateTime")));
    const QString by = readable(m_local.value(QStringLiteral("owner")));
    QString done = at.isEmpty() ? tr("fait") : tr("fait le %1").arg(at);
    if (!by.isEmpty())
        done += tr(" par %1").arg(by);
    return what.isEmpty() ? done : QStringLiteral("« %1 », %2").arg(what, done);
}

void ReviewQueue::choose(int row, const QString &side)
{
    if (row < 0 || row >= m_rows.size() ||
        (side != QLatin1String("local") && side != QLatin1String("remote")))
        return;
    QVariantMap r = m_rows.at(row).toMap();
    r.insert(QStringLiteral("choice"), side);
    m_rows[row] = r;
    Q_EMIT selectionChanged();
}

void ReviewQueue::resolve(const QString &how)
{
    const QUuid id(m_selected);
    if (id.isNull())
        return;
    ConflictResolver::Choice choice = ConflictResolver::Choice::TakeRemote;
    QJsonObject merged;
    if (how == QLatin1String("different-person")) {
        choice = ConflictResolver::Choice::DifferentPerson;
    } else if (how == QLatin1String("local")) {
        choice = ConflictResolver::Choice::TakeLocal;
    } else if (how == QLatin1String("merged")) {
        if (m_remote.isEmpty()) {
            Q_EMIT failed(
                tr("Supprimé dans le DPI : gardez la version de la tablette ou acceptez la suppression."));
            return;
        }
        choice = ConflictResolver::Choice::TakeMerged;
        merged = m_remote; // keeps the DPI's id and version for the If-Match
        for (const QVariant &v : std::as_const(m_rows)) {
            const QVariantMap r = v.toMap();
            if (r.value(QStringLiteral("choice")).toString() != QLatin1String("local"))
                continue;
            const QString field = r.value(QStringLiteral("key")).toString();
            if (m_local.contains(field))
                merged.insert(field, m_local.value(field));
            else
                merged.remove(field);
        }
    }
    session()->worker().write<bool>(
        this,
        [id, choice, merged](Store &store) -> Result<bool> {
            ConflictResolver resolver(store);
            if (Status s = resolver.resolve(id, choice, merged); !s)
                return s.error();
            return true;
        },
        [this](Result<bool> done) {
            if (!done) {
                Q_EMIT failed(tr("Conflit non résolu : %1").arg(ErrorText::of(done.error())));
                return;
            }
            Q_EMIT resolved();
        });
}

bool ReviewQueue::identity() const
{
    return isIdentityRule(m_rule);
}

void ReviewQueue::acknowledge(const QString &alertId)
{
    app::acknowledgeAlert(session()->worker(), this, QUuid(alertId),
                          [this](const QString &message) { Q_EMIT failed(message); });
}
