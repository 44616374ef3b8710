// Broken FHIR JSON is refused with an error naming the element, and never crashes a mapping. A status
// outside the model's value set is not broken: it reads as Unknown (sync-audit §5, tst_fhirstatuses).
#include "fhir/resources.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace chevet;
using namespace chevet::fhir;

namespace {

enum class Reader { Patient, Observation, Note, Request, Administration, Task, Encounter, Allergy };

const QMap<QString, Reader> kFiles = {
    {QStringLiteral("patient.json"), Reader::Patient},
    {QStringLiteral("observation-bp.json"), Reader::Observation},
    {QStringLiteral("observation-acvpu.json"), Reader::Observation},
    {QStringLiteral("observation-news2.json"), Reader::Observation},
    {QStringLiteral("observation-spo2.json"), Reader::Observation},
    {QStringLiteral("note.json"), Reader::Note},
    {QStringLiteral("medicationrequest.json"), Reader::Request},
    {QStringLiteral("administration-given.json"), Reader::Administration},
    {QStringLiteral("administration-notdone.json"), Reader::Administration},
    {QStringLiteral("task-completed.json"), Reader::Task},
    {QStringLiteral("encounter.json"), Reader::Encounter},
    {QStringLiteral("allergyintolerance.json"), Reader::Allergy},
};

template<typename T> std::optional<Error> errorOf(const Result<T> &result)
{
    return result.ok() ? std::nullopt : std::optional<Error>(result.error());
}

std::optional<Error> read(Reader reader, const QJsonObject &json)
{
    References refs;
    switch (reader) {
    case Reader::Patient:
        return errorOf(patientFromFhir(json));
    case Reader::Observation:
        return errorOf(observationFromFhir(json, &refs));
    case Reader::Note:
        return errorOf(noteFromFhir(json, &refs));
    case Reader::Request:
        return errorOf(requestFromFhir(json, &refs));
    case Reader::Administration:
        return errorOf(administrationFromFhir(json, &refs));
    case Reader::Task:
        return errorOf(taskFromFhir(json, &refs));
    case Reader::Encounter:
        return errorOf(encounterFromFhir(json, &refs));
    case Reader::Allergy:
        return errorOf(allergyFromFhir(json, &refs));
    }
    return std::nullopt;
}

QJsonObject load(const QString &file)
{
    QFile f(QStringLiteral(CHEVET_TEST_DATA "/fhir/") + file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Sets (or, with no value, removes) the element at a dotted path; numeric segments index arrays.
QJsonValue edit(const QJsonValue &node, QStringList path, const std::optional<QJsonValue> &value)
{
    const QString head = path.takeFirst();
    bool isIndex = false;
    const int index = head.toInt(&isIndex);
    if (isIndex) {
        QJsonArray array = node.toArray();
        if (path.isEmpty()) {
            if (value)
                array.replace(index, *value);
            else
                array.removeAt(index);
        } else {
            array.replace(index, edit(array.at(index), path, value));
        }
        return array;
    }
    QJsonObject object = node.toObject();
    if (path.isEmpty()) {
        if (value)
            object.insert(head, *value);
        else
            object.remove(head);
    } else {
        object.insert(head, edit(object.value(head), path, value));
    }
    return object;
}

QJsonObject edited(const QJsonObject &json, const QString &path, const std::optional<QJsonValue> &value)
{
    return edit(json, path.split(QLatin1Char('.')), value).toObject();
}

// Every element path of a document, leaves and containers alike.
void collectPaths(const QJsonValue &node, const QString &prefix, QStringList *out)
{
    if (!prefix.isEmpty())
        out->append(prefix);
    const QString dot = prefix.isEmpty() ? QString() : prefix + QLatin1Char('.');
    if (node.isObject()) {
        const QJsonObject o = node.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            collectPaths(it.value(), dot + it.key(), out);
    } else if (node.isArray()) {
        const QJsonArray a = node.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            collectPaths(a.at(i), dot + QString::number(i), out);
    }
}

using Edit = std::optional<QJsonValue>;
const Edit kRemove = std::nullopt;

} // namespace

class TestFhirMalformed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusedWithThePath_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("path");
        QTest::addColumn<Edit>("value");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const char *file, const char *path, const Edit &value,
                      const char *expected) {
            QTest::newRow(name) << QString::fromLatin1(file) << QString::fromLatin1(path) << value
                                << QString::fromLatin1(expected);
        };
        const QJsonValue yes = QStringLiteral("yes");

        row("obs wrong resourceType", "observation-bp.json", "resourceType", QStringLiteral("Patient"),
            "Observation.resourceType: expected \"Observation\"");
        row("obs no resourceType", "observation-bp.json", "resourceType", kRemove,
            "Observation.resourceType");
        row("obs no status", "observation-bp.json", "status", kRemove,
            "Observation.status: required element missing");
        row("obs null status", "observation-bp.json", "status", QJsonValue(QJsonValue::Null),
            "Observation.status: required element missing");
        row("obs status a number", "observation-bp.json", "status", 3,
            "Observation.status: expected a string");
        row("obs no code", "observation-bp.json", "code", kRemove,
            "Observation.code: required element missing");
        row("obs unknown code", "observation-news2.json", "code.coding.0.code", QStringLiteral("12345-6"),
            "Observation.code: no vital-sign coding");
        row("obs coding not an array", "observation-news2.json", "code.coding", QJsonObject(),
            "Observation.code.coding: expected an array");
        row("bp value a string", "observation-bp.json", "component.1.valueQuantity.value",
            QStringLiteral("82"), "Observation.component[1].valueQuantity.value: expected a number");
        row("bp value missing", "observation-bp.json", "component.1.valueQuantity.value", kRemove,
            "Observation.component[1].valueQuantity.value: required element missing");
        row("bp no systolic", "observation-bp.json", "component.0", kRemove,
            "Observation.component: no systolic");
        row("bp component not an array", "observation-bp.json", "component", QJsonObject(),
            "Observation.component: expected an array");
        row("bp component item a number", "observation-bp.json", "component.0", 5,
            "Observation.component[0]: expected an object");
        row("bp in cm[Hg]", "observation-bp.json", "component.0.valueQuantity.code", QStringLiteral("cm[Hg]"),
            "Observation.component[0].valueQuantity.code: expected UCUM unit \"mm[Hg]\"");
        row("news2 no value", "observation-news2.json", "valueQuantity", kRemove,
            "Observation.valueQuantity: required element missing");
        row("news2 value an object", "observation-news2.json", "valueQuantity", QJsonArray(),
            "Observation.valueQuantity: expected an object");
        row("spo2 wrong unit", "observation-spo2.json", "valueQuantity.code", QStringLiteral("1"),
            "Observation.valueQuantity.code: expected UCUM unit \"%\"");
        row("spo2 not UCUM", "observation-spo2.json", "valueQuantity.system",
            QStringLiteral("http://example.org/units"), "Observation.valueQuantity.system: expected UCUM");
        row("spo2 scale 3", "observation-spo2.json", "extension.2.valueInteger", 3,
            "Observation.extension[2].valueInteger: expected SpO2 scale 1 or 2");
        row("spo2 scale fractional", "observation-spo2.json", "extension.2.valueInteger", 1.5,
            "Observation.extension[2].valueInteger: expected an integer");
        row("spo2 oxygen not boolean", "observation-spo2.json", "extension.1.valueBoolean", yes,
            "Observation.extension[1].valueBoolean: expected a boolean");
        row("extension without url", "observation-spo2.json", "extension.1.url", kRemove,
            "Observation.extension[1].url: required element missing");
        row("panel not a urn", "observation-bp.json", "extension.0.valueString", QStringLiteral("entry-12"),
            "Observation.extension[0].valueString: expected urn:uuid:");
        row("effective impossible date", "observation-bp.json", "effectiveDateTime",
            QStringLiteral("2024-13-05T08:30:00Z"), "Observation.effectiveDateTime: expected a dateTime");
        row("effective without zone", "observation-bp.json", "effectiveDateTime",
            QStringLiteral("2024-03-05T08:30:00"), "Observation.effectiveDateTime: expected a dateTime");
        row("effective date only", "observation-bp.json", "effectiveDateTime", QStringLiteral("2024-03-05"),
            "Observation.effectiveDateTime: expected a dateTime");
        row("effective missing", "observation-bp.json", "effectiveDateTime", kRemove,
            "Observation.effectiveDateTime: required element missing");
        row("issued partial", "observation-bp.json", "issued", QStringLiteral("2024-03"),
            "Observation.issued");
        row("lastUpdated garbage", "observation-bp.json", "meta.lastUpdated", QStringLiteral("yesterday"),
            "Observation.meta.lastUpdated");
        row("meta not an object", "observation-bp.json", "meta", QStringLiteral("v2"),
            "Observation.meta: expected an object");
        row("performer not an array", "observation-bp.json", "performer", QJsonObject(),
            "Observation.performer: expected an array");
        row("identifier item a string", "observation-bp.json", "identifier.0", QStringLiteral("x"),
            "Observation.identifier[0]: expected an object");
        row("subject reference a number", "observation-bp.json", "subject.reference", 1,
            "Observation.subject.reference: expected a string");
        row("acvpu unknown level", "observation-acvpu.json", "valueCodeableConcept",
            QJsonObject{{QLatin1String("text"), QStringLiteral("X")}},
            "Observation.valueCodeableConcept: not an ACVPU level");
        row("acvpu without value", "observation-acvpu.json", "valueCodeableConcept", kRemove,
            "Observation.valueCodeableConcept: required element missing");
        row("note text in a component is a number", "note.json", "component.2.valueString", 7,
            "Observation.component[2].valueString: expected a string");
        row("note unknown section", "note.json", "component.1.code.coding.0.code",
            QStringLiteral("evaluation"), "Observation.component[1].code: unknown section");
        row("note not a note", "note.json", "code.coding.0.code", QStringLiteral("8867-4"),
            "Observation.code: expected LOINC 34746-8");
        row("patient wrong type", "patient.json", "resourceType", QStringLiteral("Practitioner"),
            "Patient.resourceType");
        row("patient gender F", "patient.json", "gender", QStringLiteral("F"),
            "Patient.gender: unknown code");
        row("patient birth year only", "patient.json", "birthDate", QStringLiteral("1980"),
            "Patient.birthDate: expected a full date");
        row("patient given a string", "patient.json", "name.0.given", QStringLiteral("Jeanne"),
            "Patient.name[0].given: expected an array");
        row("patient given item a number", "patient.json", "name.0.given.0", 1,
            "Patient.name[0].given[0]: expected a string");
        row("patient identifier system a number", "patient.json", "identifier.1.system", 42,
            "Patient.identifier[1].system: expected a string");
        row("patient identifiers an object", "patient.json", "identifier", QJsonObject(),
            "Patient.identifier: expected an array");
        row("request no intent", "medicationrequest.json", "intent", kRemove,
            "MedicationRequest.intent: required element missing");
        row("request no medication", "medicationrequest.json", "medicationCodeableConcept", kRemove,
            "MedicationRequest.medicationCodeableConcept: required element missing");
        row("request bad slot", "medicationrequest.json", "dosageInstruction.0.timing.event.1",
            QStringLiteral("14:00"),
            "MedicationRequest.dosageInstruction[0].timing.event[1]: expected a dateTime");
        row("request slot a number", "medicationrequest.json", "dosageInstruction.0.timing.event.1", 1400,
            "MedicationRequest.dosageInstruction[0].timing.event[1]: expected a string");
        row("request dose without value", "medicationrequest.json",
            "dosageInstruction.0.doseAndRate.0.doseQuantity.value", kRemove,
            "MedicationRequest.dosageInstruction[0].doseAndRate[0].doseQuantity.value: required element "
            "missing");
        row("request dose without unit", "medicationrequest.json",
            "dosageInstruction.0.doseAndRate.0.doseQuantity", QJsonObject{{QLatin1String("value"), 1}},
            "MedicationRequest.dosageInstruction[0].doseAndRate[0].doseQuantity.code: required element "
            "missing");
        row("administration bad slot", "administration-given.json", "extension.0.valueDateTime",
            QStringLiteral("2024-03-05T08:00"),
            "MedicationAdministration.extension[0].valueDateTime: expected a dateTime");
        row("administration slot missing", "administration-given.json", "extension.0.valueDateTime", kRemove,
            "MedicationAdministration.extension[0].valueDateTime: required element missing");
        row("administration no time", "administration-given.json", "effectiveDateTime", kRemove,
            "MedicationAdministration.effectiveDateTime: required element missing");
        row("administration dose a string", "administration-given.json", "dosage.dose.value",
            QStringLiteral("1"), "MedicationAdministration.dosage.dose.value: expected a number");
        row("administration performer without actor", "administration-given.json", "performer.0",
            QJsonObject(), "MedicationAdministration.performer[0].actor: required element missing");
        row("administration reason not an array", "administration-notdone.json", "statusReason",
            QStringLiteral("bloc"), "MedicationAdministration.statusReason: expected an array");
        row("task bad end", "task-completed.json", "executionPeriod.end",
            QStringLiteral("2024-03-05T25:00:00Z"), "Task.executionPeriod.end: expected a dateTime");
        row("task for a string", "task-completed.json", "for", QStringLiteral("Patient/pat-1"),
            "Task.for: expected an object");
        row("task description an array", "task-completed.json", "description", QJsonArray(),
            "Task.description: expected a string");
        row("encounter location without location", "encounter.json", "location.0.location", kRemove,
            "Encounter.location[0].location: required element missing");
        row("encounter start a number", "encounter.json", "period.start", 1709302800000.0,
            "Encounter.period.start: expected a string");
        row("encounter zone out of range", "encounter.json", "period.start",
            QStringLiteral("2024-03-01T14:20:00+15:00"), "Encounter.period.start: expected a dateTime");
        row("allergy without substance", "allergyintolerance.json", "code", kRemove,
            "AllergyIntolerance.code: required element missing");
        row("allergy substance without code or text", "allergyintolerance.json", "code",
            QJsonObject{
                {QStringLiteral("coding"), QJsonArray{QJsonObject{{QStringLiteral("display"), yes}}}}},
            "AllergyIntolerance.code: expected a coded or a text substance");
        row("allergy patient a string", "allergyintolerance.json", "patient", QStringLiteral("Patient/pat-1"),
            "AllergyIntolerance.patient: expected an object");
        row("allergy bad recorded date", "allergyintolerance.json", "recordedDate", QStringLiteral("2023-11"),
            "AllergyIntolerance.recordedDate: expected a dateTime");
    }

    void refusedWithThePath()
    {
        QFETCH(QString, file);
        QFETCH(QString, path);
        QFETCH(Edit, value);
        QFETCH(QString, expected);
        const QJsonObject json = edited(load(file), path, value);
        const std::optional<Error> error = read(kFiles.value(file), json);
        QVERIFY2(error, "accepted");
        QCOMPARE(error->domain, ErrorDomain::Fhir);
        QCOMPARE(error->code, ErrorCode(FhirReadError::Malformed));
        QVERIFY2(error->message.startsWith(expected), qPrintable(error->message));
    }

    void emptyObjectsAreRefused()
    {
        for (Reader reader : {Reader::Patient, Reader::Observation, Reader::Note, Reader::Request,
                              Reader::Administration, Reader::Task, Reader::Encounter, Reader::Allergy}) {
            const std::optional<Error> error = read(reader, QJsonObject());
            QVERIFY(error);
            QVERIFY2(error->message.contains(QLatin1String(".resourceType: ")), qPrintable(error->message));
        }
    }

    void noteWithoutTextIsRefused()
    {
        const QJsonObject json =
            edited(edited(load(QStringLiteral("note.json")), QStringLiteral("component"), kRemove),
                   QStringLiteral("valueString"), kRemove);
        const std::optional<Error> error = read(Reader::Note, json);
        QVERIFY(error);
        QVERIFY2(
            error->message.startsWith(QLatin1String("Observation.valueString: required element missing")),
            qPrintable(error->message));
    }

    // Every element of every reference file replaced by every kind of JSON value: each read either
    // succeeds or fails with a malformed error that names an element of the resource.
    void neverCrashes_data()
    {
        QTest::addColumn<QString>("file");
        for (auto it = kFiles.begin(); it != kFiles.end(); ++it)
            QTest::newRow(qPrintable(it.key())) << it.key();
    }

    void neverCrashes()
    {
        QFETCH(QString, file);
        const QJsonObject original = load(file);
        const QString type = original.value(QLatin1String("resourceType")).toString();
        QStringList paths;
        collectPaths(original, QString(), &paths);
        const QList<Edit> values = {kRemove,
                                    QJsonValue(QJsonValue::Null),
                                    0,
                                    -1.5,
                                    QString(),
                                    QStringLiteral("x"),
                                    true,
                                    QJsonArray(),
                                    QJsonArray{1, QStringLiteral("y")},
                                    QJsonObject(),
                                    QJsonObject{{QLatin1String("a"), 1}}};
        int refused = 0;
        for (const QString &path : std::as_const(paths)) {
            for (const Edit &value : values) {
                const std::optional<Error> error = read(kFiles.value(file), edited(original, path, value));
                if (!error)
                    continue;
                ++refused;
                QVERIFY2(error->code == FhirReadError::Malformed &&
                             error->message.startsWith(type + QLatin1Char('.')),
                         qPrintable(path + QStringLiteral(" -> ") + error->message));
            }
        }
        QVERIFY(refused > 0);
    }
};

QTEST_GUILESS_MAIN(TestFhirMalformed)
#include "tst_fhirmalformed.moc"
