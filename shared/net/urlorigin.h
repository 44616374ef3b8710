#pragma once

#include <QString>
#include <QUrl>

namespace chevet {

// A URL's origin (scheme, host, port with the scheme's default filled in): what the DPI's token is
// bound to. Nothing carrying the token may leave the DPI's origin.
bool sameOrigin(const QUrl &a, const QUrl &b);

// A link the DPI handed back (a paging `next`), as a target on the DPI's own origin. A relative link
// stays as it is (targets are relative to the base); an absolute one on the base's origin too. One on
// another origin is moved onto the base's, path and query kept: HAPI behind a proxy advertises its
// internal address (http://localhost:8080/fhir?_getpages=...) for pages the proxy serves.
QString targetOnOrigin(const QUrl &base, const QString &link);

} // namespace chevet
