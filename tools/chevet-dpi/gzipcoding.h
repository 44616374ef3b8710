#pragma once

#include <QByteArray>

#include <optional>

namespace chevet::dpi {

// HTTP gzip content coding (RFC 9110 §8.4.1.3), as real servers and gateways apply it: answers are
// compressed when the client asks (Accept-Encoding), request bodies sent compressed are read.
QByteArray gzipEncode(const QByteArray &data);
// nullopt when the data is not a complete gzip stream, or would inflate beyond `maxBytes`.
std::optional<QByteArray> gzipDecode(const QByteArray &data, qsizetype maxBytes);

// Whether an Accept-Encoding header value accepts gzip (a "gzip;q=0" refuses it).
bool acceptsGzip(const QByteArray &acceptEncoding);

} // namespace chevet::dpi
