#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace chevet::dpi {

struct TokenEntry
{
    QString param;
    QString system; // empty when the value has none (a status code)
    QString code;   // Coding.code, Identifier.value or the code itself
};

struct ReferenceEntry
{
    QString param;
    QString targetType;
    QString targetId;
};

struct IndexEntries
{
    QList<TokenEntry> tokens;
    QList<ReferenceEntry> references;
};

// What the search tables hold for the current version of a resource, following searchparameters.
IndexEntries indexResource(const QString &type, const QJsonObject &resource);

struct ResourceRef
{
    QString type;
    QString id;
};

// "Patient/42", "Patient/42/_history/3" or "http://host/fhir/Patient/42" name Patient 42;
// anything else (urn:uuid:..., contained "#x", a bare id) names nothing this server can resolve.
std::optional<ResourceRef> parseReference(const QString &reference);

bool isValidId(const QString &id);

} // namespace chevet::dpi
