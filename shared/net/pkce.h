#pragma once

#include "core/result.h"

#include <QByteArray>

namespace chevet {

// Proof Key for Code Exchange (RFC 7636), S256 only: the verifier stays on the device, the challenge
// goes in the authorization request, so a code intercepted on its way back is useless to anyone else.
struct Pkce
{
    QByteArray verifier;  // 43 base64url characters (32 random bytes)
    QByteArray challenge; // BASE64URL(SHA-256(verifier))

    static Result<Pkce> generate();
    static QByteArray challengeFor(const QByteArray &verifier);
    // `bytes` random bytes as base64url without padding: for state and nonce values.
    static Result<QByteArray> randomUrlSafe(int bytes);
};

} // namespace chevet
