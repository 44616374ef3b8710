#pragma once

#include "core/result.h"
#include "syncsummary.h"

#include <QJsonObject>
#include <QUuid>

namespace chevet {

class Store;

// Conflict rules about who a patient is: a person settles them (identity vigilance), never a merge.
bool isIdentityRule(const QString &rule);

// What to do when the DPI's version of a record meets a local edit that has not reached it: merge three
// ways against the version the local edit started from (the base), apply the clinical rules, and park
// for a person what neither settles. Nothing is decided by "last writer wins"; every losing edit stays in
// the record's history or the conflict queue, with an audit entry.
class ConflictResolver
{
public:
    enum class Outcome { Merged, LocalKept, RemoteTaken, Parked };
    // TakeLocal on a record the DPI deleted re-creates it there; TakeRemote accepts the deletion.
    // For identity conflicts only DifferentPerson ("not the same person": the patient stays on this
    // device only and identity vigilance is alerted) and TakeRemote ("the same person, as the DPI
    // knows them") are allowed: the device never writes a patient's identity onto the DPI.
    enum class Choice { TakeLocal, TakeRemote, TakeMerged, DifferentPerson };

    explicit ConflictResolver(Store &store);

    // `remote` is the DPI's current version (with meta). Merged and LocalKept leave the record queued as
    // an update on the remote version; RemoteTaken stores the DPI's version and retires the local edit.
    Result<Outcome> reconcile(const QUuid &recordId, const QJsonObject &remote, SyncCounts &counts);
    // The same against a known base: e.g. what was sent in a create whose answer was lost, when the DPI
    // has changed it since (sync-audit §9).
    Result<Outcome> reconcileOnBase(const QUuid &recordId, const QJsonObject &base, const QJsonObject &remote,
                                    SyncCounts &counts);

    // A person's decision on a parked conflict, in one local transaction; `merged` is the FHIR resource
    // they composed (TakeMerged).
    Status resolve(const QUuid &conflictId, Choice choice, const QJsonObject &merged = {});

    // The two sides a person compares with the DPI's version: the version the local edit started from
    // (empty when the record was created here) and the local version, both as FHIR resources.
    Result<QJsonObject> baseOf(const QUuid &recordId);
    Result<QJsonObject> localOf(const QUuid &recordId);

private:
    Status storeAsNewVersion(const QUuid &recordId, const QJsonObject &resource, bool queueForDpi,
                             const QString &action, const QString &detail);
    Status keepLocalOnRemoteVersion(const QUuid &recordId, const QJsonObject &remote, const QString &detail);
    Status park(const QUuid &recordId, const QString &rule, const QJsonObject &remote, SyncCounts &counts);
    Result<Outcome> settleMerge(const QUuid &recordId, const QJsonObject &base, const QJsonObject &remote,
                                SyncCounts &counts);
    Status keepRemote(const QUuid &recordId, const QJsonObject &remote);
    Status putCopy(const QUuid &recordId, const QJsonObject &remote);
    Status acceptDeletion(const QUuid &recordId);
    Status recreateOnDpi(const QUuid &recordId);
    Status keepPatientLocalOnly(const QUuid &recordId);
    Status sameAsDpiPatient(const QUuid &recordId, const QJsonObject &remote);
    Status audit(const QString &action, const QString &recordType, const QUuid &recordId,
                 const QString &detail);

    Store &m_store;
};

} // namespace chevet
