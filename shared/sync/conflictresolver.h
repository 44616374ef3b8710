#pragma once

#include "core/result.h"
#include "syncsummary.h"

#include <QJsonObject>
#include <QUuid>

namespace chevet {

class Store;

// What to do when the DPI's version of a record meets a local edit that has not reached it: merge three
// ways against the version the local edit started from (the base), apply the clinical rules, and park
// for a person what neither settles. Nothing is decided by "last writer wins"; every losing edit stays in
// the record's history or the conflict queue, with an audit entry.
class ConflictResolver
{
public:
    enum class Outcome { Merged, LocalKept, RemoteTaken, Parked };
    enum class Choice { TakeLocal, TakeRemote, TakeMerged };

    explicit ConflictResolver(Store &store);

    // `remote` is the DPI's current version (with meta). Merged and LocalKept leave the record queued as
    // an update on the remote version; RemoteTaken stores the DPI's version and retires the local edit.
    Result<Outcome> reconcile(const QUuid &recordId, const QJsonObject &remote, SyncCounts &counts);

    // A person's decision on a parked conflict; `merged` is the FHIR resource they composed (TakeMerged).
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

    Store &m_store;
};

} // namespace chevet
