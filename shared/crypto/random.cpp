#include "random.h"

#include "opensslholders.h"

#include <openssl/rand.h>

#include <climits>

namespace chevet::crypto {

Status fillRandom(void *data, qsizetype count)
{
    if (count < 0 || count > INT_MAX)
        return cryptoError(QStringLiteral("bad-length"), QStringLiteral("invalid random byte count"));
    if (count == 0)
        return {};
    if (RAND_bytes(static_cast<unsigned char *>(data), int(count)) != 1)
        return opensslError(QStringLiteral("random-failed"), QStringLiteral("the random generator failed"));
    return {};
}

Result<QByteArray> randomBytes(int count)
{
    if (count < 0)
        return cryptoError(QStringLiteral("bad-length"), QStringLiteral("invalid random byte count"));
    QByteArray bytes(count, Qt::Uninitialized);
    const Status filled = fillRandom(bytes.data(), bytes.size());
    if (!filled)
        return filled.error();
    return bytes;
}

} // namespace chevet::crypto
