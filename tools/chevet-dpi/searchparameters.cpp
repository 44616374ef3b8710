#include "searchparameters.h"

#include <QHash>

namespace chevet::dpi {

namespace {

SearchParameter token(const char *name, QStringList paths, const char *documentation)
{
    return SearchParameter{
        QString::fromLatin1(name), ParamKind::Token, std::move(paths), {}, QString::fromUtf8(documentation)};
}

SearchParameter reference(const char *name, QStringList paths, const char *targetType,
                          const char *documentation)
{
    return SearchParameter{QString::fromLatin1(name), ParamKind::Reference, std::move(paths),
                           QString::fromLatin1(targetType), QString::fromUtf8(documentation)};
}

QStringList paths(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *path : list)
        out.append(QString::fromLatin1(path));
    return out;
}

QHash<QString, QList<SearchParameter>> buildTable()
{
    const SearchParameter identifier =
        token("identifier", paths({"identifier"}), "system|value, or value alone");
    const SearchParameter status = token("status", paths({"status"}), "status code");
    QHash<QString, QList<SearchParameter>> table;
    table.insert(QStringLiteral("Patient"),
                 {identifier, reference("link", paths({"link.other"}), "Patient",
                                        "Patient.link.other: finds the patients merged into another")});
    table.insert(
        QStringLiteral("Encounter"),
        {identifier, status, reference("patient", paths({"subject"}), "Patient", "Encounter.subject"),
         reference("subject", paths({"subject"}), "", "Encounter.subject"),
         reference("location", paths({"location.location"}), "Location", "Encounter.location.location")});
    table.insert(QStringLiteral("Location"),
                 {identifier, status, reference("partof", paths({"partOf"}), "Location", "Location.partOf")});
    table.insert(QStringLiteral("Observation"),
                 {identifier, status, token("code", paths({"code.coding"}), "Observation.code: system|code"),
                  token("category", paths({"category.coding"}), "Observation.category: system|code"),
                  reference("patient", paths({"subject"}), "Patient", "Observation.subject"),
                  reference("subject", paths({"subject"}), "", "Observation.subject"),
                  reference("encounter", paths({"encounter"}), "Encounter", "Observation.encounter")});
    table.insert(QStringLiteral("MedicationRequest"),
                 {identifier, status, token("intent", paths({"intent"}), "MedicationRequest.intent"),
                  token("code", paths({"medicationCodeableConcept.coding"}), "the medication: system|code"),
                  reference("patient", paths({"subject"}), "Patient", "MedicationRequest.subject"),
                  reference("subject", paths({"subject"}), "", "MedicationRequest.subject"),
                  reference("encounter", paths({"encounter"}), "Encounter", "MedicationRequest.encounter")});
    table.insert(
        QStringLiteral("MedicationAdministration"),
        {identifier, status,
         token("code", paths({"medicationCodeableConcept.coding"}), "the medication: system|code"),
         reference("patient", paths({"subject"}), "Patient", "MedicationAdministration.subject"),
         reference("subject", paths({"subject"}), "", "MedicationAdministration.subject"),
         reference("request", paths({"request"}), "MedicationRequest", "MedicationAdministration.request"),
         reference("context", paths({"context"}), "", "MedicationAdministration.context")});
    table.insert(QStringLiteral("Task"),
                 {identifier, status, token("code", paths({"code.coding"}), "Task.code: system|code"),
                  reference("patient", paths({"for"}), "Patient", "Task.for"),
                  reference("subject", paths({"for"}), "", "Task.for"),
                  reference("encounter", paths({"encounter"}), "Encounter", "Task.encounter"),
                  reference("focus", paths({"focus"}), "", "Task.focus"),
                  reference("based-on", paths({"basedOn"}), "", "Task.basedOn")});
    table.insert(
        QStringLiteral("AllergyIntolerance"),
        {identifier,
         token("clinical-status", paths({"clinicalStatus.coding"}), "AllergyIntolerance.clinicalStatus"),
         token("verification-status", paths({"verificationStatus.coding"}),
               "AllergyIntolerance.verificationStatus"),
         token("criticality", paths({"criticality"}), "AllergyIntolerance.criticality"),
         token("category", paths({"category"}), "AllergyIntolerance.category"),
         token("code", paths({"code.coding"}), "the substance: system|code"),
         reference("patient", paths({"patient"}), "Patient", "AllergyIntolerance.patient")});
    // A tablet's audit trail in runs of entries; the subtype names the run (conditional creates).
    table.insert(QStringLiteral("AuditEvent"),
                 {token("subtype", paths({"subtype"}), "AuditEvent.subtype: system|code"),
                  token("type", paths({"type"}), "AuditEvent.type: system|code")});
    return table;
}

const QHash<QString, QList<SearchParameter>> &table()
{
    static const QHash<QString, QList<SearchParameter>> instance = buildTable();
    return instance;
}

} // namespace

const QStringList &supportedTypes()
{
    static const QStringList types = {QStringLiteral("Patient"),
                                      QStringLiteral("Encounter"),
                                      QStringLiteral("Location"),
                                      QStringLiteral("Observation"),
                                      QStringLiteral("MedicationRequest"),
                                      QStringLiteral("MedicationAdministration"),
                                      QStringLiteral("Task"),
                                      QStringLiteral("AllergyIntolerance"),
                                      QStringLiteral("AuditEvent")};
    return types;
}

bool isSupportedType(const QString &type)
{
    return table().contains(type);
}

const QList<SearchParameter> &searchParameters(const QString &type)
{
    static const QList<SearchParameter> none;
    const auto it = table().constFind(type);
    return it == table().constEnd() ? none : *it;
}

const SearchParameter *findSearchParameter(const QString &type, const QString &name)
{
    for (const SearchParameter &parameter : searchParameters(type)) {
        if (parameter.name == name)
            return &parameter;
    }
    return nullptr;
}

} // namespace chevet::dpi
