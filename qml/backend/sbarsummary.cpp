#include "sbarsummary.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace chevet::app {

namespace {

QString riskText(News2Risk risk)
{
    switch (risk) {
    case News2Risk::Low:
        return QCoreApplication::translate("Sbar", "risque faible");
    case News2Risk::LowMedium:
        return QCoreApplication::translate("Sbar", "risque faible à moyen, un paramètre à 3");
    case News2Risk::Medium:
        return QCoreApplication::translate("Sbar", "risque moyen");
    case News2Risk::High:
        return QCoreApplication::translate("Sbar", "risque élevé");
    }
    return {};
}

QString labelOf(const QString &key)
{
    if (key == QLatin1String("rr"))
        return QCoreApplication::translate("Sbar", "FR");
    if (key == QLatin1String("spo2"))
        return QCoreApplication::translate("Sbar", "SpO2");
    if (key == QLatin1String("oxygen"))
        return QCoreApplication::translate("Sbar", "O2");
    if (key == QLatin1String("sbp"))
        return QCoreApplication::translate("Sbar", "PAS");
    if (key == QLatin1String("pulse"))
        return QCoreApplication::translate("Sbar", "pouls");
    if (key == QLatin1String("acvpu"))
        return QCoreApplication::translate("Sbar", "conscience");
    if (key == QLatin1String("temp"))
        return QCoreApplication::translate("Sbar", "T°");
    return key;
}

// Each parameter with its value and its NEWS2 points, in the order of the RCP chart.
QStringList measured(const News2Input &v, const News2Result &r)
{
    const QLocale locale;
    QStringList parts;
    const auto add = [&](const QString &key, const QString &value) {
        parts.append(QStringLiteral("%1 %2 (%3)").arg(labelOf(key), value).arg(r.parts.value(key)));
    };
    if (v.respiratoryRate)
        add(QStringLiteral("rr"), QCoreApplication::translate("Sbar", "%1/min").arg(*v.respiratoryRate));
    if (v.spo2)
        add(QStringLiteral("spo2"),
            QCoreApplication::translate("Sbar", "%1 %").arg(*v.spo2) +
                (v.spo2Scale == 2 ? QCoreApplication::translate("Sbar", " (échelle 2)") : QString()));
    if (v.onOxygen) {
        parts.append(QStringLiteral("%1 (%2)")
                         .arg(*v.onOxygen ? QCoreApplication::translate("Sbar", "sous oxygène")
                                          : QCoreApplication::translate("Sbar", "air ambiant"))
                         .arg(r.parts.value(QStringLiteral("oxygen"))));
    }
    if (v.systolic)
        add(QStringLiteral("sbp"), QCoreApplication::translate("Sbar", "%1 mmHg").arg(*v.systolic));
    if (v.pulse)
        add(QStringLiteral("pulse"), QCoreApplication::translate("Sbar", "%1/min").arg(*v.pulse));
    if (v.consciousness)
        add(QStringLiteral("acvpu"), acvpuLetter(*v.consciousness));
    if (v.temperature)
        add(QStringLiteral("temp"),
            QCoreApplication::translate("Sbar", "%1 °C").arg(locale.toString(*v.temperature, 'f', 1)));
    return parts;
}

} // namespace

QString escalationRequest(Escalation escalation)
{
    switch (escalation) {
    case Escalation::None:
        return QCoreApplication::translate(
            "Sbar", "Pas d'escalade demandée par le score ; surveillance selon la fréquence prévue.");
    case Escalation::UrgentReview:
        return QCoreApplication::translate(
            "Sbar",
            "Je demande une évaluation médicale urgente au lit du patient. Surveillance des constantes "
            "toutes les heures.");
    case Escalation::UrgentResponse:
        return QCoreApplication::translate(
            "Sbar", "Je demande une réponse urgente par un médecin formé aux soins aigus. Surveillance des "
                    "constantes toutes les heures.");
    case Escalation::Emergency:
        return QCoreApplication::translate(
            "Sbar", "Je demande une réponse en urgence par l'équipe de réanimation. Surveillance continue.");
    }
    return {};
}

Sbar composeSbar(const SbarFacts &facts)
{
    Sbar sbar;
    const QString where = facts.bed.isEmpty() ? facts.room : facts.room + QLatin1Char(' ') + facts.bed;
    QString who = facts.patient;
    if (facts.ageYears >= 0)
        who += QCoreApplication::translate("Sbar", ", %1 ans").arg(facts.ageYears);
    if (!where.isEmpty())
        who += QCoreApplication::translate("Sbar", ", chambre %1").arg(where);
    const QString at = QDateTime::fromMSecsSinceEpoch(facts.takenAtMs).toString(QStringLiteral("HH:mm"));
    QString ageText;
    if (facts.nowMs > facts.takenAtMs && facts.takenAtMs > 0) {
        const qint64 minutes = (facts.nowMs - facts.takenAtMs) / 60000;
        ageText = minutes < 60 ? QCoreApplication::translate("Sbar", " (il y a %1 min)").arg(minutes)
                               : QCoreApplication::translate("Sbar", " (il y a %1 h %2)")
                                     .arg(minutes / 60)
                                     .arg(minutes % 60, 2, 10, QLatin1Char('0'));
    }
    sbar.situation =
        QCoreApplication::translate(
            "Sbar", "%1, infirmier(ère) : j'appelle pour %2. NEWS2 à %3%4 (%5), constantes de %6%7.")
            .arg(facts.nurse, who,
                 facts.news2.complete ? QString() : QCoreApplication::translate("Sbar", "au moins "),
                 QString::number(facts.news2.total), riskText(facts.news2.risk), at, ageText);

    QStringList background;
    if (facts.stayStartMs > 0)
        background.append(QCoreApplication::translate("Sbar", "Hospitalisé(e) depuis le %1.")
                              .arg(QDateTime::fromMSecsSinceEpoch(facts.stayStartMs)
                                       .toString(QStringLiteral("dd/MM/yyyy"))));
    background.append(!facts.allergies.isEmpty() ? QCoreApplication::translate("Sbar", "Allergies : %1.")
                                                       .arg(facts.allergies.join(QStringLiteral(", ")))
                      : facts.allergiesRecorded
                          ? QCoreApplication::translate("Sbar", "Pas d'allergie connue.")
                          : QCoreApplication::translate("Sbar", "Allergies non renseignées."));
    sbar.background = background.join(QLatin1Char(' '));

    QString assessment = QCoreApplication::translate("Sbar", "Constantes : %1.")
                             .arg(measured(facts.vitals, facts.news2).join(QStringLiteral(", ")));
    QStringList threes;
    for (auto it = facts.news2.parts.cbegin(); it != facts.news2.parts.cend(); ++it) {
        if (it.value() == 3)
            threes.append(labelOf(it.key()));
    }
    if (!threes.isEmpty())
        assessment += QLatin1Char(' ') + QCoreApplication::translate("Sbar", "Paramètre(s) à 3 : %1.")
                                             .arg(threes.join(QStringLiteral(", ")));
    if (!facts.news2.complete) {
        QStringList missing;
        for (const QString &key : facts.news2.missing)
            missing.append(labelOf(key));
        assessment += QLatin1Char(' ') + QCoreApplication::translate("Sbar", "Non mesuré(s) : %1.")
                                             .arg(missing.join(QStringLiteral(", ")));
    }
    sbar.assessment = assessment;
    sbar.recommendation = escalationRequest(escalationFor(facts.news2));
    return sbar;
}

QString Sbar::text() const
{
    return QCoreApplication::translate("Sbar", "S — %1\nB — %2\nA — %3\nR — %4")
        .arg(situation, background, assessment, recommendation);
}

} // namespace chevet::app
