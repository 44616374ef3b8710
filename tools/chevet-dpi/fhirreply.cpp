#include "fhirreply.h"

#include "outcome.h"

namespace chevet::dpi {

FhirReply FhirReply::fromError(const FhirError &error)
{
    FhirReply reply;
    reply.status = error.status;
    reply.body = operationOutcome(error);
    return reply;
}

FhirReply FhirReply::withResource(int status, const QJsonObject &resource, const VersionStamp &stamp,
                                  bool sendLocation)
{
    FhirReply reply;
    reply.status = status;
    reply.body = resource;
    reply.stamp = stamp;
    reply.sendLocation = sendLocation;
    return reply;
}

static QString reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QStringLiteral("OK");
    case 201:
        return QStringLiteral("Created");
    case 204:
        return QStringLiteral("No Content");
    case 304:
        return QStringLiteral("Not Modified");
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 409:
        return QStringLiteral("Conflict");
    case 410:
        return QStringLiteral("Gone");
    case 412:
        return QStringLiteral("Precondition Failed");
    case 413:
        return QStringLiteral("Payload Too Large");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 422:
        return QStringLiteral("Unprocessable Entity");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 503:
        return QStringLiteral("Service Unavailable");
    default:
        return {};
    }
}

QString statusText(int status)
{
    const QString phrase = reasonPhrase(status);
    return phrase.isEmpty() ? QString::number(status) : QStringLiteral("%1 %2").arg(status).arg(phrase);
}

} // namespace chevet::dpi
