// CareTask <-> FHIR R4 Task.
#include "elements.h"
#include "resources.h"

namespace chevet::fhir {

QJsonObject taskToFhir(const CareTask &task, const QString &patientRef)
{
    QJsonObject json{{QLatin1String("resourceType"), QStringLiteral("Task")}};
    putServerState(json, task.serverId, task.serverVersion);
    json.insert(QLatin1String("identifier"), QJsonArray{clientIdentifier(task.id)});
    json.insert(QLatin1String("status"), statusCode(task.status, task.otherStatus, &taskStatusKey));
    json.insert(QLatin1String("intent"), QStringLiteral("order"));
    putIfSet(json, QStringLiteral("description"), task.description);
    if (!patientRef.isEmpty())
        json.insert(QLatin1String("for"), reference(patientRef));
    QJsonObject period;
    if (task.dueMs != 0)
        period.insert(QLatin1String("start"), formatDateTime(task.dueMs));
    if (task.completedMs)
        period.insert(QLatin1String("end"), formatDateTime(*task.completedMs));
    if (!period.isEmpty())
        json.insert(QLatin1String("executionPeriod"), period);
    // Completion is the only change the bedside makes with a time; it is the task's last modification.
    if (task.completedMs)
        json.insert(QLatin1String("lastModified"), formatDateTime(*task.completedMs));
    if (!task.completedBy.isEmpty())
        json.insert(QLatin1String("owner"), practitionerByIdentifier(task.completedBy));
    return json;
}

Result<CareTask> taskFromFhir(const QJsonObject &json, References *refs)
{
    JsonReader r = JsonReader::resource(json, QStringLiteral("Task"));
    CareTask task;
    readServerState(r, &task.serverId, &task.serverVersion);
    task.id = readClientId(r);
    task.status = readStatusCode(r, &taskStatusFromKey, &task.otherStatus);
    r.string(QStringLiteral("intent"), Need::Required);
    task.description = r.string(QStringLiteral("description"));
    JsonReader period = r.object(QStringLiteral("executionPeriod"));
    task.dueMs = period.dateTime(QStringLiteral("start")).value_or(0);
    task.completedMs = period.dateTime(QStringLiteral("end"));
    task.completedBy = readPractitionerIdentifier(r.object(QStringLiteral("owner")));
    const QString patient = readReference(r, QStringLiteral("for"));
    const QString encounter = readReference(r, QStringLiteral("encounter"));
    if (!r.ok())
        return r.error();
    if (refs) {
        refs->patient = patient;
        refs->encounter = encounter;
    }
    return task;
}

} // namespace chevet::fhir
