#pragma once

#include "queryitems.h"

#include <QString>
#include <QStringList>

namespace chevet::dpi {

// What a FHIR URL (below the base) addresses. Shared by the HTTP router and by bundle entries, whose
// request.url is the same thing written relative to the base.
struct RequestTarget
{
    enum class Kind {
        Root,            // /fhir: transactions and batches
        Metadata,        // /fhir/metadata
        SystemHistory,   // /fhir/_history
        Type,            // /fhir/Patient: search, create
        TypeSearch,      // /fhir/Patient/_search: search by POST
        TypeHistory,     // /fhir/Patient/_history
        Instance,        // /fhir/Patient/42: read, update, delete
        InstanceHistory, // /fhir/Patient/42/_history
        Version,         // /fhir/Patient/42/_history/3: vread
        Unknown,
    };

    Kind kind = Kind::Unknown;
    QString type;
    QString id;
    QString version;
    QueryItems query;

    static RequestTarget fromSegments(const QStringList &segments);
    // A bundle entry's request.url: "Patient/42", "Patient?identifier=...", or absolute under /fhir.
    static RequestTarget fromEntryUrl(const QString &url);
};

} // namespace chevet::dpi
