#pragma once

#include <QByteArray>

#include <optional>

namespace chevet {

// HTTP gzip content coding (RFC 9110 §8.4.1.3): request bodies the engine sends to a DPI that accepts
// them, and the stand-in DPI's answers.
QByteArray gzipEncode(const QByteArray &data);
// nullopt when the data is not a complete gzip stream, or would inflate beyond `maxBytes`.
std::optional<QByteArray> gzipDecode(const QByteArray &data, qsizetype maxBytes);

// Whether an Accept-Encoding header value accepts gzip (a "gzip;q=0" refuses it).
bool acceptsGzip(const QByteArray &acceptEncoding);

} // namespace chevet
