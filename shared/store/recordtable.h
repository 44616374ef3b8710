#pragma once

#include "core/hybridlogicalclock.h"
#include "core/result.h"
#include "resealing.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

class Database;
namespace crypto {
class Sealer;
}

// Record type names as stored in the `records` table, the outbox and the audit log.
namespace RecordType {
inline const QString Patient = QStringLiteral("patient");
inline const QString Encounter = QStringLiteral("encounter");
inline const QString Observation = QStringLiteral("observation");
inline const QString Note = QStringLiteral("note");
inline const QString MedicationRequest = QStringLiteral("medication-request");
inline const QString Administration = QStringLiteral("administration");
inline const QString Task = QStringLiteral("task");
inline const QString Allergy = QStringLiteral("allergy");
} // namespace RecordType

// One row of the `records` table with its payload in clear (sealed on write, opened on read).
struct RecordRow
{
    QUuid id;
    QString type;
    QUuid patientId;
    int version = 1;
    QString status;
    std::optional<qint64> effectiveMs;
    qint64 enteredMs = 0;
    HlcTimestamp hlc;
    QString author;
    QUuid refId;                  // panel of an observation, prescription of an administration
    std::optional<qint64> slotMs; // dose slot of an administration
    QString serverId;
    QString serverVersion;
    std::optional<qint64> serverMs;
    QByteArray payload;
};

// The gateway to the sealed `records` table shared by every repository. The payload is sealed with every
// clear column the app decides on as associated data (type, id, version, patient, status, times, HLC,
// author, panel or prescription, dose slot, the DPI's id, version and time): a blob copied onto another
// row, or a row whose patient, author, panel, time or DPI id was changed in the file (a flipped byte, an
// edit by SQL), won't open (reliability review §2, security F1). Earlier versions in record_history are
// sealed with type, id and version.
class RecordTable
{
public:
    RecordTable(Database &db, const crypto::Sealer &sealer);

    Status insert(const RecordRow &row);
    // Keeps the current version in record_history, then writes `row` (whose version must be the next).
    Status supersede(const RecordRow &row);
    Status setServerState(const QUuid &id, const QString &serverId, const QString &serverVersion,
                          std::optional<qint64> serverMs);
    // The DPI no longer holds the record (deleted there): the next push creates it again.
    Status clearServerState(const QUuid &id);
    // Writes the row's clear columns and seals its payload again under them, same version: a patient
    // merge moving records, the migration of rows sealed before the clear columns were bound.
    Status reseal(const RecordRow &row);
    // Every record of a patient (any type, any time), for a merge.
    Result<QList<RecordRow>> ofPatient(const QUuid &patientId);
    // Re-seals every row sealed the old way, once (meta `record_aad` records the progress), when
    // `legacyAllowed` (a store created before schema 7 not yet resealed: Store::open decides from the
    // audit trail). Otherwise only rows sealed the current way open.
    Status migrateSeals(bool legacyAllowed);
    // Opens every row, a slice at a time: a row whose clear columns or payload changed in the file is
    // found even when no chart lists it any more (moved to no patient). The first failure is returned.
    Status verifyAll();
    // Every row and earlier version sealed again under the current key, from `from` (the store's key
    // rotation). Returns how many blobs.
    Result<resealing::Carried> resealAll(const crypto::Sealer &from);

    Result<std::optional<RecordRow>> find(const QUuid &id);
    // Without opening the payload: for checks on the write path.
    Result<bool> exists(const QUuid &id, const QString &type);
    Result<std::optional<RecordRow>> findByServerId(const QString &type, const QString &serverId);
    // Only the local id of that record (null when none): a reference resolved without opening the row.
    Result<QUuid> idByServerId(const QString &type, const QString &serverId);
    Result<QList<RecordRow>> forPatient(const QUuid &patientId, const QString &type, qint64 fromMs,
                                        qint64 toMs);
    Result<QList<RecordRow>> byType(const QString &type);
    // The administrations of a prescription, by dose slot (records_by_ref indexes administrations only).
    Result<QList<RecordRow>> administrationsFor(const QUuid &requestId);
    Result<QList<RecordRow>> history(const QUuid &id);

    static QByteArray associatedData(const RecordRow &row);
    // What rows were sealed with before the DPI's id and version were bound (meta record_aad "2").
    static QByteArray unboundServerAssociatedData(const RecordRow &row);
    // What rows were sealed with before the clear columns were bound; earlier versions still are.
    static QByteArray versionAssociatedData(const QString &type, const QUuid &id, int version);

private:
    Result<QList<RecordRow>> readRows(const char *sql, const std::function<void(class Statement &)> &bind);
    // The clear columns, types checked, without opening the payload.
    static Result<RecordRow> readColumns(const class Statement &stmt);
    Result<RecordRow> readRow(const class Statement &stmt);
    static void bindRow(class Statement &stmt, const RecordRow &row, const QByteArray &sealed);
    // Seals `row` under its columns and runs an UPDATE numbered as the insert; `whenNoRow` if none matched.
    Status rewrite(const char *sql, const RecordRow &row, const Error &whenNoRow);
    Status markSealed();
    // Every row, read (and so opened) a slice at a time, oldest first.
    Status forEachSlice(const std::function<Status(QList<RecordRow> &)> &slice);

    Database &m_db;
    const crypto::Sealer &m_sealer;
    bool m_legacySeals = false; // until migrateSeals() is done: rows may still be sealed the old way
};

} // namespace chevet
