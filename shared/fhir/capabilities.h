#pragma once

#include "core/result.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace chevet::fhir {

// What the sync engine needs to know from the server's CapabilityStatement.
struct ServerCapabilities
{
    QString fhirVersion;
    bool transactions = false;
    bool batches = false;
    QSet<QString> typeHistory;       // resource types with interaction history-type
    QSet<QString> conditionalCreate; // resource types with conditionalCreate true
    QSet<QString> searchable;        // resource types with search-type
    QSet<QString> creatable;         // resource types with create
    // The search parameters each type declares (CapabilityStatement.rest.resource.searchParam.name).
    QHash<QString, QSet<QString>> searchParams;
    int maxBundleEntries = 0; // 0 = unknown; from the extension below when the server states it
};

inline constexpr auto kMaxBundleEntriesExtension =
    "https://fhir.chevet.invalid/StructureDefinition/max-bundle-entries";

Result<ServerCapabilities> parseCapabilityStatement(const QJsonObject &json);

} // namespace chevet::fhir
