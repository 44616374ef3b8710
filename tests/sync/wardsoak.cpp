#include "wardsoak.h"

#include "store/alertlog.h"
#include "store/auditlog.h"
#include "store/medicationrepository.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/recordtable.h"
#include "store/storecontext.h"
#include "store/taskrepository.h"

#include <QJsonArray>

using namespace chevet;

namespace {

QString clientIdOf(const QJsonObject &resource)
{
    for (const QJsonValue &id : resource.value(QLatin1String("identifier")).toArray())
        if (id.toObject().value(QLatin1String("system")).toString() == QLatin1String("urn:ietf:rfc:3986"))
            return id.toObject().value(QLatin1String("value")).toString();
    return {};
}

QString versionOf(const QJsonObject &resource)
{
    return resource.value(QLatin1String("meta")).toObject().value(QLatin1String("versionId")).toString();
}

template<typename T> T pick(QRandomGenerator &rng, const QList<T> &list)
{
    return list.at(int(rng.bounded(quint32(list.size()))));
}

// The patient a FHIR resource is about, as "Patient/<id>" (a Task names it in `for`).
QString subjectOf(const QJsonObject &resource)
{
    const QString field = resource.value(QLatin1String("resourceType")).toString() == QLatin1String("Task")
                              ? QStringLiteral("for")
                              : QStringLiteral("subject");
    const QString reference = resource.value(field).toObject().value(QLatin1String("reference")).toString();
    const qsizetype at = reference.lastIndexOf(QLatin1String("Patient/"));
    return at < 0 ? reference : reference.mid(at);
}

} // namespace

void WardSoak::quietAlertLogs()
{
    static QtMessageHandler previous = nullptr;
    previous =
        qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &text) {
            if (!text.contains(QLatin1String("clinical alert raised")))
                previous(type, context, text);
        });
}

WardSoak::WardSoak(quint32 seed, int devices)
    : rng(seed)
    , created(size_t(devices))
{}

void WardSoak::bedsideWork(Device &device, int index, qint64 now)
{
    Store &s = *device.store;
    Result<QList<Patient>> patients = s.patients().all();
    if (!patients || patients->isEmpty())
        return;
    const int actions = 1 + int(rng.bounded(4));
    for (int a = 0; a < actions; ++a) {
        const Patient p = pick(rng, *patients);
        switch (rng.bounded(6)) {
        case 0: { // vitals
            VitalsInput in;
            in.pulse = 55 + rng.bounded(50);
            if (rng.bounded(2))
                in.temperature = 36.0 + rng.bounded(30) / 10.0;
            Result<VitalsEntry> e = s.observations().recordVitals(p.id, in);
            if (!e) {
                ++figures.refused;
                break;
            }
            ++figures.vitals;
            for (const Observation &o : e->observations)
                created[index].insert(o.meta.id);
            break;
        }
        case 1: { // amend or enter in error one of its own or a pulled observation
            Result<QList<Observation>> obs = s.observations().forPatient(p.id, 0, now + kHour * 24);
            QList<Observation> candidates;
            if (obs)
                for (const Observation &o : *obs)
                    if (o.status != RecordStatus::EnteredInError &&
                        (o.kind == VitalKind::HeartRate || o.kind == VitalKind::BodyTemperature))
                        candidates.append(o);
            if (candidates.isEmpty())
                break;
            const Observation o = pick(rng, candidates);
            if (rng.bounded(5) == 0) {
                if (s.observations().enterInError(o.meta.id, QStringLiteral("mauvais patient")))
                    ++figures.errors;
                else
                    ++figures.refused;
            } else {
                const double delta = o.kind == VitalKind::BodyTemperature ? 0.1 : 1.0;
                const double value = o.value + (rng.bounded(2) ? delta : -delta);
                if (s.observations().amend(o.meta.id, value, o.diastolic, QStringLiteral("recontrôlé")))
                    ++figures.amends;
                else
                    ++figures.refused;
            }
            break;
        }
        case 2: { // write or amend a nursing note
            Result<QList<NursingNote>> notes = s.notes().forPatient(p.id, 0, now + kHour * 24);
            QList<NursingNote> open;
            if (notes)
                for (const NursingNote &n : *notes)
                    if (n.status != RecordStatus::EnteredInError)
                        open.append(n);
            if (!open.isEmpty() && rng.bounded(2)) {
                NursingNote n = pick(rng, open);
                n.results = QStringLiteral("EVA %1 (%2)").arg(rng.bounded(10)).arg(s.author());
                if (s.notes().amend(n.meta.id, n, QStringLiteral("réévaluation")))
                    ++figures.noteAmends;
                else
                    ++figures.refused;
            } else {
                NursingNote n;
                n.meta.patientId = p.id;
                n.target = QStringLiteral("Douleur");
                n.data = QStringLiteral("EVA %1").arg(rng.bounded(10));
                n.actions = QStringLiteral("Paracétamol 1 g");
                Result<NursingNote> r = s.notes().record(n);
                if (r) {
                    ++figures.notes;
                    created[index].insert(r->meta.id);
                } else {
                    ++figures.refused;
                }
            }
            break;
        }
        case 3: { // complete an open task
            Result<QList<CareTask>> tasks = s.tasks().forPatient(p.id);
            QList<CareTask> open;
            if (tasks)
                for (const CareTask &t : *tasks)
                    if (t.status == TaskStatus::Requested || t.status == TaskStatus::InProgress)
                        open.append(t);
            if (open.isEmpty())
                break;
            if (s.tasks().complete(pick(rng, open).id))
                ++figures.tasks;
            else
                ++figures.refused;
            break;
        }
        default: { // give a dose: the first six patients, first two slots, so devices collide
            const Patient target = patients->at(int(rng.bounded(quint32(qMin(6, int(patients->size()))))));
            Result<QList<MedicationRequest>> requests = s.medications().requestsForPatient(target.id);
            QList<MedicationRequest> active;
            if (requests)
                for (const MedicationRequest &r : *requests)
                    if (r.status == PrescriptionStatus::Active && !r.slotsMs.isEmpty())
                        active.append(r);
            if (active.isEmpty())
                break;
            const MedicationRequest r = pick(rng, active);
            const qint64 slot = r.slotsMs.at(int(rng.bounded(quint32(qMin(2, int(r.slotsMs.size()))))));
            bool givenHere = false; // a device does not give the same slot twice itself
            Result<QList<MedicationAdministration>> given = s.medications().administrationsFor(r.id);
            if (given)
                for (const MedicationAdministration &g : *given)
                    givenHere = givenHere || (g.slotMs == slot && g.meta.device == s.deviceId());
            if (givenHere)
                break;
            MedicationAdministration m;
            m.meta.patientId = r.patientId;
            m.requestId = r.id;
            m.slotMs = slot;
            Result<MedicationAdministration> done = s.medications().recordAdministration(m);
            if (done) {
                ++figures.doses;
                created[index].insert(done->meta.id);
            } else {
                ++figures.refused;
            }
            break;
        }
        }
    }
}

void WardSoak::dpiUserEdit(DpiHarness &dpi, const QList<Patient> &wardPatients)
{
    // Meanwhile, the DPI's own users.
    if (rng.bounded(3) == 0) {
        const Patient p = pick(rng, wardPatients);
        if (rng.bounded(2)) {
            QList<QJsonObject> obs;
            for (const QJsonObject &o :
                 dpi.all(QStringLiteral("Observation"), QStringLiteral("patient=Patient/") + p.serverId))
                if (o.contains(QLatin1String("valueQuantity")) &&
                    o.value(QLatin1String("status")).toString() != QLatin1String("entered-in-error"))
                    obs.append(o);
            if (!obs.isEmpty()) {
                QJsonObject o = pick(rng, obs);
                QJsonObject q = o.value(QLatin1String("valueQuantity")).toObject();
                q.insert(QStringLiteral("value"), q.value(QLatin1String("value")).toDouble() + 2);
                o.insert(QStringLiteral("valueQuantity"), q);
                o.insert(QStringLiteral("status"), QStringLiteral("amended"));
                dpi.put(QStringLiteral("Observation/") + o.value(QLatin1String("id")).toString(), o);
                ++figures.dpiEdits;
            }
        } else {
            QList<QJsonObject> open;
            for (const QJsonObject &t :
                 dpi.all(QStringLiteral("Task"), QStringLiteral("patient=Patient/") + p.serverId))
                if (t.value(QLatin1String("status")).toString() == QLatin1String("requested"))
                    open.append(t);
            if (!open.isEmpty()) {
                QJsonObject t = pick(rng, open);
                t.insert(QStringLiteral("status"), QStringLiteral("cancelled"));
                dpi.put(QStringLiteral("Task/") + t.value(QLatin1String("id")).toString(), t);
                ++figures.dpiEdits;
            }
        }
    }
}

bool WardSoak::settle(Devices &devices, const SyncOnce &sync)
{
    // A run is many requests, each of which may fail or lose its answer: "settled" is two successful
    // runs (not necessarily in a row), bounded.
    auto twice = [&](Device &d, int *moved) {
        int ok = 0;
        QString lastError;
        for (int attempt = 0; attempt < 400 && ok < 2; ++attempt) {
            ++figures.runs;
            Result<SyncOutcome> r = sync(d);
            if (!r) {
                ++figures.failedRuns;
                lastError = r.error().toString();
                continue;
            }
            ++ok;
            if (moved) {
                const SyncCounts &c = r->counts;
                *moved += c.pushed + c.pulled + c.conflicts;
                if (c.pushed + c.pulled + c.conflicts > 0)
                    qInfo("%s still moving: pushed %d, pulled %d, conflicts %d",
                          qPrintable(d.store->author()), c.pushed, c.pulled, c.conflicts);
            }
        }
        if (ok < 2)
            qWarning("%s never synced twice: %s", qPrintable(d.store->author()), qPrintable(lastError));
        return ok >= 2;
    };
    for (auto &d : devices)
        if (!twice(*d, nullptr))
            return false;
    for (int round = 0; round < 6; ++round) {
        int moved = 0;
        for (auto &d : devices)
            if (!twice(*d, &moved))
                return false;
        if (moved == 0)
            return true;
    }
    return false;
}

QStringList WardSoak::check(Devices &devices, DpiHarness &dpi)
{
    QStringList failures;
    auto broken = [&](const char *what, const Error &error) {
        failures << QStringLiteral("%1: %2").arg(QLatin1String(what), error.toString());
        return failures;
    };
    // --- what the DPI holds ---
    QHash<QString, QJsonObject> onDpi; // "Type/id" -> resource
    QHash<QString, int> idCounts;      // client id -> copies on the DPI
    QList<QJsonObject> dpiAdministrations;
    for (const QString &type : {QStringLiteral("Observation"), QStringLiteral("MedicationAdministration"),
                                QStringLiteral("Task")}) {
        const QList<QJsonObject> all = dpi.all(type);
        for (const QJsonObject &r : all)
            onDpi.insert(type + QLatin1Char('/') + r.value(QLatin1String("id")).toString(), r);
        if (type != QLatin1String("Task")) {
            const QHash<QString, int> c = identifierCounts(all);
            for (auto it = c.cbegin(); it != c.cend(); ++it)
                idCounts[it.key()] += it.value();
        }
        if (type == QLatin1String("MedicationAdministration"))
            dpiAdministrations = all;
    }
    for (auto it = idCounts.cbegin(); it != idCounts.cend(); ++it)
        if (it.value() != 1)
            failures << QStringLiteral("%1 is %2 times on the DPI").arg(it.key()).arg(it.value());

    int compared = 0, conflictsOpen = 0, alertsTotal = 0, alertsSubsumed = 0, alertsOpen = 0,
        alertsDoubleDose = 0, created_total = 0;
    QHash<QString, int> rules;
    const QSet<QString> ruleActions{
        QStringLiteral("record.amend"), QStringLiteral("record.entered-in-error"),
        QStringLiteral("record.pull-update"), QStringLiteral("conflict.merged"),
        QStringLiteral("conflict.remote-taken"), QStringLiteral("conflict.resolve"),
        QStringLiteral("conflict.local-kept"), QStringLiteral("record.pull-delete"),
        // a person ticking a task at the bedside is an edit by a person, audited as such
        QStringLiteral("task.complete")};

    // Dose slots with two completed administrations or more on the DPI, by client id.
    QHash<QString, QSet<QUuid>> dpiSlots; // "<request local id>@<slot>" -> administrations
    QHash<QUuid, QString> slotOfClientId;
    for (auto &d : devices) {
        Result<QList<RecordRow>> admins = d->store->context().records.byType(RecordType::Administration);
        if (!admins)
            return broken("administrations", admins.error());
        for (const RecordRow &row : *admins)
            slotOfClientId.insert(row.id, row.refId.toString() + QLatin1Char('@') +
                                              QString::number(row.slotMs.value_or(0)));
    }
    for (const QJsonObject &a : std::as_const(dpiAdministrations)) {
        if (a.value(QLatin1String("status")).toString() != QLatin1String("completed"))
            continue;
        const QUuid id = QUuid::fromString(clientIdOf(a).mid(9));
        if (!slotOfClientId.contains(id)) {
            failures << QStringLiteral("administration %1 on the DPI is on no device").arg(id.toString());
            continue;
        }
        dpiSlots[slotOfClientId.value(id)].insert(id);
    }
    int doubleDoseSlots = 0, mostDoses = 0;
    for (const auto &ids : std::as_const(dpiSlots)) {
        doubleDoseSlots += ids.size() >= 2;
        mostDoses = qMax(mostDoses, int(ids.size()));
    }

    for (size_t di = 0; di < devices.size(); ++di) {
        Device &d = *devices[di];
        Store &s = *d.store;
        const QString who = s.author();
        const OutboxCounts counts = d.counts();
        Result<QList<ParkedConflict>> open = s.conflicts().open();
        if (!open)
            return broken("conflicts", open.error());
        conflictsOpen += int(open->size());
        QSet<QUuid> inConflict;
        for (const ParkedConflict &c : *open) {
            inConflict.insert(c.recordId);
            ++rules[c.rule];
            Result<bool> has = s.outbox().hasConflict(c.recordId);
            if (!has || !*has)
                failures << QStringLiteral("%1: conflict %2 (%3) without outbox entries in conflict")
                                .arg(who, c.recordId.toString(), c.rule);
        }

        // (b) nothing pending or quarantined, but what waits for identity vigilance; (c) conflicts in the
        // outbox iff in the queue
        for (const OutboxState state : {OutboxState::Pending, OutboxState::Quarantined}) {
            Result<QList<OutboxEntry>> waiting = s.outbox().inState(state);
            if (!waiting)
                return broken("outbox", waiting.error());
            for (const OutboxEntry &e : *waiting)
                if (!keptLocal.contains(e.recordId))
                    failures << QStringLiteral("%1: %2 still %3 (%4)")
                                    .arg(who, e.recordId.toString(), outboxStateKey(state), e.lastError);
        }
        if ((counts.conflicts > 0) != !open->isEmpty())
            failures << QStringLiteral("%1: %2 outbox entries in conflict but %3 open conflicts")
                            .arg(who)
                            .arg(counts.conflicts)
                            .arg(open->size());

        // (a) every record created here is on the DPI exactly once, unless it waits in conflict
        created_total += int(created[di].size());
        for (const QUuid &id : std::as_const(created[di])) {
            const int copies = idCounts.value(clientIdentifier(id));
            if (keptLocal.contains(id) ? copies != 0
                                       : copies != 1 && !(copies == 0 && inConflict.contains(id)))
                failures << QStringLiteral("%1: created %2 is %3 times on the DPI")
                                .arg(who, id.toString())
                                .arg(copies);
        }

        // The audit: intact, and every superseded version explained by a rule or a person.
        Result<AuditVerification> verified = s.audit().verify();
        if (!verified)
            return broken("audit", verified.error());
        if (!verified->intact)
            failures << QStringLiteral("%1: audit broken at %2: %3")
                            .arg(who)
                            .arg(verified->firstBadSeq)
                            .arg(verified->reason);
        QHash<QUuid, int> explained;
        for (qint64 after = 0;;) {
            Result<QList<AuditEntry>> page = s.audit().entries(after, 1000);
            if (!page)
                return broken("audit entries", page.error());
            if (page->isEmpty())
                break;
            for (const AuditEntry &e : *page)
                if (ruleActions.contains(e.action))
                    ++explained[e.recordId];
            after = page->last().seq;
        }

        for (const QString &type :
             {RecordType::Observation, RecordType::Note, RecordType::Administration, RecordType::Task,
              RecordType::MedicationRequest, RecordType::Encounter, RecordType::Patient}) {
            Result<QList<RecordRow>> rows = s.context().records.byType(type);
            if (!rows)
                return broken("records", rows.error());
            for (const RecordRow &row : *rows) {
                // (e) no version overwritten without a rule or a person
                Result<QList<RecordRow>> history = s.context().records.history(row.id);
                if (!history)
                    return broken("history", history.error());
                if (explained.value(row.id) < row.version - 1)
                    failures << QStringLiteral(
                                    "%1: %2 %3 is at version %4 (%5 in history) with %6 audited edits")
                                    .arg(who, type, row.id.toString())
                                    .arg(row.version)
                                    .arg(history->size())
                                    .arg(explained.value(row.id));
                if (history->size() != row.version) // every version, the current one included
                    failures << QStringLiteral("%1: %2 %3 is at version %4 but its history has %5 versions")
                                    .arg(who, type, row.id.toString())
                                    .arg(row.version)
                                    .arg(history->size());

                // (d) settled records agree with the DPI
                if (type != RecordType::Observation && type != RecordType::Note &&
                    type != RecordType::Administration && type != RecordType::Task)
                    continue;
                Result<bool> pending = s.outbox().hasPending(row.id);
                if (!pending)
                    return broken("outbox", pending.error());
                if (inConflict.contains(row.id) || *pending || row.serverId.isEmpty())
                    continue;
                const QString fhirType = type == RecordType::Task ? QStringLiteral("Task")
                                         : type == RecordType::Administration
                                             ? QStringLiteral("MedicationAdministration")
                                             : QStringLiteral("Observation");
                const QJsonObject remote = onDpi.value(fhirType + QLatin1Char('/') + row.serverId);
                if (remote.isEmpty()) {
                    failures << QStringLiteral("%1: %2 %3 (%4) is not on the DPI")
                                    .arg(who, type, row.id.toString(), row.serverId);
                    continue;
                }
                ++compared;
                Result<std::optional<RecordRow>> patient = s.context().records.find(row.patientId);
                if (!patient)
                    return broken("patient", patient.error());
                const QString expected =
                    *patient ? QStringLiteral("Patient/") + (*patient)->serverId : QStringLiteral("(none)");
                if (subjectOf(remote) != expected)
                    failures << QStringLiteral("%1: %2 %3 is about %4 here, %5 on the DPI")
                                    .arg(who, type, row.id.toString(), expected, subjectOf(remote));
                if (versionOf(remote) != row.serverVersion ||
                    remote.value(QLatin1String("status")).toString() != row.status)
                    failures << QStringLiteral("%1: %2 %3 is %4 v%5 here, %6 v%7 on the DPI")
                                    .arg(who, type, row.id.toString(), row.status, row.serverVersion,
                                         remote.value(QLatin1String("status")).toString(), versionOf(remote));
                if (type == RecordType::Observation) {
                    Result<std::optional<Observation>> o = s.observations().find(row.id);
                    const double remoteValue = remote.value(QLatin1String("valueQuantity"))
                                                   .toObject()
                                                   .value(QLatin1String("value"))
                                                   .toDouble(-1);
                    if (o && *o && remote.contains(QLatin1String("valueQuantity")) &&
                        !qFuzzyCompare(1 + (*o)->value, 1 + remoteValue))
                        failures << QStringLiteral("%1: observation %2 is %3 here, %4 on the DPI")
                                        .arg(who, row.id.toString())
                                        .arg((*o)->value)
                                        .arg(remoteValue);
                }
            }
        }

        // (f) every double dose on the DPI is raised on this device, which holds both doses
        Result<QList<ClinicalAlert>> alerts = s.alerts().list(false);
        if (!alerts)
            return broken("alerts", alerts.error());
        alertsTotal += int(alerts->size());
        // An alert is raised once per set of doses: a slot that grows from two doses to three gets a
        // second alert naming all three, and the first one stays open. Counted, not asserted.
        for (const ClinicalAlert &a : *alerts) {
            const QSet<QUuid> mine(a.records.cbegin(), a.records.cend());
            for (const ClinicalAlert &b : *alerts) {
                const QSet<QUuid> other(b.records.cbegin(), b.records.cend());
                if (a.kind == b.kind && a.id != b.id && mine != other && other.contains(mine)) {
                    ++alertsSubsumed;
                    break;
                }
            }
        }
        for (const ClinicalAlert &a : *alerts) {
            alertsOpen += a.state == QLatin1String("open");
            alertsDoubleDose += a.kind == QLatin1String("possible-double-dose");
        }
        for (auto it = dpiSlots.cbegin(); it != dpiSlots.cend(); ++it) {
            if (it.value().size() < 2)
                continue;
            bool holdsAll = true;
            for (const QUuid &id : it.value()) {
                Result<std::optional<RecordRow>> row = s.context().records.find(id);
                holdsAll = holdsAll && row && *row;
            }
            if (!holdsAll) {
                failures
                    << QStringLiteral("%1: does not hold every administration of slot %2").arg(who, it.key());
                continue;
            }
            bool raised = false;
            for (const ClinicalAlert &a : *alerts) {
                const QSet<QUuid> named(a.records.cbegin(), a.records.cend());
                raised =
                    raised || (a.kind == QLatin1String("possible-double-dose") && named.contains(it.value()));
            }
            if (!raised)
                failures << QStringLiteral("%1: no double-dose alert naming the %2 doses of slot %3")
                                .arg(who)
                                .arg(it.value().size())
                                .arg(it.key());
        }
    }

    QStringList ruleList;
    for (auto it = rules.cbegin(); it != rules.cend(); ++it)
        ruleList << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    qInfo("created %d records (%d vitals entries, %d notes, %d doses); %d amends, %d entered-in-error, "
          "%d note amends, %d tasks completed, %d refused; %d DPI edits",
          created_total, figures.vitals, figures.notes, figures.doses, figures.amends, figures.errors,
          figures.noteAmends, figures.tasks, figures.refused, figures.dpiEdits);
    qInfo("%d sync runs, %d failed; %d open conflicts (%s); %d double-dose slots on the DPI; %d alerts "
          "(%d double dose, %d open, %d naming a subset of another alert's doses) across devices; at most "
          "%d doses for one slot",
          figures.runs, figures.failedRuns, conflictsOpen, qPrintable(ruleList.join(QStringLiteral(", "))),
          doubleDoseSlots, alertsTotal, alertsDoubleDose, alertsOpen, alertsSubsumed, mostDoses);
    qInfo("%d settled device records compared with the DPI", compared);
    for (const QString &failure : std::as_const(failures).first(qMin(qsizetype(40), failures.size())))
        qWarning("%s", qPrintable(failure));
    return failures;
}
