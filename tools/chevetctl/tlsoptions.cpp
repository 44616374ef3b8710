#include "tlsoptions.h"

#include "net/spkipins.h"

#include <QFile>
#include <QJsonArray>
#include <QSslCertificate>

namespace chevet::cli {

namespace {

// The pins a setting names: --<option> (repeatable) or the environment variable, comma-separated. A
// setting that is there but names no pin would turn pinning off without a word: refused.
Result<QList<QByteArray>> configuredPins(const Arguments &args, const QString &option, const char *env)
{
    const bool given = args.has(option);
    const QString text = given ? args.values(option).join(QLatin1Char(',')) : qEnvironmentVariable(env);
    Result<QList<QByteArray>> pins = parseSpkiPins(text);
    if (pins && (given || qEnvironmentVariableIsSet(env)) && pins->isEmpty())
        return makeError(
            ValidationError::BadPin,
            QStringLiteral("--%1 (or %2) is set but names no pin").arg(option, QLatin1String(env)));
    return pins;
}

Result<QList<QByteArray>> dpiPins(const Arguments &args)
{
    return configuredPins(args, QStringLiteral("dpi-pin"), "CHEVET_DPI_PINS");
}

QString caFile(const Arguments &args)
{
    return args.has(QStringLiteral("ca")) ? args.value(QStringLiteral("ca"))
                                          : qEnvironmentVariable("CHEVET_CA");
}

} // namespace

Result<NetworkOptions> withTls(const Arguments &args, NetworkOptions options)
{
    Result<QList<QByteArray>> pins = dpiPins(args);
    if (!pins)
        return pins.error();
    options.pinnedSpkiSha256 = *pins;
    const QString ca = caFile(args);
    if (!ca.isEmpty()) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(ca, QSsl::Pem);
        if (certificates.isEmpty())
            return makeError(ValidationError::BadCa,
                             QStringLiteral("no PEM certificate could be read from %1").arg(ca));
        options.extraCaCertificates = certificates;
    }
    return options;
}

Result<QList<QByteArray>> identityProviderPins(const Arguments &args)
{
    return configuredPins(args, QStringLiteral("idp-pin"), "CHEVET_IDP_PINS");
}

Result<QJsonObject> tlsJson(const Arguments &args)
{
    Result<QList<QByteArray>> pins = dpiPins(args);
    if (!pins)
        return pins.error();
    Result<QList<QByteArray>> idpPins = identityProviderPins(args);
    if (!idpPins)
        return idpPins.error();
    const auto shown = [](const QList<QByteArray> &list) {
        QJsonArray texts;
        for (const QByteArray &pin : list)
            texts.append(spkiPinText(pin));
        return texts;
    };
    const QString ca = caFile(args);
    return QJsonObject{{QStringLiteral("dpiPins"), shown(*pins)},
                       {QStringLiteral("idpPins"), shown(*idpPins)},
                       {QStringLiteral("extraCa"), ca.isEmpty() ? QJsonValue() : QJsonValue(ca)}};
}

} // namespace chevet::cli
