#include "sessionerrortext.h"

#include <QCoreApplication>

using namespace chevet;

QString SessionErrorText::ofWeakPin(PinWeakness weakness)
{
    switch (weakness) {
    case PinWeakness::None:
        return {};
    case PinWeakness::TooShort:
        return tr("Le code PIN doit comporter au moins %1 chiffres.").arg(kMinPinDigits);
    case PinWeakness::NotDigits:
        return tr("Le code PIN ne contient que des chiffres.");
    case PinWeakness::Repeated:
        return tr("Ce code PIN répète les mêmes chiffres (comme 121212) : choisissez-en un autre.");
    case PinWeakness::Sequence:
        return tr("Ce code PIN est une suite (comme 123456 ou 135791) : choisissez-en un autre.");
    case PinWeakness::Date:
        return tr("Ce code PIN ressemble à une date (comme une date de naissance) : choisissez-en un autre.");
    case PinWeakness::Common:
        return tr("Ce code PIN est parmi les plus choisis : choisissez-en un autre.");
    }
    return {};
}

QString SessionErrorText::of(const Error &error)
{
    if (error.code == QLatin1String("wrong-pin"))
        return tr("Code PIN incorrect.");
    if (error.code == QLatin1String("too-soon"))
        return tr("Trop d'essais : patientez avant de réessayer.");
    if (error.code == QLatin1String("locked-out"))
        return tr("Trop de codes PIN faux : une connexion complète (identifiant du DPI) est nécessaire.");
    if (error.code == QLatin1String("needs-sign-in"))
        return tr("Votre session hors ligne a expiré : une connexion complète est nécessaire.");
    if (error.code == QLatin1String("unknown-nurse"))
        return tr("Cette infirmière n'est pas enrôlée sur cette tablette.");
    if (error.code == QLatin1String("bad-nurse-id"))
        return tr("Identifiant invalide (lettres, chiffres, points et tirets).");
    if (error.code == QLatin1String("weak-pin"))
        return tr("Ce code PIN est trop facile à deviner : choisissez-en un autre, d'au moins %1 chiffres.")
            .arg(kMinPinDigits);
    if (error.code == QLatin1String("wrong-device"))
        return tr("Ces données appartiennent à une autre tablette.");
    if (error.code == QLatin1String("key-store-required"))
        return tr("La clé de cette tablette est gardée par le trousseau du système, qui ne répond pas : "
                  "ouvrez la session du poste, ou appelez le support informatique.");
    if (error.code == QLatin1String("exists"))
        return tr("Cette tablette est déjà enrôlée.");
    if (error.code == QLatin1String("damaged"))
        return tr("Les données de cette tablette sont endommagées : ce qu'elles afficheraient pourrait être "
                  "faux, elles ne sont donc pas ouvertes. Rien n'a été modifié. Appelez le support "
                  "informatique sans effacer la tablette : ce qui n'a pas encore été envoyé au DPI "
                  "sera récupéré avant qu'elle soit restaurée depuis le DPI.");
    return tr("Impossible d'ouvrir les données de la tablette : %1").arg(error.message);
}
