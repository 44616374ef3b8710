#include "medicationround.h"

#include "backend/statuslabel.h"
#include "model/gs1.h"
#include "session.h"
#include "store/medicationrepository.h"
#include "store/store.h"

#include <QDateTime>
#include <QLocale>

using namespace chevet;
using namespace chevet::app;

namespace {

// The round shows what is due around now and what was missed earlier in the shift.
constexpr qint64 kLookBackMs = 4 * 60 * 60 * 1000;

QString doseText(const Dose &dose)
{
    QString unit = dose.unit;
    if (unit == QLatin1String("[iU]"))
        unit = QStringLiteral("UI");
    else if (unit == QLatin1String("{tbl}"))
        unit = QCoreApplication::translate("MedicationRound", "cp");
    return QLocale().toString(dose.value, 'g', 6) + u' ' + unit;
}

bool given(const DoseSlot &slot)
{
    for (const MedicationAdministration &a : slot.recorded) {
        if (doseReachedPatient(a.status))
            return true;
    }
    return false;
}

bool refused(const DoseSlot &slot)
{
    for (const MedicationAdministration &a : slot.recorded) {
        if (a.status == AdministrationStatus::NotDone)
            return true;
    }
    return false;
}

} // namespace

MedicationRound::MedicationRound(QObject *parent)
    : QObject(parent)
{
    connect(Session::instance(), &Session::dataChanged, this, &MedicationRound::reload);
    reload();
}

void MedicationRound::setPatientId(const QString &id)
{
    if (m_patientId == id)
        return;
    m_patientId = id;
    Q_EMIT patientIdChanged();
    reload();
}

void MedicationRound::reload()
{
    Session *session = Session::instance();
    if (session->phase() != Session::Unlocked)
        return;
    const QString unit = session->unit();
    const QUuid patient(m_patientId);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    session->worker().run<QList<DoseSlot>>(
        this,
        [unit, patient, now](Store &store) {
            return loadDoseSlots(store, unit, patient, now - kLookBackMs, now + kDoseWindowMs);
        },
        [this](Result<QList<DoseSlot>> slots) {
            // Keep the nurse's place: the same slot stays selected across a reload.
            QPair<QUuid, qint64> current;
            if (m_selected >= 0 && m_selected < m_slots.size())
                current = {m_slots.at(m_selected).request.id, m_slots.at(m_selected).slotMs};
            m_slots = slots ? *slots : QList<DoseSlot>();
            m_loaded = true;
            m_selected = -1;
            for (int i = 0; i < m_slots.size(); ++i) {
                if (m_slots.at(i).request.id == current.first && m_slots.at(i).slotMs == current.second)
                    m_selected = i;
            }
            Q_EMIT dosesChanged();
            recheck();
        });
}

QVariantList MedicationRound::doseList() const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVariantList list;
    for (const DoseSlot &s : m_slots) {
        QString state = QStringLiteral("due");
        if (given(s))
            state = QStringLiteral("given");
        else if (refused(s))
            state = QStringLiteral("not-given");
        else if (!givesDoses(s.request.status))
            state = QStringLiteral("held"); // on hold, a draft, or a status the DPI alone knows
        else if (now > s.slotMs + kDoseWindowMs)
            state = QStringLiteral("late");
        else if (now < s.slotMs - kDoseWindowMs)
            state = QStringLiteral("upcoming");
        QString givenBy;
        for (const MedicationAdministration &a : s.recorded)
            givenBy = a.meta.author;
        list.append(QVariantMap{
            {QStringLiteral("patientId"), s.patient.id.toString(QUuid::WithoutBraces)},
            {QStringLiteral("patient"), displayName(s.patient)},
            {QStringLiteral("room"), s.encounter.room},
            {QStringLiteral("bed"), s.encounter.bed},
            {QStringLiteral("medication"), s.request.medicationDisplay},
            {QStringLiteral("dose"), doseText(s.request.dose)},
            {QStringLiteral("route"), s.request.route},
            {QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(s.slotMs)},
            {QStringLiteral("state"), state},
            {QStringLiteral("statusText"),
             tr("Prescription : %1")
                 .arg(statusLabel(
                     statusCode(s.request.status, s.request.otherStatus, &prescriptionStatusKey)))},
            {QStringLiteral("recordedBy"), givenBy},
            {QStringLiteral("count"), int(s.recorded.size())},
            // Shown in training mode so trainees can type what a scanner would read.
            {QStringLiteral("ipp"), currentIpp(s.patient)},
            {QStringLiteral("gtin"), s.request.gtin},
        });
    }
    return list;
}

void MedicationRound::select(int index)
{
    if (index < -1 || index >= m_slots.size())
        return;
    if (index != m_selected && index >= 0) {
        const DoseSlot &next = m_slots.at(index);
        // A different patient needs their own wristband scanned again; the pack as well.
        if (m_selected < 0 || m_slots.at(m_selected).patient.id != next.patient.id)
            m_wristband.clear();
        m_pack.clear();
        m_doseValue = QLocale().toString(next.request.dose.value, 'g', 6);
        m_route = next.request.route;
    }
    m_selected = index;
    recheck();
}

void MedicationRound::setDoseValue(const QString &value)
{
    m_doseValue = value;
    recheck();
}

void MedicationRound::setRoute(const QString &route)
{
    m_route = route;
    recheck();
}

void MedicationRound::scan(const QString &raw)
{
    const QString code = raw.trimmed();
    if (code.isEmpty())
        return;
    // A wristband names a patient of the round; anything else is taken as a medication code.
    const QString establishment = Session::instance()->establishment();
    for (int i = 0; i < m_slots.size(); ++i) {
        if (!wristbandMatches(m_slots.at(i).patient, establishment, code))
            continue;
        const bool samePatient =
            m_selected >= 0 && m_slots.at(m_selected).patient.id == m_slots.at(i).patient.id;
        if (!samePatient) {
            int first = i;
            for (int j = 0; j < m_slots.size(); ++j) {
                if (m_slots.at(j).patient.id == m_slots.at(i).patient.id && !given(m_slots.at(j))) {
                    first = j;
                    break;
                }
            }
            select(first);
        }
        m_wristband = code;
        recheck();
        return;
    }
    if (m_selected < 0 && m_wristband.isEmpty()) {
        m_wristband = code; // not one of the round's patients: shown as the wrong patient
        m_message = tr("Bracelet inconnu dans cette tournée : vérifiez l'identité du patient.");
        Q_EMIT selectionChanged();
        return;
    }
    m_pack = code;
    // The pack picks among the patient's due slots the one it belongs to.
    if (m_selected >= 0) {
        const QUuid patient = m_slots.at(m_selected).patient.id;
        QString gtin;
        if (looksLikeGs1(code)) {
            if (Result<Gs1Data> data = parseGs1(code); data)
                gtin = data->gtin;
        }
        for (int j = 0; j < m_slots.size(); ++j) {
            const DoseSlot &s = m_slots.at(j);
            const bool matches = (!gtin.isEmpty() && normalizedGtin(s.request.gtin) == gtin) ||
                                 s.request.medicationCode == code;
            if (s.patient.id == patient && matches && !given(s) && j != m_selected) {
                const QString wristband = m_wristband;
                select(j);
                m_wristband = wristband;
                m_pack = code;
                break;
            }
        }
    }
    recheck();
}

void MedicationRound::recheck()
{
    m_message.clear();
    if (m_selected < 0 || m_selected >= m_slots.size()) {
        m_result = {};
        Q_EMIT selectionChanged();
        return;
    }
    const DoseSlot &s = m_slots.at(m_selected);
    FiveRightsInput in;
    in.patient = s.patient;
    in.establishment = Session::instance()->establishment(); // a wristband of another hospital is refused
    in.request = s.request;
    in.slotMs = s.slotMs;
    in.wristbandCode = m_wristband;
    in.packCode = m_pack;
    bool ok = false;
    in.dose = {QLocale().toDouble(m_doseValue, &ok), s.request.dose.unit};
    if (!ok)
        in.dose.value = QString(m_doseValue).replace(u',', u'.').toDouble();
    in.route = m_route;
    in.nowMs = QDateTime::currentMSecsSinceEpoch();
    in.windowMs = kDoseWindowMs;
    in.slotAdministrations = s.recorded;
    m_result = checkFiveRights(in);
    Q_EMIT selectionChanged();
}

QString MedicationRound::rightLabel(Right right) const
{
    switch (right) {
    case Right::Patient:
        return tr("Bon patient");
    case Right::Medication:
        return tr("Bon médicament");
    case Right::Dose:
        return tr("Bonne dose");
    case Right::Route:
        return tr("Bonne voie");
    case Right::Time:
        return tr("Bon moment");
    }
    return {};
}

QString MedicationRound::failureText(const RightCheck &check) const
{
    const QString &c = check.code;
    if (c == QLatin1String("not-scanned"))
        return check.right == Right::Patient ? tr("Scannez le bracelet du patient.")
                                             : tr("Scannez le médicament (ou saisissez son code).");
    if (c == QLatin1String("wrong-patient"))
        return tr("Le bracelet ne correspond pas à ce patient.");
    if (c == QLatin1String("wrong-medication"))
        return tr("Ce médicament ne correspond pas à la prescription.");
    if (c == QLatin1String("expired"))
        return tr("Médicament périmé : ne pas administrer.");
    if (c == QLatin1String("unreadable-code"))
        return tr("Code illisible : scannez à nouveau.");
    if (c == QLatin1String("dose-mismatch"))
        return tr("La dose diffère de la prescription.");
    if (c == QLatin1String("route-mismatch"))
        return tr("La voie diffère de la prescription.");
    if (c == QLatin1String("too-early"))
        return tr("Trop tôt : plus d'une heure avant l'heure prévue.");
    if (c == QLatin1String("too-late"))
        return tr("Plus d'une heure de retard : avis médical avant d'administrer.");
    if (c == QLatin1String("already-given"))
        return tr("Déjà administré pour cette prise.");
    if (c == QLatin1String("prescription-not-active"))
        return tr("Prescription arrêtée ou suspendue.");
    return c;
}

QVariantList MedicationRound::checks() const
{
    QVariantList list;
    for (const RightCheck &c : m_result.checks) {
        list.append(QVariantMap{{QStringLiteral("key"), rightKey(c.right)},
                                {QStringLiteral("label"), rightLabel(c.right)},
                                {QStringLiteral("ok"), c.ok},
                                {QStringLiteral("code"), c.code},
                                {QStringLiteral("text"), c.ok ? QString() : failureText(c)}});
    }
    return list;
}

QStringList MedicationRound::notGivenReasons() const
{
    return {tr("Refus du patient"),       tr("Patient absent du service"), tr("Patient à jeun"),
            tr("Vomissements"),           tr("Médicament indisponible"),   tr("Avis médical : suspendu"),
            tr("Paramètres hors limites")};
}

void MedicationRound::give()
{
    recheck(); // the time right is judged now, not at the last scan
    if (!m_result.allOk()) {
        Q_EMIT failed(tr("Les 5 B ne sont pas tous vérifiés."));
        return;
    }
    record(true, QString());
}

void MedicationRound::notGiven(const QString &reason)
{
    if (reason.trimmed().isEmpty()) {
        Q_EMIT failed(tr("Indiquez pourquoi la dose n'est pas administrée."));
        return;
    }
    record(false, reason.trimmed());
}

void MedicationRound::record(bool wasGiven, const QString &reason)
{
    if (m_selected < 0 || m_selected >= m_slots.size() || m_saving)
        return;
    const DoseSlot &s = m_slots.at(m_selected);
    MedicationAdministration a;
    a.meta.patientId = s.patient.id;
    a.meta.clinicalTimeMs = QDateTime::currentMSecsSinceEpoch();
    a.status = wasGiven ? AdministrationStatus::Completed : AdministrationStatus::NotDone;
    a.requestId = s.request.id;
    a.slotMs = s.slotMs;
    a.statusReason = reason;
    a.dose = s.request.dose;
    a.route = m_route.isEmpty() ? s.request.route : m_route;
    const QString what = s.request.medicationDisplay;
    m_saving = true;
    Session::instance()->worker().write<MedicationAdministration>(
        this, [a](Store &store) { return store.medications().recordAdministration(a); },
        [this, wasGiven, what](Result<MedicationAdministration> saved) {
            m_saving = false;
            if (!saved) {
                Q_EMIT failed(tr("Non enregistré : %1").arg(saved.error().message));
                return;
            }
            // The next act starts from scratch: wristband and pack scanned again, so a second tap
            // before the list reloads cannot record the same dose twice.
            m_wristband.clear();
            m_pack.clear();
            recheck();
            Q_EMIT recorded(wasGiven ? tr("%1 : administré").arg(what) : tr("%1 : non administré").arg(what));
        });
}
