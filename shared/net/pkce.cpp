#include "pkce.h"

#include "crypto/random.h"

#include <QCryptographicHash>

namespace chevet {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

} // namespace

Result<QByteArray> Pkce::randomUrlSafe(int bytes)
{
    Result<QByteArray> random = crypto::randomBytes(bytes);
    if (!random)
        return random.error();
    return random->toBase64(kBase64Url);
}

QByteArray Pkce::challengeFor(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(kBase64Url);
}

Result<Pkce> Pkce::generate()
{
    Result<QByteArray> verifier = randomUrlSafe(32);
    if (!verifier)
        return verifier.error();
    return Pkce{*verifier, challengeFor(*verifier)};
}

} // namespace chevet
