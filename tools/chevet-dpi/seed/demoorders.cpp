#include "demoorders.h"

#include "seedjson.h"

#include <cmath>

namespace chevet::dpi::seed {

namespace {

enum class Route { Oral, Subcutaneous, Intravenous };

struct Drug
{
    const char *text;
    const char *atc;
    const char *atcDisplay;
    double dose;
    const char *unit; // UCUM
    const char *doseText;
    Route route;
    QList<int> hours; // local dose slots
};

const QList<Drug> &catalogue()
{
    static const QList<Drug> drugs = {
        {"Paracétamol 1 g, comprimé", "N02BE01", "paracetamol", 1, "g", "1 g", Route::Oral, {8, 14, 20}},
        {"Énoxaparine 4000 UI anti-Xa/0,4 mL, solution injectable",
         "B01AB05",
         "enoxaparin",
         4000,
         "[IU]",
         "4000 UI",
         Route::Subcutaneous,
         {20}},
        {"Furosémide 40 mg, comprimé", "C03CA01", "furosemide", 40, "mg", "40 mg", Route::Oral, {8}},
        {"Amoxicilline 1 g, poudre pour solution injectable",
         "J01CA04",
         "amoxicillin",
         1,
         "g",
         "1 g",
         Route::Intravenous,
         {8, 14, 22}},
        {"Bisoprolol 2,5 mg, comprimé", "C07AB07", "bisoprolol", 2.5, "mg", "2,5 mg", Route::Oral, {8}},
        {"Atorvastatine 40 mg, comprimé", "C10AA05", "atorvastatin", 40, "mg", "40 mg", Route::Oral, {20}},
        {"Pantoprazole 40 mg, comprimé gastro-résistant",
         "A02BC02",
         "pantoprazole",
         40,
         "mg",
         "40 mg",
         Route::Oral,
         {8}},
        {"Ramipril 5 mg, comprimé", "C09AA05", "ramipril", 5, "mg", "5 mg", Route::Oral, {8}},
        {"Acide acétylsalicylique 75 mg, poudre pour solution buvable",
         "B01AC06",
         "acetylsalicylic acid",
         75,
         "mg",
         "75 mg",
         Route::Oral,
         {12}},
        {"Amiodarone 200 mg, comprimé", "C01BD01", "amiodarone", 200, "mg", "200 mg", Route::Oral, {12}},
        {"Spironolactone 25 mg, comprimé", "C03DA01", "spironolactone", 25, "mg", "25 mg", Route::Oral, {8}},
        {"Furosémide 20 mg/2 mL, solution injectable",
         "C03CA01",
         "furosemide",
         20,
         "mg",
         "20 mg",
         Route::Intravenous,
         {8, 18}},
    };
    return drugs;
}

struct CareTask
{
    const char *code;
    const char *text;
    const char *description;
    int hour;
    int minute;
};

const QList<CareTask> &careTasks()
{
    static const QList<CareTask> tasks = {
        {"pansement", "Réfection du pansement",
         "Pansement du point de ponction fémoral, surveiller l'hématome", 10, 0},
        {"diurese", "Surveillance de la diurèse", "Diurèse des 24 h, noter le volume à 6 h", 6, 0},
        {"prelevement", "Prélèvement sanguin", "NFS, ionogramme, créatininémie, BNP", 7, 0},
        {"glycemie", "Glycémie capillaire", "Avant le repas de midi", 11, 30},
        {"pesee", "Pesée", "Poids du matin, à jeun, même balance", 7, 30},
        {"ecg", "ECG de contrôle", "ECG 12 dérivations, à transmettre au cardiologue", 9, 0},
        {"contention", "Pose de bas de contention", "Bas de classe 2, avant le lever", 8, 30},
    };
    return tasks;
}

QJsonObject routeConcept(Route route)
{
    switch (route) {
    case Route::Subcutaneous:
        return codeableConcept(coding("http://snomed.info/sct", "34206005", "Subcutaneous route"),
                               utf8("voie sous-cutanée"));
    case Route::Intravenous:
        return codeableConcept(coding("http://snomed.info/sct", "47625008", "Intravenous route"),
                               utf8("voie intraveineuse"));
    case Route::Oral:
        break;
    }
    return codeableConcept(coding("http://snomed.info/sct", "26643006", "Oral route"), utf8("voie orale"));
}

QString routeAbbreviation(Route route)
{
    switch (route) {
    case Route::Subcutaneous:
        return QStringLiteral("SC");
    case Route::Intravenous:
        return QStringLiteral("IV");
    case Route::Oral:
        break;
    }
    return QStringLiteral("PO");
}

QJsonObject vital(const OrderContext &context, const QString &id, const char *loinc, const char *display,
                  const char *text, const QDateTime &when)
{
    return {{QStringLiteral("resourceType"), QStringLiteral("Observation")},
            {QStringLiteral("id"), id},
            {QStringLiteral("status"), QStringLiteral("final")},
            {QStringLiteral("category"),
             QJsonArray{codeableConcept(coding("http://terminology.hl7.org/CodeSystem/observation-category",
                                               "vital-signs", "Vital Signs"))}},
            {QStringLiteral("code"), codeableConcept(coding("http://loinc.org", loinc, display), utf8(text))},
            {QStringLiteral("subject"), reference(context.patient)},
            {QStringLiteral("encounter"), reference(context.encounter)},
            {QStringLiteral("effectiveDateTime"), localDateTime(when.date(), when.time())}};
}

double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace

qsizetype medicationCount()
{
    return catalogue().size();
}

qsizetype careTaskCount()
{
    return careTasks().size();
}

QJsonObject medicationRequest(const OrderContext &context, qsizetype drugIndex, const QString &id)
{
    const Drug &drug = catalogue().at(drugIndex);
    QJsonArray events;
    QStringList times;
    for (const QDate &day : {context.today, context.today.addDays(1)}) {
        for (int hour : drug.hours)
            events.append(localDateTime(day, QTime(hour, 0)));
    }
    for (int hour : drug.hours)
        times.append(QStringLiteral("%1h").arg(hour));
    const QJsonObject dosage{
        {QStringLiteral("text"),
         QStringLiteral("%1 %2 à %3")
             .arg(utf8(drug.doseText), routeAbbreviation(drug.route), times.join(QLatin1String(", ")))},
        {QStringLiteral("timing"), QJsonObject{{QStringLiteral("event"), events}}},
        {QStringLiteral("route"), routeConcept(drug.route)},
        {QStringLiteral("doseAndRate"),
         QJsonArray{
             QJsonObject{{QStringLiteral("type"),
                          codeableConcept(coding("http://terminology.hl7.org/CodeSystem/dose-rate-type",
                                                 "ordered", "Ordered"))},
                         {QStringLiteral("doseQuantity"), quantity(drug.dose, drug.unit)}}}}};
    return {{QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
            {QStringLiteral("id"), id},
            {QStringLiteral("identifier"),
             QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("urn:oid:2.999.250.1.4")},
                                    {QStringLiteral("value"), id.toUpper()}}}},
            {QStringLiteral("status"), QStringLiteral("active")},
            {QStringLiteral("intent"), QStringLiteral("order")},
            {QStringLiteral("medicationCodeableConcept"),
             codeableConcept(coding("http://www.whocc.no/atc", drug.atc, drug.atcDisplay), utf8(drug.text))},
            {QStringLiteral("subject"), reference(context.patient)},
            {QStringLiteral("encounter"), reference(context.encounter)},
            {QStringLiteral("authoredOn"), localDateTime(context.today.addDays(-1), QTime(16, 0))},
            {QStringLiteral("requester"),
             QJsonObject{{QStringLiteral("display"), QStringLiteral("Dr Claire Fontaine")}}},
            {QStringLiteral("dosageInstruction"), QJsonArray{dosage}}};
}

QJsonObject careTask(const OrderContext &context, qsizetype taskIndex, const QString &id)
{
    const CareTask &task = careTasks().at(taskIndex);
    return {{QStringLiteral("resourceType"), QStringLiteral("Task")},
            {QStringLiteral("id"), id},
            {QStringLiteral("identifier"),
             QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("urn:oid:2.999.250.1.6")},
                                    {QStringLiteral("value"), id.toUpper()}}}},
            {QStringLiteral("status"), QStringLiteral("requested")},
            {QStringLiteral("intent"), QStringLiteral("order")},
            {QStringLiteral("priority"), QStringLiteral("routine")},
            {QStringLiteral("code"),
             codeableConcept(coding("urn:oid:2.999.250.1.7", task.code, task.text), utf8(task.text))},
            {QStringLiteral("description"), utf8(task.description)},
            {QStringLiteral("for"), reference(context.patient)},
            {QStringLiteral("encounter"), reference(context.encounter)},
            {QStringLiteral("authoredOn"), localDateTime(context.today.addDays(-1), QTime(18, 0))},
            {QStringLiteral("executionPeriod"),
             QJsonObject{
                 {QStringLiteral("start"), localDateTime(context.today, QTime(task.hour, task.minute))}}}};
}

QList<QJsonObject> morningVitals(const OrderContext &context, const QString &idPrefix, double jitter)
{
    // Taken two hours ago, so they are recent whatever the time the demo starts.
    const QDateTime when = context.now.addSecs(-2 * 3600);
    QList<QJsonObject> out;

    QJsonObject pulse =
        vital(context, idPrefix + QStringLiteral("-hr"), "8867-4", "Heart rate", "Fréquence cardiaque", when);
    pulse.insert(QStringLiteral("valueQuantity"), quantity(std::round(62 + 40 * jitter), "/min"));
    out.append(pulse);

    QJsonObject spo2 = vital(context, idPrefix + QStringLiteral("-spo2"), "2708-6",
                             "Oxygen saturation in Arterial blood", "Saturation en oxygène", when);
    spo2.insert(QStringLiteral("valueQuantity"), quantity(std::round(99 - 7 * jitter), "%"));
    out.append(spo2);

    QJsonObject temperature =
        vital(context, idPrefix + QStringLiteral("-temp"), "8310-5", "Body temperature", "Température", when);
    temperature.insert(QStringLiteral("valueQuantity"), quantity(rounded(36.4 + 2.0 * jitter, 1), "Cel"));
    out.append(temperature);

    QJsonObject pressure =
        vital(context, idPrefix + QStringLiteral("-bp"), "85354-9",
              "Blood pressure panel with all children optional", "Pression artérielle", when);
    const auto component = [](const char *loinc, const char *display, double value) {
        return QJsonObject{
            {QStringLiteral("code"), codeableConcept(coding("http://loinc.org", loinc, display))},
            {QStringLiteral("valueQuantity"), quantity(value, "mm[Hg]")}};
    };
    pressure.insert(
        QStringLiteral("component"),
        QJsonArray{component("8480-6", "Systolic blood pressure", std::round(100 + 60 * jitter)),
                   component("8462-4", "Diastolic blood pressure", std::round(60 + 30 * jitter))});
    out.append(pressure);
    return out;
}

} // namespace chevet::dpi::seed
