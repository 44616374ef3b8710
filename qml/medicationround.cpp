#include "medicationround.h"
#include "services/errortext.h"

#include "backend/statuslabel.h"
#include "model/asneeded.h"
#include "model/gs1.h"
#include "model/route.h"
#include "store/medicationrepository.h"
#include "store/patientrepository.h"
#include "store/store.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <limits>

using namespace chevet;
using namespace chevet::app;

namespace {

// The round shows what is due around now; a missed dose stays until documented, for three days (older
// doses are the DPI's business: a device holds the last 7 days of administrations, and a slot it
// cannot judge must not be shown as missed); what was documented stays in view for a few hours.
constexpr qint64 kDocumentedLookBackMs = 4LL * 60 * 60 * 1000;

struct Loaded
{
    QList<DoseSlot> slots;
    QList<Patient> patients;
};

// A UCUM unit as a nurse writes it.
QString unitText(const QString &ucum)
{
    if (ucum == QLatin1String("[iU]"))
        return QStringLiteral("UI");
    if (ucum == QLatin1String("{tbl}"))
        return QCoreApplication::translate("MedicationRound", "cp");
    return ucum;
}

QString doseText(const MedicationRequest &request)
{
    const Dose &dose = request.dose;
    QString text;
    if (dose.unit.isEmpty() && dose.value == 0)
        text = QCoreApplication::translate("MedicationRound", "dose non précisée");
    else if (request.doseHigh > 0)
        text = QCoreApplication::translate("MedicationRound", "%1 à %2 %3")
                   .arg(QLocale().toString(dose.value, 'g', 6), QLocale().toString(request.doseHigh, 'g', 6),
                        unitText(dose.unit));
    else
        text = QLocale().toString(dose.value, 'g', 6) + u' ' + unitText(dose.unit);
    if (!request.rate.isEmpty())
        text += QCoreApplication::translate("MedicationRound", ", débit %1").arg(request.rate);
    return text;
}

// What the nurse typed in the dose field ("1,5" or "1.5"); nullopt when it is not a number.
std::optional<double> enteredDose(const QString &typed)
{
    bool ok = false;
    const double value = QLocale().toDouble(typed, &ok);
    if (ok)
        return value;
    const double dotted = QString(typed).replace(u',', u'.').toDouble(&ok);
    return ok ? std::optional<double>(dotted) : std::nullopt;
}

QString routeLabel(RouteKind kind)
{
    switch (kind) {
    case RouteKind::Oral:
        return QCoreApplication::translate("MedicationRound", "Orale (per os)");
    case RouteKind::Intravenous:
        return QCoreApplication::translate("MedicationRound", "Intraveineuse (IV)");
    case RouteKind::Subcutaneous:
        return QCoreApplication::translate("MedicationRound", "Sous-cutanée (SC)");
    case RouteKind::Intramuscular:
        return QCoreApplication::translate("MedicationRound", "Intramusculaire (IM)");
    case RouteKind::Topical:
        return QCoreApplication::translate("MedicationRound", "Cutanée");
    case RouteKind::Transdermal:
        return QCoreApplication::translate("MedicationRound", "Transdermique");
    case RouteKind::Inhalation:
        return QCoreApplication::translate("MedicationRound", "Inhalée");
    case RouteKind::Nasal:
        return QCoreApplication::translate("MedicationRound", "Nasale");
    case RouteKind::Ophthalmic:
        return QCoreApplication::translate("MedicationRound", "Ophtalmique");
    case RouteKind::Rectal:
        return QCoreApplication::translate("MedicationRound", "Rectale");
    case RouteKind::Sublingual:
        return QCoreApplication::translate("MedicationRound", "Sublinguale");
    case RouteKind::Buccal:
        return QCoreApplication::translate("MedicationRound", "Buccale (jugale)");
    case RouteKind::Vaginal:
        return QCoreApplication::translate("MedicationRound", "Vaginale");
    case RouteKind::Unknown:
        break;
    }
    return {};
}

// The route as the nurse reads it: its French label, or the DPI's own words for a route the app does
// not know.
QString routeText(const QString &route)
{
    const RouteKind kind = routeKindOf(route);
    return kind == RouteKind::Unknown ? route : routeLabel(kind);
}

QString durationText(qint64 ms)
{
    const qint64 minutes = ms / 60000;
    if (minutes < 60)
        return QCoreApplication::translate("MedicationRound", "%n min", nullptr, int(minutes));
    if (minutes % 60 == 0)
        return QCoreApplication::translate("MedicationRound", "%1 h").arg(minutes / 60);
    return QCoreApplication::translate("MedicationRound", "%1 h %2")
        .arg(minutes / 60)
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString allergyText(const QList<AllergyIntolerance> &allergies)
{
    if (allergies.isEmpty())
        return QCoreApplication::translate("MedicationRound", "Allergies non renseignées");
    QStringList named;
    bool noneKnown = false;
    for (const AllergyIntolerance &a : allergies) {
        const bool active = !a.clinicalStatus || *a.clinicalStatus == AllergyClinicalStatus::Active;
        if (!active || a.verificationStatus == AllergyVerificationStatus::Refuted)
            continue;
        if (a.isNoKnownAllergy()) {
            noneKnown = true;
            continue;
        }
        named.append(
            a.criticality == AllergyCriticality::High
                ? QCoreApplication::translate("MedicationRound", "%1 (grave)").arg(a.substanceDisplay)
                : a.substanceDisplay);
    }
    if (!named.isEmpty())
        return QCoreApplication::translate("MedicationRound", "Allergies : %1")
            .arg(named.join(QStringLiteral(", ")));
    return noneKnown ? QCoreApplication::translate("MedicationRound", "Aucune allergie connue")
                     : QCoreApplication::translate("MedicationRound", "Allergies non renseignées");
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
    , StoreReading(this)
{}

void MedicationRound::setSession(SessionController *session)
{
    bindSession(session);
    Q_EMIT sessionChanged();
}

void MedicationRound::setUnit(const QString &unit)
{
    if (m_unit == unit)
        return;
    m_unit = unit;
    forgetShown();
    Q_EMIT unitChanged();
    reload();
}

void MedicationRound::forgetShown()
{
    // Another ward's or patient's doses are never offered under this one while it loads.
    unload();
    m_slots.clear();
    m_selected = -1;
    loadStateChanged();
    recheck();
}

void MedicationRound::setPatientId(const QString &id)
{
    if (m_patientId == id)
        return;
    m_patientId = id;
    forgetShown();
    Q_EMIT patientIdChanged();
    reload();
}

void MedicationRound::reload()
{
    const QString unit = m_unit;
    const QUuid patient(m_patientId);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    read<Loaded>(
        [unit, patient, now](Store &store) -> Result<Loaded> {
            Result<QList<DoseSlot>> slots = loadDoseSlots(store, unit, patient, now - kMissedDoseLookBackMs,
                                                          now + kDoseWindowMs, now - kDocumentedLookBackMs);
            if (!slots)
                return slots.error();
            Result<QList<Patient>> patients = store.patients().all();
            if (!patients)
                return patients.error();
            return Loaded{*slots, *patients};
        },
        [this, unit, patient](const Result<Loaded> &loaded) {
            if (unit != m_unit || patient != QUuid(m_patientId))
                return false; // chosen another ward or patient meanwhile: that read is queued
            // Keep the nurse's place: the same slot stays selected across a reload.
            QPair<QUuid, qint64> current;
            if (m_selected >= 0 && m_selected < m_slots.size())
                current = {m_slots.at(m_selected).request.id, m_slots.at(m_selected).slotMs};
            m_slots = loaded ? loaded->slots : QList<DoseSlot>();
            m_knownPatients = loaded ? loaded->patients : QList<Patient>();
            m_selected = -1;
            for (int i = 0; i < m_slots.size(); ++i) {
                if (m_slots.at(i).request.id == current.first && m_slots.at(i).slotMs == current.second)
                    m_selected = i;
            }
            recheck();
            return true;
        });
}

QString MedicationRound::asNeededText(const DoseSlot &s) const
{
    const AsNeededLimit limit = asNeededLimit(s.request);
    QStringList parts;
    if (!s.request.asNeededReason.isEmpty())
        parts.append(tr("si besoin : %1").arg(s.request.asNeededReason));
    else
        parts.append(tr("si besoin"));
    if (limit.minIntervalMs > 0)
        parts.append(tr("au moins %1 entre deux prises").arg(durationText(limit.minIntervalMs)));
    if (limit.maxDoses > 0)
        parts.append(
            tr("%n prise(s) au plus sur %1", nullptr, limit.maxDoses).arg(durationText(limit.periodMs)));
    if (limit.textOnly)
        parts.append(tr("limite écrite dans la consigne, non vérifiée par l'application : lisez-la"));
    else if (!limit.stated())
        parts.append(tr("aucun intervalle minimal prescrit"));
    qint64 last = 0;
    for (const MedicationAdministration &a : s.recorded)
        if (doseReachedPatient(a.status))
            last = std::max(last, a.meta.clinicalTimeMs);
    if (last > 0)
        parts.append(tr("dernière prise à %1")
                         .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(last),
                                                 QStringLiteral("dd/MM HH:mm"))));
    return parts.join(QStringLiteral(" · "));
}

QVariantMap MedicationRound::describe(const DoseSlot &s, qint64 now) const
{
    QString state = QStringLiteral("due");
    if (s.asNeeded())
        state = QStringLiteral("as-needed");
    else if (given(s))
        state = QStringLiteral("given");
    else if (refused(s))
        state = QStringLiteral("not-given");
    else if (!givesDoses(s.request.status))
        state = QStringLiteral("held"); // on hold, a draft, or a status the DPI alone knows
    else if (now > s.slotMs + kDoseWindowMs)
        state = QStringLiteral("late");
    else if (now < s.slotMs - kDoseWindowMs)
        state = QStringLiteral("upcoming");
    QString recordedBy;
    QString reason;
    for (const MedicationAdministration &a : s.recorded) {
        if (a.status == AdministrationStatus::EnteredInError)
            continue;
        recordedBy = a.meta.author;
        reason = a.status == AdministrationStatus::NotDone ? a.statusReason : QString();
    }
    return QVariantMap{
        {QStringLiteral("patientId"), s.patient.id.toString(QUuid::WithoutBraces)},
        {QStringLiteral("patient"), displayName(s.patient)},
        {QStringLiteral("room"), s.encounter.room},
        {QStringLiteral("bed"), s.encounter.bed},
        {QStringLiteral("medication"), s.request.medicationDisplay},
        {QStringLiteral("dose"), doseText(s.request)},
        {QStringLiteral("unit"), unitText(s.request.dose.unit)},
        {QStringLiteral("route"), routeText(s.request.route)},
        {QStringLiteral("time"),
         s.asNeeded() ? QVariant() : QVariant(QDateTime::fromMSecsSinceEpoch(s.slotMs))},
        {QStringLiteral("state"), state},
        {QStringLiteral("late"), state == QLatin1String("late") ? durationText(now - s.slotMs) : QString()},
        {QStringLiteral("statusText"),
         tr("Prescription : %1")
             .arg(statusLabel(statusCode(s.request.status, s.request.otherStatus, &prescriptionStatusKey)))},
        {QStringLiteral("recordedBy"), recordedBy},
        {QStringLiteral("notGivenReason"), reason},
        {QStringLiteral("count"), int(s.recorded.size())},
        {QStringLiteral("correctable"), std::any_of(s.recorded.cbegin(), s.recorded.cend(),
                                                    [](const MedicationAdministration &a) {
                                                        return a.status !=
                                                               AdministrationStatus::EnteredInError;
                                                    })},
        {QStringLiteral("instructions"), s.request.instructions},
        {QStringLiteral("asNeeded"), s.asNeeded()},
        {QStringLiteral("asNeededReason"), s.request.asNeededReason},
        {QStringLiteral("asNeededText"), s.asNeeded() ? asNeededText(s) : QString()},
        {QStringLiteral("allergies"), allergyText(s.allergies)},
        {QStringLiteral("medicationUnread"), !s.request.medicationReference.isEmpty()},
        // Shown in training mode so trainees can type what a scanner would read.
        {QStringLiteral("ipp"), currentIpp(s.patient)},
        {QStringLiteral("gtin"), s.request.gtin},
    };
}

QVariantList MedicationRound::doseList() const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVariantList list;
    for (const DoseSlot &s : m_slots)
        list.append(describe(s, now));
    return list;
}

QVariantList MedicationRound::routeChoices() const
{
    QVariantList out;
    if (m_selected >= 0 && m_selected < m_slots.size()) {
        const QString prescribed = m_slots.at(m_selected).request.route;
        // A route the app does not know is offered in the DPI's own words, first.
        if (!prescribed.isEmpty() && routeKindOf(prescribed) == RouteKind::Unknown)
            out.append(
                QVariantMap{{QStringLiteral("key"), prescribed}, {QStringLiteral("label"), prescribed}});
    }
    for (RouteKind kind : allRouteKinds())
        out.append(QVariantMap{{QStringLiteral("key"), routeKey(kind)},
                               {QStringLiteral("label"), routeLabel(kind)}});
    return out;
}

int MedicationRound::routeIndex() const
{
    const QVariantList choices = routeChoices();
    for (int i = 0; i < choices.size(); ++i)
        if (sameRoute(choices.at(i).toMap().value(QStringLiteral("key")).toString(), m_route))
            return i;
    return -1; // nothing chosen: never a silent "oral"
}

void MedicationRound::chooseRoute(int index)
{
    const QVariantList choices = routeChoices();
    if (index < 0 || index >= choices.size())
        return;
    setRoute(choices.at(index).toMap().value(QStringLiteral("key")).toString());
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
        m_stop = false;
        m_doseValue = next.request.dose.unit.isEmpty() && next.request.dose.value == 0
                          ? QString()
                          : QLocale().toString(next.request.dose.value, 'g', 6);
        m_route = next.request.route; // the prescribed route, unless the nurse changes it
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

void MedicationRound::stopForWristband(const Patient &scanned)
{
    const Patient &expected = m_slots.at(m_selected).patient;
    m_stop = true;
    m_pack.clear();
    m_stopMessage = tr("STOP : bracelet de %1, mais la dose choisie est pour %2. N'administrez pas : "
                       "vérifiez l'identité du patient.")
                        .arg(displayName(scanned), displayName(expected));
    recheck();
}

void MedicationRound::scan(const QString &raw)
{
    const QString code = raw.trimmed();
    if (code.isEmpty())
        return;
    // Anything that reads as a wristband of a patient this device knows is a wristband, never a
    // medication code (ux.md shot 05).
    const QString establishment = session()->establishment();
    const Patient *band = nullptr;
    for (const Patient &p : std::as_const(m_knownPatients))
        if (wristbandMatches(p, establishment, code))
            band = &p;
    if (band) {
        if (m_selected >= 0 && m_slots.at(m_selected).patient.id != band->id) {
            m_wristband = code;
            stopForWristband(*band);
            return;
        }
        if (m_selected < 0) {
            int first = -1;
            for (int j = 0; j < m_slots.size() && first < 0; ++j)
                if (m_slots.at(j).patient.id == band->id && !given(m_slots.at(j)))
                    first = j;
            if (first < 0) {
                m_message = tr("Bracelet de %1 : aucune dose à donner pour ce patient dans cette tournée.")
                                .arg(displayName(*band));
                Q_EMIT selectionChanged();
                return;
            }
            select(first);
        }
        m_stop = false;
        m_wristband = code;
        recheck();
        return;
    }
    // A band with an IPP retired by an identity merge: the patient must get a new one.
    for (const Patient &p : std::as_const(m_knownPatients)) {
        for (const PatientIdentifier &id : p.identifiers) {
            if (id.old && id.kind == IdentifierKind::Ipp &&
                id.value.compare(code, Qt::CaseInsensitive) == 0) {
                m_wristband.clear();
                m_stop = false;
                recheck();
                m_message = tr("Ancien bracelet de %1 (IPP remplacé) : faites refaire le bracelet avant "
                               "d'administrer.")
                                .arg(displayName(p));
                Q_EMIT selectionChanged();
                return;
            }
        }
    }
    if (m_selected < 0 && m_wristband.isEmpty()) {
        m_message = tr("Bracelet inconnu sur cette tablette : vérifiez l'identité du patient.");
        Q_EMIT selectionChanged();
        return;
    }
    if (m_stop)
        return; // the wrong wristband must be dealt with first: scan the right one
    m_pack = code;
    // A pack of another of the patient's drugs picks that drug's dose: the undocumented slot of the same
    // kind (scheduled or on demand) nearest to now. A pack that matches the chosen dose never moves it.
    if (m_selected >= 0) {
        const DoseSlot &current = m_slots.at(m_selected);
        QString gtin;
        if (looksLikeGs1(code)) {
            if (Result<Gs1Data> data = parseGs1(code); data)
                gtin = data->gtin;
        }
        const auto matches = [&](const DoseSlot &s) {
            return (!gtin.isEmpty() && normalizedGtin(s.request.gtin) == gtin) ||
                   s.request.medicationCode == code;
        };
        if (!matches(current)) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            int best = -1;
            for (int j = 0; j < m_slots.size(); ++j) {
                const DoseSlot &s = m_slots.at(j);
                if (s.patient.id != current.patient.id || s.asNeeded() != current.asNeeded() || !matches(s) ||
                    given(s))
                    continue;
                if (best < 0 || std::llabs(s.slotMs - now) < std::llabs(m_slots.at(best).slotMs - now))
                    best = j;
            }
            if (best >= 0) {
                const QString wristband = m_wristband;
                select(best);
                m_wristband = wristband;
                m_pack = code;
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
    in.establishment = session()->establishment(); // a wristband of another hospital is refused
    in.request = s.request;
    in.slotMs = s.slotMs;
    in.wristbandCode = m_wristband;
    in.packCode = m_pack;
    in.dose = {enteredDose(m_doseValue).value_or(m_doseValue.trimmed().isEmpty() ? 0 : -1),
               s.request.dose.unit};
    if (s.asNeeded())
        in.slotMs = in.nowMs;
    in.route = m_route;
    in.nowMs = QDateTime::currentMSecsSinceEpoch();
    in.windowMs = kDoseWindowMs;
    in.slotAdministrations = s.recorded; // for an as-needed order: every dose on it
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
    switch (check.failure) {
    case RightFailure::None:
        return {};
    case RightFailure::NotScanned:
        return check.right == Right::Patient ? tr("Scannez le bracelet du patient.")
                                             : tr("Scannez le médicament (ou saisissez son code).");
    case RightFailure::WrongPatient:
        return m_stop ? tr("Bracelet d'un autre patient : STOP.")
                      : tr("Le bracelet ne correspond pas à ce patient.");
    case RightFailure::WrongMedication:
        return tr("Le code scanné (%1) ne correspond pas à la prescription.").arg(m_pack);
    case RightFailure::Expired:
        return tr("Médicament périmé : ne pas administrer.");
    case RightFailure::UnreadableCode:
        return tr("Code illisible : scannez à nouveau.");
    case RightFailure::DoseMismatch:
        return tr("La dose diffère de la prescription.");
    case RightFailure::RouteMismatch:
        return tr("La voie diffère de la prescription.");
    case RightFailure::TooEarly:
        return tr("Trop tôt : plus d'une heure avant l'heure prévue.");
    case RightFailure::TooLate:
        return tr("Plus d'une heure de retard : avis médical avant d'administrer.");
    case RightFailure::AlreadyGiven:
        return tr("Déjà administré pour cette prise.");
    case RightFailure::PrescriptionNotActive:
        return tr("Prescription arrêtée ou suspendue.");
    case RightFailure::AsNeededTooSoon: {
        const DoseSlot &s = m_slots.at(m_selected);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (const std::optional<AsNeededWarning> w = asNeededWarning(s.request, s.recorded, now))
            return tr("Trop tôt : dernière prise à %1, prochaine possible à %2 (au moins %3 entre deux "
                      "prises).")
                .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(w->previousMs),
                                        QStringLiteral("HH:mm")),
                     QLocale().toString(QDateTime::fromMSecsSinceEpoch(w->allowedFromMs),
                                        QStringLiteral("HH:mm")),
                     durationText(w->limit.minIntervalMs));
        return tr("Trop tôt après la dernière prise : intervalle minimal prescrit non atteint.");
    }
    case RightFailure::AsNeededTooMany:
        return tr("Nombre maximal de prises sur la période atteint.");
    }
    return {};
}

QVariantList MedicationRound::checks() const
{
    QVariantList list;
    for (const RightCheck &c : m_result.checks) {
        list.append(QVariantMap{{QStringLiteral("key"), rightKey(c.right)},
                                {QStringLiteral("label"), rightLabel(c.right)},
                                {QStringLiteral("ok"), c.ok},
                                {QStringLiteral("code"), rightFailureKey(c.failure)},
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
    if (m_selected >= 0 && m_slots.at(m_selected).asNeeded()) {
        Q_EMIT failed(tr("Dose si besoin : indiquez pourquoi elle est donnée."));
        return;
    }
    record(true, QString());
}

void MedicationRound::giveOnDemand(const QString &reason)
{
    recheck();
    if (m_selected < 0 || !m_slots.at(m_selected).asNeeded())
        return;
    if (!m_result.allOk()) {
        Q_EMIT failed(tr("Les 5 B ne sont pas tous vérifiés."));
        return;
    }
    if (reason.trimmed().isEmpty()) {
        Q_EMIT failed(tr("Indiquez pourquoi la dose si besoin est donnée."));
        return;
    }
    record(true, reason.trimmed());
}

void MedicationRound::notGiven(const QString &reason)
{
    if (reason.trimmed().isEmpty()) {
        Q_EMIT failed(tr("Indiquez pourquoi la dose n'est pas administrée."));
        return;
    }
    if (m_selected >= 0 && given(m_slots.at(m_selected))) {
        Q_EMIT failed(
            tr("Cette dose est déjà administrée : si c'est une erreur, utilisez « Erreur de saisie »."));
        return;
    }
    record(false, reason.trimmed());
}

void MedicationRound::enterInError(const QString &reason)
{
    if (m_selected < 0 || m_selected >= m_slots.size() || m_saving)
        return;
    if (reason.trimmed().isEmpty()) {
        Q_EMIT failed(tr("Indiquez la raison de la correction."));
        return;
    }
    const DoseSlot &s = m_slots.at(m_selected);
    const QList<MedicationAdministration> onSlot = s.recorded;
    const QString what = s.request.medicationDisplay;
    const QString why = reason.trimmed();
    m_saving = true;
    using Voided = std::optional<MedicationAdministration>; // nullopt: no record of it made here
    session()->worker().write<Voided>(
        this,
        [onSlot, why](Store &store) -> Result<Voided> {
            // The latest record of this slot made on this tablet: never the DPI's or another device's,
            // which their own authors correct.
            QUuid mine;
            qint64 latest = std::numeric_limits<qint64>::min();
            for (const MedicationAdministration &a : onSlot) {
                if (a.status == AdministrationStatus::EnteredInError || a.meta.device != store.deviceId())
                    continue;
                if (a.meta.enteredTimeMs >= latest) {
                    latest = a.meta.enteredTimeMs;
                    mine = a.meta.id;
                }
            }
            if (mine.isNull())
                return Voided();
            Result<MedicationAdministration> voided =
                store.medications().enterAdministrationInError(mine, why);
            if (!voided)
                return voided.error();
            return Voided(*voided);
        },
        [this, what](Result<Voided> saved) {
            m_saving = false;
            if (!saved) {
                Q_EMIT failed(tr("Non enregistré : %1").arg(ErrorText::of(saved.error())));
                return;
            }
            if (!saved->has_value()) {
                Q_EMIT failed(
                    tr("Cette dose n'a pas été saisie sur cette tablette : elle se corrige là où elle "
                       "a été saisie (DPI ou autre tablette)."));
                return;
            }
            Q_EMIT recorded(tr("%1 : saisie annulée (erreur de saisie)").arg(what));
        });
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
    if (s.asNeeded())
        a.reasonGiven = reason;
    else
        a.statusReason = reason;
    // What the nurse gave: the prescribed dose, or within a prescribed range, as checked by the 5 B.
    a.dose = {enteredDose(m_doseValue).value_or(s.request.dose.value), s.request.dose.unit};
    // The prescribed route, in the DPI's words, unless the nurse chose another.
    a.route = m_route.isEmpty() || sameRoute(m_route, s.request.route) ? s.request.route : m_route;
    const QString what = s.request.medicationDisplay;
    m_saving = true;
    session()->worker().write<MedicationAdministration>(
        this, [a](Store &store) { return store.medications().recordAdministration(a); },
        [this, wasGiven, what](Result<MedicationAdministration> saved) {
            m_saving = false;
            if (!saved) {
                Q_EMIT failed(tr("Non enregistré : %1").arg(ErrorText::of(saved.error())));
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
