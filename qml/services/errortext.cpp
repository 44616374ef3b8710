#include "errortext.h"

using namespace chevet;

namespace {

// What every "call support" sentence ends with: nothing recorded is lost by waiting.
const char *const kNothingLost = QT_TRANSLATE_NOOP("ErrorText", "Rien de ce qui est enregistré n'est perdu.");

} // namespace

QString ErrorText::of(const Error &error)
{
    switch (error.code.domain()) {
    case ErrorDomain::Core:
        return of(error.code.core());
    case ErrorDomain::Store:
        return of(error.code.store());
    case ErrorDomain::Crypto:
        return of(error.code.crypto());
    case ErrorDomain::Validation:
        return of(error.code.validation());
    case ErrorDomain::Model:
        return of(error.code.model());
    case ErrorDomain::Fhir:
        return of(error.code.fhir());
    case ErrorDomain::Net:
        return of(error.code.net());
    case ErrorDomain::Sync:
        return of(error.code.sync());
    case ErrorDomain::Platform:
        return of(error.code.platform());
    }
    return of(CoreError::Unknown);
}

QString ErrorText::ofWeakPin(PinWeakness weakness)
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

QString ErrorText::of(CoreError code)
{
    switch (code) {
    case CoreError::Unknown:
        break;
    }
    return tr("Une erreur inattendue s'est produite. %1").arg(tr(kNothingLost));
}

QString ErrorText::of(StoreError code)
{
    switch (code) {
    case StoreError::LockedOut:
        return tr("Trop de codes PIN faux : une connexion complète (identifiant du DPI) est nécessaire.");
    case StoreError::TooSoon:
        return tr("Trop d'essais : patientez avant de réessayer.");
    case StoreError::SignInNeeded:
        return tr("Votre session hors ligne a expiré : une connexion complète est nécessaire.");
    case StoreError::UnknownNurse:
        return tr("Cette infirmière n'est pas enrôlée sur cette tablette.");
    case StoreError::NurseExists:
        return tr(
            "Cette infirmière est déjà enrôlée sur cette tablette : elle se connecte avec son code PIN.");
    case StoreError::LastNurse:
        return tr("La dernière infirmière enrôlée ne peut pas être retirée de la tablette.");
    case StoreError::WeakPin:
        return tr("Ce code PIN est trop facile à deviner : choisissez-en un autre, d'au moins %1 chiffres.")
            .arg(kMinPinDigits);
    case StoreError::StoreExists:
        return tr("Cette tablette est déjà enrôlée.");
    case StoreError::NoStore:
        return tr("Cette tablette n'est pas encore enrôlée.");
    case StoreError::StoreBusy:
    case StoreError::Locked:
        return tr("Les données de la tablette sont occupées : réessayez dans un instant. %1")
            .arg(tr(kNothingLost));
    case StoreError::DiskFull:
        return tr("La mémoire de la tablette est pleine : rien n'a été enregistré. Libérez de la place ou "
                  "appelez le support informatique.");
    case StoreError::SlotOutdated:
    case StoreError::KeyReplaced:
    case StoreError::KeyGrantInvalid:
        return tr("Votre accès à cette tablette a changé : une connexion complète ou un nouvel enrôlement "
                  "est "
                  "nécessaire. %1")
            .arg(tr(kNothingLost));
    case StoreError::NoDeviceSecret:
        return tr(
            "La clé de cette tablette est introuvable : appelez le support informatique sans effacer la "
            "tablette.");
    case StoreError::NotFound:
    case StoreError::MissingRecord:
    case StoreError::Erased:
        return tr("Cet élément n'est plus sur la tablette (effacé ou remplacé). Rechargez la page.");
    case StoreError::StaleVersion:
    case StoreError::DuplicateId:
        return tr("Cet élément a changé entre-temps : rechargez la page et recommencez.");
    case StoreError::UndeliveredData:
        return tr("Des données n'ont pas encore été envoyées au DPI : elles doivent l'être d'abord.");
    case StoreError::NewerSchema:
        return tr("Ces données ont été écrites par une version plus récente de l'application : mettez-la à "
                  "jour.");
    case StoreError::Damaged:
    case StoreError::Corrupt:
    case StoreError::CorruptRecord:
    case StoreError::NotAStore:
    case StoreError::AuditBroken:
    case StoreError::AlertTampered:
    case StoreError::LookupTampered:
    case StoreError::OutboxTampered:
    case StoreError::SessionTampered:
    case StoreError::Unreadable:
    case StoreError::HeadMarkUnwritable:
        return tr("Les données de cette tablette sont endommagées : ce qu'elles afficheraient pourrait être "
                  "faux, elles ne sont donc pas ouvertes. Rien n'a été modifié. Appelez le support "
                  "informatique sans effacer la tablette : ce qui n'a pas encore été envoyé au DPI "
                  "sera récupéré avant qu'elle soit restaurée depuis le DPI.");
    case StoreError::OpenFailed:
    case StoreError::CreateFailed:
    case StoreError::MigrationFailed:
    case StoreError::SqlExec:
    case StoreError::SqlPrepare:
    case StoreError::SqlStep:
        return tr("Les données de la tablette ne répondent pas : réessayez, puis appelez le support "
                  "informatique. %1")
            .arg(tr(kNothingLost));
    }
    return of(CoreError::Unknown);
}

QString ErrorText::of(CryptoError code)
{
    switch (code) {
    case CryptoError::WrongPin:
        return tr("Code PIN incorrect.");
    case CryptoError::WrongDevice:
    case CryptoError::BadDeviceSecret:
        return tr("Ces données appartiennent à une autre tablette.");
    case CryptoError::BadPin:
        return tr("Ce code PIN n'est pas accepté.");
    case CryptoError::RecordUnreadable:
    case CryptoError::AuthFailed:
    case CryptoError::SealedFormat:
    case CryptoError::SealedTruncated:
    case CryptoError::CorruptKey:
    case CryptoError::GrantFormat:
    case CryptoError::GrantKey:
        return tr("Des données de la tablette ne s'ouvrent pas : elles ne sont pas affichées. Appelez le "
                  "support informatique sans effacer la tablette.");
    case CryptoError::BadJws:
    case CryptoError::BadSignature:
    case CryptoError::UnknownKey:
    case CryptoError::UnsupportedAlg:
        return tr("La signature reçue n'est pas valable : la connexion est refusée.");
    case CryptoError::BadKey:
    case CryptoError::BadLength:
    case CryptoError::BadNonce:
    case CryptoError::BadParams:
    case CryptoError::DecryptFailed:
    case CryptoError::DigestFailed:
    case CryptoError::EncryptFailed:
    case CryptoError::KdfFailed:
    case CryptoError::KeygenFailed:
    case CryptoError::MacFailed:
    case CryptoError::RandomFailed:
    case CryptoError::SignFailed:
    case CryptoError::TooLarge:
    case CryptoError::Unavailable:
        return tr("Le chiffrement de la tablette a échoué : rien n'a été enregistré. Appelez le support "
                  "informatique.");
    }
    return of(CoreError::Unknown);
}

QString ErrorText::of(ValidationError code)
{
    switch (code) {
    case ValidationError::BadNurseId:
        return tr("Identifiant invalide (lettres, chiffres, points et tirets).");
    case ValidationError::BadPin:
        return tr("Ce code PIN n'est pas accepté.");
    case ValidationError::BadValue:
    case ValidationError::OutOfRange:
    case ValidationError::BadUnit:
    case ValidationError::BadSystem:
        return tr("Une valeur saisie est refusée : vérifiez-la.");
    case ValidationError::MissingValue:
    case ValidationError::EmptyEntry:
        return tr("Il manque une valeur : complétez la saisie.");
    case ValidationError::IncompleteBp:
        return tr("La tension demande les deux valeurs, systolique et diastolique.");
    case ValidationError::MissingPatient:
        return tr("Ce patient n'est pas sur la tablette.");
    case ValidationError::DuplicatePatient:
        return tr("Ce patient existe déjà sur la tablette.");
    case ValidationError::AlreadyDone:
        return tr("Ce soin est déjà fait.");
    case ValidationError::Cancelled:
        return tr("Ce soin a été annulé dans le DPI.");
    case ValidationError::NotToDo:
        return tr("Ce soin n'est pas à faire (suspendu, en brouillon ou d'un statut inconnu).");
    case ValidationError::AlreadyGiven:
        return tr("Cette dose est déjà enregistrée comme donnée.");
    case ValidationError::DocumentedNotGiven:
        return tr("Cette dose est déjà enregistrée comme non donnée.");
    case ValidationError::EnteredInError:
        return tr("Cet enregistrement a déjà été déclaré erroné.");
    case ValidationError::UnknownPrescription:
    case ValidationError::UnknownSlot:
        return tr("Cette prescription n'a pas de dose prévue à cette heure : vérifiez le plan de soins.");
    case ValidationError::OtherNurse:
        return tr("Le fournisseur d'identité a connecté une autre infirmière : rien n'a été changé.");
    case ValidationError::NotNew:
        return tr("Cet élément existe déjà dans le DPI.");
    case ValidationError::NoRemote:
    case ValidationError::BadMerge:
    case ValidationError::NotAnIdentityConflict:
        return tr("Ce choix ne s'applique pas à ce conflit : rechargez la page.");
    case ValidationError::SeveralCandidates:
    case ValidationError::IdentityNeedsVigilance:
        return tr("L'identité de ce patient doit être vérifiée par la cellule d'identitovigilance.");
    case ValidationError::NotFound:
        return tr("Cet élément n'est plus sur la tablette. Rechargez la page.");
    case ValidationError::BadAdministrationTimes:
    case ValidationError::BadCa:
    case ValidationError::Usage:
        return tr("Le réglage de la tablette est refusé : appelez le support informatique.");
    }
    return of(CoreError::Unknown);
}

QString ErrorText::of(ModelError code)
{
    switch (code) {
    case ModelError::BadGs1:
        return tr("Ce code-barres n'est pas lisible : scannez-le à nouveau ou saisissez-le.");
    }
    return of(CoreError::Unknown);
}

QString ErrorText::of(FhirReadError code)
{
    switch (code) {
    case FhirReadError::Malformed:
    case FhirReadError::NotJson:
        return tr("Le DPI a envoyé une réponse illisible : la synchronisation reprendra plus tard. %1")
            .arg(tr(kNothingLost));
    }
    return of(CoreError::Unknown);
}

QString ErrorText::of(NetError code)
{
    switch (code) {
    case NetError::AccessDenied:
        return tr("Connexion refusée par le fournisseur d'identité.");
    case NetError::SignInNeeded:
    case NetError::Unauthorized:
        return tr("Connexion au DPI nécessaire : rien n'est perdu, les données attendent sur la tablette.");
    case NetError::SignInCancelled:
    case NetError::Cancelled:
        return tr("Connexion annulée.");
    case NetError::SignInTimeout:
        return tr("La connexion n'a pas abouti à temps : recommencez.");
    case NetError::SignInRefused:
    case NetError::IdpRefused:
    case NetError::InvalidRequest:
    case NetError::StateMismatch:
    case NetError::IssuerMismatch:
    case NetError::BadIdToken:
    case NetError::BadTokenResponse:
    case NetError::BadTokenSet:
    case NetError::BadDiscovery:
        return tr("Le fournisseur d'identité a refusé la connexion : recommencez, puis appelez le support "
                  "informatique.");
    case NetError::IdpUnavailable:
    case NetError::LoopbackUnavailable:
        return tr("Le fournisseur d'identité ne répond pas : réessayez plus tard.");
    case NetError::Unreachable:
    case NetError::ServerUnavailable:
        return tr("Le DPI ne répond pas : les données attendent sur la tablette et partiront au retour du "
                  "réseau.");
    case NetError::TlsFailed:
    case NetError::PinMismatch:
    case NetError::InsecureUrl:
    case NetError::BadUrl:
    case NetError::OffOrigin:
    case NetError::OffOriginRedirect:
        return tr("Le serveur n'est pas celui attendu : la connexion est refusée. Appelez le support "
                  "informatique. %1")
            .arg(tr(kNothingLost));
    }
    return of(CoreError::Unknown);
}

QString ErrorText::of(SyncError code)
{
    switch (code) {
    case SyncError::DpiRefusedRequest:
    case SyncError::AuditExportRefused:
        return tr("Le DPI a refusé un envoi : il reste sur la tablette avec la raison donnée.");
    case SyncError::MedicationUnavailable:
        return tr("Ce médicament n'est pas connu du DPI.");
    case SyncError::BadResponse:
    case SyncError::DanglingReference:
    case SyncError::Missing:
    case SyncError::NoBundles:
    case SyncError::NoCapabilities:
    case SyncError::NotFound:
    case SyncError::PagingLoop:
    case SyncError::SearchFailed:
    case SyncError::UnknownType:
        return tr("La synchronisation avec le DPI a échoué : elle reprendra plus tard. %1")
            .arg(tr(kNothingLost));
    }
    return of(CoreError::Unknown);
}

QString ErrorText::of(PlatformError code)
{
    switch (code) {
    case PlatformError::KeyStoreRequired:
    case PlatformError::KeyStoreUnavailable:
    case PlatformError::KeyStoreTimeout:
    case PlatformError::NoKeyStore:
        return tr("La clé de cette tablette est gardée par le trousseau du système, qui ne répond pas : "
                  "ouvrez la session du poste, ou appelez le support informatique.");
    case PlatformError::KeyStoreDamaged:
    case PlatformError::KeyStoreFailed:
    case PlatformError::KeyFileDamaged:
    case PlatformError::KeyFileExposed:
    case PlatformError::KeyFileUnreadable:
    case PlatformError::KeyFileUnwritable:
        return tr("La clé de cette tablette ne peut pas être lue : appelez le support informatique sans "
                  "effacer la tablette.");
    case PlatformError::NoPin:
    case PlatformError::NoTerminal:
        return tr("Aucun code PIN n'a été saisi.");
    }
    return of(CoreError::Unknown);
}
