#pragma once

#include "crypto/random.h"

#include <QString>
#include <QUuid>

namespace chevet {

// Client ids are random UUIDs made on the device at creation; they travel to the DPI as a FHIR
// identifier so that a retried push can never create a second copy. From OpenSSL's generator in
// batches: QUuid::createUuid() costs about ten times as much, and a vitals entry makes several.
inline QUuid newId()
{
    return crypto::randomUuid();
}

inline QString idToString(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

inline QUuid idFromString(const QString &text)
{
    return QUuid::fromString(text);
}

// The URN form used as identifier system/value pairs towards FHIR servers.
inline QString idUrn(const QUuid &id)
{
    return QStringLiteral("urn:uuid:") + idToString(id);
}

} // namespace chevet
