// What comes over the wire besides FHIR JSON: gzip bodies, ID tokens, ETag and Location headers,
// Accept-Encoding, paging links. Beyond not crashing: what inflates deflates and inflates back to the
// same bytes, and a paging link never takes a request off the DPI's origin.
#include "core/gzip.h"
#include "fhir/bundle.h"
#include "net/idtoken.h"
#include "net/urlorigin.h"

#include <QUrl>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace chevet;

namespace {

constexpr qsizetype kMaxInflated = 4 * 1024 * 1024;

void require(bool holds, const char *what)
{
    if (!holds) {
        std::fprintf(stderr, "wire property broken: %s\n", what);
        std::abort();
    }
}

// As the transport builds the URL of a target: relative ones hang under the base.
QUrl requestUrl(const QUrl &base, const QString &target)
{
    const QUrl url(target);
    return url.isRelative() ? QUrl(base.toString() + QLatin1Char('/') + target) : url;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    if (const std::optional<QByteArray> inflated = gzipDecode(bytes, kMaxInflated)) {
        require(inflated->size() <= kMaxInflated, "the inflation limit holds");
        require(gzipDecode(gzipEncode(*inflated), kMaxInflated) == inflated, "inflated bytes deflate back");
    }
    require(gzipDecode(gzipEncode(bytes), kMaxInflated) == QByteArray(bytes),
            "any bytes deflate and inflate");
    (void)acceptsGzip(bytes);

    if (const Result<IdToken> token = IdToken::decode(bytes))
        (void)token->check(QStringLiteral("https://idp.example"), QStringLiteral("chevet"),
                           QStringLiteral("n"), 1'800'000'000'000);

    const QString text = QString::fromUtf8(bytes);
    (void)fhir::versionFromEtag(text);
    (void)fhir::parseLocation(text);
    const QUrl base(QStringLiteral("https://dpi.example:8443/fhir"));
    // The transport refuses a URL without a host before anything is sent; any other stays on the origin.
    const QUrl next = requestUrl(base, targetOnOrigin(base, text));
    if (next.isValid() && !next.host().isEmpty())
        require(sameOrigin(next, base), "a paging link stays on the DPI's origin");
    return 0;
}
