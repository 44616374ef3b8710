#include "demopeople.h"

#include "ins.h"
#include "seedjson.h"

#include <QHash>

namespace chevet::dpi::seed {

const QList<DemoPatient> &demoPatients()
{
    static const QList<DemoPatient> patients = {
        {"Lefebvre", "Odile", 'F', "1938-06-02", "75056", nullptr},
        {"Martin", "Jean", 'M', "1944-11-17", "59350", nullptr},
        {"Benali", "Karim", 'M', "1961-03-09", "93066", nullptr},
        {"Nguyen", "Thi Lan", 'F', "1952-08-23", "69123", nullptr},
        {"Dubois", "Marcel", 'M', "1935-01-30", "62041", nullptr},
        {"Haddad", "Samia", 'F', "1970-05-14", "13055", nullptr},
        {"Moreau", "Françoise", 'F', "1941-12-05", "59512", nullptr},
        {"Diallo", "Mamadou", 'M', "1958-07-21", "75056", nullptr},
        {"Petit", "Gisèle", 'F', "1933-09-11", "80021", nullptr},
        {"Garcia", "Antoine", 'M', "1949-02-27", "66136", nullptr},
        {"Lambert", "Hélène", 'F', "1946-04-03", "59599", nullptr},
        {"Traoré", "Aïssata", 'F', "1965-10-19", "94028", nullptr},
        {"Roux", "Bernard", 'M', "1939-06-25", "59183", nullptr},
        {"Da Silva", "Manuel", 'M', "1955-03-15", "33063", nullptr},
        {"Fournier", "Colette", 'F', "1937-11-08", "62193", nullptr},
        {"Leroy", "Didier", 'M', "1960-08-30", "59350", nullptr},
        {"Kowalski", "Irène", 'F', "1943-01-12", "59392", nullptr},
        {"Mercier", "Yves", 'M', "1951-09-04", "35238", nullptr},
        {"Chevalier", "Monique", 'F', "1936-02-18", "59606", nullptr},
        {"Bouzid", "Rachid", 'M', "1968-12-01", "69123", nullptr},
        {"Girard", "Paulette", 'F', "1931-07-07", "21231", nullptr},
        {"Lemaire", "Thierry", 'M', "1963-05-22", "59350", nullptr},
        {"Pham", "Minh", 'M', "1957-10-09", "75056", nullptr},
        {"Vasseur", "Denise", 'F', "1940-03-28", "62498", nullptr},
        // The home-care round (HAD Nord).
        {"Delattre", "Georges", 'M', "1934-04-16", "59512", "Roubaix"},
        {"Carpentier", "Jeanne", 'F', "1929-12-24", "59599", "Tourcoing"},
        {"Mahieu", "Robert", 'M', "1947-08-08", "59009", "Villeneuve-d'Ascq"},
        {"Ben Youssef", "Leïla", 'F', "1959-01-19", "59350", "Lille"},
        {"Dumont", "Lucienne", 'F', "1932-05-30", "62041", "Wattrelos"},
        {"Lefèvre", "André", 'M', "1945-10-02", "59368", "Marcq-en-Barœul"},
    };
    return patients;
}

qsizetype wardPatientCount()
{
    return 24;
}

QString patientId(int number)
{
    return QStringLiteral("pat-%1").arg(number, 3, 10, QLatin1Char('0'));
}

QString encounterId(int number)
{
    return QStringLiteral("enc-%1").arg(number, 3, 10, QLatin1Char('0'));
}

static QJsonObject physicalType(const char *code, const char *display)
{
    return codeableConcept(
        coding("http://terminology.hl7.org/CodeSystem/location-physical-type", code, display));
}

QJsonObject wardLocation()
{
    return {
        {QStringLiteral("resourceType"), QStringLiteral("Location")},
        {QStringLiteral("id"), QStringLiteral("unit-cardio")},
        {QStringLiteral("identifier"),
         QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("urn:oid:2.999.250.1.5")},
                                {QStringLiteral("value"), QStringLiteral("UF-3120")}}}},
        {QStringLiteral("status"), QStringLiteral("active")},
        {QStringLiteral("name"), utf8("Cardiologie — 3e étage")},
        {QStringLiteral("description"), utf8("Unité d'hospitalisation de cardiologie, chambres 301 à 312")},
        {QStringLiteral("mode"), QStringLiteral("instance")},
        {QStringLiteral("physicalType"), physicalType("wa", "Ward")}};
}

QJsonObject homeCareLocation()
{
    return {{QStringLiteral("resourceType"), QStringLiteral("Location")},
            {QStringLiteral("id"), QStringLiteral("had-nord")},
            {QStringLiteral("identifier"),
             QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("urn:oid:2.999.250.1.5")},
                                    {QStringLiteral("value"), QStringLiteral("UF-8410")}}}},
            {QStringLiteral("status"), QStringLiteral("active")},
            {QStringLiteral("name"), QStringLiteral("HAD Nord")},
            {QStringLiteral("description"),
             utf8("Hospitalisation à domicile — tournée Nord (Roubaix, Tourcoing, Lille)")},
            {QStringLiteral("mode"), QStringLiteral("instance")},
            {QStringLiteral("physicalType"), physicalType("area", "Area")}};
}

QString identityStatus(int number)
{
    switch (number) {
    case 12:
    case 27:
        return QStringLiteral("PROV");
    case 5:
    case 20:
    case 29:
        return QStringLiteral("RECUP");
    default:
        break;
    }
    return QStringLiteral("QUAL");
}

static QJsonObject identityReliability(const QString &status)
{
    static const QHash<QString, const char *> displays = {{QStringLiteral("PROV"), "Identité provisoire"},
                                                          {QStringLiteral("RECUP"), "Identité récupérée"},
                                                          {QStringLiteral("QUAL"), "Identité qualifiée"}};
    const QJsonObject part{
        {QStringLiteral("url"), QStringLiteral("identityStatus")},
        {QStringLiteral("valueCoding"),
         QJsonObject{{QStringLiteral("system"),
                      QStringLiteral("https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-identity-status")},
                     {QStringLiteral("code"), status},
                     {QStringLiteral("display"), utf8(displays.value(status))}}}};
    return {{QStringLiteral("url"),
             QStringLiteral("https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-identity-reliability")},
            {QStringLiteral("extension"), QJsonArray{part}}};
}

QJsonObject patientResource(const DemoPatient &patient, int number)
{
    const QString birth = QString::fromLatin1(patient.birthDate);
    // Sex, year and month of birth, place of birth, then an order number: 13 digits before the key.
    const QString nir = QStringLiteral("%1%2%3%4%5")
                            .arg(patient.sex == 'F' ? 2 : 1)
                            .arg(birth.mid(2, 2), birth.mid(5, 2), QString::fromLatin1(patient.birthPlace))
                            .arg(100 + number * 7, 3, 10, QLatin1Char('0'));
    const QJsonObject ipp{
        {QStringLiteral("use"), QStringLiteral("usual")},
        {QStringLiteral("type"), codeableConcept(coding("http://terminology.hl7.org/CodeSystem/v2-0203", "PI",
                                                        "Patient internal identifier"))},
        {QStringLiteral("system"), utf8(kEstablishmentSystem)},
        {QStringLiteral("value"), QStringLiteral("8%1").arg(number + 100, 5, 10, QLatin1Char('0'))}};
    const QJsonObject ins{{QStringLiteral("use"), QStringLiteral("official")},
                          {QStringLiteral("type"),
                           codeableConcept(coding("https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203",
                                                  "INS-NIR", "NIR définitif"))},
                          {QStringLiteral("system"), utf8(kInsTestSystem)},
                          {QStringLiteral("value"), insWithKey(nir)}};
    // A provisional identity was never retrieved from the INSi teleservice: it has no INS yet.
    const QString status = identityStatus(number);
    const QJsonArray identifiers = status == QLatin1String("PROV") ? QJsonArray{ipp} : QJsonArray{ipp, ins};
    QJsonObject resource{
        {QStringLiteral("resourceType"), QStringLiteral("Patient")},
        {QStringLiteral("id"), patientId(number)},
        {QStringLiteral("extension"), QJsonArray{identityReliability(status)}},
        {QStringLiteral("identifier"), identifiers},
        {QStringLiteral("active"), true},
        {QStringLiteral("name"),
         QJsonArray{QJsonObject{{QStringLiteral("use"), QStringLiteral("official")},
                                {QStringLiteral("family"), utf8(patient.family)},
                                {QStringLiteral("given"), QJsonArray{utf8(patient.given)}}}}},
        {QStringLiteral("gender"), patient.sex == 'F' ? QStringLiteral("female") : QStringLiteral("male")},
        {QStringLiteral("birthDate"), birth}};
    if (patient.homeCity) {
        resource.insert(QStringLiteral("address"),
                        QJsonArray{QJsonObject{{QStringLiteral("use"), QStringLiteral("home")},
                                               {QStringLiteral("city"), utf8(patient.homeCity)},
                                               {QStringLiteral("country"), QStringLiteral("FR")}}});
    }
    return resource;
}

QJsonObject encounterResource(const DemoPatient &patient, int number, const QDateTime &admitted)
{
    const bool home = patient.homeCity != nullptr;
    const QString name = QStringLiteral("%1 %2").arg(utf8(patient.given), utf8(patient.family));
    QJsonObject unit{
        {QStringLiteral("location"),
         home ? reference(QStringLiteral("Location/had-nord"), QStringLiteral("HAD Nord"))
              : reference(QStringLiteral("Location/unit-cardio"), utf8("Cardiologie — 3e étage"))},
        {QStringLiteral("status"), QStringLiteral("active")},
        {QStringLiteral("physicalType"), home ? physicalType("area", "Area") : physicalType("wa", "Ward")}};
    // Rooms and beds are displays only: the demo has no Location per bed. A home-care stay has the
    // patient's town where a ward has a room.
    const auto place = [](const QString &display, const char *code, const char *label) {
        return QJsonObject{{QStringLiteral("location"), QJsonObject{{QStringLiteral("display"), display}}},
                           {QStringLiteral("status"), QStringLiteral("active")},
                           {QStringLiteral("physicalType"), physicalType(code, label)}};
    };
    QJsonArray locations{unit};
    if (home) {
        locations.append(place(utf8(patient.homeCity), "ho", "House"));
    } else {
        locations.append(place(QString::number(301 + (number - 1) / 2), "ro", "Room"));
        locations.append(place(QString(number % 2 ? QLatin1Char('A') : QLatin1Char('B')), "bd", "Bed"));
    }
    return {
        {QStringLiteral("resourceType"), QStringLiteral("Encounter")},
        {QStringLiteral("id"), encounterId(number)},
        {QStringLiteral("identifier"),
         QJsonArray{QJsonObject{
             {QStringLiteral("type"),
              codeableConcept(coding("http://terminology.hl7.org/CodeSystem/v2-0203", "VN", "Visit number"))},
             {QStringLiteral("system"), QStringLiteral("urn:oid:2.999.250.1.2")},
             {QStringLiteral("value"), QStringLiteral("24%1").arg(number, 5, 10, QLatin1Char('0'))}}}},
        {QStringLiteral("status"), QStringLiteral("in-progress")},
        {QStringLiteral("class"),
         home ? coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HH", "home health")
              : coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter")},
        {QStringLiteral("subject"), reference(QStringLiteral("Patient/") + patientId(number), name)},
        {QStringLiteral("period"),
         QJsonObject{{QStringLiteral("start"), localDateTime(admitted.date(), admitted.time())}}},
        {QStringLiteral("location"), locations}};
}

} // namespace chevet::dpi::seed
