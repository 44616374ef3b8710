#include "requesttarget.h"

#include <QUrl>

namespace chevet::dpi {

RequestTarget RequestTarget::fromSegments(const QStringList &segments)
{
    RequestTarget target;
    const auto at = [&segments](qsizetype i) { return segments.value(i); };
    const QString history = QStringLiteral("_history");
    switch (segments.size()) {
    case 0:
        target.kind = Kind::Root;
        break;
    case 1:
        if (at(0) == QLatin1String("metadata"))
            target.kind = Kind::Metadata;
        else if (at(0) == history)
            target.kind = Kind::SystemHistory;
        else
            target.kind = Kind::Type;
        break;
    case 2:
        if (at(1) == QLatin1String("_search"))
            target.kind = Kind::TypeSearch;
        else if (at(1) == history)
            target.kind = Kind::TypeHistory;
        else
            target.kind = Kind::Instance;
        break;
    case 3:
        target.kind = at(2) == history ? Kind::InstanceHistory : Kind::Unknown;
        break;
    case 4:
        target.kind = at(2) == history ? Kind::Version : Kind::Unknown;
        break;
    default:
        break;
    }
    if (target.kind != Kind::Root && target.kind != Kind::Metadata && target.kind != Kind::SystemHistory)
        target.type = at(0);
    if (target.kind == Kind::Instance || target.kind == Kind::InstanceHistory || target.kind == Kind::Version)
        target.id = at(1);
    if (target.kind == Kind::Version)
        target.version = at(3);
    return target;
}

RequestTarget RequestTarget::fromEntryUrl(const QString &url)
{
    QString path = url.section(QLatin1Char('?'), 0, 0);
    const QString query = url.contains(QLatin1Char('?')) ? url.section(QLatin1Char('?'), 1) : QString();
    if (path.contains(QLatin1String("://"))) {
        // An absolute URL on this server: keep what follows the /fhir base.
        path = QUrl(path).path();
        if (path.startsWith(QLatin1String("/fhir")))
            path = path.mid(5);
    }
    RequestTarget target = fromSegments(path.split(QLatin1Char('/'), Qt::SkipEmptyParts));
    target.query = parseQuery(query.toUtf8());
    return target;
}

} // namespace chevet::dpi
