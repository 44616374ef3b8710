#pragma once

#include "fhirerror.h"
#include "queryitems.h"

#include <QStringList>
#include <QVariantList>

namespace chevet::dpi {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

// SQL conditions on the current-version row `h` of resource_head, ANDed, with their bound values.
struct SqlFilter
{
    QStringList conditions;
    QVariantList binds;
    // A condition names the ids that can match (_id, token, reference): an index finds them directly.
    bool narrowsIds = false;

    QString where() const { return conditions.join(QLatin1String(" AND ")); }
};

// A type-level search, parsed and translated to SQL. Results come in change-sequence order and pages
// continue after the last sequence number seen (`_cursor`), so a page never shifts when resources
// change meanwhile: a resource updated mid-paging shows up again later, none is skipped.
struct SearchQuery
{
    QString type;
    int count = kDefaultPageSize;
    qint64 afterSeq = 0;
    SqlFilter filter;
    QueryItems applied;  // the parameters that constrained the search, for the self and next links
    QStringList ignored; // parameters not understood, reported in an OperationOutcome entry

    // strict: `Prefer: handling=strict` turns an unknown parameter into a 400 instead of a warning.
    static Expected<SearchQuery> parse(const QString &type, const QueryItems &items, bool strict);
};

} // namespace chevet::dpi
