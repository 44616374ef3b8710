#include "keyslots.h"

#include "database.h"
#include "metatable.h"

#include <QCborArray>
#include <QCborValue>
#include <QRegularExpression>

namespace chevet::keyslots {

namespace {

const QString kPrefix = QStringLiteral("key_slot.");
constexpr qint64 kBoundToOwner = 2;
const QString kLegacyKey = QStringLiteral("wrapped_key");

Result<std::optional<crypto::WrappedDataKey>> readSlot(Database &db, const QString &key)
{
    // A slot is never empty: an empty value is no slot.
    Result<QByteArray> bytes = metatable::read(db, key);
    if (!bytes)
        return bytes.error();
    if (bytes->isEmpty())
        return std::optional<crypto::WrappedDataKey>();
    std::optional<crypto::WrappedDataKey> wrapped = decode(*bytes);
    if (!wrapped)
        return makeError(StoreError::Corrupt, QStringLiteral("a key slot of the store is damaged"));
    return wrapped;
}

Status deleteKey(Database &db, const QString &key)
{
    return metatable::remove(db, key);
}

} // namespace

Status validateNurseId(const QString &nurse)
{
    // Letters, digits and . _ @ - : what a hospital directory login looks like; no spaces, no wildcards.
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"));
    if (!pattern.match(nurse).hasMatch()) {
        Error e = makeError(ValidationError::BadNurseId,
                            QStringLiteral("a nurse id is 1 to 64 letters, digits or . _ @ -"));
        e.field = QStringLiteral("nurse");
        return e;
    }
    return {};
}

// CBOR array: salt, scrypt N, r, p, nonce, wrapped key, device check. Nothing secret on its own.
QByteArray encode(const crypto::WrappedDataKey &w)
{
    QCborArray fields{w.salt,  qint64(w.params.n), qint64(w.params.r), qint64(w.params.p),
                      w.nonce, w.wrapped,          w.deviceCheck};
    // An eighth field marks a slot bound to its nurse; slots without it were written before. The ninth
    // and tenth carry her personal key (slots bound before personal keys have eight fields).
    if (w.boundToOwner) {
        fields.append(kBoundToOwner);
        if (!w.personalWrapped.isEmpty()) {
            fields.append(w.personalNonce);
            fields.append(w.personalWrapped);
        }
    }
    return QCborValue(fields).toCbor();
}

std::optional<crypto::WrappedDataKey> decode(const QByteArray &bytes)
{
    const QCborArray a = QCborValue::fromCbor(bytes).toArray();
    const bool bound = (a.size() == 8 || a.size() == 10) && a[7].toInteger() == kBoundToOwner;
    if (a.size() != 7 && !bound)
        return std::nullopt;
    crypto::WrappedDataKey w;
    w.salt = a[0].toByteArray();
    w.params =
        crypto::ScryptParams{quint64(a[1].toInteger()), quint32(a[2].toInteger()), quint32(a[3].toInteger())};
    w.nonce = a[4].toByteArray();
    w.wrapped = a[5].toByteArray();
    w.deviceCheck = a[6].toByteArray();
    w.boundToOwner = bound;
    if (a.size() == 10) {
        w.personalNonce = a[8].toByteArray();
        w.personalWrapped = a[9].toByteArray();
    }
    return w;
}

Result<std::optional<crypto::WrappedDataKey>> read(Database &db, const QString &nurse)
{
    return readSlot(db, kPrefix + nurse);
}

Status write(Database &db, const QString &nurse, const crypto::WrappedDataKey &wrapped)
{
    Result<Statement *> stmt = db.cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, kPrefix + nurse).bind(2, encode(wrapped));
    return (*stmt)->exec();
}

Status remove(Database &db, const QString &nurse)
{
    return deleteKey(db, kPrefix + nurse);
}

Result<QStringList> nurses(Database &db)
{
    Result<Statement *> stmt = db.cached("SELECT key FROM meta WHERE key >= ?1 AND key < ?2 ORDER BY key");
    if (!stmt)
        return stmt.error();
    // "key_slot/" is the first string after every "key_slot.…": a range scan of the primary key.
    (*stmt)->bind(1, kPrefix).bind(2, QStringLiteral("key_slot/"));
    Result<QList<QString>> keys =
        (*stmt)->collect<QString>([](const Statement &s) -> Result<QString> { return s.text(0); });
    if (!keys)
        return keys.error();
    QStringList ids;
    for (const QString &key : std::as_const(*keys))
        ids.append(key.mid(kPrefix.size()));
    return ids;
}

Result<std::optional<crypto::WrappedDataKey>> readLegacy(Database &db)
{
    return readSlot(db, kLegacyKey);
}

Status removeLegacy(Database &db)
{
    return deleteKey(db, kLegacyKey);
}

} // namespace chevet::keyslots
