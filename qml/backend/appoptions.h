#pragma once

#include "core/buildmode.h"

#include <QSize>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace chevet::app {

// How this tablet is set up: from the command line, then the environment, then defaults. Nothing
// here is secret except the development bearer token, which is never shown or logged.
struct AppOptions
{
    QString dataDir;           // store, device key file and the nurse list
    QUrl dpi;                  // the DPI's FHIR base; empty = work offline only
    QList<QByteArray> dpiPins; // SPKI pins of the DPI (SHA-256), from the IT team; empty = CA trust only
    QList<QByteArray> idpPins; // the same for the identity provider (discovery, keys, tokens)
    QStringList units;         // wards and home-care rounds offered at unlock
    QString establishment;     // IPP system of this establishment
    QByteArray token;          // development bearer token for the stand-in DPI
    QUrl issuer;               // OpenID Connect provider (e.g. Pro Santé Connect); empty = no full sign-in
    QString clientId = QStringLiteral("chevet");
    QString language;      // "fr" (default) or "en"
    bool dark = false;     // night-shift theme
    bool training = false; // start straight into the training ward
    int autoLockSeconds = 120;
    // Test and demo modes.
    bool selfTest = false;
    QString screenshotDir;
    QSize windowSize{1280, 800}; // a tablet in landscape; --size 800x1280 for portrait
    bool exitWhenReady = false;  // cold-start benchmark: print time and memory once the worklist is up
    QString demoNurse;           // enrol/unlock this nurse with demoPin without typing (demo script only)
    QByteArray demoPin;
};

// Reads argv and CHEVET_* variables. Returns an error message for a bad option, empty when fine.
// A production build (core/buildmode.h) refuses --token and ignores CHEVET_TOKEN, CHEVET_DEMO_NURSE and
// CHEVET_DEMO_PIN (security review F15).
QString parseAppOptions(const QStringList &arguments, AppOptions &options, BuildMode mode = kBuildMode);
QString appUsage();

} // namespace chevet::app
