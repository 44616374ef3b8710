#include "appoptions.h"

#include "net/spkipins.h"

#include <QStandardPaths>

namespace chevet::app {

QString appUsage()
{
    return QStringLiteral(
        "Usage: chevet [options]\n"
        "  --data-dir DIR      where the sealed store lives (default: the user's app data folder)\n"
        "  --dpi URL           the DPI's FHIR base (https://…; http only to loopback)\n"
        "  --dpi-pin PINS      sha256/BASE64 SPKI pins of the DPI, comma-separated (CHEVET_DPI_PINS)\n"
        "  --idp-pin PINS      the same for the identity provider (CHEVET_IDP_PINS)\n"
        "  --unit ID[,ID…]     wards or home-care rounds offered (Location ids)\n"
        "  --establishment OID IPP system of the establishment\n"
        "  --token TOKEN       development bearer token (CHEVET_TOKEN)\n"
        "  --issuer URL        OpenID Connect provider for full sign-in (CHEVET_ISSUER)\n"
        "  --client-id ID      the app's client id at that provider (default chevet)\n"
        "  --lang fr|en        interface language (default fr)\n"
        "  --dark              night theme\n"
        "  --size WxH          window size on a desktop (default 1280x800; 800x1280 is portrait)\n"
        "  --training          open the training ward (never synchronised)\n"
        "  --auto-lock SECONDS inactivity before the session locks (default 120)\n"
        "  --self-test         load every page with training data; fail on any QML warning\n"
        "  --screenshot DIR    render the main pages to PNG files in DIR\n");
}

QString parseAppOptions(const QStringList &arguments, AppOptions &o, BuildMode mode)
{
    const bool development = mode == BuildMode::Development;
    o.dataDir = qEnvironmentVariable("CHEVET_DATA_DIR");
    o.dpi = QUrl(qEnvironmentVariable("CHEVET_DPI"));
    o.token = development ? qgetenv("CHEVET_TOKEN") : QByteArray();
    o.issuer = QUrl(qEnvironmentVariable("CHEVET_ISSUER"));
    QString pins = qEnvironmentVariable("CHEVET_DPI_PINS");
    bool pinsSet = qEnvironmentVariableIsSet("CHEVET_DPI_PINS");
    QString idpPins = qEnvironmentVariable("CHEVET_IDP_PINS");
    bool idpPinsSet = qEnvironmentVariableIsSet("CHEVET_IDP_PINS");
    o.establishment = qEnvironmentVariable("CHEVET_ESTABLISHMENT", QStringLiteral("urn:oid:2.999.250.1"));
    o.language = qEnvironmentVariable("CHEVET_LANG", QStringLiteral("fr"));
    o.demoNurse = development ? qEnvironmentVariable("CHEVET_DEMO_NURSE") : QString();
    o.demoPin = development ? qgetenv("CHEVET_DEMO_PIN") : QByteArray();
    if (const QString units = qEnvironmentVariable("CHEVET_UNIT"); !units.isEmpty())
        o.units = units.split(u',', Qt::SkipEmptyParts);

    for (int i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        auto value = [&](QString &out) {
            if (i + 1 >= arguments.size())
                return false;
            out = arguments.at(++i);
            return true;
        };
        QString v;
        if (arg == QLatin1String("--self-test")) {
            o.selfTest = true;
        } else if (arg == QLatin1String("--training")) {
            o.training = true;
        } else if (arg == QLatin1String("--exit-when-ready")) {
            o.exitWhenReady = true;
        } else if (arg == QLatin1String("--dark")) {
            o.dark = true;
        } else if (arg == QLatin1String("--data-dir") && value(v)) {
            o.dataDir = v;
        } else if (arg == QLatin1String("--dpi") && value(v)) {
            o.dpi = QUrl(v);
        } else if (arg == QLatin1String("--dpi-pin") && value(v)) {
            pins = v;
            pinsSet = true;
        } else if (arg == QLatin1String("--idp-pin") && value(v)) {
            idpPins = v;
            idpPinsSet = true;
        } else if (arg == QLatin1String("--unit") && value(v)) {
            o.units = v.split(u',', Qt::SkipEmptyParts);
        } else if (arg == QLatin1String("--establishment") && value(v)) {
            o.establishment = v;
        } else if (arg == QLatin1String("--issuer") && value(v)) {
            o.issuer = QUrl(v);
        } else if (arg == QLatin1String("--client-id") && value(v)) {
            o.clientId = v;
        } else if (arg == QLatin1String("--token") && value(v)) {
            if (!development)
                return QStringLiteral(
                    "--token is for development builds: sign in with the identity provider");
            o.token = v.toUtf8();
        } else if (arg == QLatin1String("--lang") && value(v)) {
            o.language = v;
        } else if (arg == QLatin1String("--auto-lock") && value(v)) {
            bool ok = false;
            o.autoLockSeconds = v.toInt(&ok);
            if (!ok || o.autoLockSeconds < 10)
                return QStringLiteral("--auto-lock takes a number of seconds (at least 10)");
        } else if (arg == QLatin1String("--size") && value(v)) {
            const QStringList wh = v.split(u'x');
            const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
            if (wh.size() != 2 || w < 320 || h < 320)
                return QStringLiteral("--size takes WIDTHxHEIGHT, e.g. 800x1280");
            o.windowSize = QSize(w, h);
        } else if (arg == QLatin1String("--screenshot") && value(v)) {
            o.screenshotDir = v;
        } else {
            return QStringLiteral("unknown or incomplete option: %1").arg(arg);
        }
    }
    if (o.language != QLatin1String("fr") && o.language != QLatin1String("en"))
        return QStringLiteral("--lang is fr or en");
    if (o.dataDir.isEmpty())
        o.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!o.dpi.isEmpty() && !o.dpi.isValid())
        return QStringLiteral("--dpi is not a URL");
    // A setting present but naming no pin would turn pinning off without a word (a hostile review).
    const auto pinned = [](const QString &text, bool set, const char *name,
                           QList<QByteArray> &out) -> QString {
        Result<QList<QByteArray>> parsed = parseSpkiPins(text);
        if (!parsed)
            return parsed.error().message;
        if (set && parsed->isEmpty())
            return QStringLiteral("%1 is set but names no pin").arg(QLatin1String(name));
        out = *parsed;
        return {};
    };
    if (QString e = pinned(pins, pinsSet, "--dpi-pin (or CHEVET_DPI_PINS)", o.dpiPins); !e.isEmpty())
        return e;
    if (QString e = pinned(idpPins, idpPinsSet, "--idp-pin (or CHEVET_IDP_PINS)", o.idpPins); !e.isEmpty())
        return e;
    return {};
}

} // namespace chevet::app
