#include "conflictrules.h"

#include <QCoreApplication>

namespace chevet::app {

QString conflictRuleText(const QString &rule)
{
    if (rule == QLatin1String("completed-vs-cancelled"))
        return QCoreApplication::translate("ConflictRule", "Soin fait ici, annulé dans le DPI entre-temps.");
    if (rule == QLatin1String("deleted-in-dpi"))
        return QCoreApplication::translate("ConflictRule",
                                           "Supprimé dans le DPI alors qu'il était modifié ici.");
    if (rule == QLatin1String("amendment-conflict") || rule == QLatin1String("both-amended"))
        return QCoreApplication::translate("ConflictRule", "Corrigé ici et dans le DPI, différemment.");
    if (rule == QLatin1String("identity-mismatch"))
        return QCoreApplication::translate("ConflictRule", "Identité différente pour le même IPP.");
    if (rule == QLatin1String("identity-unverified"))
        return QCoreApplication::translate(
            "ConflictRule", "Le DPI connaît cet IPP mais l'identité n'a pas pu être vérifiée.");
    if (rule == QLatin1String("ambiguous-match"))
        return QCoreApplication::translate(
            "ConflictRule",
            "Plusieurs dossiers du DPI portent cet identifiant : à voir avec l'identitovigilance.");
    return QCoreApplication::translate("ConflictRule", "Modifié ici et dans le DPI (%1).").arg(rule);
}

} // namespace chevet::app
