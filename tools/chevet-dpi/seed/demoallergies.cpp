#include "demoallergies.h"

#include "seedjson.h"

namespace chevet::dpi::seed {

namespace {

enum class Coding { Atc, Snomed, Text };

struct Allergen
{
    Coding coding;
    const char *code; // empty for free text
    const char *display;
    const char *category;
};

// Indices into allergens() below.
enum Substance {
    Penicillins,
    IodinatedContrast,
    Latex,
    Nsaids,
    Sulfonamides,
    Morphine,
    Chlorhexidine,
    AdhesiveTape,
    Peanut,
    Seafood,
    GrassPollen,
    Amoxicillin,
    NoKnownAllergy,
};

const QList<Allergen> &allergens()
{
    static const QList<Allergen> list = {
        {Coding::Atc, "J01C", "Pénicillines", "medication"},
        {Coding::Atc, "V08A", "Produits de contraste iodés", "medication"},
        {Coding::Snomed, "111088007", "Latex", "environment"},
        {Coding::Atc, "M01A", "Anti-inflammatoires non stéroïdiens (AINS)", "medication"},
        {Coding::Atc, "J01E", "Sulfamides", "medication"},
        {Coding::Atc, "N02AA01", "Morphine", "medication"},
        {Coding::Atc, "D08AC02", "Chlorhexidine", "medication"},
        {Coding::Text, "", "Sparadrap (adhésif acrylique)", "environment"},
        {Coding::Text, "", "Arachide", "food"},
        {Coding::Text, "", "Fruits de mer", "food"},
        {Coding::Text, "", "Pollens de graminées", "environment"},
        {Coding::Atc, "J01CA04", "Amoxicilline", "medication"},
        {Coding::Snomed, "716186003", "Pas d'allergie connue", nullptr},
    };
    return list;
}

struct Entry
{
    int patient;
    Substance substance;
    const char *clinical;     // nullptr: none (entered in error)
    const char *verification; // unconfirmed, confirmed, refuted
    const char *criticality;  // nullptr: not stated
    const char *reaction;     // nullptr: none recorded
    int recordedDaysAgo;
};

// Patients not listed have no allergy recorded at all (which is not the same as "no known allergy").
const QList<Entry> &entries()
{
    static const QList<Entry> list = {
        {1, Penicillins, "active", "confirmed", "high", "Œdème de Quincke", 3650},
        {2, NoKnownAllergy, "active", "confirmed", nullptr, nullptr, 2},
        {3, IodinatedContrast, "active", "confirmed", "high", "Urticaire généralisée, hypotension", 900},
        {4, Latex, "active", "confirmed", "low", "Eczéma de contact", 1200},
        {6, Peanut, "active", "confirmed", "high", "Œdème de Quincke", 5000},
        {6, Nsaids, "active", "unconfirmed", "low", "Urticaire", 30},
        {7, NoKnownAllergy, "active", "confirmed", nullptr, nullptr, 1},
        {9, AdhesiveTape, "active", "confirmed", "low", "Irritation cutanée", 400},
        {10, IodinatedContrast, "active", "unconfirmed", "unable-to-assess", "Bouffées de chaleur, prurit",
         60},
        {11, Morphine, "active", "confirmed", "low", "Nausées, vomissements", 700},
        {12, NoKnownAllergy, "active", "unconfirmed", nullptr, nullptr, 1},
        {13, Amoxicillin, "resolved", "refuted", "low", "Éruption cutanée (test de réintroduction négatif)",
         200},
        {15, Sulfonamides, "active", "confirmed", "high", "Syndrome de Lyell", 4000},
        {15, Latex, "active", "unconfirmed", "low", "Prurit", 90},
        {17, Chlorhexidine, "active", "confirmed", "high", "Choc anaphylactique peropératoire", 1500},
        {18, NoKnownAllergy, "active", "confirmed", nullptr, nullptr, 3},
        {19, Nsaids, "active", "confirmed", "high", "Bronchospasme", 2500},
        {21, Penicillins, "active", "confirmed", "low", "Éruption maculo-papuleuse", 6000},
        {22, Seafood, "active", "confirmed", "low", "Urticaire", 800},
        {24, IodinatedContrast, "active", "confirmed", "high", "Choc anaphylactique", 1100},
        {24, GrassPollen, "inactive", "confirmed", "low", "Rhinite saisonnière", 3000},
        {25, Penicillins, "active", "confirmed", "high", "Choc anaphylactique", 7000},
        {26, NoKnownAllergy, "active", "confirmed", nullptr, nullptr, 10},
        {28, Latex, "active", "confirmed", "high", "Choc anaphylactique", 2000},
        {29, AdhesiveTape, "active", "confirmed", "low", "Phlyctènes", 150},
        {30, Morphine, "active", "unconfirmed", "low", "Confusion, somnolence", 45},
    };
    return list;
}

QJsonObject substanceConcept(const Allergen &allergen)
{
    switch (allergen.coding) {
    case Coding::Atc:
        return codeableConcept(coding("http://www.whocc.no/atc", allergen.code, allergen.display),
                               utf8(allergen.display));
    case Coding::Snomed:
        return codeableConcept(coding("http://snomed.info/sct", allergen.code, allergen.display),
                               utf8(allergen.display));
    case Coding::Text:
        break;
    }
    return QJsonObject{{QStringLiteral("text"), utf8(allergen.display)}};
}

QJsonObject allergyResource(const OrderContext &context, const Entry &entry, const QString &id)
{
    const Allergen &allergen = allergens().at(entry.substance);
    QJsonObject resource{
        {QStringLiteral("resourceType"), QStringLiteral("AllergyIntolerance")},
        {QStringLiteral("id"), id},
        {QStringLiteral("identifier"),
         QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("urn:oid:2.999.250.1.8")},
                                {QStringLiteral("value"), id.toUpper()}}}},
        {QStringLiteral("verificationStatus"),
         codeableConcept(coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                                entry.verification, entry.verification))},
        {QStringLiteral("code"), substanceConcept(allergen)},
        {QStringLiteral("patient"), reference(context.patient)},
        {QStringLiteral("recordedDate"),
         localDateTime(context.today.addDays(-entry.recordedDaysAgo), QTime(10, 30))}};
    if (entry.clinical) {
        resource.insert(
            QStringLiteral("clinicalStatus"),
            codeableConcept(coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                                   entry.clinical, entry.clinical)));
    }
    if (allergen.category)
        resource.insert(QStringLiteral("category"), QJsonArray{utf8(allergen.category)});
    if (entry.criticality)
        resource.insert(QStringLiteral("criticality"), utf8(entry.criticality));
    if (entry.reaction) {
        resource.insert(QStringLiteral("reaction"),
                        QJsonArray{QJsonObject{
                            {QStringLiteral("manifestation"),
                             QJsonArray{QJsonObject{{QStringLiteral("text"), utf8(entry.reaction)}}}}}});
    }
    return resource;
}

} // namespace

QList<QJsonObject> demoAllergies(const OrderContext &context, int number)
{
    QList<QJsonObject> out;
    int item = 0;
    for (const Entry &entry : entries()) {
        if (entry.patient != number)
            continue;
        const QString id = QStringLiteral("allergy-%1-%2").arg(number, 3, 10, QLatin1Char('0')).arg(++item);
        out.append(allergyResource(context, entry, id));
    }
    return out;
}

} // namespace chevet::dpi::seed
