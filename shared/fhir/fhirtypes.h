#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace chevet::fhir {

// Every record carries its client id as this identifier, so a retried create can never duplicate:
// pushes are conditional creates on it (ifNoneExist: identifier=<system>|<value>).
inline constexpr auto kClientIdSystem = "urn:ietf:rfc:3986";
QString clientIdValue(const QUuid &id);          // "urn:uuid:<id>"
QString clientIdSearch(const QUuid &id);         // "identifier=urn:ietf:rfc:3986|urn:uuid:<id>"
QUuid clientIdFrom(const QJsonObject &resource); // null when the resource has none

// Chevet's own extensions and code systems live under a reserved domain until profiles are published.
inline constexpr auto kDoseSlotExtension = "https://fhir.chevet.invalid/StructureDefinition/dose-slot";
// The route of a dose recorded without a dose quantity (R4 mad-1 forbids a dosage without dose or rate).
inline constexpr auto kAdministrationRouteExtension =
    "https://fhir.chevet.invalid/StructureDefinition/administration-route";
inline constexpr auto kNoteSectionSystem = "https://fhir.chevet.invalid/CodeSystem/transmission-section";
inline constexpr auto kPanelExtension = "https://fhir.chevet.invalid/StructureDefinition/bedside-entry";

// What the server says about a resource, besides its content.
struct ServerState
{
    QString id;        // logical id
    QString versionId; // opaque; sent back quoted in If-Match
    qint64 lastUpdatedMs = 0;
};

ServerState serverStateOf(const QJsonObject &resource);

// References the mapping cannot resolve itself (server ids -> local ids is the sync engine's job).
struct References
{
    QString patient; // "Patient/<id>" as written in the resource, or a urn:uuid in a transaction
    QString request; // MedicationAdministration.request
    QString encounter;
};

// A JSON error that names the offending element: "Observation.valueQuantity.value: expected a number".
Error malformed(const QString &path, const QString &what);

} // namespace chevet::fhir
