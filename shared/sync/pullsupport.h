#pragma once

// Small pieces both halves of the Puller use (fetching in puller.cpp, storing in pullerapply.cpp).
#include "store/database.h"
#include "store/recordtable.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace chevet::pull {

// The patient a resource belongs to, as written in it.
inline QString patientReferenceOf(const QJsonObject &resource)
{
    for (const char *element : {"subject", "patient", "for"}) {
        const QString ref =
            resource.value(QLatin1String(element)).toObject().value(QLatin1String("reference")).toString();
        if (!ref.isEmpty())
            return ref;
    }
    return {};
}

inline QString recordTypeFor(const QString &resourceType)
{
    if (resourceType == QLatin1String("Encounter"))
        return RecordType::Encounter;
    if (resourceType == QLatin1String("MedicationRequest"))
        return RecordType::MedicationRequest;
    if (resourceType == QLatin1String("Task"))
        return RecordType::Task;
    if (resourceType == QLatin1String("MedicationAdministration"))
        return RecordType::Administration;
    if (resourceType == QLatin1String("Patient"))
        return RecordType::Patient;
    if (resourceType == QLatin1String("AllergyIntolerance"))
        return RecordType::Allergy;
    return RecordType::Observation;
}

// A page of pulled resources is stored as one transaction, one durable commit instead of one per
// resource; the writes inside (records, conflicts, alerts) join it as savepoints. Only ever around local
// work: a page is applied once fetched and committed before the next request, so the write lock is never
// held while waiting on the DPI.
inline Status inOneTransaction(Database &db, const std::function<Status()> &work)
{
    Transaction tx(db);
    if (Status s = tx.begin(); !s)
        return s;
    if (Status s = work(); !s)
        return s;
    return tx.commit();
}

} // namespace chevet::pull
