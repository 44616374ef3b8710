#include "dpicopies.h"

#include "crypto/sealer.h"
#include "database.h"
#include "fhir/fhirtypes.h"
#include "resealing.h"

#include <QCborMap>
#include <QCborValue>
#include <QJsonDocument>

namespace chevet {

namespace {

QByteArray aad(const QUuid &recordId, const QString &serverVersion)
{
    return QByteArrayLiteral("chevet-dpi-copy-v1|") + recordId.toString(QUuid::WithoutBraces).toUtf8() + '|' +
           serverVersion.toUtf8();
}

// Copies written before they were CBOR are JSON text: an object starts with '{', which no CBOR map does.
QJsonObject resourceFrom(const QByteArray &clear)
{
    if (clear.startsWith('{'))
        return QJsonDocument::fromJson(clear).object();
    return QCborValue::fromCbor(clear).toMap().toJsonObject();
}

} // namespace

DpiCopies::DpiCopies(Database &db, const crypto::Sealer &sealer)
    : m_db(db)
    , m_sealer(sealer)
{}

Status DpiCopies::put(const QUuid &recordId, const QUuid &patientId, const QJsonObject &resource)
{
    const QString version = fhir::serverStateOf(resource).versionId;
    // Kept as CBOR: written for every pulled resource, read back only when a local edit meets the DPI's
    // next version; CBOR is written about three times faster than JSON text and is smaller.
    Result<QByteArray> sealed =
        m_sealer.seal(QCborMap::fromJsonObject(resource).toCborValue().toCbor(), aad(recordId, version));
    if (!sealed)
        return sealed.error();
    Result<Statement *> stmt = m_db.cached(
        "INSERT INTO dpi_copies (record_id, patient_id, server_version, sealed) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(record_id) DO UPDATE SET patient_id = ?2, server_version = ?3, sealed = ?4");
    if (!stmt)
        return stmt.error();
    (*stmt)
        ->bind(1, recordId.toString(QUuid::WithoutBraces))
        .bind(2, patientId.isNull() ? QString() : patientId.toString(QUuid::WithoutBraces))
        .bind(3, version)
        .bind(4, *sealed);
    return (*stmt)->exec();
}

Result<std::optional<DpiCopy>> DpiCopies::find(const QUuid &recordId)
{
    Result<Statement *> stmt =
        m_db.cached("SELECT server_version, sealed FROM dpi_copies WHERE record_id = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, recordId.toString(QUuid::WithoutBraces));
    Result<QList<DpiCopy>> rows = (*stmt)->collect<DpiCopy>([&](const Statement &row) -> Result<DpiCopy> {
        DpiCopy copy;
        copy.serverVersion = row.text(0);
        Result<QByteArray> clear = m_sealer.open(row.blob(1), aad(recordId, copy.serverVersion));
        if (!clear)
            return clear.error();
        copy.resource = resourceFrom(*clear);
        return copy;
    });
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<DpiCopy>();
    return std::optional<DpiCopy>(rows->first());
}

Status DpiCopies::remove(const QUuid &recordId)
{
    Result<Statement *> stmt = m_db.cached("DELETE FROM dpi_copies WHERE record_id = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, recordId.toString(QUuid::WithoutBraces));
    return (*stmt)->exec();
}

Result<resealing::Carried> DpiCopies::resealAll(const crypto::Sealer &from)
{
    return resealing::resealColumn(
        m_db,
        {"SELECT rowid, record_id, server_version, sealed FROM dpi_copies WHERE rowid > ?1 ORDER BY rowid "
         "LIMIT 500",
         "UPDATE dpi_copies SET sealed = ?2 WHERE rowid = ?1", 3},
        [](const Statement &row) -> Result<QByteArray> {
            return aad(QUuid::fromString(row.text(1)), row.text(2));
        },
        from, m_sealer);
}

} // namespace chevet
