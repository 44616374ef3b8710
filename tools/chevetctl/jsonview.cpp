#include "jsonview.h"

#include <QDateTime>
#include <QJsonValue>

namespace chevet::cli {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

static QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

static void putMeta(QJsonObject &json, const RecordMeta &meta)
{
    json.insert(QStringLiteral("id"), idText(meta.id));
    json.insert(QStringLiteral("version"), meta.version);
    json.insert(QStringLiteral("patient"), idText(meta.patientId));
    json.insert(QStringLiteral("at"), isoTime(meta.clinicalTimeMs));
    json.insert(QStringLiteral("entered"), isoTime(meta.enteredTimeMs));
    json.insert(QStringLiteral("author"), meta.author);
    json.insert(QStringLiteral("device"), meta.device);
    json.insert(QStringLiteral("hlc"), meta.hlc.toString());
    if (!meta.serverVersion.isEmpty()) {
        json.insert(QStringLiteral("serverId"), meta.serverId);
        json.insert(QStringLiteral("serverVersion"), meta.serverVersion);
    }
}

QJsonObject toJson(const Patient &p)
{
    QJsonArray identifiers;
    for (const PatientIdentifier &id : p.identifiers) {
        identifiers.append(QJsonObject{
            {QStringLiteral("type"),
             id.kind == IdentifierKind::Ins ? QStringLiteral("INS") : QStringLiteral("IPP")},
            {QStringLiteral("system"), id.system},
            {QStringLiteral("value"), id.value},
        });
    }
    return QJsonObject{
        {QStringLiteral("id"), idText(p.id)},
        {QStringLiteral("family"), p.family},
        {QStringLiteral("given"), p.given},
        {QStringLiteral("birthDate"), p.birthDate.toString(Qt::ISODate)},
        {QStringLiteral("sex"), sexKey(p.sex)},
        {QStringLiteral("identifiers"), identifiers},
        // FR Core code (PROV, RECUP, VALI, QUAL), empty when the DPI did not say.
        {QStringLiteral("identityStatus"), identityStatusKey(p.identityStatus)},
        {QStringLiteral("insQualified"), p.insQualified()},
    };
}

QJsonObject toJson(const Observation &o)
{
    const VitalCoding &coding = vitalCoding(o.kind);
    QJsonObject json{
        {QStringLiteral("key"), coding.key},
        {QStringLiteral("code"), coding.code},
        {QStringLiteral("system"), coding.system},
        {QStringLiteral("status"), statusCode(o.status, o.otherStatus, &recordStatusKey)},
        {QStringLiteral("panel"), idText(o.panelId)},
    };
    putMeta(json, o.meta);
    if (o.kind == VitalKind::Consciousness) {
        json.insert(QStringLiteral("value"), acvpuLetter(static_cast<Acvpu>(qRound(o.value))));
    } else if (o.kind == VitalKind::BloodPressure) {
        json.insert(QStringLiteral("systolic"), o.value);
        json.insert(QStringLiteral("diastolic"), o.diastolic.value_or(0));
        json.insert(QStringLiteral("unit"), coding.unit);
    } else {
        json.insert(QStringLiteral("value"), o.value);
        json.insert(QStringLiteral("unit"), coding.unit);
    }
    if (o.kind == VitalKind::OxygenSaturation) {
        json.insert(QStringLiteral("onOxygen"), o.onOxygen);
        json.insert(QStringLiteral("scale"), o.spo2Scale);
    }
    if (o.unusual) {
        json.insert(QStringLiteral("unusual"), true);
        json.insert(QStringLiteral("unusualNote"), o.unusualNote);
    }
    if (!o.statusReason.isEmpty())
        json.insert(QStringLiteral("statusReason"), o.statusReason);
    return json;
}

QJsonObject toJson(const News2Result &n)
{
    QJsonObject parts;
    for (auto it = n.parts.cbegin(); it != n.parts.cend(); ++it)
        parts.insert(it.key(), it.value());
    return QJsonObject{
        {QStringLiteral("score"), n.total},
        {QStringLiteral("risk"), news2RiskKey(n.risk)},
        {QStringLiteral("complete"), n.complete},
        {QStringLiteral("missing"), QJsonArray::fromStringList(n.missing)},
        {QStringLiteral("singleParameterThree"), n.anySingleThree},
        {QStringLiteral("parts"), parts},
        {QStringLiteral("response"), news2Response(n)},
        {QStringLiteral("responseFr"), news2ResponseFr(n)},
    };
}

QJsonObject toJson(const NursingNote &note)
{
    QJsonObject json{
        {QStringLiteral("status"), statusCode(note.status, note.otherStatus, &recordStatusKey)},
        {QStringLiteral("target"), note.target},
        {QStringLiteral("data"), note.data},
        {QStringLiteral("actions"), note.actions},
        {QStringLiteral("results"), note.results},
    };
    putMeta(json, note.meta);
    return json;
}

QJsonObject toJson(const MedicationAdministration &a)
{
    QJsonObject json{
        {QStringLiteral("status"), statusCode(a.status, a.otherStatus, &administrationStatusKey)},
        {QStringLiteral("request"), idText(a.requestId)},
        {QStringLiteral("slot"), isoTime(a.slotMs)},
        {QStringLiteral("dose"),
         QJsonObject{{QStringLiteral("value"), a.dose.value}, {QStringLiteral("unit"), a.dose.unit}}},
        {QStringLiteral("route"), a.route},
    };
    if (!a.statusReason.isEmpty())
        json.insert(QStringLiteral("statusReason"), a.statusReason);
    putMeta(json, a.meta);
    return json;
}

QJsonObject toJson(const MedicationRequest &r)
{
    QJsonArray slots;
    for (qint64 slot : r.slotsMs)
        slots.append(isoTime(slot));
    QJsonObject json{
        {QStringLiteral("id"), idText(r.id)},
        {QStringLiteral("status"), statusCode(r.status, r.otherStatus, &prescriptionStatusKey)},
        {QStringLiteral("medication"), r.medicationDisplay},
        {QStringLiteral("dose"),
         QJsonObject{{QStringLiteral("value"), r.dose.value}, {QStringLiteral("unit"), r.dose.unit}}},
        {QStringLiteral("route"), r.route},
        {QStringLiteral("slots"), slots},
    };
    if (!r.serverId.isEmpty())
        json.insert(QStringLiteral("dpiId"), r.serverId);
    return json;
}

QJsonObject toJson(const CareTask &t)
{
    QJsonObject json{
        {QStringLiteral("id"), idText(t.id)},
        {QStringLiteral("patient"), idText(t.patientId)},
        {QStringLiteral("status"), statusCode(t.status, t.otherStatus, &taskStatusKey)},
        {QStringLiteral("description"), t.description},
        {QStringLiteral("due"), isoTime(t.dueMs)},
    };
    if (!t.serverId.isEmpty())
        json.insert(QStringLiteral("dpiId"), t.serverId);
    if (t.completedMs) {
        json.insert(QStringLiteral("completed"), isoTime(*t.completedMs));
        json.insert(QStringLiteral("completedBy"), t.completedBy);
    }
    return json;
}

QJsonObject toJson(const AllergyIntolerance &a)
{
    QJsonObject substance{{QStringLiteral("display"), a.substanceDisplay}};
    if (!a.substanceCode.isEmpty()) {
        substance.insert(QStringLiteral("system"), a.substanceSystem);
        substance.insert(QStringLiteral("code"), a.substanceCode);
    }
    QJsonObject json{
        {QStringLiteral("id"), idText(a.id)},
        {QStringLiteral("patient"), idText(a.patientId)},
        {QStringLiteral("substance"), substance},
        {QStringLiteral("noKnownAllergy"), a.isNoKnownAllergy()},
        {QStringLiteral("verificationStatus"), allergyVerificationStatusKey(a.verificationStatus)},
    };
    if (a.clinicalStatus)
        json.insert(QStringLiteral("clinicalStatus"), allergyClinicalStatusKey(*a.clinicalStatus));
    if (a.criticality)
        json.insert(QStringLiteral("criticality"), allergyCriticalityKey(*a.criticality));
    if (a.category)
        json.insert(QStringLiteral("category"), allergyCategoryKey(*a.category));
    if (!a.reactionText.isEmpty())
        json.insert(QStringLiteral("reaction"), a.reactionText);
    if (a.recordedMs != 0)
        json.insert(QStringLiteral("recorded"), isoTime(a.recordedMs));
    if (!a.serverId.isEmpty())
        json.insert(QStringLiteral("dpiId"), a.serverId);
    return json;
}

} // namespace chevet::cli
