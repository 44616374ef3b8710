#pragma once

#include "core/result.h"
#include "store/recordtable.h"

#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QUuid>

namespace chevet {

struct StoreContext;

// The resource a record becomes on the DPI, and how to send it.
struct OutgoingResource
{
    QUuid recordId;
    QString recordType;
    int localVersion = 0;
    QString resourceType;
    QJsonObject json;
    QString fullUrl; // urn:uuid:<client id>
    QString method;  // POST (conditional create) or PUT (update on the base version)
    QString url;
    QString ifNoneExist;
    QString ifMatch;
    QUuid dependsOn; // a record (the patient) that must reach the DPI first; null when none
    QUuid patientId; // the local patient the record belongs to (itself for a patient)
};

// A resource pulled from the DPI, turned into a local row (payload in clear) and matched to the
// device's own copy when there is one.
struct IncomingRecord
{
    RecordRow row;
    QString resourceType;
    std::optional<RecordRow> existing;
};

// Between local rows and FHIR resources, resolving references both ways through the store: a local
// patient id becomes "Patient/<server id>", and "Patient/<server id>" becomes the local id.
class RecordMapper
{
public:
    explicit RecordMapper(StoreContext &context);

    static QString resourceTypeFor(const QString &recordType);

    // A record whose patient (or prescription) the DPI has not confirmed yet comes back with
    // `dependsOn` set and no request: it waits for the next bundle. Never in the same bundle, because a
    // conditional create that matches an existing patient would attach the records to that person
    // before the identity could be checked.
    Result<OutgoingResource> outgoing(const RecordRow &row);
    // Null row id (and no error) when the resource is outside what this device keeps (e.g. a patient
    // not in its scope).
    Result<IncomingRecord> incoming(const QJsonObject &resource);

    // The local id of a resource: its Chevet client id when it carries one (same id on every device),
    // else a name-based UUID of "<Type>/<id>", so every device derives the same one.
    static QUuid localIdFor(const QJsonObject &resource);
    // A bundle entry's fullUrl: derived from the record id but not equal to the client id identifier,
    // so a server that rewrites more than references cannot alter the identifier.
    static QString entryUrlFor(const QUuid &recordId);
    // Identity check when two records share an IPP: same family name and birth date. Anything else is
    // an identity conflict for a person (identitovigilance), never a silent merge.
    static bool samePerson(const struct Patient &a, const struct Patient &b);

    // What this device's model makes of a DPI resource, written back as FHIR: the same elements the
    // device would send, so it can be compared with a local version element by element (the base of a
    // merge, or what the nurse changed). Empty when the device cannot read it.
    QJsonObject projected(const QJsonObject &dpiResource);
    // An update that changes on the DPI's full resource only the elements the nurse changed (a PUT
    // replaces the whole resource: what the device does not model must survive). `projectedBase` is
    // projected(dpiResource); business identifiers are unioned, never replaced (sync-audit §10).
    static QJsonObject overlay(const QJsonObject &dpiResource, const QJsonObject &projectedBase,
                               const QJsonObject &local);

private:
    Result<QString> referenceTo(const QUuid &recordId, const QString &recordType, QUuid *dependsOn);
    Result<QUuid> localIdOfReference(const QString &reference, const QString &recordType);
    Result<qint64> nearestSlot(const QUuid &requestId, qint64 givenMs);

    StoreContext &m_context;
};

} // namespace chevet
