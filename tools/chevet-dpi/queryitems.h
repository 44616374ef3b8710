#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace chevet::dpi {

// A URL query as FHIR uses it: ordered, with repeated names (repeats are ANDed).
using QueryItems = QList<std::pair<QString, QString>>;

// Splits an encoded query ("a=1&b=x%7Cy") into decoded items. A '+' stays a '+': FHIR instants carry
// "+01:00" offsets and Qt clients (QUrlQuery) send it unencoded.
QueryItems parseQuery(const QByteArray &encodedQuery);

// The inverse, for the links the server writes; values are fully percent-encoded, '+' as %2B.
QString encodeQuery(const QueryItems &items);

} // namespace chevet::dpi
