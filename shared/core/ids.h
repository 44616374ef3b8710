#pragma once

#include <QString>
#include <QUuid>

namespace chevet {

// Client ids are random UUIDs made on the device at creation; they travel to the DPI as a FHIR
// identifier so that a retried push can never create a second copy.
inline QUuid newId()
{
    return QUuid::createUuid();
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
