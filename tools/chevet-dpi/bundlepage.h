#pragma once

#include <QJsonObject>
#include <QString>

namespace chevet::dpi {

struct HistoryQuery;
struct Page;
struct SearchQuery;

// The paged Bundles: searchset and history, with total and self/next links. `base` is the server's
// base URL ("http://127.0.0.1:8080/fhir"); `path` is what follows it ("Patient/_history").
QJsonObject searchsetBundle(const QString &base, const SearchQuery &query, const Page &page);
QJsonObject historyBundle(const QString &base, const QString &path, const HistoryQuery &query,
                          const Page &page);

// The common head of every Bundle this server makes: a fresh id, meta.lastUpdated and type.
QJsonObject newBundle(const QString &type);

} // namespace chevet::dpi
