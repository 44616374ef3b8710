#include "resourcevalidator.h"

#include <QHash>
#include <QJsonArray>
#include <QStringList>

namespace chevet::dpi {

namespace {

// The top-level elements of each type in FHIR R4 (4.0.1), in the order of the specification. `!` marks
// an element R4 makes 1..1 (min 1); `name[A,B]` a choice element and its R4 types (valueQuantity...).
const char *const kDomainResource =
    "id meta implicitRules language text contained extension modifierExtension";
const QHash<QString, const char *> kElements = {
    {QStringLiteral("Patient"),
     "identifier active name telecom gender birthDate deceased[boolean,dateTime] address maritalStatus "
     "multipleBirth[boolean,integer] photo contact communication generalPractitioner managingOrganization "
     "link"},
    {QStringLiteral("Encounter"),
     "identifier status! statusHistory class! classHistory type serviceType priority subject episodeOfCare "
     "basedOn participant appointment period length reasonCode reasonReference diagnosis account "
     "hospitalization location serviceProvider partOf"},
    {QStringLiteral("Location"),
     "identifier status operationalStatus name alias description mode type telecom address physicalType "
     "position managingOrganization partOf hoursOfOperation availabilityExceptions endpoint"},
    {QStringLiteral("Observation"),
     "identifier basedOn partOf status! category code! subject focus encounter "
     "effective[dateTime,Period,Timing,instant] issued performer "
     "value[Quantity,CodeableConcept,string,boolean,integer,Range,Ratio,SampledData,time,dateTime,Period] "
     "dataAbsentReason interpretation note bodySite method specimen device referenceRange hasMember "
     "derivedFrom component"},
    {QStringLiteral("MedicationRequest"),
     "identifier status! statusReason intent! category priority doNotPerform reported[boolean,Reference] "
     "medication[CodeableConcept,Reference]! subject! encounter supportingInformation authoredOn requester "
     "performer performerType recorder reasonCode reasonReference instantiatesCanonical instantiatesUri "
     "basedOn groupIdentifier courseOfTherapyType insurance note dosageInstruction dispenseRequest "
     "substitution priorPrescription detectedIssue eventHistory"},
    {QStringLiteral("MedicationAdministration"),
     "identifier instantiates partOf status! statusReason category medication[CodeableConcept,Reference]! "
     "subject! context supportingInformation effective[dateTime,Period]! performer reasonCode "
     "reasonReference request device note dosage eventHistory"},
    {QStringLiteral("Task"),
     "identifier instantiatesCanonical instantiatesUri basedOn groupIdentifier partOf status! statusReason "
     "businessStatus intent! priority code description focus for encounter executionPeriod authoredOn "
     "lastModified requester performerType owner location reasonCode reasonReference insurance note "
     "relevantHistory restriction input output"},
    {QStringLiteral("AllergyIntolerance"),
     "identifier clinicalStatus verificationStatus type category criticality code patient! encounter "
     "onset[dateTime,Age,Period,Range,string] recordedDate recorder asserter lastOccurrence note reaction"},
    {QStringLiteral("AuditEvent"),
     "type! subtype action period recorded! outcome outcomeDesc purposeOfEvent agent! source! entity"},
};

// Codes of the required bindings on top-level code elements (R4 value sets).
const QHash<QString, const char *> kCodes = {
    {QStringLiteral("Patient.gender"), "male female other unknown"},
    {QStringLiteral("Encounter.status"),
     "planned arrived triaged in-progress onleave finished cancelled entered-in-error unknown"},
    {QStringLiteral("Location.status"), "active suspended inactive"},
    {QStringLiteral("Location.mode"), "instance kind"},
    {QStringLiteral("Observation.status"),
     "registered preliminary final amended corrected cancelled entered-in-error unknown"},
    {QStringLiteral("MedicationRequest.status"),
     "active on-hold cancelled completed entered-in-error stopped draft unknown"},
    {QStringLiteral("MedicationRequest.intent"),
     "proposal plan order original-order reflex-order filler-order instance-order option"},
    {QStringLiteral("MedicationRequest.priority"), "routine urgent asap stat"},
    {QStringLiteral("MedicationAdministration.status"),
     "in-progress not-done on-hold completed entered-in-error stopped unknown"},
    {QStringLiteral("Task.status"), "draft requested received accepted rejected ready cancelled in-progress "
                                    "on-hold failed completed entered-in-error"},
    {QStringLiteral("Task.intent"),
     "unknown proposal plan order original-order reflex-order filler-order instance-order option"},
    {QStringLiteral("Task.priority"), "routine urgent asap stat"},
    {QStringLiteral("AllergyIntolerance.type"), "allergy intolerance"},
    {QStringLiteral("AllergyIntolerance.category"), "food medication environment biologic"},
    {QStringLiteral("AllergyIntolerance.criticality"), "low high unable-to-assess"},
    {QStringLiteral("AuditEvent.action"), "C R U D E"},
    {QStringLiteral("AuditEvent.outcome"), "0 4 8 12"},
};

struct Element
{
    QString name;        // "value" for value[x]
    QStringList choices; // JSON names of a choice element: valueQuantity, valueString...
    bool required = false;
};

QList<Element> parseElements(const char *table)
{
    QList<Element> elements;
    const QString text = QString::fromLatin1(kDomainResource) + QLatin1Char(' ') + QString::fromLatin1(table);
    for (QString word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        Element element;
        element.required = word.endsWith(QLatin1Char('!'));
        if (element.required)
            word.chop(1);
        const qsizetype bracket = word.indexOf(QLatin1Char('['));
        element.name = word.left(bracket);
        if (bracket >= 0) {
            const QString types = word.mid(bracket + 1, word.size() - bracket - 2);
            for (const QString &type : types.split(QLatin1Char(',')))
                element.choices.append(element.name + type.left(1).toUpper() + type.mid(1));
        }
        elements.append(element);
    }
    return elements;
}

const QList<Element> &elementsOf(const QString &type)
{
    static const QHash<QString, QList<Element>> parsed = [] {
        QHash<QString, QList<Element>> out;
        for (auto it = kElements.begin(); it != kElements.end(); ++it)
            out.insert(it.key(), parseElements(it.value()));
        return out;
    }();
    static const QList<Element> none;
    const auto found = parsed.constFind(type);
    return found == parsed.cend() ? none : *found;
}

// FHIR JSON never carries empty values, but a missing element and an empty one are both "absent".
bool present(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return false;
    if (value.isString())
        return !value.toString().isEmpty();
    if (value.isArray())
        return !value.toArray().isEmpty();
    if (value.isObject())
        return !value.toObject().isEmpty();
    return true;
}

FhirError refusal(Issue issue, const QString &type, const QString &element, const QString &diagnostics)
{
    return fhirError(422, issue, QStringLiteral("%1: %2").arg(type, diagnostics),
                     element.isEmpty() ? type : QStringLiteral("%1.%2").arg(type, element));
}

FhirError invariant(const QString &type, const QString &element, const char *key, const char *text)
{
    return refusal(Issue::Invariant, type, element,
                   QStringLiteral("invariant %1 is not met: %2")
                       .arg(QString::fromLatin1(key), QString::fromLatin1(text)));
}

Expected<void> checkElements(const QString &type, const QJsonObject &resource)
{
    const QList<Element> &elements = elementsOf(type);
    QHash<QString, const Element *> byJsonName;
    for (const Element &element : elements) {
        if (element.choices.isEmpty())
            byJsonName.insert(element.name, &element);
        for (const QString &choice : element.choices)
            byJsonName.insert(choice, &element);
    }
    QHash<const Element *, QString> seenChoice;
    for (auto it = resource.begin(); it != resource.end(); ++it) {
        const QString &key = it.key();
        if (key == QLatin1String("resourceType"))
            continue;
        // "_birthDate" carries the id and extensions of the primitive birthDate.
        const QString name = key.startsWith(QLatin1Char('_')) ? key.mid(1) : key;
        const Element *element = byJsonName.value(name);
        if (!element) {
            return refusal(
                Issue::Structure, type, key,
                QStringLiteral("unknown element '%1': it is not an element of %2 in FHIR R4").arg(key, type));
        }
        if (element->choices.isEmpty() || key.startsWith(QLatin1Char('_')))
            continue;
        const QString other = seenChoice.value(element);
        if (!other.isEmpty()) {
            return refusal(Issue::Structure, type, key,
                           QStringLiteral("%1[x] may have one type only, but both %2 and %3 are present")
                               .arg(element->name, other, key));
        }
        seenChoice.insert(element, key);
    }
    for (const Element &element : elements) {
        if (!element.required)
            continue;
        bool found = present(resource.value(element.name));
        for (const QString &choice : element.choices)
            found = found || present(resource.value(choice));
        if (!found) {
            const QString shown =
                element.choices.isEmpty() ? element.name : element.name + QStringLiteral("[x]");
            return refusal(Issue::Required, type, shown,
                           QStringLiteral("%1 is required (1..1 in FHIR R4)").arg(shown));
        }
    }
    return {};
}

Expected<void> checkCodes(const QString &type, const QJsonObject &resource)
{
    for (auto it = kCodes.begin(); it != kCodes.end(); ++it) {
        const QString element = it.key().section(QLatin1Char('.'), 1);
        if (it.key().section(QLatin1Char('.'), 0, 0) != type || !resource.contains(element))
            continue;
        const QStringList allowed = QString::fromLatin1(it.value()).split(QLatin1Char(' '));
        const QJsonValue value = resource.value(element);
        const QJsonArray values = value.isArray() ? value.toArray() : QJsonArray{value};
        for (const QJsonValue &one : values) {
            if (!one.isString() || !allowed.contains(one.toString())) {
                return refusal(Issue::CodeInvalid, type, element,
                               QStringLiteral("%1 must be one of the R4 codes: %2")
                                   .arg(element, allowed.join(QLatin1String(", "))));
            }
        }
    }
    return {};
}

bool hasChoice(const QJsonObject &object, const QString &prefix)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &key = it.key();
        if (key.size() > prefix.size() && key.startsWith(prefix) && key.at(prefix.size()).isUpper() &&
            present(it.value()))
            return true;
    }
    return false;
}

bool sameCoding(const QJsonObject &a, const QJsonObject &b)
{
    return a.value(QLatin1String("system")) == b.value(QLatin1String("system")) &&
           a.value(QLatin1String("code")) == b.value(QLatin1String("code"));
}

bool sharesCoding(const QJsonObject &a, const QJsonObject &b)
{
    for (const QJsonValue &x : a.value(QLatin1String("coding")).toArray()) {
        for (const QJsonValue &y : b.value(QLatin1String("coding")).toArray()) {
            if (sameCoding(x.toObject(), y.toObject()))
                return true;
        }
    }
    return false;
}

Expected<void> checkObservation(const QString &type, const QJsonObject &resource)
{
    const bool hasValue = hasChoice(resource, QStringLiteral("value"));
    if (hasValue && present(resource.value(QLatin1String("dataAbsentReason"))))
        return invariant(type, QStringLiteral("dataAbsentReason"), "obs-6",
                         "dataAbsentReason SHALL only be present if Observation.value[x] is not present");
    const QJsonObject code = resource.value(QLatin1String("code")).toObject();
    for (const QJsonValue &component : resource.value(QLatin1String("component")).toArray()) {
        if (hasValue && sharesCoding(component.toObject().value(QLatin1String("code")).toObject(), code))
            return invariant(type, QStringLiteral("component"), "obs-7",
                             "if Observation.code is the same as an Observation.component.code then the "
                             "value element associated with the code SHALL NOT be present");
    }
    for (const QJsonValue &range : resource.value(QLatin1String("referenceRange")).toArray()) {
        const QJsonObject r = range.toObject();
        if (!present(r.value(QLatin1String("low"))) && !present(r.value(QLatin1String("high"))) &&
            !present(r.value(QLatin1String("text"))))
            return invariant(type, QStringLiteral("referenceRange"), "obs-3",
                             "a reference range must have at least a low or a high or text");
    }
    return {};
}

Expected<void> checkAllergy(const QString &type, const QJsonObject &resource)
{
    bool enteredInError = false;
    const QJsonObject verification = resource.value(QLatin1String("verificationStatus")).toObject();
    for (const QJsonValue &coding : verification.value(QLatin1String("coding")).toArray()) {
        const QJsonObject c = coding.toObject();
        enteredInError =
            enteredInError ||
            (c.value(QLatin1String("system")).toString() ==
                 QLatin1String("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification") &&
             c.value(QLatin1String("code")).toString() == QLatin1String("entered-in-error"));
    }
    const bool clinical = present(resource.value(QLatin1String("clinicalStatus")));
    if (!enteredInError && !clinical)
        return invariant(type, QStringLiteral("clinicalStatus"), "ait-1",
                         "AllergyIntolerance.clinicalStatus SHALL be present if verificationStatus is not "
                         "entered-in-error");
    if (enteredInError && clinical)
        return invariant(type, QStringLiteral("clinicalStatus"), "ait-2",
                         "AllergyIntolerance.clinicalStatus SHALL NOT be present if verificationStatus is "
                         "entered-in-error");
    return {};
}

Expected<void> checkInvariants(const QString &type, const QJsonObject &resource)
{
    if (type == QLatin1String("Observation"))
        return checkObservation(type, resource);
    if (type == QLatin1String("AllergyIntolerance"))
        return checkAllergy(type, resource);
    if (type == QLatin1String("MedicationAdministration") && resource.contains(QLatin1String("dosage"))) {
        const QJsonObject dosage = resource.value(QLatin1String("dosage")).toObject();
        if (!present(dosage.value(QLatin1String("dose"))) && !hasChoice(dosage, QStringLiteral("rate")))
            return invariant(type, QStringLiteral("dosage"), "mad-1",
                             "SHALL have at least one of dosage.dose or dosage.rate[x]");
    }
    if (type == QLatin1String("Patient")) {
        for (const QJsonValue &contact : resource.value(QLatin1String("contact")).toArray()) {
            const QJsonObject c = contact.toObject();
            if (!present(c.value(QLatin1String("name"))) && !present(c.value(QLatin1String("telecom"))) &&
                !present(c.value(QLatin1String("address"))) &&
                !present(c.value(QLatin1String("organization"))))
                return invariant(
                    type, QStringLiteral("contact"), "pat-1",
                    "SHALL at least contain a contact's details or a reference to an organization");
        }
    }
    return {};
}

} // namespace

Expected<void> validateResource(const QString &type, const QJsonObject &resource)
{
    if (auto checked = checkElements(type, resource); !checked)
        return checked;
    if (auto checked = checkCodes(type, resource); !checked)
        return checked;
    return checkInvariants(type, resource);
}

} // namespace chevet::dpi
