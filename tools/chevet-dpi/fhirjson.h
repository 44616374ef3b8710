#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace chevet::dpi {

// FHIR JSON as servers write it: resourceType first, then id and meta, then the other elements.
// QJsonDocument sorts keys, which would put resourceType near the end: valid, but not what people
// reading a response, or clients sniffing the first key, expect.
QByteArray toFhirJson(const QJsonObject &resource, bool pretty = false);

} // namespace chevet::dpi
