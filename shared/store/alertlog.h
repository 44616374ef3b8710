#pragma once

#include "core/result.h"

#include <QList>
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
    // Opens every alert: "alert-tampered" for one changed in the file.
    Status verifyAll();
    // Seals again, under their columns, the alerts a build before schema 7 sealed under their id only;
    // returns how many. Same rule as Outbox::sealLegacyEntries (decided by Store::open).
    Result<int> sealLegacyAlerts();

    // What an alert's seal binds: id, kind, patient, situation, times, state and who acknowledged it.
    static QByteArray associatedData(const ClinicalAlert &alert, const QString &situation);

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
};

} // namespace chevet
