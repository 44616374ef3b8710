#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Times as FHIR and HTTP spell them. The server counts in milliseconds since the epoch, UTC.
namespace chevet::dpi::fhirtime {

// "2024-05-01T10:00:00.123Z": meta.lastUpdated, millisecond precision, always UTC.
QString instant(qint64 msSinceEpoch);

// "Wed, 01 May 2024 10:00:00 GMT": the Date and Last-Modified headers.
QByteArray httpDate(qint64 msSinceEpoch);

// A FHIR date, dateTime or instant names a span as wide as its precision ("2024-05" is the whole
// month); search prefixes compare against that span. Half-open: [start, end) in ms since the epoch.
struct Range
{
    qint64 start = 0;
    qint64 end = 0;
};

// Without a time zone, dates are taken as UTC. A '+' that arrived as a space (form-decoded) is accepted.
std::optional<Range> parseRange(const QString &text);

} // namespace chevet::dpi::fhirtime
