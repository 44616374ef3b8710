#include "alertdetails.h"

#include "model/medication.h"
#include "store/alertlog.h"
#include "store/recordcodec.h"
#include "store/recordtable.h"
#include "store/store.h"
#include "store/storecontext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace chevet::app {

namespace {

QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("dd/MM 'à' HH:mm"));
}

QString doseText(const Dose &dose)
{
    if (dose.value <= 0)
        return {};
    return QLocale().toString(dose.value) + (dose.unit.isEmpty() ? QString() : QLatin1Char(' ') + dose.unit);
}

Result<QString> drugOf(Store &store, const QUuid &requestId)
{
    Result<std::optional<RecordRow>> row = store.context().records.find(requestId);
    if (!row)
        return row.error();
    if (!*row)
        return QCoreApplication::translate("AlertDetails", "prescription inconnue de la tablette");
    Result<MedicationRequest> request = requestFromRow(**row);
    if (!request)
        return request.error();
    return request->medicationDisplay.isEmpty() ? request->medicationCode : request->medicationDisplay;
}

Result<QString> describeRecord(Store &store, const QUuid &id)
{
    Result<std::optional<RecordRow>> row = store.context().records.find(id);
    if (!row)
        return row.error();
    if (!*row)
        return QCoreApplication::translate("AlertDetails",
                                           "un enregistrement qui n'est plus sur la tablette");
    if ((*row)->type == RecordType::Administration) {
        Result<MedicationAdministration> a = administrationFromRow(**row);
        if (!a)
            return a.error();
        Result<QString> drug = drugOf(store, a->requestId);
        if (!drug)
            return drug.error();
        const QString dose = doseText(a->dose);
        const QString what = dose.isEmpty() ? *drug : *drug + QStringLiteral(" ") + dose;
        const QString by = a->meta.author.isEmpty() ? QStringLiteral("?") : a->meta.author;
        if (a->status == AdministrationStatus::NotDone)
            return QCoreApplication::translate("AlertDetails", "%1 — non donné (%2), noté le %3 par %4")
                .arg(what, a->statusReason, when(a->meta.clinicalTimeMs), by);
        return QCoreApplication::translate("AlertDetails", "%1 — donné le %2 par %3")
            .arg(what, when(a->meta.clinicalTimeMs), by);
    }
    if ((*row)->type == RecordType::MedicationRequest) {
        Result<QString> drug = drugOf(store, id);
        if (!drug)
            return drug.error();
        return QCoreApplication::translate("AlertDetails", "Prescription : %1").arg(*drug);
    }
    return QCoreApplication::translate("AlertDetails", "Enregistrement du %1 par %2")
        .arg(when((*row)->effectiveMs.value_or((*row)->enteredMs)), (*row)->author);
}

} // namespace

QString alertAction(const QString &kind)
{
    if (kind == QLatin1String("possible-double-dose"))
        return QCoreApplication::translate(
            "AlertDetails",
            "Ne donnez pas d'autre dose. Vérifiez auprès du patient et des infirmières, prévenez "
            "le médecin, puis corrigez l'administration saisie en trop (« Erreur de saisie »).");
    if (kind == QLatin1String("given-and-not-given"))
        return QCoreApplication::translate(
            "AlertDetails",
            "Voyez avec les infirmières qui l'ont noté laquelle est juste, et corrigez l'autre "
            "enregistrement.");
    if (kind == QLatin1String("as-needed-limit"))
        return QCoreApplication::translate(
            "AlertDetails", "Ne redonnez pas avant l'intervalle prescrit ; prévenez le médecin si le besoin "
                            "persiste.");
    if (kind == QLatin1String("prescription-stopped"))
        return QCoreApplication::translate(
            "AlertDetails", "La dose a été donnée sur une prescription que le DPI a arrêtée : prévenez le "
                            "prescripteur et notez-le en transmission.");
    if (kind == QLatin1String("identity-vigilance"))
        return QCoreApplication::translate(
            "AlertDetails", "Ne soignez pas sur ce dossier avant l'avis de la cellule d'identitovigilance.");
    if (kind == QLatin1String("unreadable-dpi-version"))
        return QCoreApplication::translate(
            "AlertDetails", "La tablette a une version ancienne de ce dossier : vérifiez-le dans le DPI.");
    return {};
}

Result<AlertDetails> describeAlert(Store &store, const ClinicalAlert &alert)
{
    AlertDetails details;
    for (const QUuid &id : alert.records) {
        Result<QString> line = describeRecord(store, id);
        if (!line)
            return line.error();
        details.records.append(*line);
    }
    details.action = alertAction(alert.kind);
    return details;
}

} // namespace chevet::app
