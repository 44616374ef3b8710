#pragma once

#include "fhirerror.h"
#include "queryitems.h"
#include "resourcestore.h"

namespace chevet::dpi {

// A history request (system, type or instance level): `_since`, `_count` and the paging cursor.
struct HistoryQuery
{
    HistoryFilter filter;
    QueryItems applied; // for the self and next links

    static Expected<HistoryQuery> parse(const QString &type, const QString &id, const QueryItems &items,
                                        bool newestFirst);
};

} // namespace chevet::dpi
