#pragma once

#include "fhirerror.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace chevet::dpi {

// Which version of which resource an answer is about: becomes ETag, Last-Modified and Location over
// HTTP, and response.etag/lastModified/location in a bundle.
struct VersionStamp
{
    QString type;
    QString id;
    qint64 version = 0;
    qint64 lastUpdatedMs = 0;

    QString etag() const { return QStringLiteral("W/\"%1\"").arg(version); }
    // Relative, as FHIR bundles carry it; HTTP answers prefix the base URL.
    QString location() const { return QStringLiteral("%1/%2/_history/%3").arg(type, id).arg(version); }
};

// The answer to one FHIR interaction, before it becomes an HTTP response or a bundle entry.
struct FhirReply
{
    int status = 200;
    QJsonObject body; // a resource, a Bundle or an OperationOutcome; empty for none
    std::optional<VersionStamp> stamp;
    bool sendLocation = false; // creates and updates say where the new version lives

    bool isError() const { return status >= 400; }

    static FhirReply fromError(const FhirError &error);
    static FhirReply withResource(int status, const QJsonObject &resource, const VersionStamp &stamp,
                                  bool sendLocation = false);
};

// "201 Created", as bundle entries spell a status.
QString statusText(int status);

} // namespace chevet::dpi
