#pragma once

// Loading a DPI with a ward's or a round's vitals for the sync benchmarks: the patients of a unit, and
// their bedside rounds built as the engine builds them.
#include "sync/recordmapper.h"
#include "syncbenchsupport.h"

#include <QDateTime>
#include <QJsonArray>

#include <set>

namespace chevet::bench {

inline constexpr qint64 kHourMs = 3600 * 1000;
// Loading bundles: larger than the engine's, since loading is not what is measured.
inline constexpr int kLoadBundle = 200;

inline QStringList wardPatients(MinimalClient &dpi, const QString &unit)
{
    const QJsonObject bundle =
        dpi.getJson(QStringLiteral("Encounter?location=Location/%1&status=in-progress&_count=500").arg(unit));
    std::set<QString> refs;
    for (const QJsonValue &entry : bundle.value(QLatin1String("entry")).toArray()) {
        const QString ref = entry.toObject()
                                .value(QLatin1String("resource"))
                                .toObject()
                                .value(QLatin1String("subject"))
                                .toObject()
                                .value(QLatin1String("reference"))
                                .toString();
        if (ref.startsWith(QLatin1String("Patient/")))
            refs.insert(ref);
    }
    return QStringList(refs.begin(), refs.end());
}

struct Loaded
{
    qint64 observations = 0;
    qint64 ns = 0;
};

// Every patient's rounds, newest first, ending an hour ago; sent as plain creates (the stand-in's
// conditional create scans every Observation it holds, which would make loading slow for nothing).
inline Loaded loadVitals(MinimalClient &dpi, const QStringList &patients, int rounds, int intervalHours)
{
    QElapsedTimer timer;
    timer.start();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<QByteArray> bundles;
    QList<fhir::BundleRequest> requests;
    Loaded loaded;
    int variant = 0;
    for (const QString &ref : patients) {
        for (int round = 0; round < rounds; ++round) {
            RecordMeta base;
            base.patientId = QUuid::createUuidV5(QUuid(), ref);
            base.author = QStringLiteral("ide-dpi");
            base.device = QStringLiteral("dpi-bench");
            base.clinicalTimeMs = now - kHourMs - qint64(round) * intervalHours * kHourMs;
            base.enteredTimeMs = base.clinicalTimeMs + 120000;
            Result<VitalsEntry> entry = buildVitalsEntry(fullRound(variant++), base);
            if (!entry)
                fail(QStringLiteral("vitals"), entry.error());
            for (const Observation &o : std::as_const(entry->observations)) {
                requests.append(fhir::BundleRequest{RecordMapper::entryUrlFor(o.meta.id),
                                                    fhir::observationToFhir(o, ref), QStringLiteral("POST"),
                                                    QStringLiteral("Observation"), QString(), QString()});
                ++loaded.observations;
                if (requests.size() == kLoadBundle) {
                    bundles.append(
                        QJsonDocument(fhir::makeTransaction(requests, true)).toJson(QJsonDocument::Compact));
                    requests.clear();
                }
            }
        }
    }
    if (!requests.isEmpty())
        bundles.append(QJsonDocument(fhir::makeTransaction(requests, true)).toJson(QJsonDocument::Compact));
    dpi.postAll(bundles);
    loaded.ns = timer.nsecsElapsed();
    return loaded;
}

} // namespace chevet::bench
