// The one-time sealing of what builds before schema 7 stored unsealed, and the rule that decides which
// stores may still hold such rows (security review F1 and its hostile review).
#include "storeprivate.h"

namespace chevet {

// Whether the store was created at schema 7 or later, as its audit trail's first entry says (the chain is
// keyed and its head kept outside the file: an edited entry, even one only rewritten with another SQLite
// type, fails AuditLog::verify() at the unlock's integrity check). Such a store never held an unsealed
// outbox entry or alert, a record sealed the old way, nor a key slot unbound to its nurse.
Result<bool> bornWithSealedState(Database &db)
{
    Result<Statement *> stmt =
        db.cached("SELECT action, detail, typeof(action), typeof(detail) FROM audit WHERE seq = 1");
    if (!stmt)
        return stmt.error();
    Result<bool> row = (*stmt)->step();
    bool born = false;
    if (row && *row && (*stmt)->text(2) == QLatin1String("text") &&
        (*stmt)->text(3) == QLatin1String("text")) {
        const QString detail = (*stmt)->text(1);
        born = (*stmt)->text(0) == QLatin1String("store.create") &&
               detail.startsWith(QLatin1String("schema ")) && detail.mid(7).toInt() >= 7;
    }
    (*stmt)->reset();
    if (!row)
        return row.error();
    return born;
}

// Whether rows sealed the old way may still be read and sealed again: only in a store created before
// schema 7 whose sealing has not finished (no "store.resealed" entry yet). Anywhere else an old seal
// can only be a row put back by editing the file, and sealing it again would launder it.
Result<bool> legacySealsAllowed(Database &db)
{
    Result<bool> born = bornWithSealedState(db);
    if (!born)
        return born.error();
    if (*born)
        return false;
    Result<Statement *> done = db.cached("SELECT 1 FROM audit WHERE action = 'store.resealed' LIMIT 1");
    if (!done)
        return done.error();
    Result<bool> row = (*done)->step();
    (*done)->reset();
    if (!row)
        return row.error();
    return !*row;
}

Status Store::Private::sealLegacyRows()
{
    Result<bool> allowed = legacySealsAllowed(*db);
    if (!allowed)
        return allowed.error();
    if (!*allowed)
        return {};
    Transaction tx(*db);
    if (Status s = tx.begin(); !s)
        return s;
    Result<int> sealed = outbox->sealLegacyEntries();
    if (!sealed)
        return sealed.error();
    Result<int> alertsSealed = alerts->sealLegacyAlerts();
    if (!alertsSealed)
        return alertsSealed.error();
    if (Status s = appendAudit(QStringLiteral("store.resealed"),
                               QStringLiteral("%1 entries, %2 alerts").arg(*sealed).arg(*alertsSealed));
        !s)
        return s;
    return tx.commit();
}

Result<AlertLog::Trail> Store::Private::alertTrail()
{
    // One pass over the trail (alerts are few; the trail is read whole at unlock's check anyway).
    Result<Statement *> stmt = db->cached("SELECT action, record_id, detail FROM audit WHERE action IN "
                                          "('alert.write', 'patient.erase') ORDER BY seq");
    if (!stmt)
        return stmt.error();
    AlertLog::Trail trail;
    for (;;) {
        Result<bool> more = (*stmt)->step();
        if (!more) {
            (*stmt)->reset();
            return more.error();
        }
        if (!*more)
            break;
        const QUuid id = QUuid::fromString((*stmt)->text(1));
        if ((*stmt)->text(0) == QLatin1String("patient.erase")) {
            trail.erasedPatients.insert(id);
            continue;
        }
        const QStringList parts = (*stmt)->text(2).split(QLatin1Char(' '));
        trail.lastWritten.insert(
            id, {QByteArray::fromHex(parts.value(0).toLatin1()), QUuid::fromString(parts.value(1))});
    }
    (*stmt)->reset();
    return trail;
}

} // namespace chevet
