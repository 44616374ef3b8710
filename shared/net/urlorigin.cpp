#include "urlorigin.h"

namespace chevet {

namespace {

int effectivePort(const QUrl &url)
{
    const QString scheme = url.scheme();
    const int defaultPort = scheme == QLatin1String("https")  ? 443
                            : scheme == QLatin1String("http") ? 80
                                                              : -1;
    return url.port(defaultPort);
}

} // namespace

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    // QUrl keeps schemes and host names lower-cased.
    return a.scheme() == b.scheme() && a.host() == b.host() && effectivePort(a) == effectivePort(b);
}

QString targetOnOrigin(const QUrl &base, const QString &link)
{
    QUrl url(link);
    if (url.scheme().isEmpty() && url.host().isEmpty())
        return link;                                    // relative to the base, as every target is
    const bool schemeRelative = url.scheme().isEmpty(); // "//host/path": the base's scheme
    if (schemeRelative)
        url.setScheme(base.scheme());
    if (sameOrigin(url, base) && url.userInfo().isEmpty())
        return schemeRelative ? url.toString(QUrl::FullyEncoded) : link;
    url.setScheme(base.scheme());
    url.setUserInfo(QString());
    url.setHost(base.host());
    url.setPort(base.port());
    return url.toString(QUrl::FullyEncoded);
}

} // namespace chevet
