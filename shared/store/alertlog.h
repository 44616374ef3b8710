#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QUuid>

namespace chevet {

class Database;
namespace crypto {
class Sealer;
}

// A clinical alert raised by sync (a possible double dose, a dose given on a stopped prescription):
// shown on every device holding the patient until a nurse acknowledges it.
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

private:
    Database &m_db;
    const crypto::Sealer &m_sealer;
};

} // namespace chevet
