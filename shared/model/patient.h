#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace chevet {

// French identity systems (FR Core).
inline constexpr auto kInsNirSystem = "urn:oid:1.2.250.1.213.1.4.8";
inline constexpr auto kInsNiaSystem = "urn:oid:1.2.250.1.213.1.4.9";
inline constexpr auto kInsNirTestSystem = "urn:oid:1.2.250.1.213.1.4.10";
inline constexpr auto kInsNirDemoSystem = "urn:oid:1.2.250.1.213.1.4.11";

enum class IdentifierKind { Ipp, Ins };

struct PatientIdentifier
{
    IdentifierKind kind = IdentifierKind::Ipp;
    QString system; // establishment OID for an IPP; an INS system otherwise
    QString value;
    bool old = false; // an IPP retired by an identity merge
};

enum class Sex { Unknown, Female, Male, Other };

QString sexKey(Sex sex);
std::optional<Sex> sexFromKey(const QString &key);

// The identity's trust status of the French identity reference (RNIV): four exclusive statuses, from
// whether the traits came from the INSi teleservice and whether they were checked against a high-trust
// identity document. Only a qualified identity may carry and share the INS as such.
// Unknown: the DPI did not say (treated as not qualified).
enum class IdentityStatus { Unknown, Provisional, Recovered, Validated, Qualified };

// Keys are the FR Core codes: "PROV", "RECUP", "VALI", "QUAL"; Unknown has the empty key.
QString identityStatusKey(IdentityStatus status);
std::optional<IdentityStatus> identityStatusFromKey(const QString &key);

struct Patient
{
    QUuid id;
    QList<PatientIdentifier> identifiers;
    QString family;
    QString given;
    QDate birthDate;
    Sex sex = Sex::Unknown;
    IdentityStatus identityStatus = IdentityStatus::Unknown;
    QString serverId;
    QString serverVersion;

    std::optional<PatientIdentifier> ipp(const QString &system) const;
    std::optional<PatientIdentifier> ins() const;
    // A qualified identity that holds an INS: the INS may be used and shared as the patient's INS.
    bool insQualified() const;
};

bool isInsSystem(const QString &system);

// Age in whole years on a day; -1 when the birth date is not known.
int ageOn(const QDate &birthDate, const QDate &day);

} // namespace chevet
