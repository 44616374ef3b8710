#include "medicationresolver.h"

#include "core/logging.h"
#include "fhirclient.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace chevet {

namespace {

bool isPrescription(const QJsonObject &resource)
{
    return resource.value(QLatin1String("resourceType")).toString() == QLatin1String("MedicationRequest");
}

QString referenceOf(const QJsonObject &prescription)
{
    return prescription.value(QLatin1String("medicationReference"))
        .toObject()
        .value(QLatin1String("reference"))
        .toString();
}

bool isRelativeMedication(const QString &reference)
{
    static const QRegularExpression kRelative(QStringLiteral("^Medication/[A-Za-z0-9\\-.]{1,64}$"));
    return kRelative.match(reference).hasMatch();
}

QJsonObject withContained(QJsonObject prescription, QJsonObject medication)
{
    QJsonArray contained = prescription.value(QLatin1String("contained")).toArray();
    // Under an id of its own, free in this order (the DPI's id may already name another contained one).
    QString id = QStringLiteral("chevet-medication");
    const auto taken = [&](const QString &candidate) {
        for (const QJsonValue &c : std::as_const(contained))
            if (c.toObject().value(QLatin1String("id")).toString() == candidate)
                return true;
        return false;
    };
    for (int n = 2; taken(id); ++n)
        id = QStringLiteral("chevet-medication-%1").arg(n);
    medication.insert(QLatin1String("id"), id);
    // A contained resource carries no meta, text or contained resources of its own (R4 dom-2, dom-4).
    medication.remove(QLatin1String("meta"));
    medication.remove(QLatin1String("text"));
    medication.remove(QLatin1String("contained"));
    contained.append(medication);
    prescription.insert(QLatin1String("contained"), contained);
    QJsonObject reference = prescription.value(QLatin1String("medicationReference")).toObject();
    reference.insert(QLatin1String("reference"), QLatin1Char('#') + id);
    prescription.insert(QLatin1String("medicationReference"), reference);
    return prescription;
}

} // namespace

MedicationResolver::MedicationResolver(FhirClient &client)
    : m_client(client)
{}

Result<QJsonObject> MedicationResolver::medication(const QString &reference)
{
    if (const auto known = m_known.constFind(reference); known != m_known.cend())
        return *known;
    Result<FhirReply> read = m_client.get(reference);
    if (!read)
        return read.error();
    // A busy or failing DPI (408, 429, 5xx) is asked again at the next run, never taken as "no
    // Medication": the order would be stored without its drug code for good.
    if (read->status == 408 || read->status == 429 || read->status >= 500)
        return makeError(SyncError::MedicationUnavailable,
                         QStringLiteral("the DPI could not answer for a prescription's Medication (HTTP %1)")
                             .arg(read->status),
                         true);
    QJsonObject found;
    if (read->status == 200 &&
        read->body.value(QLatin1String("resourceType")).toString() == QLatin1String("Medication"))
        found = read->body;
    else
        qCWarning(lcSyncPull) << "a prescription's Medication could not be read, HTTP" << read->status;
    m_known.insert(reference, found);
    return found;
}

Result<QJsonObject> MedicationResolver::resolve(const QJsonObject &resource)
{
    if (!isPrescription(resource))
        return resource;
    const QString reference = referenceOf(resource);
    if (!isRelativeMedication(reference))
        return resource;
    Result<QJsonObject> found = medication(reference);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return resource;
    return withContained(resource, *found);
}

Result<fhir::ParsedBundle> MedicationResolver::resolve(const fhir::ParsedBundle &page)
{
    // Medications the page brings along (_include) are known without another request.
    for (const fhir::BundleEntry &entry : page.entries) {
        const QJsonObject &r = entry.resource;
        if (r.value(QLatin1String("resourceType")).toString() == QLatin1String("Medication"))
            m_known.insert(QStringLiteral("Medication/") + r.value(QLatin1String("id")).toString(), r);
    }
    fhir::ParsedBundle out = page;
    for (fhir::BundleEntry &entry : out.entries) {
        Result<QJsonObject> resolved = resolve(entry.resource);
        if (!resolved)
            return resolved.error();
        entry.resource = *resolved;
    }
    return out;
}

} // namespace chevet
