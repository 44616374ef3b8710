#include "tlsoptions.h"

#include "net/spkipins.h"

#include <QFile>
#include <QJsonArray>
#include <QSslCertificate>

namespace chevet::cli {

namespace {

QString pinsText(const Arguments &args)
{
    return args.has(QStringLiteral("dpi-pin")) ? args.values(QStringLiteral("dpi-pin")).join(QLatin1Char(','))
                                               : qEnvironmentVariable("CHEVET_DPI_PINS");
}

QString caFile(const Arguments &args)
{
    return args.has(QStringLiteral("ca")) ? args.value(QStringLiteral("ca"))
                                          : qEnvironmentVariable("CHEVET_CA");
}

} // namespace

Result<NetworkOptions> withTls(const Arguments &args, NetworkOptions options)
{
    Result<QList<QByteArray>> pins = parseSpkiPins(pinsText(args));
    if (!pins)
        return pins.error();
    options.pinnedSpkiSha256 = *pins;
    const QString ca = caFile(args);
    if (!ca.isEmpty()) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(ca, QSsl::Pem);
        if (certificates.isEmpty())
            return makeError(ErrorDomain::Validation, QStringLiteral("bad-ca"),
                             QStringLiteral("no PEM certificate could be read from %1").arg(ca));
        options.extraCaCertificates = certificates;
    }
    return options;
}

Result<QJsonObject> tlsJson(const Arguments &args)
{
    Result<QList<QByteArray>> pins = parseSpkiPins(pinsText(args));
    if (!pins)
        return pins.error();
    QJsonArray shown;
    for (const QByteArray &pin : std::as_const(*pins))
        shown.append(spkiPinText(pin));
    const QString ca = caFile(args);
    return QJsonObject{{QStringLiteral("dpiPins"), shown},
                       {QStringLiteral("extraCa"), ca.isEmpty() ? QJsonValue() : QJsonValue(ca)}};
}

} // namespace chevet::cli
