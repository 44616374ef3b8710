#include "random.h"

#include "opensslholders.h"

#include <QCoreApplication>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <climits>
#include <cstring>

namespace chevet::crypto {

namespace {

// 32 ids or 42 nonces per RAND_bytes call: one call costs about as much as 15 of these small draws.
constexpr qsizetype kPoolSize = 512;

struct PublicPool
{
    unsigned char bytes[kPoolSize];
    qsizetype used = kPoolSize; // empty until first use
    qint64 pid = -1;

    ~PublicPool() { OPENSSL_cleanse(bytes, sizeof bytes); }
};

} // namespace

Status fillRandom(void *data, qsizetype count)
{
    if (count < 0 || count > INT_MAX)
        return cryptoError(CryptoError::BadLength, QStringLiteral("invalid random byte count"));
    if (count == 0)
        return {};
    if (RAND_bytes(static_cast<unsigned char *>(data), int(count)) != 1)
        return opensslError(CryptoError::RandomFailed, QStringLiteral("the random generator failed"));
    return {};
}

Status fillPublicRandom(void *data, qsizetype count)
{
    if (count < 0 || count > kPoolSize / 4)
        return fillRandom(data, count);
    thread_local PublicPool pool;
    // A process forked from this one must not hand out the ids and nonces its parent will.
    const qint64 pid = QCoreApplication::applicationPid();
    if (pool.used + count > kPoolSize || pool.pid != pid) {
        if (Status s = fillRandom(pool.bytes, kPoolSize); !s)
            return s;
        pool.used = 0;
        pool.pid = pid;
    }
    unsigned char *drawn = pool.bytes + pool.used;
    std::memcpy(data, drawn, size_t(count));
    // Each byte is handed out once: what was drawn is wiped from the pool.
    OPENSSL_cleanse(drawn, size_t(count));
    pool.used += count;
    return {};
}

QUuid randomUuid()
{
    unsigned char bytes[16];
    if (!fillPublicRandom(bytes, sizeof bytes))
        return QUuid::createUuid();
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    return QUuid::fromRfc4122(QByteArrayView(bytes, sizeof bytes));
}

Result<QByteArray> randomBytes(int count)
{
    if (count < 0)
        return cryptoError(CryptoError::BadLength, QStringLiteral("invalid random byte count"));
    QByteArray bytes(count, Qt::Uninitialized);
    const Status filled = fillRandom(bytes.data(), bytes.size());
    if (!filled)
        return filled.error();
    return bytes;
}

} // namespace chevet::crypto
