#pragma once

#include "arguments.h"
#include "core/result.h"
#include "net/networktransport.h"

#include <QJsonObject>
#include <QStringList>

namespace chevet::cli {

// How chevetctl reaches the DPI over TLS, as the IT team configures it for a device: SPKI pins of the DPI
// (--dpi-pin, repeatable, or CHEVET_DPI_PINS, comma-separated, "sha256/BASE64"), the identity provider's
// (--idp-pin, CHEVET_IDP_PINS) and an extra CA to trust
// beside the system's (--ca FILE or CHEVET_CA, PEM). sync, signin and status read them.
inline const QStringList kTlsOptions = {QStringLiteral("dpi-pin"), QStringLiteral("idp-pin"),
                                        QStringLiteral("ca")};

// `options` with the pins and CA filled in. Errors: "bad-pin", "bad-ca" (Validation).
Result<NetworkOptions> withTls(const Arguments &args, NetworkOptions options);
// The identity provider's pins (--idp-pin, repeatable, or CHEVET_IDP_PINS): its discovery, keys and
// token endpoint are checked like the DPI (a hostile review: an unpinned provider lets a trusted proxy
// publish its own keys). Errors: "bad-pin".
Result<QList<QByteArray>> identityProviderPins(const Arguments &args);
// For status: {"dpiPins": [...], "idpPins": [...], "extraCa": file or null}.
Result<QJsonObject> tlsJson(const Arguments &args);

} // namespace chevet::cli
