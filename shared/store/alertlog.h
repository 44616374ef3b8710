#pragma once

#include "core/result.h"
#include "resealing.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QUuid>

#include <functional>

namespace chevet {

class Database;
class Statement;
namespace crypto {
class Sealer;
}

// A clinical alert raised by sync (a possible double dose, a dose given on a stopped prescription):
// shown on every device holding the patient until a nurse acknowledges it. Its columns (patient, state,
// who acknowledged it and when) are sealed with its content: an alert acknowledged or moved in the file is
// refused, never hidden (security review F1).
struct ClinicalAlert
{
    QUuid id;
    QString kind; // "possible-double-dose", "prescription-stopped", ...
    QUuid patientId;
    QList<QUuid> records; // the records involved (all kept)
    QString message;      // for the nurse; sealed at rest
    qint64 raisedMs = 0;
    QString state = QStringLiteral("open");
    QString acknowledgedBy;
    qint64 acknowledgedMs = 0;
};

class AlertLog
{
public:
    AlertLog(Database &db, const crypto::Sealer &sealer);

    // One alert per situation (`key`, e.g. a dose slot), however many syncs see it. When more records
    // join the situation (a third dose for the same slot), the alert is updated and opened again rather
    // than a second one raised. Returns true when the alert is new or changed.
    Result<bool> raise(ClinicalAlert alert, const QString &key = QString());
    Result<QList<ClinicalAlert>> list(bool openOnly = true);
    Status acknowledge(const QUuid &id, const QString &author, qint64 atMs);
    // A patient merge: the retired patient's alerts go to the survivor, sealed again.
    Status movePatient(const QUuid &from, const QUuid &to);
    // Opens every alert: "alert-tampered" for one changed in the file, and, with a trail to compare with,
    // for a row that is not the last one written or is gone without its patient. Alerts written before
    // they were audited are entered in the trail as they are, once.
    Status verifyAll();
    // Seals again, under their columns, the alerts a build before schema 7 sealed under their id only;
    // returns how many. Same rule as Outbox::sealLegacyEntries (decided by Store::open).
    Result<int> sealLegacyAlerts();
    // Every alert sealed again under the current key, from `from` (the store's key rotation), each new
    // row in the trail. Returns how many.
    Result<resealing::Carried> resealAll(const crypto::Sealer &from);

    // What an alert's seal binds: id, kind, patient, situation, times, state and who acknowledged it.
    static QByteArray associatedData(const ClinicalAlert &alert, const QString &situation);

    // Called inside the transaction of every write of an alert with the digest of its new sealed row:
    // the store keeps it in its audit trail ("alert.write"), so an older row put back, or a row deleted,
    // is told from the last one written (security review F1).
    using WriteAudit =
        std::function<Status(const QUuid &alertId, const QUuid &patientId, const QByteArray &rowDigest)>;
    void auditWritesWith(WriteAudit audit) { m_writeAudit = std::move(audit); }
    // What the trail says of the alerts: the last digest and patient written for each, and the patients
    // the purge erased (their alerts went with them).
    struct Trail
    {
        QHash<QUuid, std::pair<QByteArray, QUuid>> lastWritten;
        QSet<QUuid> erasedPatients;
    };
    using TrailReader = std::function<Result<Trail>()>;
    // Not set: verifyAll() only opens the rows.
    void compareWith(TrailReader trail) { m_trail = std::move(trail); }
    static QByteArray rowDigest(const QByteArray &sealed);

private:
    struct AlertRow
    {
        ClinicalAlert alert;
        QString situation; // dedupe_key
        QByteArray sealed;
        bool storedAsWritten = true; // every column of the type the app writes
    };
    static AlertRow readColumns(const Statement &row);
    Result<QList<AlertRow>> rows(const char *sql, const std::function<void(Statement &)> &bind);
    Result<ClinicalAlert> open(const AlertRow &row) const;
    Status write(const ClinicalAlert &alert, const QString &situation);

    Database &m_db;
    const crypto::Sealer &m_sealer;
    WriteAudit m_writeAudit;
    TrailReader m_trail;
};

} // namespace chevet
