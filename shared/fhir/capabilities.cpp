// What the sync engine adapts to, read from the server's CapabilityStatement.
#include "capabilities.h"

#include "elements.h"

namespace chevet::fhir {

namespace {

QSet<QString> interactionCodes(JsonReader &parent)
{
    QSet<QString> codes;
    for (JsonReader interaction : parent.objects(QStringLiteral("interaction")))
        codes.insert(interaction.string(QStringLiteral("code"), Need::Required));
    return codes;
}

std::optional<int> maxBundleEntries(JsonReader &parent)
{
    std::optional<JsonReader> ext = findExtension(parent, str(kMaxBundleEntriesExtension));
    if (!ext)
        return std::nullopt;
    const std::optional<qint64> value = ext->integer(QStringLiteral("valueInteger"), Need::Required);
    if (value && (*value < 1 || *value > 1000000)) {
        ext->failAt(QStringLiteral("valueInteger"), QStringLiteral("expected a positive entry count"));
        return std::nullopt;
    }
    return value ? std::optional<int>(int(*value)) : std::nullopt;
}

} // namespace

Result<ServerCapabilities> parseCapabilityStatement(const QJsonObject &json)
{
    JsonReader r = JsonReader::resource(json, QStringLiteral("CapabilityStatement"));
    ServerCapabilities caps;
    caps.fhirVersion = r.string(QStringLiteral("fhirVersion"));
    // Where a server states the limit differs (rest or the statement itself); rest wins.
    caps.maxBundleEntries = maxBundleEntries(r).value_or(0);
    for (JsonReader rest : r.objects(QStringLiteral("rest"))) {
        if (rest.string(QStringLiteral("mode"), Need::Required) != QLatin1String("server"))
            continue;
        const QSet<QString> system = interactionCodes(rest);
        caps.transactions = system.contains(QStringLiteral("transaction"));
        caps.batches = system.contains(QStringLiteral("batch"));
        if (std::optional<int> max = maxBundleEntries(rest))
            caps.maxBundleEntries = *max;
        for (JsonReader resource : rest.objects(QStringLiteral("resource"))) {
            const QString type = resource.string(QStringLiteral("type"), Need::Required);
            const QSet<QString> codes = interactionCodes(resource);
            if (codes.contains(QStringLiteral("history-type")))
                caps.typeHistory.insert(type);
            if (codes.contains(QStringLiteral("search-type")))
                caps.searchable.insert(type);
            if (codes.contains(QStringLiteral("create")))
                caps.creatable.insert(type);
            for (JsonReader param : resource.objects(QStringLiteral("searchParam")))
                caps.searchParams[type].insert(param.string(QStringLiteral("name")));
            if (resource.boolean(QStringLiteral("conditionalCreate")).value_or(false))
                caps.conditionalCreate.insert(type);
        }
        break; // a statement has at most one server part
    }
    if (!r.ok())
        return r.error();
    return caps;
}

} // namespace chevet::fhir
