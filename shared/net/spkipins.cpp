#include "spkipins.h"

#include <QRegularExpression>

namespace chevet {

namespace {
constexpr qsizetype kSha256Size = 32;
const QLatin1String kPrefix("sha256/");
} // namespace

Result<QList<QByteArray>> parseSpkiPins(const QString &text)
{
    QList<QByteArray> pins;
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    for (const QString &word : text.split(separators, Qt::SkipEmptyParts)) {
        const auto digest = QByteArray::fromBase64Encoding(word.mid(kPrefix.size()).toLatin1(),
                                                           QByteArray::AbortOnBase64DecodingErrors);
        if (!word.startsWith(kPrefix) || !digest || digest.decoded.size() != kSha256Size)
            return makeError(ValidationError::BadPin,
                             QStringLiteral("\"%1\" is not an SPKI pin: expected sha256/ and the base64 of a "
                                            "SHA-256 digest (44 characters)")
                                 .arg(word));
        if (!pins.contains(*digest))
            pins.append(*digest);
    }
    return pins;
}

QString spkiPinText(const QByteArray &sha256)
{
    return kPrefix + QString::fromLatin1(sha256.toBase64());
}

} // namespace chevet
