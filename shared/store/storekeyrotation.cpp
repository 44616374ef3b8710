// The store's data key replaced when a nurse is removed (security review F7). A removed nurse who kept a
// copy of the file made while she was enrolled, and who can reach the device secret, holds the old data
// key: nothing the store holds afterwards opens under it. The nurses who stay never gave the tablet their
// PIN, so the new key is sealed to each one's public key (derived from her personal key) and taken over
// at her next unlock.
#include "core/logging.h"
#include "crypto/keygrant.h"
#include "dpicopies.h"
#include "keyslots.h"
#include "metatable.h"
#include "resealing.h"
#include "sealedmeta.h"
#include "storeprivate.h"

#include <QCborArray>
#include <QCborValue>

namespace chevet {

namespace {

const QString kKeyCheck = QStringLiteral("key_check");
const QString kGrantKeyPrefix = QStringLiteral("key_public.");
const QString kGrantPrefix = QStringLiteral("key_grant.");
const QString kAuditEpochs = QStringLiteral("audit_epochs");

QByteArray grantAad(const QByteArray &storeId, const QString &nurse)
{
    return QByteArrayLiteral("chevet key grant v1|") + storeId + '|' + nurse.toUtf8();
}

QByteArray epochsAad(const QString &storeId)
{
    return QByteArrayLiteral("chevet audit epochs v1|") + storeId.toUtf8();
}

Error storeError(StoreError code, const QString &message)
{
    return makeError(code, message);
}

Error slotOutdated()
{
    return storeError(
        StoreError::SlotOutdated,
        QStringLiteral("the device's key was replaced when a nurse was removed, and it could "
                       "not be handed to this nurse: a colleague must remove and enrol her again"));
}

QByteArray encodeEpochs(const QList<AuditLog::KeyEpoch> &epochs)
{
    QCborArray list;
    for (const AuditLog::KeyEpoch &epoch : epochs)
        list.append(QCborArray{epoch.firstSeq, epoch.key});
    return QCborValue(list).toCbor();
}

// key_public.<nurse>: her public key (32 bytes) and its tag under the data key (32), so that only a holder
// of the current key can name the key a grant goes to.
QByteArray publicKeyMessage(const QByteArray &storeId, const QString &nurse, const QByteArray &publicKey)
{
    return QByteArrayLiteral("chevet grant public key v1|") + storeId + '|' + nurse.toUtf8() + '|' +
           publicKey;
}

Status writePublicKey(Database &db, const crypto::KeyRing &keys, const QByteArray &storeId,
                      const QString &nurse, const QByteArray &publicKey)
{
    Result<QByteArray> tag = keys.tag(publicKeyMessage(storeId, nurse, publicKey));
    if (!tag)
        return tag.error();
    return metatable::write(db, kGrantKeyPrefix + nurse, publicKey + *tag);
}

// Her public key when it carries the tag of `keys`; empty when there is none or it does not.
Result<QByteArray> readPublicKey(Database &db, const crypto::KeyRing &keys, const QByteArray &storeId,
                                 const QString &nurse)
{
    Result<QByteArray> stored = metatable::read(db, kGrantKeyPrefix + nurse);
    if (!stored)
        return stored.error();
    if (stored->size() != 64)
        return QByteArray();
    const QByteArray publicKey = stored->left(32);
    Result<QByteArray> tag = keys.tag(publicKeyMessage(storeId, nurse, publicKey));
    if (!tag)
        return tag.error();
    if (*tag != stored->mid(32)) {
        qCWarning(lcStore) << "the public key filed for a nurse was not written by the app: ignored";
        return QByteArray();
    }
    return publicKey;
}

std::optional<QList<AuditLog::KeyEpoch>> decodeEpochs(const QByteArray &bytes)
{
    QList<AuditLog::KeyEpoch> epochs;
    qint64 previous = 0;
    for (const QCborValue &item : QCborValue::fromCbor(bytes).toArray()) {
        const QCborArray pair = item.toArray();
        const qint64 first = pair.at(0).toInteger();
        if (pair.size() != 2 || first <= previous || pair.at(1).toByteArray().size() != 32)
            return std::nullopt;
        epochs.append(AuditLog::KeyEpoch{first, pair.at(1).toByteArray()});
        previous = first;
    }
    if (epochs.isEmpty() || epochs.first().firstSeq != 1)
        return std::nullopt;
    return epochs;
}

} // namespace

Result<crypto::KeyRing> currentKeyRing(Database &db, crypto::KeyRing opened, const SlotOwner &owner)
{
    Result<QByteArray> mine = opened.keyCheck(owner.storeId);
    if (!mine)
        return mine.error();
    // Empty: the key was never replaced; equal: her slot holds the key in force.
    const auto keyInForce = [&]() -> Result<QByteArray> { return metatable::read(db, kKeyCheck); };
    Result<QByteArray> current = keyInForce();
    if (!current)
        return current.error();
    if (current->isEmpty() || *mine == *current)
        return opened; // the usual unlock: no write lock taken
    // Read again and taken under the write lock: a replacement by another program meanwhile cannot leave
    // her slot on a key replaced again, with the grant of the newest one gone.
    Transaction tx(db);
    if (Status s = tx.begin(); !s)
        return s.error();
    current = keyInForce();
    if (!current)
        return current.error();
    if (current->isEmpty() || *mine == *current)
        return opened;
    Result<QByteArray> grant = metatable::read(db, kGrantPrefix + owner.nurse);
    if (!grant)
        return grant.error();
    if (grant->isEmpty() || !opened.hasPersonalKey())
        return slotOutdated();
    const auto invalid = [] {
        return storeError(StoreError::KeyGrantInvalid,
                          QStringLiteral("the key handed to this nurse is not one the store had: it was "
                                         "changed outside the app, and her key was kept"));
    };
    Result<crypto::KeyRing> granted =
        opened.openGrant(*grant, grantAad(owner.storeId, owner.nurse), owner.salt);
    if (!granted)
        return invalid();
    Result<QByteArray> check = granted->keyCheck(owner.storeId);
    if (!check)
        return check.error();
    if (*check != *current)
        return slotOutdated(); // a grant of a key replaced since, put back
    // The new key must follow hers: its sealed list of audit keys names the one of the key her slot
    // opened, as an earlier key. Anyone can seal a grant to her public key; only a holder of her key can
    // name its audit key, so a key made up after hers was replaced is refused before her slot changes.
    Result<QByteArray> sealedEpochs = metatable::read(db, kAuditEpochs);
    if (!sealedEpochs)
        return sealedEpochs.error();
    Result<QByteArray> clearEpochs =
        granted->sealer().open(*sealedEpochs, epochsAad(QString::fromUtf8(owner.storeId)));
    if (!clearEpochs)
        return invalid();
    std::optional<QList<AuditLog::KeyEpoch>> epochs = decodeEpochs(*clearEpochs);
    crypto::wipe(*clearEpochs);
    if (!epochs || epochs->constLast().key != granted->auditKey())
        return invalid();
    bool follows = false;
    for (qsizetype i = 0; i + 1 < epochs->size(); ++i)
        follows = follows || epochs->at(i).key == opened.auditKey();
    if (!follows)
        return invalid();

    Result<crypto::WrappedDataKey> rewrapped = granted->rewrap(
        owner.pin, owner.deviceSecret, owner.storeId, owner.params, owner.nurse, granted->personalKey());
    if (!rewrapped)
        return rewrapped.error();
    if (Status s = keyslots::write(db, owner.nurse, *rewrapped); !s)
        return s.error();
    if (Status s = metatable::remove(db, kGrantPrefix + owner.nurse); !s)
        return s.error();
    // The slot's new salt gives her a new public key: filed now, under the key she just took.
    Result<QByteArray> publicKey = granted->publicKey(rewrapped->salt);
    if (!publicKey)
        return publicKey.error();
    if (Status s = writePublicKey(db, *granted, owner.storeId, owner.nurse, *publicKey); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return granted;
}

Status fileGrantKey(Database &db, const crypto::KeyRing &keys, const QByteArray &storeId,
                    const QString &nurse, const QByteArray &publicKey)
{
    return writePublicKey(db, keys, storeId, nurse, publicKey);
}

Status publishGrantKey(Database &db, const crypto::KeyRing &keys, const QByteArray &storeId,
                       const QString &nurse)
{
    if (!keys.hasPersonalKey())
        return {};
    Result<std::optional<crypto::WrappedDataKey>> slot = keyslots::read(db, nurse);
    if (!slot)
        return slot.error();
    if (!*slot)
        return {};
    Result<QByteArray> mine = keys.publicKey((*slot)->salt);
    if (!mine)
        return mine.error();
    Result<QByteArray> filed = readPublicKey(db, keys, storeId, nurse);
    if (!filed)
        return filed.error();
    if (*filed == *mine)
        return {};
    return writePublicKey(db, keys, storeId, nurse, *mine);
}

Status Store::Private::loadKeyEpochs()
{
    Result<QByteArray> sealed = metatable::read(*db, kAuditEpochs);
    if (!sealed)
        return sealed.error();
    if (sealed->isEmpty())
        return {}; // one data key so far: the chain has one key
    const auto damaged = [] {
        return storeError(StoreError::Damaged,
                          QStringLiteral("the keys of the store's audit trail are damaged or were changed "
                                         "outside the app"));
    };
    Result<QByteArray> clear = keys.sealer().open(*sealed, epochsAad(storeId));
    if (!clear)
        return damaged();
    std::optional<QList<AuditLog::KeyEpoch>> epochs = decodeEpochs(*clear);
    crypto::wipe(*clear);
    if (!epochs || epochs->constLast().key != keys.auditKey())
        return damaged();
    auditEpochs = *epochs;
    audit->useKeyEpochs(auditEpochs);
    return {};
}

Status Store::Private::keysStillCurrent()
{
    Result<QByteArray> current = metatable::read(*db, kKeyCheck);
    if (!current)
        return current.error();
    if (current->isEmpty())
        return {};
    Result<QByteArray> mine = keys.keyCheck(storeId.toUtf8());
    if (!mine)
        return mine.error();
    if (*mine == *current)
        return {};
    return storeError(StoreError::KeyReplaced,
                      QStringLiteral("the store's key was replaced by another program (a nurse was removed): "
                                     "nothing was written; lock and unlock to go on"));
}

Result<Store::KeyReplacement> Store::Private::replaceDataKey()
{
    const QByteArray id = storeId.toUtf8();
    Result<QStringList> nurses = keyslots::nurses(*db);
    if (!nurses)
        return nurses.error();
    Result<crypto::KeyRing> fresh = keys.withNewDataKey();
    if (!fresh)
        return fresh.error();
    if (Status s = publishGrantKey(*db, keys, id, context->author); !s)
        return s.error();

    Store::KeyReplacement report;
    QList<std::pair<QString, QByteArray>> handed;
    for (const QString &nurse : std::as_const(*nurses)) {
        Result<QByteArray> publicKey = readPublicKey(*db, keys, id, nurse);
        if (!publicKey)
            return publicKey.error();
        if (publicKey->isEmpty()) {
            report.notHanded.append(nurse);
            if (Status s = metatable::remove(*db, kGrantPrefix + nurse); !s)
                return s.error();
            continue;
        }
        Result<QByteArray> grant = fresh->grantTo(*publicKey, grantAad(id, nurse));
        if (!grant)
            return grant.error();
        if (Status s = metatable::write(*db, kGrantPrefix + nurse, *grant); !s)
            return s.error();
        handed.append({nurse, *publicKey});
    }

    Result<qint64> firstSeq = audit->nextSeq();
    if (!firstSeq)
        return firstSeq.error();
    const crypto::KeyRing old = keys;
    const QList<AuditLog::KeyEpoch> oldEpochs = auditEpochs;
    keys = std::move(fresh).value();
    auditEpochs.append(AuditLog::KeyEpoch{*firstSeq, keys.auditKey()});
    audit->useKeyEpochs(auditEpochs);

    const Status carried = [&]() -> Status {
        // The first entry under the new key, so the trail says where each key starts.
        QStringList handedTo;
        for (const auto &[nurse, publicKey] : std::as_const(handed))
            handedTo.append(nurse);
        QString detail = QStringLiteral("handed to: %1").arg(handedTo.join(QLatin1Char(',')));
        if (!report.notHanded.isEmpty())
            detail += QStringLiteral("; not handed to: %1").arg(report.notHanded.join(QLatin1Char(',')));
        if (Status s = appendAudit(QStringLiteral("store.replace-key"), detail); !s)
            return s;
        DpiCopies copies(*db, keys.sealer());
        const std::function<Result<resealing::Carried>()> tables[] = {
            [&] { return records->resealAll(old.sealer()); },
            [&] { return outbox->resealAll(old.sealer()); },
            [&] { return conflicts->resealAll(old.sealer()); },
            [&] { return copies.resealAll(old.sealer()); },
            [&] { return alerts->resealAll(old.sealer()); },
        };
        resealing::Carried total;
        for (const auto &reseal : tables) {
            Result<resealing::Carried> moved = reseal();
            if (!moved)
                return moved.error();
            total += *moved;
        }
        report.rowsLeftUnreadable = total.unreadable;
        if (total.unreadable > 0) {
            if (Status s = appendAudit(
                    QStringLiteral("store.replace-key.unreadable"),
                    QStringLiteral("%1 rows did not open and were left as they were").arg(total.unreadable));
                !s)
                return s;
        }
        if (Status s = resealSealedMeta(old.sealer(), keys.sealer()); !s)
            return s;
        if (Status s = reindexPatients(); !s)
            return s;
        for (const auto &[nurse, publicKey] : std::as_const(handed)) {
            if (Status s = writePublicKey(*db, keys, id, nurse, publicKey); !s)
                return s;
        }
        Result<QByteArray> check = keys.keyCheck(id);
        if (!check)
            return check.error();
        if (Status s = metatable::write(*db, kKeyCheck, *check); !s)
            return s;
        QByteArray epochs = encodeEpochs(auditEpochs);
        Result<QByteArray> sealedEpochs = keys.sealer().seal(epochs, epochsAad(storeId));
        crypto::wipe(epochs);
        if (!sealedEpochs)
            return sealedEpochs.error();
        return metatable::write(*db, kAuditEpochs, *sealedEpochs);
    }();
    if (!carried) {
        restoreKeys(old, oldEpochs);
        return carried.error();
    }
    return report;
}

void Store::Private::restoreKeys(const crypto::KeyRing &previous, const QList<AuditLog::KeyEpoch> &epochs)
{
    keys = previous;
    auditEpochs = epochs;
    audit->useKeyEpochs(auditEpochs);
}

Result<Store::KeyReplacement> Store::Private::commitKeyReplacement(Transaction &tx)
{
    const crypto::KeyRing before = keys;
    const QList<AuditLog::KeyEpoch> epochsBefore = auditEpochs;
    Result<KeyReplacement> replaced = replaceDataKey();
    if (!replaced)
        return replaced.error();
    if (Status s = tx.commit(); !s) {
        // The file stays under the old key: so must this connection.
        restoreKeys(before, epochsBefore);
        return s.error();
    }
    emptyJournal();
    return replaced;
}

void Store::Private::emptyJournal()
{
    // The first column says whether a reader kept the checkpoint from finishing.
    Result<qint64> busy = db->queryInt("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!busy || *busy != 0)
        qCWarning(lcStore) << "journal not emptied after the key was replaced"
                           << (busy ? QStringLiteral("(a reader holds it)") : busy.error().message);
}

Status Store::Private::resealSealedMeta(const crypto::Sealer &from, const crypto::Sealer &to)
{
    // The engine's sealed values that open under `from`; the others (under the data key or another
    // nurse's personal key) stay as they are.
    const QString prefix = SealedMeta::storedKey(QString());
    Result<Statement *> select = db->cached("SELECT key, value FROM meta WHERE key > ?1 AND key < ?2");
    if (!select)
        return select.error();
    QString end = prefix;
    end.back() = QChar(end.back().unicode() + 1);
    (*select)->bind(1, prefix).bind(2, end);
    Result<QList<std::pair<QString, QByteArray>>> shared = (*select)->collect<std::pair<QString, QByteArray>>(
        [&](const Statement &row) -> Result<std::pair<QString, QByteArray>> {
            const QString key = row.text(0).mid(prefix.size());
            const QByteArray aad = SealedMeta::associatedData(storeId, key);
            Result<QByteArray> clear = from.open(row.blob(1), aad);
            if (!clear)
                return std::pair<QString, QByteArray>(); // sealed under a nurse's personal key
            Result<QByteArray> sealed = to.seal(*clear, aad);
            crypto::wipe(*clear);
            if (!sealed)
                return sealed.error();
            return std::pair<QString, QByteArray>(row.text(0), std::move(sealed).value());
        });
    if (!shared)
        return shared.error();
    for (const auto &[key, sealed] : std::as_const(*shared)) {
        if (key.isEmpty())
            continue;
        if (Status s = metatable::write(*db, key, sealed); !s)
            return s;
    }
    return {};
}

Status Store::Private::reindexPatients()
{
    // Blind indexes are keyed by the data key: every identifier is hashed again under the new one.
    if (Status s = db->exec(QStringLiteral("DELETE FROM lookup")); !s)
        return s;
    Result<QList<RecordRow>> rows = records->byType(QStringLiteral("patient"));
    if (!rows)
        return rows.error();
    for (const RecordRow &row : std::as_const(*rows)) {
        Result<std::optional<Patient>> patient = patients->find(row.id);
        if (!patient)
            return patient.error();
        if (*patient) {
            if (Status s = patients->index(**patient); !s)
                return s;
        }
    }
    return {};
}

} // namespace chevet
