#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace chevet {

// SPKI pins as IT teams write them (HPKP, OkHttp, Android network security config): "sha256/" followed by
// the base64 SHA-256 of the server's SubjectPublicKeyInfo, e.g. from
//   openssl x509 -pubkey -noout -in dpi.pem | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary
//   | base64
// Several pins (comma- or space-separated) allow a key rollover. Errors: "bad-pin" (Validation).
Result<QList<QByteArray>> parseSpkiPins(const QString &text);
QString spkiPinText(const QByteArray &sha256);

} // namespace chevet
