#include "commands.h"
#include "jsonview.h"
#include "model/patient.h"
#include "output.h"
#include "session.h"
#include "store/encounterrepository.h"
#include "store/patientrepository.h"

#include <QJsonArray>

namespace chevet::cli {

int runPatientAdd(const Arguments &args)
{
    const QStringList known =
        kStoreOptions + QStringList{QStringLiteral("ipp"),   QStringLiteral("family"),
                                    QStringLiteral("given"), QStringLiteral("birth"),
                                    QStringLiteral("ins"),   QStringLiteral("ins-system"),
                                    QStringLiteral("sex")};
    if (const QStringList unknown = args.unknown(known); !unknown.isEmpty())
        return usageError(QStringLiteral("patient add: unknown option --%1").arg(unknown.first()));
    for (const char *required : {"ipp", "family", "given", "birth"}) {
        if (!args.has(QString::fromLatin1(required)))
            return usageError(QStringLiteral("patient add: --%1 is required").arg(QLatin1String(required)));
    }
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;

    Patient patient;
    patient.family = args.value(QStringLiteral("family"));
    patient.given = args.value(QStringLiteral("given"));
    patient.birthDate = QDate::fromString(args.value(QStringLiteral("birth")), Qt::ISODate);
    if (args.has(QStringLiteral("sex"))) {
        const std::optional<Sex> sex = sexFromKey(args.value(QStringLiteral("sex")));
        if (!sex)
            return usageError(QStringLiteral("patient add: --sex must be female, male, other or unknown"));
        patient.sex = *sex;
    }
    patient.identifiers.append(PatientIdentifier{IdentifierKind::Ipp, store.establishment(),
                                                 args.value(QStringLiteral("ipp")), false});
    if (args.has(QStringLiteral("ins"))) {
        // Synthetic and demo data must use the test INS system; a real NIR needs an explicit system.
        const QString system = args.has(QStringLiteral("ins-system"))
                                   ? args.value(QStringLiteral("ins-system"))
                                   : QString::fromLatin1(kInsNirTestSystem);
        patient.identifiers.append(
            PatientIdentifier{IdentifierKind::Ins, system, args.value(QStringLiteral("ins")), false});
    }
    Result<Patient> added = store.patients().add(patient);
    if (!added)
        return fail(added.error());
    return printJson(toJson(*added));
}

int runPatients(const Arguments &args)
{
    if (const QStringList unknown = args.unknown(kStoreOptions); !unknown.isEmpty())
        return usageError(QStringLiteral("patients: unknown option --%1").arg(unknown.first()));
    Result<std::unique_ptr<Store>> opened = openStore(args);
    if (!opened)
        return fail(opened.error());
    Store &store = **opened;
    Result<QList<Patient>> patients = store.patients().all();
    if (!patients)
        return fail(patients.error());
    QJsonArray list;
    for (const Patient &p : std::as_const(*patients)) {
        QJsonObject item = toJson(p);
        if (const std::optional<PatientIdentifier> ipp = p.ipp(store.establishment()))
            item.insert(QStringLiteral("ipp"), ipp->value);
        if (!p.serverId.isEmpty())
            item.insert(QStringLiteral("dpiId"), p.serverId);
        Result<std::optional<Encounter>> stay = store.encounters().current(p.id);
        if (stay && *stay) {
            item.insert(QStringLiteral("stay"), QJsonObject{{QStringLiteral("unit"), (*stay)->unit},
                                                            {QStringLiteral("room"), (*stay)->room},
                                                            {QStringLiteral("bed"), (*stay)->bed}});
        }
        list.append(item);
    }
    return printJson(QJsonObject{{QStringLiteral("patients"), list}});
}

} // namespace chevet::cli
