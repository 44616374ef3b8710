#include "bundlepage.h"

#include "fhirreply.h"
#include "fhirtime.h"
#include "historyquery.h"
#include "outcome.h"
#include "searchquery.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUuid>

namespace chevet::dpi {

namespace {

QJsonObject link(const QString &relation, const QString &url)
{
    return {{QStringLiteral("relation"), relation}, {QStringLiteral("url"), url}};
}

QString pageUrl(const QString &base, const QString &path, QueryItems items, int count, qint64 cursor)
{
    items.append({QStringLiteral("_count"), QString::number(count)});
    if (cursor > 0)
        items.append({QStringLiteral("_cursor"), QString::number(cursor)});
    return QStringLiteral("%1/%2?%3").arg(base, path, encodeQuery(items));
}

QJsonArray pageLinks(const QString &base, const QString &path, const QueryItems &applied, int count,
                     qint64 cursor, const Page &page)
{
    QJsonArray links{link(QStringLiteral("self"), pageUrl(base, path, applied, count, cursor))};
    if (page.hasMore && !page.items.isEmpty())
        links.append(
            link(QStringLiteral("next"), pageUrl(base, path, applied, count, page.items.last().seq)));
    return links;
}

QString historyStatus(const StoredVersion &version)
{
    if (version.deleted)
        return statusText(204);
    return statusText(version.version == 1 ? 201 : 200);
}

} // namespace

QJsonObject newBundle(const QString &type)
{
    return {{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
            {QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {QStringLiteral("meta"), QJsonObject{{QStringLiteral("lastUpdated"),
                                                  fhirtime::instant(QDateTime::currentMSecsSinceEpoch())}}},
            {QStringLiteral("type"), type}};
}

QJsonObject searchsetBundle(const QString &base, const SearchQuery &query, const Page &page)
{
    QJsonObject bundle = newBundle(QStringLiteral("searchset"));
    bundle.insert(QStringLiteral("total"), page.total);
    bundle.insert(QStringLiteral("link"),
                  pageLinks(base, query.type, query.applied, query.count, query.afterSeq, page));
    QJsonArray entries;
    for (const StoredVersion &version : page.items) {
        entries.append(QJsonObject{
            {QStringLiteral("fullUrl"), QStringLiteral("%1/%2/%3").arg(base, version.type, version.id)},
            {QStringLiteral("resource"), version.resource},
            {QStringLiteral("search"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("match")}}}});
    }
    if (!query.ignored.isEmpty()) {
        const QJsonObject warning =
            operationOutcome(Severity::Warning, Issue::NotSupported,
                             QStringLiteral("search parameters ignored (not supported): %1")
                                 .arg(query.ignored.join(QLatin1String(", "))));
        entries.append(QJsonObject{
            {QStringLiteral("resource"), warning},
            {QStringLiteral("search"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("outcome")}}}});
    }
    if (!entries.isEmpty())
        bundle.insert(QStringLiteral("entry"), entries);
    return bundle;
}

QJsonObject historyBundle(const QString &base, const QString &path, const HistoryQuery &query,
                          const Page &page)
{
    QJsonObject bundle = newBundle(QStringLiteral("history"));
    bundle.insert(QStringLiteral("total"), page.total);
    bundle.insert(QStringLiteral("link"),
                  pageLinks(base, path, query.applied, query.filter.count, query.filter.cursorSeq, page));
    QJsonArray entries;
    for (const StoredVersion &version : page.items) {
        const QString instancePath = QStringLiteral("%1/%2").arg(version.type, version.id);
        QJsonObject entry{{QStringLiteral("fullUrl"), QStringLiteral("%1/%2").arg(base, instancePath)}};
        if (!version.deleted)
            entry.insert(QStringLiteral("resource"), version.resource);
        // Creates replay as POST to the type, updates and deletes as PUT/DELETE on the instance.
        const bool post = version.method == QLatin1String("POST");
        entry.insert(QStringLiteral("request"),
                     QJsonObject{{QStringLiteral("method"), version.method},
                                 {QStringLiteral("url"), post ? version.type : instancePath}});
        entry.insert(QStringLiteral("response"),
                     QJsonObject{{QStringLiteral("status"), historyStatus(version)},
                                 {QStringLiteral("etag"), version.stamp().etag()},
                                 {QStringLiteral("lastModified"), fhirtime::instant(version.lastUpdatedMs)}});
        entries.append(entry);
    }
    if (!entries.isEmpty())
        bundle.insert(QStringLiteral("entry"), entries);
    return bundle;
}

} // namespace chevet::dpi
