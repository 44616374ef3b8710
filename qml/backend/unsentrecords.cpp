#include "unsentrecords.h"

#include "conflictrules.h"

#include "model/medication.h"
#include "model/nursingnote.h"
#include "model/observation.h"
#include "store/patientrepository.h"
#include "store/recordcodec.h"
#include "store/recordtable.h"
#include "store/store.h"
#include "store/storecontext.h"
#include "wardqueries.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace chevet::app {

namespace {

QString vitalLabel(VitalKind kind)
{
    switch (kind) {
    case VitalKind::RespiratoryRate:
        return QCoreApplication::translate("Unsent", "Fréquence respiratoire");
    case VitalKind::HeartRate:
        return QCoreApplication::translate("Unsent", "Pouls");
    case VitalKind::OxygenSaturation:
        return QCoreApplication::translate("Unsent", "SpO2");
    case VitalKind::BodyTemperature:
        return QCoreApplication::translate("Unsent", "Température");
    case VitalKind::BloodPressure:
        return QCoreApplication::translate("Unsent", "Pression artérielle");
    case VitalKind::BodyWeight:
        return QCoreApplication::translate("Unsent", "Poids");
    case VitalKind::BodyHeight:
        return QCoreApplication::translate("Unsent", "Taille");
    case VitalKind::BodyMassIndex:
        return QCoreApplication::translate("Unsent", "IMC");
    case VitalKind::PainScore:
        return QCoreApplication::translate("Unsent", "Douleur");
    case VitalKind::GlucoseMmol:
    case VitalKind::GlucoseMgdl:
        return QCoreApplication::translate("Unsent", "Glycémie capillaire");
    case VitalKind::Consciousness:
        return QCoreApplication::translate("Unsent", "Conscience (ACVPU)");
    case VitalKind::News2Score:
        return QCoreApplication::translate("Unsent", "Score NEWS2");
    }
    return {};
}

QString typeLabel(Store &store, const RecordRow &row)
{
    if (row.type == RecordType::Observation) {
        Result<Observation> o = observationFromRow(row);
        if (!o)
            return QCoreApplication::translate("Unsent", "Constante");
        const QLocale locale;
        QString value = o->kind == VitalKind::Consciousness ? acvpuLetter(Acvpu(int(o->value)))
                                                            : locale.toString(o->value);
        if (o->diastolic)
            value += QLatin1Char('/') + locale.toString(*o->diastolic);
        return vitalLabel(o->kind) + QLatin1Char(' ') + value;
    }
    if (row.type == RecordType::Note) {
        if (Result<NursingNote> n = noteFromRow(row); n && !n->target.isEmpty())
            return QCoreApplication::translate("Unsent", "Transmission (%1)").arg(n->target);
        return QCoreApplication::translate("Unsent", "Transmission");
    }
    if (row.type == RecordType::Administration) {
        // The drug, as the round shows it (a nurse's walkthrough: "Administration de médicament" alone).
        if (Result<MedicationAdministration> a = administrationFromRow(row); a) {
            Result<std::optional<RecordRow>> order = store.context().records.find(a->requestId);
            if (order && *order) {
                if (Result<MedicationRequest> r = requestFromRow(**order);
                    r && !r->medicationDisplay.isEmpty())
                    return QCoreApplication::translate("Unsent", "Administration : %1")
                        .arg(r->medicationDisplay);
            }
        }
        return QCoreApplication::translate("Unsent", "Administration de médicament");
    }
    if (row.type == RecordType::Task)
        return QCoreApplication::translate("Unsent", "Soin");
    if (row.type == RecordType::Patient)
        return QCoreApplication::translate("Unsent", "Identité du patient");
    if (row.type == RecordType::Encounter)
        return QCoreApplication::translate("Unsent", "Séjour");
    if (row.type == RecordType::Allergy)
        return QCoreApplication::translate("Unsent", "Allergie");
    if (row.type == RecordType::MedicationRequest)
        return QCoreApplication::translate("Unsent", "Prescription");
    return row.type;
}

} // namespace

QString unsentStateLabel(OutboxState state)
{
    switch (state) {
    case OutboxState::Pending:
        return QCoreApplication::translate("Unsent", "en attente d'envoi");
    case OutboxState::Quarantined:
        return QCoreApplication::translate("Unsent", "refusé par le DPI");
    case OutboxState::Conflict:
        return QCoreApplication::translate("Unsent", "en conflit, à traiter");
    case OutboxState::Delivered:
    case OutboxState::Superseded:
        break;
    }
    return {};
}

Result<QList<UnsentRecord>> loadUnsent(Store &store, int limit)
{
    QList<UnsentRecord> out;
    QSet<QUuid> listed;
    QHash<QUuid, QString> patients;
    for (const OutboxState state : {OutboxState::Conflict, OutboxState::Quarantined, OutboxState::Pending}) {
        Result<QList<OutboxEntry>> entries = store.outbox().inState(state, limit);
        if (!entries)
            return entries.error();
        for (const OutboxEntry &entry : std::as_const(*entries)) {
            if (listed.contains(entry.recordId) || out.size() >= limit)
                continue;
            listed.insert(entry.recordId);
            Result<std::optional<RecordRow>> row = store.context().records.find(entry.recordId);
            if (!row)
                return row.error();
            UnsentRecord line;
            line.state = state;
            // A conflict's reason is its rule, said in words; the DPI's refusals are its own text. A
            // failed attempt keeps the engine's English words for support (chevetctl): the nurse reads
            // that it failed and goes again by itself.
            if (state == OutboxState::Conflict)
                line.reason = conflictRuleText(entry.lastError);
            else if (state == OutboxState::Pending)
                line.reason =
                    entry.lastError.isEmpty()
                        ? QString()
                        : QCoreApplication::translate("Unsent", "l'envoi a échoué, il sera refait seul");
            else
                line.reason = entry.lastError;
            line.attempts = entry.attempts;
            if (!*row) {
                line.what = entry.recordType;
                out.append(line);
                continue;
            }
            const RecordRow &r = **row;
            line.what = typeLabel(store, r);
            line.atMs = r.effectiveMs.value_or(r.enteredMs);
            const QUuid patientId = r.type == RecordType::Patient ? r.id : r.patientId;
            if (!patientId.isNull()) {
                if (!patients.contains(patientId)) {
                    Result<std::optional<Patient>> p = store.patients().find(patientId);
                    if (!p)
                        return p.error();
                    patients.insert(patientId, *p ? displayName(**p) : QString());
                }
                line.patient = patients.value(patientId);
            }
            out.append(line);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const UnsentRecord &a, const UnsentRecord &b) { return a.atMs < b.atMs; });
    return out;
}

} // namespace chevet::app
