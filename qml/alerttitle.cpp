#include "alerttitle.h"

#include <QCoreApplication>

QString alertTitle(const QString &kind)
{
    if (kind == QLatin1String("possible-double-dose"))
        return QCoreApplication::translate("AlertTitle", "Double administration possible");
    if (kind == QLatin1String("given-and-not-given"))
        return QCoreApplication::translate("AlertTitle", "Dose notée donnée et non donnée");
    if (kind == QLatin1String("as-needed-limit"))
        return QCoreApplication::translate("AlertTitle", "Si besoin : prises trop rapprochées");
    if (kind == QLatin1String("prescription-stopped"))
        return QCoreApplication::translate("AlertTitle", "Prescription arrêtée");
    if (kind == QLatin1String("identity-vigilance"))
        return QCoreApplication::translate("AlertTitle",
                                           "Identitovigilance : identifiant d'une autre personne");
    if (kind == QLatin1String("unreadable-dpi-version"))
        return QCoreApplication::translate("AlertTitle",
                                           "Copie périmée : le DPI a une version illisible ici");
    return QCoreApplication::translate("AlertTitle", "Alerte clinique");
}
