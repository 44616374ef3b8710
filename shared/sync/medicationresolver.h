#pragma once

#include "core/result.h"
#include "fhir/bundle.h"

#include <QHash>
#include <QJsonObject>

namespace chevet {

class FhirClient;

// DPIs often write a prescription's drug as a reference to a Medication resource rather than a coded
// concept. Before a page of prescriptions is stored, each Medication they reference is found (in the
// page itself, from an _include, or read from the DPI once per run) and placed in the prescription as a
// contained resource, which the mapping reads like one the DPI contained itself. Only references
// relative to the DPI ("Medication/<id>") are read: an absolute URL may be another origin, and the
// token never leaves the DPI's. A Medication that cannot be read leaves the reference's display.
class MedicationResolver
{
public:
    explicit MedicationResolver(FhirClient &client);

    // The page with its prescriptions' Medications contained. Fails only when the DPI cannot be
    // reached (the page is then tried again at the next run); a Medication the DPI does not have is
    // not an error.
    Result<fhir::ParsedBundle> resolve(const fhir::ParsedBundle &page);
    Result<QJsonObject> resolve(const QJsonObject &resource);

private:
    Result<QJsonObject> medication(const QString &reference);

    FhirClient &m_client;
    QHash<QString, QJsonObject> m_known; // "Medication/<id>" -> the resource (empty: none readable)
};

} // namespace chevet
