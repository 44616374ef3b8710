#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace chevet::dpi {

enum class ParamKind { Token, Reference };

// One search parameter a resource type supports, and where its values live in the resource. The
// index (resourceindex), the search (searchquery) and the CapabilityStatement all read this table, so
// what is advertised is exactly what is indexed.
struct SearchParameter
{
    QString name;
    ParamKind kind = ParamKind::Token;
    QStringList paths;  // dotted element paths, arrays traversed ("location.location")
    QString targetType; // references: only targets of this type are indexed (e.g. "Patient")
    QString documentation;
};

// The resource types this server stores, in CapabilityStatement order.
const QStringList &supportedTypes();
bool isSupportedType(const QString &type);

// Type-specific parameters; _id and _lastUpdated are common to all and handled apart.
const QList<SearchParameter> &searchParameters(const QString &type);
const SearchParameter *findSearchParameter(const QString &type, const QString &name);

} // namespace chevet::dpi
