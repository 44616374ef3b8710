#include "fhirtypes.h"

#include "jsonreader.h"

#include "core/ids.h"

#include <QJsonArray>

namespace chevet::fhir {

QString clientIdValue(const QUuid &id)
{
    return idUrn(id);
}

QString clientIdSearch(const QUuid &id)
{
    return QStringLiteral("identifier=%1|%2").arg(QLatin1String(kClientIdSystem), clientIdValue(id));
}

QUuid clientIdFrom(const QJsonObject &resource)
{
    // Tolerant on purpose: callers use this to match server copies to local records, never to validate.
    const QJsonArray identifiers = resource.value(QLatin1String("identifier")).toArray();
    for (const QJsonValue &v : identifiers) {
        const QJsonObject id = v.toObject();
        const QString value = id.value(QLatin1String("value")).toString();
        if (id.value(QLatin1String("system")).toString() != QLatin1String(kClientIdSystem) ||
            !value.startsWith(QLatin1String("urn:uuid:")))
            continue;
        const QUuid uuid = QUuid::fromString(QStringView(value).mid(9));
        if (!uuid.isNull())
            return uuid;
    }
    return {};
}

ServerState serverStateOf(const QJsonObject &resource)
{
    const QJsonObject meta = resource.value(QLatin1String("meta")).toObject();
    ServerState state;
    state.id = resource.value(QLatin1String("id")).toString();
    state.versionId = meta.value(QLatin1String("versionId")).toString();
    state.lastUpdatedMs = parseDateTime(meta.value(QLatin1String("lastUpdated")).toString()).value_or(0);
    return state;
}

Error malformed(const QString &path, const QString &what)
{
    return makeError(FhirReadError::Malformed, path + QStringLiteral(": ") + what);
}

} // namespace chevet::fhir
