#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace chevet::dpi::seed {

// One synthetic patient. Names are invented combinations; INS numbers are built on the TEST system.
struct DemoPatient
{
    const char *family;
    const char *given;
    char sex;               // 'F' or 'M'
    const char *birthDate;  // YYYY-MM-DD
    const char *birthPlace; // 5 digits: department and commune, as the INS encodes them
    const char *homeCity;   // home-care patients only
};

inline const char kEstablishmentSystem[] = "urn:oid:2.999.250.1"; // the demo establishment (IPP)
inline const char kInsTestSystem[] = "urn:oid:1.2.250.1.213.1.4.10";

// The cardiology ward's patients first, then the home-care round's.
const QList<DemoPatient> &demoPatients();
qsizetype wardPatientCount();

QJsonObject wardLocation();     // Location/unit-cardio
QJsonObject homeCareLocation(); // Location/had-nord

// number: 1-based position in demoPatients(), which fixes the IPP, INS order number, room and bed.
QJsonObject patientResource(const DemoPatient &patient, int number);
QJsonObject encounterResource(const DemoPatient &patient, int number, const QDateTime &admitted);

QString patientId(int number);
// The identity's trust status (FR Core identity-status code): "QUAL" for most, "RECUP" for a few whose
// INS was retrieved but not yet checked against an identity document, "PROV" for two without an INS.
QString identityStatus(int number);
QString encounterId(int number);

} // namespace chevet::dpi::seed
