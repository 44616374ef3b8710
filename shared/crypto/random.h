#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QUuid>

namespace chevet::crypto {

// Bytes from OpenSSL's CSPRNG, for keys, salts and nonces.
Result<QByteArray> randomBytes(int count);

// Same source, written in place, so hot paths need no allocation.
Status fillRandom(void *data, qsizetype count);

// Same source again, drawn ahead in small batches kept per thread: for values that are stored or sent in
// clear anyway (record ids, AES-GCM nonces), where a RAND_bytes call each would cost more than the rest
// of their use. Never for keys. A forked child draws afresh instead of repeating its parent's batch.
Status fillPublicRandom(void *data, qsizetype count);

// A random (version 4) UUID from fillPublicRandom(); QUuid::createUuid() if the generator fails.
QUuid randomUuid();

} // namespace chevet::crypto
