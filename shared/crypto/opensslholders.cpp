#include "opensslholders.h"

#include "core/logging.h"

#include <openssl/crypto.h>
#include <openssl/err.h>

#include <QStringList>

namespace chevet::crypto {

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty() && bytes.isDetached())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

Error opensslError(CryptoError code, const QString &what)
{
    QStringList details;
    while (const unsigned long error = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(error, buffer, sizeof buffer);
        details.append(QString::fromLatin1(buffer));
    }
    // OpenSSL's reasons name the failing call and never include the data it worked on.
    const QString message =
        details.isEmpty() ? what : QStringLiteral("%1 (%2)").arg(what, details.join(QStringLiteral("; ")));
    qCWarning(lcCrypto) << "OpenSSL failure" << code << message;
    return cryptoError(code, message);
}

} // namespace chevet::crypto
