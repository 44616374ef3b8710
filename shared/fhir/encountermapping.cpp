// Encounter (ward stay or home-care episode) <-> FHIR R4 Encounter.
#include "elements.h"
#include "resources.h"

#include <QRegularExpression>

namespace chevet::fhir {

namespace {

constexpr auto kActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
constexpr auto kPhysicalTypeSystem = "http://terminology.hl7.org/CodeSystem/location-physical-type";

// Home-care rounds are named after their service (HAD, SSIAD); everything else is a ward stay.
QJsonObject encounterClass(const QString &unit)
{
    static const QRegularExpression homeCare(QStringLiteral("^(HAD|SSIAD)\\b"),
                                             QRegularExpression::CaseInsensitiveOption);
    if (homeCare.match(unit).hasMatch())
        return coding(str(kActCodeSystem), QStringLiteral("HH"), QStringLiteral("home health"));
    return coding(str(kActCodeSystem), QStringLiteral("IMP"), QStringLiteral("inpatient encounter"));
}

// A unit name is only used as a Location id when it is one (FHIR ids: [A-Za-z0-9-.]{1,64}).
bool isFhirId(const QString &text)
{
    static const QRegularExpression id(QStringLiteral("^[A-Za-z0-9\\-.]{1,64}$"));
    return id.match(text).hasMatch();
}

QJsonObject location(const QString &name, const char *physicalType, bool withReference,
                     const QString &display = QString())
{
    // Without a reference (a unit that is no FHIR id) the display must carry the unit itself, or it would
    // read back as another unit (found by fuzz_fhir's write-back round trip).
    const bool referenced = withReference && isFhirId(name);
    QJsonObject ref{{QLatin1String("display"), referenced && !display.isEmpty() ? display : name}};
    if (referenced)
        ref.insert(QLatin1String("reference"), QStringLiteral("Location/") + name);
    return QJsonObject{{QLatin1String("location"), ref},
                       {QLatin1String("physicalType"),
                        codeableConcept({coding(str(kPhysicalTypeSystem), str(physicalType))})}};
}

void readLocations(JsonReader &r, Encounter *encounter)
{
    for (JsonReader entry : r.objects(QStringLiteral("location"))) {
        JsonReader ref = entry.object(QStringLiteral("location"), Need::Required);
        const std::optional<CodingValue> type =
            codingIn(entry.object(QStringLiteral("physicalType")), str(kPhysicalTypeSystem));
        QString name = ref.string(QStringLiteral("display"));
        const QString reference = ref.string(QStringLiteral("reference"));
        if (name.isEmpty() && reference.startsWith(QLatin1String("Location/")))
            name = reference.mid(9);
        if (!type || name.isEmpty())
            continue; // a location we cannot place as unit, room or bed
        if (type->code == QLatin1String("wa") || type->code == QLatin1String("area")) {
            // The ward or round is chosen and synced by its Location id; its display is its name.
            encounter->unit = reference.startsWith(QLatin1String("Location/")) ? reference.mid(9) : name;
            encounter->unitName = name == encounter->unit ? QString() : name;
        } else if (type->code == QLatin1String("ro") || type->code == QLatin1String("ho"))
            encounter->room = name;
        else if (type->code == QLatin1String("bd"))
            encounter->bed = name;
    }
}

} // namespace

QJsonObject encounterToFhir(const Encounter &encounter, const QString &patientRef)
{
    QJsonObject json{{QLatin1String("resourceType"), QStringLiteral("Encounter")}};
    putServerState(json, encounter.serverId, encounter.serverVersion);
    json.insert(QLatin1String("identifier"), QJsonArray{clientIdentifier(encounter.id)});
    json.insert(QLatin1String("status"),
                statusCode(encounter.status, encounter.otherStatus, &encounterStatusKey));
    json.insert(QLatin1String("class"), encounterClass(encounter.unit));
    if (!patientRef.isEmpty())
        json.insert(QLatin1String("subject"), reference(patientRef));
    QJsonObject period;
    if (encounter.startMs != 0)
        period.insert(QLatin1String("start"), formatDateTime(encounter.startMs));
    if (encounter.endMs)
        period.insert(QLatin1String("end"), formatDateTime(*encounter.endMs));
    if (!period.isEmpty())
        json.insert(QLatin1String("period"), period);
    QJsonArray locations;
    if (!encounter.unit.isEmpty())
        locations.append(location(encounter.unit, "wa", true, encounter.unitName));
    if (!encounter.room.isEmpty())
        locations.append(location(encounter.room, "ro", false));
    if (!encounter.bed.isEmpty())
        locations.append(location(encounter.bed, "bd", false));
    if (!locations.isEmpty())
        json.insert(QLatin1String("location"), locations);
    return json;
}

Result<Encounter> encounterFromFhir(const QJsonObject &json, References *refs)
{
    JsonReader r = JsonReader::resource(json, QStringLiteral("Encounter"));
    Encounter encounter;
    readServerState(r, &encounter.serverId, &encounter.serverVersion);
    encounter.id = readClientId(r);
    encounter.status = readStatusCode(r, &encounterStatusFromKey, &encounter.otherStatus);
    JsonReader period = r.object(QStringLiteral("period"));
    encounter.startMs = period.dateTime(QStringLiteral("start")).value_or(0);
    encounter.endMs = period.dateTime(QStringLiteral("end"));
    readLocations(r, &encounter);
    const QString patient = readReference(r, QStringLiteral("subject"));
    if (!r.ok())
        return r.error();
    if (refs)
        refs->patient = patient;
    return encounter;
}

} // namespace chevet::fhir
