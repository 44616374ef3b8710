#pragma once

#include "core/result.h"
#include "fhirtypes.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace chevet::fhir {

// One entry of a transaction or batch we send.
struct BundleRequest
{
    QString fullUrl; // "urn:uuid:<client id>" for creates
    QJsonObject resource;
    QString method;      // "POST" or "PUT"
    QString url;         // "Observation" or "Observation/<id>"
    QString ifNoneExist; // for conditional creates
    QString ifMatch;     // W/"<versionId>" for updates
};

QJsonObject makeTransaction(const QList<BundleRequest> &entries, bool atomic /* transaction, else batch */);

// One entry of a transaction-response / batch-response.
struct BundleResponse
{
    int status = 0;   // from "201 Created"
    QString location; // "Observation/123/_history/2"
    QString etag;     // W/"2"
    qint64 lastModifiedMs = 0;
    QJsonObject resource; // when the server returned it
    QJsonObject outcome;  // OperationOutcome for a failed entry
    QString fullUrl;      // the entry's fullUrl, when the server gives one (the resource's absolute URL)
};

Result<QList<BundleResponse>> parseTransactionResponse(const QJsonObject &bundle);

// Entries of a searchset or history bundle.
struct BundleEntry
{
    QString fullUrl;
    QJsonObject resource;      // empty for a deletion in a history bundle
    QString method;            // history: the request method ("DELETE" for a deletion)
    QString url;               // history: "Observation/123"
    QString searchMode;        // searchset: "match" or "include"
    qint64 lastModifiedMs = 0; // history: response.lastModified, when the server gives it (deletions)
};

struct ParsedBundle
{
    QString type; // "searchset", "history", ...
    QList<BundleEntry> entries;
    QString next; // link[relation=next].url, empty on the last page
    int total = -1;
    // meta.lastUpdated: for a search or history page, when the server ran it, on the clock that stamps
    // its resources (HAPI and our stand-in set it); 0 when absent.
    qint64 lastUpdatedMs = 0;
};

Result<ParsedBundle> parseBundle(const QJsonObject &bundle);

// OperationOutcome -> a short reason for people and logs (issue codes and diagnostics).
QString outcomeText(const QJsonObject &operationOutcome);
QJsonObject makeOutcome(const QString &severity, const QString &code, const QString &diagnostics);

// Parses "W/\"3\"" or "\"3\"" into 3; returns the input when unquoted. versionId stays opaque.
QString versionFromEtag(const QString &etag);
QString etagForVersion(const QString &versionId); // W/"<versionId>"

// "Observation/123/_history/2" -> {type, id, version}
struct Location
{
    QString type;
    QString id;
    QString version;
};
Location parseLocation(const QString &location);

} // namespace chevet::fhir
