#pragma once

#include <QByteArray>

#include <optional>

namespace chevet {

// How hard to compress: a request body crossing a weak link is worth the CPU of the smallest output; a
// server compressing every answer uses the fastest level, as web servers and gateways do by default.
enum class GzipEffort { Smallest, Fastest };

// HTTP gzip content coding (RFC 9110 §8.4.1.3): request bodies the engine sends to a DPI that accepts
// them, and the stand-in DPI's answers.
QByteArray gzipEncode(const QByteArray &data, GzipEffort effort = GzipEffort::Smallest);
// nullopt when the data is not a complete gzip stream, or would inflate beyond `maxBytes`.
std::optional<QByteArray> gzipDecode(const QByteArray &data, qsizetype maxBytes);

// Whether an Accept-Encoding header value accepts gzip (a "gzip;q=0" refuses it).
bool acceptsGzip(const QByteArray &acceptEncoding);

} // namespace chevet
