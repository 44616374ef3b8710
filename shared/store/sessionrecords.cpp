#include "sessionrecords.h"

#include "crypto/digest.h"
#include "crypto/opensslholders.h"
#include "database.h"
#include "keyslots.h"
#include "metatable.h"
#include "migrations.h"

#include <QCborArray>
#include <QCborValue>

#include <openssl/crypto.h>

namespace chevet {

namespace {

const QString kPrefix = QStringLiteral("session.");
// Not a nurse's key (those start "session."), and MACed under a binding no nurse id can produce.
const QString kDeviceKey = QStringLiteral("session-device");
const QByteArray kDeviceBinding = QByteArrayLiteral("session-device|");

QByteArray nurseBinding(const QString &nurse)
{
    return QByteArrayLiteral("session|") + nurse.toUtf8();
}

Error tampered()
{
    return makeError(StoreError::SessionTampered,
                     QStringLiteral("the tablet's session record was altered outside Chevet"));
}

Error storeError(StoreError code, const QString &message)
{
    return makeError(code, message);
}

Result<QByteArray> macKeyFor(const QByteArray &deviceSecret, const QByteArray &storeId)
{
    if (deviceSecret.size() < 16)
        return storeError(StoreError::NoDeviceSecret, QStringLiteral("the device secret is missing"));
    return crypto::hkdfSha256(deviceSecret, storeId, QByteArrayLiteral("chevet session state v1"), 32);
}

QByteArray encodeState(const NurseSessionState &s)
{
    return QCborValue(QCborArray{qint64(s.failures), s.lastFailureMs, s.lockedOut, s.lastSignInMs,
                                 s.lastFailureBootId, s.lastFailureSinceBootMs, s.lastSignInBootId,
                                 s.lastSignInSinceBootMs})
        .toCbor();
}

// 4 elements before boot times were kept, 8 since.
std::optional<NurseSessionState> decodeState(const QByteArray &bytes)
{
    const QCborArray a = QCborValue::fromCbor(bytes).toArray();
    if ((a.size() != 4 && a.size() != 8) || !a[0].isInteger() || !a[1].isInteger() || !a[2].isBool() ||
        !a[3].isInteger())
        return std::nullopt;
    if (a.size() == 8 &&
        (!a[4].isByteArray() || !a[5].isInteger() || !a[6].isByteArray() || !a[7].isInteger()))
        return std::nullopt;
    NurseSessionState s;
    s.failures = int(a[0].toInteger());
    s.lastFailureMs = a[1].toInteger();
    s.lockedOut = a[2].toBool();
    s.lastSignInMs = a[3].toInteger();
    if (a.size() == 8) {
        s.lastFailureBootId = a[4].toByteArray();
        s.lastFailureSinceBootMs = a[5].toInteger();
        s.lastSignInBootId = a[6].toByteArray();
        s.lastSignInSinceBootMs = a[7].toInteger();
    }
    return s;
}

} // namespace

SessionRecords::SessionRecords(std::unique_ptr<Database> owned, Database &db, QByteArray macKey)
    : m_owned(std::move(owned))
    , m_db(db)
    , m_macKey(std::move(macKey))
{}

SessionRecords::~SessionRecords()
{
    crypto::wipe(m_macKey);
}

Result<std::unique_ptr<SessionRecords>> SessionRecords::open(const QString &path,
                                                             const QByteArray &deviceSecret)
{
    Result<std::unique_ptr<Database>> opened = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!opened)
        return opened.error();
    std::unique_ptr<Database> db = std::move(opened).value();
    Result<qint64> appId = db->pragmaInt("application_id");
    if (!appId || *appId != kChevetApplicationId)
        return storeError(StoreError::NotAStore, QStringLiteral("the file is not a Chevet store"));
    Result<QByteArray> storeId = metatable::read(*db, QStringLiteral("store_id"));
    if (!storeId || storeId->isEmpty())
        return storeError(StoreError::Corrupt, QStringLiteral("the store's identity record is damaged"));
    Result<QByteArray> key = macKeyFor(deviceSecret, *storeId);
    if (!key)
        return key.error();
    Database &ref = *db;
    return std::unique_ptr<SessionRecords>(new SessionRecords(std::move(db), ref, std::move(key).value()));
}

Result<std::unique_ptr<SessionRecords>> SessionRecords::over(Database &db, const QByteArray &deviceSecret,
                                                             const QByteArray &storeId)
{
    Result<QByteArray> key = macKeyFor(deviceSecret, storeId);
    if (!key)
        return key.error();
    return std::unique_ptr<SessionRecords>(new SessionRecords(nullptr, db, std::move(key).value()));
}

Result<QStringList> SessionRecords::nurses()
{
    return keyslots::nurses(m_db);
}

Result<bool> SessionRecords::hasNurse(const QString &nurse)
{
    if (!keyslots::validateNurseId(nurse))
        return false;
    Result<std::optional<crypto::WrappedDataKey>> slot = keyslots::read(m_db, nurse);
    if (!slot)
        return slot.error();
    return slot->has_value();
}

Result<QByteArray> SessionRecords::mac(const QByteArray &binding, const QByteArray &body) const
{
    return crypto::hmacSha256(m_macKey, binding + '\0' + body);
}

Result<QByteArray> SessionRecords::readSealed(const QString &key, const QByteArray &binding)
{
    Result<QByteArray> stored = metatable::read(m_db, key);
    if (!stored)
        return stored.error();
    if (stored->isEmpty())
        return QByteArray();
    const QCborArray pair = QCborValue::fromCbor(*stored).toArray();
    const QByteArray body = pair.size() == 2 ? pair[0].toByteArray() : QByteArray();
    const QByteArray tag = pair.size() == 2 ? pair[1].toByteArray() : QByteArray();
    Result<QByteArray> expected = mac(binding, body);
    if (!expected)
        return expected.error();
    if (body.isEmpty() || tag.size() != expected->size() ||
        CRYPTO_memcmp(tag.constData(), expected->constData(), size_t(tag.size())) != 0)
        return tampered();
    return body;
}

Status SessionRecords::writeSealed(const QString &key, const QByteArray &binding, const QByteArray &body)
{
    Result<QByteArray> tag = mac(binding, body);
    if (!tag)
        return tag.error();
    Result<Statement *> stmt = m_db.cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, key).bind(2, QCborValue(QCborArray{body, *tag}).toCbor());
    return (*stmt)->exec();
}

Result<NurseSessionState> SessionRecords::read(const QString &nurse)
{
    // Bound to the nurse: one nurse's clean record copied over another's does not verify.
    Result<QByteArray> body = readSealed(kPrefix + nurse, nurseBinding(nurse));
    if (!body)
        return body.error();
    if (body->isEmpty())
        return NurseSessionState{};
    const std::optional<NurseSessionState> state = decodeState(*body);
    if (!state)
        return tampered();
    return *state;
}

Status SessionRecords::write(const QString &nurse, const NurseSessionState &state)
{
    return writeSealed(kPrefix + nurse, nurseBinding(nurse), encodeState(state));
}

Result<int> SessionRecords::deviceFailures()
{
    Result<QByteArray> body = readSealed(kDeviceKey, kDeviceBinding);
    if (!body)
        return body.error();
    if (body->isEmpty())
        return 0;
    const QCborValue failures = QCborValue::fromCbor(*body);
    if (!failures.isInteger() || failures.toInteger() < 0)
        return tampered();
    return int(failures.toInteger());
}

Status SessionRecords::setDeviceFailures(int failures)
{
    return writeSealed(kDeviceKey, kDeviceBinding, QCborValue(qint64(failures)).toCbor());
}

Status SessionRecords::remove(const QString &nurse)
{
    Result<Statement *> stmt = m_db.cached("DELETE FROM meta WHERE key = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, kPrefix + nurse);
    return (*stmt)->exec();
}

} // namespace chevet
