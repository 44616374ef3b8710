#include "trainingward.h"

#include "fhir/resources.h"
#include "model/allergy.h"
#include "model/caretask.h"
#include "model/medication.h"
#include "model/nursingnote.h"
#include "model/vitalsentry.h"
#include "store/alertlog.h"
#include "store/allergyrepository.h"
#include "store/conflictqueue.h"
#include "store/encounterrepository.h"
#include "store/medicationrepository.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/store.h"
#include "store/taskrepository.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace chevet::app {

namespace {

constexpr qint64 kHour = 60 * 60 * 1000;

struct Person
{
    const char *family;
    const char *given;
    Sex sex;
    int birthYear;
};

constexpr Person kPeople[] = {
    {"Lefèvre", "Jeanne", Sex::Female, 1941},  {"Moreau", "Paul", Sex::Male, 1952},
    {"Garnier", "Odette", Sex::Female, 1937},  {"Chevalier", "Marcel", Sex::Male, 1948},
    {"Rousseau", "Lucie", Sex::Female, 1966},  {"Fontaine", "Henri", Sex::Male, 1944},
    {"Mercier", "Simone", Sex::Female, 1958},  {"Blanchard", "Louis", Sex::Male, 1939},
    {"Perrin", "Yvette", Sex::Female, 1950},   {"Guérin", "André", Sex::Male, 1961},
    {"Roussel", "Colette", Sex::Female, 1946}, {"Lemaire", "Roger", Sex::Male, 1955},
};

struct Drug
{
    const char *code; // synthetic UCD-like code
    const char *display;
    double dose;
    const char *unit;
    const char *route;
};

constexpr Drug kDrugs[] = {
    {"9000001", "Paracétamol 1 g comprimé", 1, "g", "oral"},
    {"9000002", "Furosémide 40 mg comprimé", 40, "mg", "oral"},
    {"9000003", "Énoxaparine 4000 UI/0,4 mL seringue", 4000, "[iU]", "SC"},
    {"9000004", "Amoxicilline 1 g poudre pour perfusion", 1, "g", "IV"},
    {"9000005", "Bisoprolol 2,5 mg comprimé", 2.5, "mg", "oral"},
};

// Synthetic GTINs (prefix 0340099, not a real pack) with a valid GS1 check digit.
QString syntheticGtin(int n)
{
    QString body = QStringLiteral("0340099%1").arg(n, 6, 10, QChar(u'0'));
    int sum = 0;
    for (int i = 0; i < 13; ++i)
        sum += body.at(i).digitValue() * (i % 2 == 0 ? 3 : 1);
    return body + QString::number((10 - sum % 10) % 10);
}

// A demo-system INS-NIR (13 digits + key) that cannot belong to anyone.
QString syntheticNir(const Person &p, int n)
{
    const QString body = QStringLiteral("%1%2%3991%4")
                             .arg(p.sex == Sex::Female ? 2 : 1)
                             .arg(p.birthYear % 100, 2, 10, QChar(u'0'))
                             .arg((n % 12) + 1, 2, 10, QChar(u'0'))
                             .arg(100 + n, 6, 10, QChar(u'0'));
    const int key = 97 - int(body.toLongLong() % 97);
    return body + QStringLiteral("%1").arg(key, 2, 10, QChar(u'0'));
}

VitalsInput vitalsFor(QRandomGenerator &rng, bool unwell)
{
    VitalsInput v;
    v.respiratoryRate = unwell ? 22 + rng.bounded(4) : 14 + rng.bounded(5);
    v.spo2 = unwell ? 91 + rng.bounded(3) : 95 + rng.bounded(4);
    v.onOxygen = unwell;
    v.systolic = unwell ? 98 + rng.bounded(10) : 115 + rng.bounded(25);
    v.diastolic = *v.systolic - 40 - rng.bounded(10);
    v.pulse = unwell ? 108 + rng.bounded(15) : 62 + rng.bounded(25);
    v.temperature = (unwell ? 381 + rng.bounded(8) : 363 + rng.bounded(10)) / 10.0;
    v.consciousness = Acvpu::Alert;
    v.pain = rng.bounded(4);
    return v;
}

Status markHistoryDelivered(Store &store, qint64 atMs)
{
    // The training ward's history plays the part of what the DPI already has: only what the trainee
    // records shows as "not sent".
    while (true) {
        Result<QList<OutboxEntry>> pending = store.outbox().pending(500);
        if (!pending)
            return pending.error();
        if (pending->isEmpty())
            return {};
        for (const OutboxEntry &e : *pending) {
            if (Status s = store.outbox().markDelivered(e.seq, atMs); !s)
                return s;
        }
    }
}

Status addConflict(Store &store, const CareTask &planned, qint64 nowMs)
{
    // A task ticked here that the DPI cancelled meanwhile: the rule sends it to a person.
    Result<CareTask> done = store.tasks().complete(planned.id, nowMs - 2 * kHour);
    if (!done)
        return done.error();
    CareTask cancelled = planned;
    cancelled.status = TaskStatus::Cancelled;
    QJsonObject remote = fhir::taskToFhir(cancelled, QStringLiteral("Patient/formation"));
    remote.insert(QStringLiteral("id"), planned.serverId);
    remote.insert(
        QStringLiteral("statusReason"),
        QJsonObject{{QStringLiteral("text"),
                     QStringLiteral("Arrêté par le Dr Morel : perfusion retirée à 20 h, relais per os")}});
    remote.insert(QStringLiteral("meta"), QJsonObject{{QStringLiteral("versionId"), QStringLiteral("2")}});
    ParkedConflict conflict;
    conflict.recordId = planned.id;
    conflict.recordType = QStringLiteral("task");
    conflict.patientId = planned.patientId;
    conflict.rule = QStringLiteral("completed-vs-cancelled");
    conflict.localVersion = done->status == TaskStatus::Completed ? 2 : 1;
    conflict.remote = QJsonDocument(remote).toJson(QJsonDocument::Compact);
    conflict.remoteVersion = QStringLiteral("2");
    conflict.createdMs = nowMs - kHour;
    if (Status s = store.conflicts().park(conflict); !s)
        return s;
    return store.outbox().move(planned.id, OutboxState::Pending, OutboxState::Conflict, conflict.rule,
                               conflict.createdMs);
}

// A dose given by the night nurse, part of the ward's history.
Status giveInHistory(Store &store, const MedicationRequest &request, qint64 slotMs, qint64 givenMs)
{
    const QString nurse = store.author();
    store.setAuthor(QStringLiteral("ide-formation-b"));
    MedicationAdministration a;
    a.meta.patientId = request.patientId;
    a.meta.clinicalTimeMs = givenMs;
    a.requestId = request.id;
    a.slotMs = slotMs;
    a.reasonGiven = request.asNeeded ? request.asNeededReason : QString();
    Result<MedicationAdministration> given = store.medications().recordAdministration(a);
    store.setAuthor(nurse);
    return given ? Status() : Status(given.error());
}

// "Paracétamol 1 g si douleur, toutes les 6 h, 4 g par 24 h au plus", one dose given two hours ago: the
// as-needed flow to practise, with its interval.
Status addAsNeededOrder(Store &store, const QUuid &patientId, qint64 nowMs)
{
    MedicationRequest r;
    r.patientId = patientId;
    r.medicationSystem = QStringLiteral("urn:oid:1.2.250.1.213.2.3.1");
    r.medicationCode = QString::fromLatin1(kDrugs[0].code);
    r.medicationDisplay = QStringLiteral("Paracétamol 1 g comprimé");
    r.gtin = syntheticGtin(1);
    r.dose = {1, QStringLiteral("g")};
    r.route = QStringLiteral("oral");
    r.asNeeded = true;
    r.asNeededReason = QStringLiteral("douleur");
    r.instructions = QStringLiteral("1 g si douleur (EVA > 3), toutes les 6 h au plus, 4 g par 24 h au plus");
    DoseTiming sixHourly;
    sixHourly.frequency = 1;
    sixHourly.period = 6;
    sixHourly.periodUnit = QStringLiteral("h");
    sixHourly.asNeeded = true;
    r.timings = {sixHourly};
    r.maxDosePerPeriod = {4, QStringLiteral("g"), 24, QStringLiteral("h")};
    r.serverId = QStringLiteral("formation-mr-si-besoin");
    r.serverVersion = QStringLiteral("1");
    Result<MedicationRequest> saved = store.medications().saveRequest(r);
    if (!saved)
        return saved.error();
    return giveInHistory(store, *saved, 0, nowMs - 2 * kHour);
}

Status addDoubleDose(Store &store, const MedicationRequest &request, qint64 slotMs)
{
    const QString nurse = store.author();
    QList<QUuid> records;
    for (const QString &author : {QStringLiteral("ide-formation-b"), nurse}) {
        store.setAuthor(author);
        MedicationAdministration a;
        a.meta.patientId = request.patientId;
        a.meta.clinicalTimeMs = slotMs + (author == nurse ? 20 : 5) * 60 * 1000;
        a.requestId = request.id;
        a.slotMs = slotMs;
        Result<MedicationAdministration> given = store.medications().recordAdministration(a);
        if (!given)
            return given.error();
        records.append(given->meta.id);
    }
    store.setAuthor(nurse);
    ClinicalAlert alert;
    alert.kind = QStringLiteral("possible-double-dose");
    alert.patientId = request.patientId;
    alert.records = records;
    alert.message = QStringLiteral("Deux administrations pour la même prise (formation)");
    alert.raisedMs = slotMs + 30 * 60 * 1000;
    Result<bool> raised = store.alerts().raise(alert, request.id.toString() + QString::number(slotMs));
    return raised ? Status() : Status(raised.error());
}

} // namespace

Status seedTrainingWard(Store &store, qint64 nowMs, int patientCount, int days)
{
    QRandomGenerator rng(20261122);
    const qint64 hourStart = nowMs - nowMs % kHour;
    const QString establishment = store.establishment();
    QList<CareTask> firstTasks;
    QList<MedicationRequest> firstRequests;

    for (int i = 0; i < patientCount; ++i) {
        const Person &person = kPeople[i % std::size(kPeople)];
        Patient p;
        p.family = QString::fromUtf8(person.family);
        p.given = QString::fromUtf8(person.given);
        p.sex = person.sex;
        p.birthDate = QDate(person.birthYear, 1 + i % 12, 1 + (i * 7) % 28);
        p.identifiers = {
            {IdentifierKind::Ipp, establishment, QStringLiteral("99%1").arg(100001 + i), false},
            {IdentifierKind::Ins, QString::fromLatin1(kInsNirDemoSystem), syntheticNir(person, i), false}};
        // Most identities are qualified; one is provisional (no INS retrieved yet), as on a real ward.
        p.identityStatus = i == 7 ? IdentityStatus::Provisional : IdentityStatus::Qualified;
        if (i == 7)
            p.identifiers.removeLast();
        // Known to the (imaginary) DPI, as a ward's patients are: records can then be shown as FHIR.
        p.serverId = QStringLiteral("formation-patient-%1").arg(i + 1);
        p.serverVersion = QStringLiteral("1");
        Result<Patient> added = store.patients().add(p, false);
        if (!added)
            return added.error();

        Encounter stay;
        stay.patientId = added->id;
        stay.unit = QString::fromLatin1(kTrainingUnit);
        stay.room = QString::number(101 + i / 2);
        stay.bed = i % 2 == 0 ? QStringLiteral("A") : QStringLiteral("B");
        stay.startMs = nowMs - qint64(days + 1) * 24 * kHour;
        if (Result<Encounter> s = store.encounters().save(stay); !s)
            return s.error();

        if (i % 4 == 0) {
            AllergyIntolerance allergy;
            allergy.patientId = added->id;
            allergy.substanceDisplay =
                i % 8 == 0 ? QStringLiteral("Pénicillines") : QStringLiteral("Iode (produits de contraste)");
            allergy.criticality = i % 8 == 0 ? AllergyCriticality::High : AllergyCriticality::Low;
            allergy.category = AllergyCategory::Medication;
            allergy.verificationStatus = AllergyVerificationStatus::Confirmed;
            allergy.reactionText =
                i % 8 == 0 ? QStringLiteral("urticaire, œdème") : QStringLiteral("érythème");
            allergy.serverId = QStringLiteral("formation-allergy-%1").arg(i);
            allergy.serverVersion = QStringLiteral("1");
            if (Result<AllergyIntolerance> saved = store.allergies().save(allergy); !saved)
                return saved.error();
        }

        const bool unwell = i % 5 == 2;
        for (qint64 t = nowMs - qint64(days) * 24 * kHour; t < nowMs - kHour; t += 4 * kHour) {
            const bool lastDay = t > nowMs - 24 * kHour;
            Result<VitalsEntry> e =
                store.observations().recordVitals(added->id, vitalsFor(rng, unwell && lastDay), t);
            if (!e)
                return e.error();
        }

        for (int d = 0; d < 1 + i % 3; ++d) {
            const Drug &drug = kDrugs[(i + d) % std::size(kDrugs)];
            MedicationRequest r;
            r.patientId = added->id;
            r.medicationSystem = QStringLiteral("urn:oid:1.2.250.1.213.2.3.1");
            r.medicationCode = QString::fromLatin1(drug.code);
            r.medicationDisplay = QString::fromUtf8(drug.display);
            r.gtin = syntheticGtin(int((i + d) % std::size(kDrugs)) + 1);
            r.dose = {drug.dose, QString::fromLatin1(drug.unit)};
            r.route = QString::fromLatin1(drug.route);
            for (int h = -12; h <= 12; h += 6)
                r.slotsMs.append(hourStart + (h + d) * kHour);
            r.serverId = QStringLiteral("formation-mr-%1-%2").arg(i).arg(d);
            r.serverVersion = QStringLiteral("1");
            Result<MedicationRequest> saved = store.medications().saveRequest(r);
            if (!saved)
                return saved.error();
            if (d == 0)
                firstRequests.append(*saved);
            // The night's doses were given, but one: a missed dose stays on the round until documented.
            for (qint64 slot : std::as_const(saved->slotsMs)) {
                const bool doubleDose = i == 1 && d == 0 && slot == hourStart - 6 * kHour;
                const bool missed = i == 3 && d == 0 && slot == hourStart - 6 * kHour;
                if (slot >= hourStart - kHour || doubleDose || missed)
                    continue;
                if (Status s = giveInHistory(store, *saved, slot, slot + 10 * 60 * 1000); !s)
                    return s;
            }
        }
        if (i == 0) {
            if (Status s = addAsNeededOrder(store, added->id, nowMs); !s)
                return s;
        }

        const char *taskNames[] = {"Réfection du pansement", "Changement de position (prévention d'escarres)",
                                   "Surveillance de la perfusion"};
        for (int k = 0; k < 2; ++k) {
            CareTask t;
            t.patientId = added->id;
            t.description = QString::fromUtf8(taskNames[(i + k) % 3]);
            t.dueMs = hourStart + (k * 3 - 1) * kHour;
            t.serverId = QStringLiteral("formation-task-%1-%2").arg(i).arg(k);
            t.serverVersion = QStringLiteral("1");
            Result<CareTask> saved = store.tasks().save(t);
            if (!saved)
                return saved.error();
            if (k == 0)
                firstTasks.append(*saved);
        }

        NursingNote note;
        note.meta.patientId = added->id;
        note.meta.clinicalTimeMs = nowMs - 6 * kHour;
        note.target = QStringLiteral("Douleur");
        note.data = QStringLiteral("Douleur abdominale cotée 4/10 à la mobilisation.");
        note.actions = QStringLiteral("Paracétamol 1 g selon prescription, installation au fauteuil.");
        note.results = QStringLiteral("Douleur à 1/10 une heure après.");
        if (Result<NursingNote> n = store.notes().record(note); !n)
            return n.error();
    }
    if (Status s = markHistoryDelivered(store, nowMs); !s)
        return s;
    if (firstRequests.size() > 1) {
        if (Status s = addDoubleDose(store, firstRequests.at(1), hourStart - 6 * kHour); !s)
            return s;
    }
    if (firstTasks.size() > 2) {
        if (Status s = addConflict(store, firstTasks.at(2), nowMs); !s)
            return s;
    }
    return {};
}

} // namespace chevet::app
