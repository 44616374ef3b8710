#include "statuslabel.h"

#include <QCoreApplication>
#include <QHash>

namespace chevet::app {

QString statusLabel(const QString &code)
{
    // R4 statuses of tasks, prescriptions, administrations, stays and observations; one word each, so
    // it reads alone or after "Prescription :".
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("requested"), QT_TRANSLATE_NOOP("StatusLabel", "à faire")},
        {QStringLiteral("received"), QT_TRANSLATE_NOOP("StatusLabel", "reçu")},
        {QStringLiteral("accepted"), QT_TRANSLATE_NOOP("StatusLabel", "accepté")},
        {QStringLiteral("ready"), QT_TRANSLATE_NOOP("StatusLabel", "prêt")},
        {QStringLiteral("rejected"), QT_TRANSLATE_NOOP("StatusLabel", "refusé")},
        {QStringLiteral("failed"), QT_TRANSLATE_NOOP("StatusLabel", "échoué")},
        {QStringLiteral("in-progress"), QT_TRANSLATE_NOOP("StatusLabel", "en cours")},
        {QStringLiteral("completed"), QT_TRANSLATE_NOOP("StatusLabel", "fait")},
        {QStringLiteral("cancelled"), QT_TRANSLATE_NOOP("StatusLabel", "annulé")},
        {QStringLiteral("active"), QT_TRANSLATE_NOOP("StatusLabel", "active")},
        {QStringLiteral("on-hold"), QT_TRANSLATE_NOOP("StatusLabel", "en suspens")},
        {QStringLiteral("draft"), QT_TRANSLATE_NOOP("StatusLabel", "brouillon")},
        {QStringLiteral("stopped"), QT_TRANSLATE_NOOP("StatusLabel", "arrêté")},
        {QStringLiteral("unknown"), QT_TRANSLATE_NOOP("StatusLabel", "statut inconnu")},
        {QStringLiteral("final"), QT_TRANSLATE_NOOP("StatusLabel", "validé")},
        {QStringLiteral("amended"), QT_TRANSLATE_NOOP("StatusLabel", "corrigé")},
        {QStringLiteral("corrected"), QT_TRANSLATE_NOOP("StatusLabel", "corrigé")},
        {QStringLiteral("preliminary"), QT_TRANSLATE_NOOP("StatusLabel", "provisoire")},
        {QStringLiteral("registered"), QT_TRANSLATE_NOOP("StatusLabel", "enregistré")},
        {QStringLiteral("entered-in-error"), QT_TRANSLATE_NOOP("StatusLabel", "saisi par erreur")},
        {QStringLiteral("not-done"), QT_TRANSLATE_NOOP("StatusLabel", "non fait")},
    };
    const char *label = labels.value(code, nullptr);
    return label ? QCoreApplication::translate("StatusLabel", label) : code;
}

} // namespace chevet::app
