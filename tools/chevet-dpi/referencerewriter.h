#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace chevet::dpi {

// In a transaction, entries point at each other by their fullUrl ("urn:uuid:..."). Once the server has
// named the created resources, every string equal to such a fullUrl (a Reference.reference, but also
// a uri in an extension) becomes "Type/id".
QJsonObject rewriteReferences(const QJsonObject &resource, const QHash<QString, QString> &names);

} // namespace chevet::dpi
