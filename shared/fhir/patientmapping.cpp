// Patient <-> FR Core Patient (fr-core-patient / fr-core-patient-ins).
#include "elements.h"
#include "resources.h"

namespace chevet::fhir {

namespace {

// FR Core names the INS slices by a type code in its own copy of v2-0203; the IPP uses HL7's PI.
constexpr auto kFrCoreIdentifierType = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203";
constexpr auto kV2IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
// The identity's trust status (RNIV): FR Core's complex extension with an identityStatus part coded in
// FR Core's identity-status code system. Earlier FR Core versions coded it in their copy of v2-0445,
// which shares PROV and VALI.
constexpr auto kIdentityReliabilityExtension =
    "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-identity-reliability";
constexpr auto kIdentityStatusSystem = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-identity-status";
constexpr auto kFrCoreV20445System = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0445";

QString identityStatusDisplay(IdentityStatus status)
{
    switch (status) {
    case IdentityStatus::Provisional:
        return QStringLiteral("Identité provisoire");
    case IdentityStatus::Recovered:
        return QStringLiteral("Identité récupérée");
    case IdentityStatus::Validated:
        return QStringLiteral("Identité validée");
    case IdentityStatus::Qualified:
        return QStringLiteral("Identité qualifiée");
    case IdentityStatus::Unknown:
        break;
    }
    return {};
}

QJsonObject identityReliabilityToFhir(IdentityStatus status)
{
    const QJsonObject part{
        {QLatin1String("url"), QStringLiteral("identityStatus")},
        {QLatin1String("valueCoding"),
         coding(str(kIdentityStatusSystem), identityStatusKey(status), identityStatusDisplay(status))}};
    return QJsonObject{{QLatin1String("url"), str(kIdentityReliabilityExtension)},
                       {QLatin1String("extension"), QJsonArray{part}}};
}

// Unknown when absent or coded in a system we do not know: never assume a stronger status.
IdentityStatus readIdentityStatus(JsonReader &r)
{
    for (JsonReader ext : r.objects(QStringLiteral("extension"))) {
        if (ext.string(QStringLiteral("url")) != QLatin1String(kIdentityReliabilityExtension))
            continue;
        for (JsonReader part : ext.objects(QStringLiteral("extension"))) {
            if (part.string(QStringLiteral("url")) != QLatin1String("identityStatus"))
                continue;
            JsonReader value = part.object(QStringLiteral("valueCoding"));
            const QString system = value.string(QStringLiteral("system"));
            const std::optional<IdentityStatus> status =
                identityStatusFromKey(value.string(QStringLiteral("code")));
            if (!status)
                continue;
            if (system == QLatin1String(kIdentityStatusSystem) ||
                (system == QLatin1String(kFrCoreV20445System) &&
                 (*status == IdentityStatus::Provisional || *status == IdentityStatus::Validated)))
                return *status;
        }
    }
    return IdentityStatus::Unknown;
}

QString insTypeCode(const QString &system)
{
    if (system == QLatin1String(kInsNiaSystem))
        return QStringLiteral("INS-NIA");
    if (system == QLatin1String(kInsNirTestSystem))
        return QStringLiteral("INS-NIR-TEST");
    if (system == QLatin1String(kInsNirDemoSystem))
        return QStringLiteral("INS-NIR-DEMO");
    return QStringLiteral("INS-NIR");
}

QString identifierUse(const PatientIdentifier &id)
{
    if (id.old)
        return QStringLiteral("old");
    if (id.kind == IdentifierKind::Ipp)
        return QStringLiteral("usual");
    // FR Core: a temporary INS-NIA is "temp"; the definitive NIR and the test/demo NIRs are "official".
    return id.system == QLatin1String(kInsNiaSystem) ? QStringLiteral("temp") : QStringLiteral("official");
}

QJsonObject identifierToFhir(const PatientIdentifier &id)
{
    const QJsonObject type =
        id.kind == IdentifierKind::Ins
            ? codeableConcept({coding(str(kFrCoreIdentifierType), insTypeCode(id.system))})
            : codeableConcept({coding(str(kV2IdentifierType), QStringLiteral("PI"))});
    return QJsonObject{{QLatin1String("use"), identifierUse(id)},
                       {QLatin1String("type"), type},
                       {QLatin1String("system"), id.system},
                       {QLatin1String("value"), id.value}};
}

bool isPatientIdentifierType(JsonReader &identifier)
{
    const std::optional<CodingValue> pi =
        codingIn(identifier.object(QStringLiteral("type")), str(kV2IdentifierType));
    return pi && pi->code == QLatin1String("PI");
}

void readName(JsonReader &r, Patient *patient)
{
    const QList<JsonReader> names = r.objects(QStringLiteral("name"));
    // The official (birth) name is the one identity checks use; fall back to the first name given.
    std::optional<JsonReader> chosen;
    for (JsonReader name : names) {
        if (name.string(QStringLiteral("use")) == QLatin1String("official")) {
            chosen = name;
            break;
        }
    }
    if (!chosen && !names.isEmpty())
        chosen = names.first();
    if (!chosen)
        return;
    patient->family = chosen->string(QStringLiteral("family"));
    patient->given = chosen->strings(QStringLiteral("given")).join(QLatin1Char(' '));
}

} // namespace

QJsonObject patientToFhir(const Patient &patient)
{
    QJsonObject json{{QLatin1String("resourceType"), QStringLiteral("Patient")}};
    putServerState(json, patient.serverId, patient.serverVersion);
    if (patient.identityStatus != IdentityStatus::Unknown)
        json.insert(QLatin1String("extension"),
                    QJsonArray{identityReliabilityToFhir(patient.identityStatus)});
    QJsonArray identifiers{clientIdentifier(patient.id)};
    for (const PatientIdentifier &id : patient.identifiers)
        identifiers.append(identifierToFhir(id));
    json.insert(QLatin1String("identifier"), identifiers);
    if (!patient.family.isEmpty() || !patient.given.isEmpty()) {
        QJsonObject name{{QLatin1String("use"), QStringLiteral("official")}};
        putIfSet(name, QStringLiteral("family"), patient.family);
        if (!patient.given.isEmpty())
            name.insert(QLatin1String("given"), QJsonArray{patient.given});
        json.insert(QLatin1String("name"), QJsonArray{name});
    }
    json.insert(QLatin1String("gender"), sexKey(patient.sex));
    if (patient.birthDate.isValid())
        json.insert(QLatin1String("birthDate"), formatDate(patient.birthDate));
    return json;
}

Result<Patient> patientFromFhir(const QJsonObject &json)
{
    JsonReader r = JsonReader::resource(json, QStringLiteral("Patient"));
    Patient patient;
    readServerState(r, &patient.serverId, &patient.serverVersion);
    patient.id = readClientId(r);
    for (JsonReader id : r.objects(QStringLiteral("identifier"))) {
        const QString system = id.string(QStringLiteral("system"));
        const QString value = id.string(QStringLiteral("value"));
        const QString use = id.string(QStringLiteral("use"));
        if (system.isEmpty() || value.isEmpty())
            continue;
        PatientIdentifier out;
        if (isInsSystem(system))
            out.kind = IdentifierKind::Ins;
        else if (isPatientIdentifierType(id))
            out.kind = IdentifierKind::Ipp;
        else
            continue; // the client id, an NSS, a regional id...: not ours to keep
        out.system = system;
        out.value = value;
        out.old = use == QLatin1String("old");
        patient.identifiers.append(out);
    }
    readName(r, &patient);
    patient.identityStatus = readIdentityStatus(r);
    const QString gender = r.string(QStringLiteral("gender"));
    if (!gender.isEmpty()) {
        if (std::optional<Sex> sex = sexFromKey(gender))
            patient.sex = *sex;
        else
            r.failAt(QStringLiteral("gender"), QStringLiteral("unknown code \"%1\"").arg(gender.left(20)));
    }
    if (std::optional<QDate> birth = r.date(QStringLiteral("birthDate")))
        patient.birthDate = *birth;
    if (!r.ok())
        return r.error();
    return patient;
}

QString replacedBy(const QJsonObject &patientJson)
{
    const QJsonArray links = patientJson.value(QLatin1String("link")).toArray();
    for (const QJsonValue &v : links) {
        const QJsonObject link = v.toObject();
        if (link.value(QLatin1String("type")).toString() == QLatin1String("replaced-by"))
            return link.value(QLatin1String("other")).toObject().value(QLatin1String("reference")).toString();
    }
    return {};
}

} // namespace chevet::fhir
