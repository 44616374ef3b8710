#include "jwtsigner.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace chevet::dpi {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray encodePart(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact).toBase64(kBase64Url);
}

std::optional<QJsonObject> decodePart(const QByteArray &part)
{
    const auto decoded =
        QByteArray::fromBase64Encoding(part, kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= char(a.at(i) ^ b.at(i));
    return difference == 0;
}

JwtSigner::JwtSigner()
{
    m_key.resize(32);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(m_key.data()), m_key.size() / 4);
}

QByteArray JwtSigner::mac(const QByteArray &signingInput) const
{
    return QMessageAuthenticationCode::hash(signingInput, m_key, QCryptographicHash::Sha256)
        .toBase64(kBase64Url);
}

QByteArray JwtSigner::sign(const QJsonObject &claims, const QByteArray &type) const
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("HS256")},
                             {QStringLiteral("typ"), QString::fromLatin1(type)}};
    const QByteArray signingInput = encodePart(header) + '.' + encodePart(claims);
    return signingInput + '.' + mac(signingInput);
}

std::optional<QJsonObject> JwtSigner::verify(const QByteArray &token, const QByteArray &type) const
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return std::nullopt;
    if (!sameBytes(mac(parts[0] + '.' + parts[1]), parts[2]))
        return std::nullopt;
    const std::optional<QJsonObject> header = decodePart(parts[0]);
    if (!header || header->value(QLatin1String("alg")).toString() != QLatin1String("HS256") ||
        header->value(QLatin1String("typ")).toString() != QString::fromLatin1(type))
        return std::nullopt;
    return decodePart(parts[1]);
}

} // namespace chevet::dpi
