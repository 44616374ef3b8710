#include "vitalsform.h"
#include "services/errortext.h"

#include "model/news2.h"
#include "model/vitalranges.h"
#include "model/vitalsentry.h"
#include "store/observationrepository.h"
#include "store/store.h"

#include <QLocale>

#include <cmath>

using namespace chevet;

namespace {

QString fieldLabel(const QString &field)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("rr"), QT_TRANSLATE_NOOP("VitalsForm", "Fréquence respiratoire")},
        {QStringLiteral("spo2"), QT_TRANSLATE_NOOP("VitalsForm", "SpO₂")},
        {QStringLiteral("bp"), QT_TRANSLATE_NOOP("VitalsForm", "Pression artérielle")},
        {QStringLiteral("pulse"), QT_TRANSLATE_NOOP("VitalsForm", "Pouls")},
        {QStringLiteral("temp"), QT_TRANSLATE_NOOP("VitalsForm", "Température")},
        {QStringLiteral("pain"), QT_TRANSLATE_NOOP("VitalsForm", "Douleur (EN)")},
        {QStringLiteral("glucose-mmol"), QT_TRANSLATE_NOOP("VitalsForm", "Glycémie capillaire")},
    };
    return QCoreApplication::translate("VitalsForm", labels.value(field, ""));
}

QString number(double v)
{
    return QLocale().toString(v, 'g', 4);
}

} // namespace

VitalsForm::VitalsForm(QObject *parent)
    : QObject(parent)
{
    connect(this, &VitalsForm::valuesChanged, this, &VitalsForm::evaluate);
    evaluate();
}

void VitalsForm::clear()
{
    m_rr.clear(), m_spo2.clear(), m_systolic.clear(), m_diastolic.clear(), m_pulse.clear();
    m_temperature.clear(), m_pain.clear(), m_glucose.clear();
    m_onOxygen = false;
    m_consciousness = -1;
    Q_EMIT valuesChanged();
}

void VitalsForm::evaluate()
{
    m_errors.clear();
    m_warnings.clear();
    VitalsInput input;
    int present = 0;

    // Parses one typed value and checks it: refused values stay out of the entry and of NEWS2.
    auto read = [&](const QString &text, VitalKind kind, std::optional<double> &out) {
        const QString key = vitalCoding(kind).key;
        QString t = text.trimmed();
        if (t.isEmpty())
            return;
        t.replace(u',', u'.');
        bool ok = false;
        const double value = t.toDouble(&ok);
        if (!ok) {
            m_errors.insert(key, tr("%1 : « %2 » n'est pas un nombre.").arg(fieldLabel(key), text.trimmed()));
            return;
        }
        Result<MeasureCheck> check = checkMeasure(kind, value);
        if (!check) {
            const MeasureLimits l = measureLimits(kind);
            if (check.error().code == ValidationError::BadValue)
                m_errors.insert(key, tr("%1 : un nombre entier est attendu.").arg(fieldLabel(key)));
            else
                m_errors.insert(key, tr("%1 : %2 est impossible (valeurs acceptées de %3 à %4 %5).")
                                         .arg(fieldLabel(key), number(value), number(l.hardMin),
                                              number(l.hardMax), vitalCoding(kind).unit));
            return;
        }
        if (check->plausibility == Plausibility::Unusual) {
            const MeasureLimits l = measureLimits(kind);
            m_warnings.insert(key,
                              tr("%1 : %2 est inhabituel (habituellement %3 à %4). Vérifiez avant "
                                 "d'enregistrer.")
                                  .arg(fieldLabel(key), number(value), number(l.softMin), number(l.softMax)));
        }
        out = value;
        ++present;
    };

    read(m_rr, VitalKind::RespiratoryRate, input.respiratoryRate);
    read(m_spo2, VitalKind::OxygenSaturation, input.spo2);
    read(m_pulse, VitalKind::HeartRate, input.pulse);
    read(m_temperature, VitalKind::BodyTemperature, input.temperature);
    read(m_pain, VitalKind::PainScore, input.pain);
    read(m_glucose, VitalKind::GlucoseMmol, input.glucoseMmol);
    read(m_systolic, VitalKind::BloodPressure, input.systolic);
    if (!m_diastolic.trimmed().isEmpty()) {
        bool ok = false;
        const double dia = QString(m_diastolic).replace(u',', u'.').toDouble(&ok);
        const QString key = vitalCoding(VitalKind::BloodPressure).key;
        if (!ok)
            m_errors.insert(key, tr("Pression artérielle : la diastolique n'est pas un nombre."));
        else if (!input.systolic)
            m_errors.insert(key, tr("Pression artérielle : saisissez aussi la systolique."));
        else if (Result<MeasureCheck> bp = checkBloodPressure(*input.systolic, dia); !bp)
            m_errors.insert(key, tr("Pression artérielle : %1/%2 est impossible (la diastolique doit être "
                                    "inférieure à la systolique, de 20 à 200 mmHg).")
                                     .arg(number(*input.systolic), number(dia)));
        else
            input.diastolic = dia;
    }
    if (input.systolic && !input.diastolic && !m_errors.contains(vitalCoding(VitalKind::BloodPressure).key))
        m_errors.insert(vitalCoding(VitalKind::BloodPressure).key,
                        tr("Pression artérielle : saisissez aussi la diastolique."));
    if (m_consciousness >= 0 && m_consciousness <= 4) {
        input.consciousness = Acvpu(m_consciousness);
        ++present;
    }
    input.onOxygen = m_onOxygen;
    input.spo2Scale = m_spo2Scale == 2 ? 2 : 1;

    News2Input n;
    if (input.respiratoryRate)
        n.respiratoryRate = int(std::lround(*input.respiratoryRate));
    if (input.spo2)
        n.spo2 = int(std::lround(*input.spo2));
    n.spo2Scale = input.spo2Scale;
    n.onOxygen = input.onOxygen;
    if (input.systolic)
        n.systolic = int(std::lround(*input.systolic));
    if (input.pulse)
        n.pulse = int(std::lround(*input.pulse));
    n.consciousness = input.consciousness;
    n.temperature = input.temperature;
    const News2Result r = computeNews2(n);
    m_news2 = r.total;
    m_news2Risk = news2RiskKey(r.risk);
    m_news2Complete = r.complete;
    m_news2Parts.clear();
    for (auto it = r.parts.cbegin(); it != r.parts.cend(); ++it)
        m_news2Parts.insert(it.key(), it.value());
    m_news2Response = m_session ? m_session->news2Response(r) : QString();
    m_canSave = present > 0 && m_errors.isEmpty() && !m_patientId.isEmpty();
    Q_EMIT evaluated();
}

void VitalsForm::save(bool confirmed)
{
    evaluate();
    if (!m_canSave || m_saving || !m_session)
        return;
    if (!m_warnings.isEmpty() && !confirmed) {
        QStringList list;
        for (const QVariant &w : std::as_const(m_warnings))
            list.append(w.toString());
        Q_EMIT needsConfirmation(list);
        return;
    }
    VitalsInput input;
    auto value = [](const QString &t) -> std::optional<double> {
        if (t.trimmed().isEmpty())
            return std::nullopt;
        return QString(t).replace(u',', u'.').trimmed().toDouble();
    };
    input.respiratoryRate = value(m_rr);
    input.spo2 = value(m_spo2);
    input.onOxygen = m_onOxygen;
    input.spo2Scale = m_spo2Scale == 2 ? 2 : 1;
    input.systolic = value(m_systolic);
    input.diastolic = value(m_diastolic);
    input.pulse = value(m_pulse);
    input.temperature = value(m_temperature);
    input.pain = value(m_pain);
    input.glucoseMmol = value(m_glucose);
    if (m_consciousness >= 0)
        input.consciousness = Acvpu(m_consciousness);

    m_saving = true;
    Q_EMIT savingChanged();
    const QUuid patient(m_patientId);
    m_session->worker().write<VitalsEntry>(
        this, [patient, input](Store &store) { return store.observations().recordVitals(patient, input); },
        [this](Result<VitalsEntry> entry) {
            m_saving = false;
            Q_EMIT savingChanged();
            if (!entry) {
                Q_EMIT failed(tr("Non enregistré : %1").arg(ErrorText::of(entry.error())));
                return;
            }
            Q_EMIT saved(entry->news2.total, news2RiskKey(entry->news2.risk));
            clear();
        });
}
