#include "sealer.h"

#include "aesgcm.h"
#include "opensslholders.h"
#include "random.h"

#include <utility>

namespace chevet::crypto {

static_assert(Sealer::kOverhead == 1 + kNonceSize + kTagSize);

Sealer::Sealer(QByteArray dataKey)
    : m_key(std::move(dataKey))
{}

Sealer::~Sealer()
{
    wipe(m_key);
}

Sealer &Sealer::operator=(const Sealer &other)
{
    if (this != &other) {
        wipe(m_key);
        m_key = other.m_key;
    }
    return *this;
}

Sealer &Sealer::operator=(Sealer &&other) noexcept
{
    if (this != &other) {
        // QByteArray's move assignment swaps: wiping first keeps our old key from landing in `other`.
        wipe(m_key);
        m_key = std::move(other.m_key);
    }
    return *this;
}

Result<QByteArray> Sealer::seal(const QByteArray &plaintext, const QByteArray &aad) const
{
    // Nonces are public and must only never repeat under the key: 96 random bits each, drawn in batches.
    char nonce[kNonceSize];
    const Status random = fillPublicRandom(nonce, kNonceSize);
    if (!random)
        return random.error();

    QByteArray sealed;
    sealed.reserve(kOverhead + plaintext.size());
    sealed.append(kFormatV1);
    sealed.append(nonce, kNonceSize);
    const Status encrypted =
        aesGcmEncryptAppend(m_key, QByteArray::fromRawData(nonce, kNonceSize), plaintext, aad, sealed);
    if (!encrypted)
        return encrypted.error();
    return sealed;
}

Result<QByteArray> Sealer::open(const QByteArray &sealed, const QByteArray &aad) const
{
    const auto truncated = [] {
        return cryptoError(CryptoError::SealedTruncated, QStringLiteral("the sealed data is cut short"));
    };
    if (sealed.isEmpty())
        return truncated();
    if (sealed.at(0) != kFormatV1)
        return cryptoError(
            CryptoError::SealedFormat,
            QStringLiteral("the sealed data uses an unknown format (written by a newer version?)"));
    if (sealed.size() < kOverhead)
        return truncated();
    // Views into `sealed`: no copy of the payload before decryption.
    const QByteArray nonce = QByteArray::fromRawData(sealed.constData() + 1, kNonceSize);
    const QByteArray ciphertextAndTag =
        QByteArray::fromRawData(sealed.constData() + 1 + kNonceSize, sealed.size() - 1 - kNonceSize);
    return aesGcmDecrypt(m_key, nonce, ciphertextAndTag, aad);
}

} // namespace chevet::crypto
