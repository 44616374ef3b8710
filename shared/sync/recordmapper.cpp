#include "recordmapper.h"

#include "fhir/bundle.h"
#include "fhir/resources.h"
#include "store/recordcodec.h"
#include "store/storecontext.h"

#include <QJsonArray>

namespace chevet {

namespace {

const QUuid kResourceNamespace = QUuid::fromString(QStringLiteral("{6f1c7a52-3d0e-4b8e-9a51-3c2f0e7d9b10}"));
const QUuid kEntryNamespace = QUuid::fromString(QStringLiteral("{0b7d3e41-58a2-4c6f-b1e9-7a2d94c3f605}"));

Error syncError(SyncError code, const QString &message)
{
    return makeError(code, message);
}

// Server state from the resource's meta onto the row.
void takeServerState(RecordRow &row, const QJsonObject &resource)
{
    const fhir::ServerState state = fhir::serverStateOf(resource);
    row.serverId = state.id;
    row.serverVersion = state.versionId;
    if (state.lastUpdatedMs > 0)
        row.serverMs = state.lastUpdatedMs;
}

} // namespace

RecordMapper::RecordMapper(StoreContext &context)
    : m_context(context)
{}

QString RecordMapper::resourceTypeFor(const QString &recordType)
{
    if (recordType == RecordType::Patient)
        return QStringLiteral("Patient");
    if (recordType == RecordType::Encounter)
        return QStringLiteral("Encounter");
    if (recordType == RecordType::Observation || recordType == RecordType::Note)
        return QStringLiteral("Observation");
    if (recordType == RecordType::MedicationRequest)
        return QStringLiteral("MedicationRequest");
    if (recordType == RecordType::Administration)
        return QStringLiteral("MedicationAdministration");
    if (recordType == RecordType::Task)
        return QStringLiteral("Task");
    if (recordType == RecordType::Allergy)
        return QStringLiteral("AllergyIntolerance");
    return {};
}

QString RecordMapper::entryUrlFor(const QUuid &recordId)
{
    return QStringLiteral("urn:uuid:") +
           QUuid::createUuidV5(kEntryNamespace, recordId.toString()).toString(QUuid::WithoutBraces);
}

QUuid RecordMapper::localIdFor(const QJsonObject &resource)
{
    const QUuid clientId = fhir::clientIdFrom(resource);
    if (!clientId.isNull())
        return clientId;
    const QString name = resource.value(QLatin1String("resourceType")).toString() + QLatin1Char('/') +
                         resource.value(QLatin1String("id")).toString();
    return QUuid::createUuidV5(kResourceNamespace, name);
}

Result<QString> RecordMapper::referenceTo(const QUuid &recordId, const QString &recordType, QUuid *dependsOn)
{
    Result<std::optional<RecordRow>> target = m_context.records.find(recordId);
    if (!target)
        return target.error();
    if (!*target)
        return syncError(SyncError::DanglingReference,
                         QStringLiteral("a referenced %1 is missing").arg(recordType));
    if (!(*target)->serverId.isEmpty())
        return resourceTypeFor(recordType) + QLatin1Char('/') + (*target)->serverId;
    *dependsOn = recordId;
    return QString();
}

Result<OutgoingResource> RecordMapper::outgoing(const RecordRow &row)
{
    OutgoingResource out;
    out.recordId = row.id;
    out.recordType = row.type;
    out.localVersion = row.version;
    out.resourceType = resourceTypeFor(row.type);
    out.fullUrl = entryUrlFor(row.id);
    out.patientId = row.type == RecordType::Patient ? row.id : row.patientId;

    QString patientRef;
    if (row.type != RecordType::Patient) {
        Result<QString> ref = referenceTo(row.patientId, RecordType::Patient, &out.dependsOn);
        if (!ref)
            return ref.error();
        patientRef = *ref;
        if (!out.dependsOn.isNull())
            return out; // the patient must reach the DPI first
    }

    QString identity; // for a patient: its IPP, so a DPI that already has the person matches instead
    if (row.type == RecordType::Patient) {
        Result<Patient> p = patientFromRow(row);
        if (!p)
            return p.error();
        out.json = fhir::patientToFhir(*p);
        for (const PatientIdentifier &id : std::as_const(p->identifiers)) {
            if (id.kind == IdentifierKind::Ipp && !id.old) {
                identity = QStringLiteral("identifier=%1|%2").arg(id.system, id.value);
                break;
            }
        }
    } else if (row.type == RecordType::Observation) {
        Result<Observation> o = observationFromRow(row);
        if (!o)
            return o.error();
        out.json = fhir::observationToFhir(*o, patientRef);
    } else if (row.type == RecordType::Note) {
        Result<NursingNote> n = noteFromRow(row);
        if (!n)
            return n.error();
        out.json = fhir::noteToFhir(*n, patientRef);
    } else if (row.type == RecordType::Administration) {
        Result<MedicationAdministration> a = administrationFromRow(row);
        if (!a)
            return a.error();
        Result<QString> requestRef = referenceTo(a->requestId, RecordType::MedicationRequest, &out.dependsOn);
        if (!requestRef)
            return requestRef.error();
        if (!out.dependsOn.isNull())
            return out;
        out.json = fhir::administrationToFhir(*a, patientRef, *requestRef);
    } else if (row.type == RecordType::Task) {
        Result<CareTask> t = taskFromRow(row);
        if (!t)
            return t.error();
        out.json = fhir::taskToFhir(*t, patientRef);
    } else if (row.type == RecordType::Allergy) {
        Result<AllergyIntolerance> a = allergyFromRow(row);
        if (!a)
            return a.error();
        out.json = fhir::allergyToFhir(*a, patientRef);
    } else if (row.type == RecordType::Encounter) {
        Result<Encounter> e = encounterFromRow(row);
        if (!e)
            return e.error();
        out.json = fhir::encounterToFhir(*e, patientRef);
    } else if (row.type == RecordType::MedicationRequest) {
        Result<MedicationRequest> r = requestFromRow(row);
        if (!r)
            return r.error();
        out.json = fhir::requestToFhir(*r, patientRef);
    } else {
        return syncError(SyncError::UnknownType, QStringLiteral("no FHIR mapping for %1").arg(row.type));
    }

    out.json.remove(QLatin1String("meta"));
    if (row.serverId.isEmpty()) {
        out.json.remove(QLatin1String("id"));
        out.method = QStringLiteral("POST");
        out.url = out.resourceType;
        out.ifNoneExist = identity.isEmpty() ? fhir::clientIdSearch(row.id) : identity;
    } else {
        out.json.insert(QLatin1String("id"), row.serverId);
        out.method = QStringLiteral("PUT");
        out.url = out.resourceType + QLatin1Char('/') + row.serverId;
        out.ifMatch = fhir::etagForVersion(row.serverVersion);
    }
    return out;
}

Result<QUuid> RecordMapper::localIdOfReference(const QString &reference, const QString &recordType)
{
    if (reference.isEmpty())
        return QUuid();
    if (reference.startsWith(QLatin1String("urn:uuid:")))
        return QUuid::fromString(reference.mid(9));
    // "Patient/12", "Patient/12/_history/4" or "https://dpi/fhir/Patient/12": the id is 12, and only a
    // reference of the expected type counts — on servers with per-type integer ids, Group/12 or
    // Location/12 is somebody else (sync-audit §20).
    const fhir::Location target = fhir::parseLocation(reference);
    if (target.type != resourceTypeFor(recordType) || target.id.isEmpty())
        return QUuid();
    return m_context.records.idByServerId(recordType, target.id);
}

// A dose recorded in the DPI does not name its slot: the prescription's scheduled time nearest to when it
// was given, within a few hours, so the double-dose rule compares it with the tablets' (sync-audit §15);
// when none is that near, or the order is as-needed, the dose is its own slot: when it was given.
Result<qint64> RecordMapper::nearestSlot(const QUuid &requestId, qint64 givenMs)
{
    constexpr qint64 kWindowMs = 4LL * 3600 * 1000;
    if (requestId.isNull() || givenMs <= 0)
        return qint64(0);
    Result<std::optional<RecordRow>> row = m_context.records.find(requestId);
    if (!row)
        return row.error();
    // An order this device does not hold (yet): the dose is its own slot, never 0.
    if (!*row)
        return givenMs;
    Result<MedicationRequest> request = requestFromRow(**row);
    if (!request)
        return givenMs;
    qint64 best = 0;
    // The order's own dates and what its schedules give around that dose (sync-audit §15).
    const QList<qint64> slots =
        scheduledSlots(*request, m_context.administrationTimes, givenMs - kWindowMs, givenMs + kWindowMs);
    for (qint64 slot : slots) {
        if (std::abs(slot - givenMs) <= kWindowMs &&
            (best == 0 || std::abs(slot - givenMs) < std::abs(best - givenMs)))
            best = slot;
    }
    // No scheduled dose near it: an unscheduled dose, its own slot (never 0, never 1970).
    return best != 0 ? best : givenMs;
}

QJsonObject RecordMapper::projected(const QJsonObject &dpiResource)
{
    Result<IncomingRecord> in = incoming(dpiResource);
    if (!in || in->row.id.isNull())
        return {};
    RecordRow row = in->row;
    Result<OutgoingResource> out = outgoing(row);
    if (!out || !out->dependsOn.isNull())
        return {};
    return out->json;
}

QJsonObject RecordMapper::overlay(const QJsonObject &dpiResource, const QJsonObject &projectedBase,
                                  const QJsonObject &local)
{
    QJsonObject result = dpiResource;
    result.remove(QLatin1String("meta"));
    // The DPI's narrative describes its version, not ours; servers regenerate it.
    result.remove(QLatin1String("text"));
    QSet<QString> keys;
    for (auto it = projectedBase.begin(); it != projectedBase.end(); ++it)
        keys.insert(it.key());
    for (auto it = local.begin(); it != local.end(); ++it)
        keys.insert(it.key());
    for (const QString &key : std::as_const(keys)) {
        if (key == QLatin1String("meta") || key == QLatin1String("id") || key == QLatin1String("text") ||
            key == QLatin1String("resourceType"))
            continue;
        const QJsonValue base = projectedBase.value(key);
        const QJsonValue mine = local.value(key);
        if (base == mine)
            continue; // not changed here: the DPI's element stays as the DPI wrote it
        if (key == QLatin1String("identifier")) {
            QJsonArray identifiers = dpiResource.value(key).toArray();
            for (const QJsonValue &id : mine.toArray()) {
                if (!identifiers.contains(id))
                    identifiers.append(id);
            }
            result.insert(key, identifiers);
        } else if (mine.isUndefined()) {
            result.remove(key);
        } else {
            result.insert(key, mine);
        }
    }
    if (local.contains(QLatin1String("id")))
        result.insert(QStringLiteral("id"), local.value(QLatin1String("id")));
    return result;
}

bool RecordMapper::samePerson(const Patient &a, const Patient &b)
{
    return a.family.trimmed().compare(b.family.trimmed(), Qt::CaseInsensitive) == 0 &&
           a.birthDate == b.birthDate;
}

Result<IncomingRecord> RecordMapper::incoming(const QJsonObject &resource)
{
    IncomingRecord in;
    in.resourceType = resource.value(QLatin1String("resourceType")).toString();
    const QUuid localId = localIdFor(resource);
    fhir::References refs;
    RecordRow row;

    if (in.resourceType == QLatin1String("Patient")) {
        Result<Patient> p = fhir::patientFromFhir(resource);
        if (!p)
            return p.error();
        p->id = localId;
        row = patientRow(*p);
    } else if (in.resourceType == QLatin1String("Observation")) {
        if (fhir::isNursingNote(resource)) {
            Result<NursingNote> n = fhir::noteFromFhir(resource, &refs);
            if (!n)
                return n.error();
            n->meta.id = localId;
            row = noteRow(*n);
        } else {
            Result<Observation> o = fhir::observationFromFhir(resource, &refs);
            if (!o)
                return o.error();
            o->meta.id = localId;
            row = observationRow(*o);
        }
    } else if (in.resourceType == QLatin1String("MedicationAdministration")) {
        Result<MedicationAdministration> a = fhir::administrationFromFhir(resource, &refs);
        if (!a)
            return a.error();
        a->meta.id = localId;
        Result<QUuid> request = localIdOfReference(refs.request, RecordType::MedicationRequest);
        if (!request)
            return request.error();
        a->requestId = *request;
        if (a->slotMs == 0) {
            Result<qint64> slot = nearestSlot(a->requestId, a->meta.clinicalTimeMs);
            if (!slot)
                return slot.error();
            a->slotMs = *slot;
        }
        row = administrationRow(*a);
    } else if (in.resourceType == QLatin1String("MedicationRequest")) {
        Result<MedicationRequest> r = fhir::requestFromFhir(resource, &refs);
        if (!r)
            return r.error();
        r->id = localId;
        row = requestRow(*r);
    } else if (in.resourceType == QLatin1String("Task")) {
        Result<CareTask> t = fhir::taskFromFhir(resource, &refs);
        if (!t)
            return t.error();
        t->id = localId;
        row = taskRow(*t);
    } else if (in.resourceType == QLatin1String("AllergyIntolerance")) {
        Result<AllergyIntolerance> a = fhir::allergyFromFhir(resource, &refs);
        if (!a)
            return a.error();
        a->id = localId;
        row = allergyRow(*a);
    } else if (in.resourceType == QLatin1String("Encounter")) {
        Result<Encounter> e = fhir::encounterFromFhir(resource, &refs);
        if (!e)
            return e.error();
        e->id = localId;
        row = encounterRow(*e);
    } else {
        return in; // a type this device does not keep
    }

    if (in.resourceType != QLatin1String("Patient")) {
        Result<QUuid> patient = localIdOfReference(refs.patient, RecordType::Patient);
        if (!patient)
            return patient.error();
        if (patient->isNull())
            return in; // not one of this device's patients
        row.patientId = *patient;
    } else {
        row.patientId = localId;
    }
    row.id = localId;
    takeServerState(row, resource);

    Result<std::optional<RecordRow>> existing = m_context.records.find(localId);
    if (!existing)
        return existing.error();
    if (!*existing && !row.serverId.isEmpty()) {
        existing = m_context.records.findByServerId(row.type, row.serverId);
        if (!existing)
            return existing.error();
    }
    in.existing = *existing;
    if (in.existing)
        row.id = in.existing->id;
    in.row = row;
    return in;
}

} // namespace chevet
