<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>AlertDetails</name>
    <message>
        <location filename="../backend/alertdetails.cpp" line="+36"/>
        <source>prescription inconnue de la tablette</source>
        <translation>a prescription this tablet does not hold</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>un enregistrement qui n&apos;est plus sur la tablette</source>
        <translation>a record no longer on this tablet</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 — non donné (%2), noté le %3 par %4</source>
        <translation>%1 — not given (%2), recorded %3 by %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — donné le %2 par %3</source>
        <translation>%1 — given %2 by %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Prescription : %1</source>
        <translation>Prescription: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enregistrement du %1 par %2</source>
        <translation>Record of %1 by %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ne donnez pas d&apos;autre dose. Vérifiez auprès du patient et des infirmières, prévenez le médecin, puis corrigez l&apos;administration saisie en trop (« Erreur de saisie »).</source>
        <translation>Do not give another dose. Check with the patient and the nurses, tell the doctor, then correct the administration recorded in excess (“Entered in error”).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Voyez avec les infirmières qui l&apos;ont noté laquelle est juste, et corrigez l&apos;autre enregistrement.</source>
        <translation>Ask the nurses who recorded it which one is right, and correct the other record.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ne redonnez pas avant l&apos;intervalle prescrit ; prévenez le médecin si le besoin persiste.</source>
        <translation>Do not give again before the prescribed interval; tell the doctor if the need persists.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>La dose a été donnée sur une prescription que le DPI a arrêtée : prévenez le prescripteur et notez-le en transmission.</source>
        <translation>The dose was given on a prescription the DPI has stopped: tell the prescriber and write it in a handover note.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ne soignez pas sur ce dossier avant l&apos;avis de la cellule d&apos;identitovigilance.</source>
        <translation>Do not give care on this record before the identity vigilance team has answered.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>La tablette a une version ancienne de ce dossier : vérifiez-le dans le DPI.</source>
        <translation>The tablet holds an old version of this record: check it in the DPI.</translation>
    </message>
</context>
<context>
    <name>AlertTitle</name>
    <message>
        <location filename="../alerttitle.cpp" line="+8"/>
        <source>Double administration possible</source>
        <translation>Possible double administration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dose notée donnée et non donnée</source>
        <translation>Dose recorded both given and not given</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Si besoin : prises trop rapprochées</source>
        <translation>As needed: doses too close together</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prescription arrêtée</source>
        <translation>Prescription stopped</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identitovigilance : identifiant d&apos;une autre personne</source>
        <translation>Identity vigilance: another person&apos;s identifier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copie périmée : le DPI a une version illisible ici</source>
        <translation>Out-of-date copy: the DPI has a version this tablet cannot read</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alerte clinique</source>
        <translation>Clinical alert</translation>
    </message>
</context>
<context>
    <name>CameraScan</name>
    <message>
        <location filename="../components/CameraScan.qml" line="+20"/>
        <source>Arrêter la caméra</source>
        <translation>Stop the camera</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scanner avec la caméra</source>
        <translation>Scan with the camera</translation>
    </message>
</context>
<context>
    <name>ChartPage</name>
    <message>
        <location filename="../pages/ChartPage.qml" line="+34"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action impossible</source>
        <translation>Action not possible</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Ce dossier n&apos;a jamais été synchronisé avec le DPI.</source>
        <translation>This chart has never been synced with the DPI.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossier synchronisé avec le DPI il y a %1.</source>
        <translation>Chart synced with the DPI %1 ago.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Des soins saisis ailleurs peuvent manquer ; travail non envoyé d&apos;autres tablettes : inconnu.</source>
        <translation>Care recorded elsewhere may be missing; other tablets&apos; unsent work: unknown.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Né(e) le %1  ·  %2  ·  chambre %3 %4</source>
        <translation>Born %1  ·  %2  ·  room %3 %4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>femme</source>
        <translation>female</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>homme</source>
        <translation>male</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sexe non renseigné</source>
        <translation>sex not recorded</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>IPP %1  ·  INS %2</source>
        <translation>IPP %1  ·  INS %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>non renseigné</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Allergies : %1</source>
        <translation>Allergies: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>grave</source>
        <translation>severe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allergies : aucune connue (DPI)</source>
        <translation>Allergies: none known (EPR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allergies : non renseignées dans le DPI — demandez au patient</source>
        <translation>Allergies: not recorded in the EPR — ask the patient</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+85"/>
        <source>NEWS2</source>
        <translation>NEWS2</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Pas de constantes récentes.</source>
        <translation>No recent observations.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Dernières constantes il y a %1.</source>
        <translation>Last observations %1 ago.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Constantes à prendre.</source>
        <translation>Observations to take.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Constantes en retard de %1.</source>
        <translation>Observations %1 late.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surveillance continue.</source>
        <translation>Continuous monitoring.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Constantes dues maintenant.</source>
        <translation>Observations due now.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prochaines constantes dans %1.</source>
        <translation>Next observations in %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saisie incomplète à %1 (au moins %2) : le score affiché reste celui de la dernière saisie complète.</source>
        <translation>Incomplete entry at %1 (at least %2): the score shown is still the last complete entry&apos;s.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saisir les constantes</source>
        <translation>Record observations</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Transmission ciblée</source>
        <translation>Handover note</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Médicaments</source>
        <translation>Medication</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Appeler le médecin</source>
        <translation>Call the doctor</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Tendances</source>
        <translation>Trends</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transmissions (%1)</source>
        <translation>Handover notes (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Soins (%1)</source>
        <translation>Care tasks (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alertes (%1)</source>
        <translation>Alerts (%1)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>incomplet (score minimal)</source>
        <translation>incomplete (minimum score)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>J&apos;ai pris connaissance</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Aucune alerte ouverte.</source>
        <translation>No open alerts.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>qualifiée</source>
        <translation>qualified</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validée</source>
        <translation>validated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>récupérée</source>
        <translation>retrieved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>provisoire</source>
        <translation>provisional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>statut inconnu</source>
        <translation>unknown status</translation>
    </message>
</context>
<context>
    <name>ClockBanner</name>
    <message numerus="yes">
        <location filename="../components/ClockBanner.qml" line="+19"/>
        <source>L&apos;horloge de la tablette avance de %n minute(s) sur le DPI : les heures saisies seront fausses. Faites régler l&apos;heure.</source>
        <translation>
            <numerusform>The tablet&apos;s clock is %n minute ahead of the DPI&apos;s: the times you record will be wrong. Have the time set.</numerusform>
            <numerusform>The tablet&apos;s clock is %n minutes ahead of the DPI&apos;s: the times you record will be wrong. Have the time set.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>L&apos;horloge de la tablette retarde de %n minute(s) sur le DPI : les heures saisies seront fausses. Faites régler l&apos;heure.</source>
        <translation>
            <numerusform>The tablet&apos;s clock is %n minute behind the DPI&apos;s: the times you record will be wrong. Have the time set.</numerusform>
            <numerusform>The tablet&apos;s clock is %n minutes behind the DPI&apos;s: the times you record will be wrong. Have the time set.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictRule</name>
    <message>
        <location filename="../backend/conflictrules.cpp" line="+10"/>
        <source>Soin fait ici, annulé dans le DPI entre-temps.</source>
        <translation>Care task done here, cancelled in the EPR in the meantime.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supprimé dans le DPI alors qu&apos;il était modifié ici.</source>
        <translation>Deleted in the EPR while it was being changed here.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Corrigé ici et dans le DPI, différemment.</source>
        <translation>Corrected here and in the EPR, differently.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identité différente pour le même IPP.</source>
        <translation>Different identity for the same IPP.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Le DPI connaît cet IPP mais l&apos;identité n&apos;a pas pu être vérifiée.</source>
        <translation>The DPI knows this IPP but the identity could not be checked.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plusieurs dossiers du DPI portent cet identifiant : à voir avec l&apos;identitovigilance.</source>
        <translation>Several DPI records carry this identifier: refer to identity vigilance.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Modifié ici et dans le DPI (%1).</source>
        <translation>Changed here and in the DPI (%1).</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../services/errortext.cpp" line="+8"/>
        <source>Rien de ce qui est enregistré n&apos;est perdu.</source>
        <translation>Nothing recorded is lost.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Le code PIN doit comporter au moins %1 chiffres.</source>
        <translation>The PIN must have at least %1 digits.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Le code PIN ne contient que des chiffres.</source>
        <translation>The PIN is made of digits only.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce code PIN répète les mêmes chiffres (comme 121212) : choisissez-en un autre.</source>
        <translation>This PIN repeats the same digits (like 121212): choose another.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce code PIN est une suite (comme 123456 ou 135791) : choisissez-en un autre.</source>
        <translation>This PIN is a sequence (like 123456 or 135791): choose another.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce code PIN ressemble à une date (comme une date de naissance) : choisissez-en un autre.</source>
        <translation>This PIN looks like a date (like a birthday): choose another.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce code PIN est parmi les plus choisis : choisissez-en un autre.</source>
        <translation>This PIN is among the most often chosen: choose another.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Une erreur inattendue s&apos;est produite. %1</source>
        <translation>Something unexpected went wrong. %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trop de codes PIN faux : une connexion complète (identifiant du DPI) est nécessaire.</source>
        <translation>Too many wrong PINs: a full sign-in (EPR username) is required.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trop d&apos;essais : patientez avant de réessayer.</source>
        <translation>Too many attempts: wait before trying again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Votre session hors ligne a expiré : une connexion complète est nécessaire.</source>
        <translation>Your offline session has expired: a full sign-in is required.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cette infirmière n&apos;est pas enrôlée sur cette tablette.</source>
        <translation>This nurse is not enrolled on this tablet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cette infirmière est déjà enrôlée sur cette tablette : elle se connecte avec son code PIN.</source>
        <translation>This nurse is already enrolled on this tablet: she signs in with her PIN.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La dernière infirmière enrôlée ne peut pas être retirée de la tablette.</source>
        <translation>The last enrolled nurse cannot be removed from the tablet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce code PIN est trop facile à deviner : choisissez-en un autre, d&apos;au moins %1 chiffres.</source>
        <translation>This PIN is too easy to guess: choose another, of at least %1 digits.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cette tablette est déjà enrôlée.</source>
        <translation>This tablet is already enrolled.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cette tablette n&apos;est pas encore enrôlée.</source>
        <translation>This tablet is not enrolled yet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Les données de la tablette sont occupées : réessayez dans un instant. %1</source>
        <translation>The tablet&apos;s data is busy: try again in a moment. %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La mémoire de la tablette est pleine : rien n&apos;a été enregistré. Libérez de la place ou appelez le support informatique.</source>
        <translation>The tablet&apos;s storage is full: nothing was saved. Free some space or call IT support.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Votre accès à cette tablette a changé : une connexion complète ou un nouvel enrôlement est nécessaire. %1</source>
        <translation>Your access to this tablet has changed: a full sign-in or a new enrolment is needed. %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>La clé de cette tablette est introuvable : appelez le support informatique sans effacer la tablette.</source>
        <translation>This tablet&apos;s key cannot be found: call IT support without wiping the tablet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cet élément n&apos;est plus sur la tablette (effacé ou remplacé). Rechargez la page.</source>
        <translation>This item is no longer on the tablet (erased or replaced). Reload the page.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cet élément a changé entre-temps : rechargez la page et recommencez.</source>
        <translation>This item changed meanwhile: reload the page and try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Des données n&apos;ont pas encore été envoyées au DPI : elles doivent l&apos;être d&apos;abord.</source>
        <translation>Some data has not been sent to the DPI yet: it must be sent first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ces données ont été écrites par une version plus récente de l&apos;application : mettez-la à jour.</source>
        <translation>This data was written by a newer version of the app: update it.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Les données de cette tablette sont endommagées : ce qu&apos;elles afficheraient pourrait être faux, elles ne sont donc pas ouvertes. Rien n&apos;a été modifié. Appelez le support informatique sans effacer la tablette : ce qui n&apos;a pas encore été envoyé au DPI sera récupéré avant qu&apos;elle soit restaurée depuis le DPI.</source>
        <translation>This tablet&apos;s data is damaged: what it would show could be wrong, so it is not opened. Nothing was changed. Call IT support without erasing the tablet: what has not been sent to the DPI yet will be recovered before it is restored from the DPI.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Les données de la tablette ne répondent pas : réessayez, puis appelez le support informatique. %1</source>
        <translation>The tablet&apos;s data does not respond: try again, then call IT support. %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code PIN incorrect.</source>
        <translation>Incorrect PIN.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ces données appartiennent à une autre tablette.</source>
        <translation>This data belongs to another tablet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+41"/>
        <source>Ce code PIN n&apos;est pas accepté.</source>
        <translation>This PIN is not accepted.</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Des données de la tablette ne s&apos;ouvrent pas : elles ne sont pas affichées. Appelez le support informatique sans effacer la tablette.</source>
        <translation>Some of the tablet&apos;s data does not open: it is not shown. Call IT support without wiping the tablet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>La signature reçue n&apos;est pas valable : la connexion est refusée.</source>
        <translation>The signature received is not valid: the connection is refused.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Le chiffrement de la tablette a échoué : rien n&apos;a été enregistré. Appelez le support informatique.</source>
        <translation>The tablet&apos;s encryption failed: nothing was saved. Call IT support.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Identifiant invalide (lettres, chiffres, points et tirets).</source>
        <translation>Invalid username (letters, digits, dots and hyphens).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Une valeur saisie est refusée : vérifiez-la.</source>
        <translation>A value entered is refused: check it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Il manque une valeur : complétez la saisie.</source>
        <translation>A value is missing: complete the entry.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La tension demande les deux valeurs, systolique et diastolique.</source>
        <translation>Blood pressure needs both values, systolic and diastolic.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce patient n&apos;est pas sur la tablette.</source>
        <translation>This patient is not on the tablet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce patient existe déjà sur la tablette.</source>
        <translation>This patient is already on the tablet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce soin est déjà fait.</source>
        <translation>This care is already done.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce soin a été annulé dans le DPI.</source>
        <translation>This care was cancelled in the DPI.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce soin n&apos;est pas à faire (suspendu, en brouillon ou d&apos;un statut inconnu).</source>
        <translation>This care is not to be done (on hold, draft or an unknown status).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cette dose est déjà enregistrée comme donnée.</source>
        <translation>This dose is already recorded as given.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cette dose est déjà enregistrée comme non donnée.</source>
        <translation>This dose is already recorded as not given.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cet enregistrement a déjà été déclaré erroné.</source>
        <translation>This record was already marked as entered in error.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cette prescription n&apos;a pas de dose prévue à cette heure : vérifiez le plan de soins.</source>
        <translation>This prescription has no dose scheduled at this time: check the care plan.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Le fournisseur d&apos;identité a connecté une autre infirmière : rien n&apos;a été changé.</source>
        <translation>The identity provider signed in another nurse: nothing was changed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cet élément existe déjà dans le DPI.</source>
        <translation>This item already exists in the DPI.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ce choix ne s&apos;applique pas à ce conflit : rechargez la page.</source>
        <translation>This choice does not apply to this conflict: reload the page.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>L&apos;identité de ce patient doit être vérifiée par la cellule d&apos;identitovigilance.</source>
        <translation>This patient&apos;s identity must be checked by the identity-monitoring team.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cet élément n&apos;est plus sur la tablette. Rechargez la page.</source>
        <translation>This item is no longer on the tablet. Reload the page.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Le réglage de la tablette est refusé : appelez le support informatique.</source>
        <translation>The tablet&apos;s setting is refused: call IT support.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ce code-barres n&apos;est pas lisible : scannez-le à nouveau ou saisissez-le.</source>
        <translation>This barcode cannot be read: scan it again or type it.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Le DPI a envoyé une réponse illisible : la synchronisation reprendra plus tard. %1</source>
        <translation>The DPI sent an unreadable answer: sync will resume later. %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Connexion refusée par le fournisseur d&apos;identité.</source>
        <translation>Sign-in refused by the identity provider.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connexion au DPI nécessaire : rien n&apos;est perdu, les données attendent sur la tablette.</source>
        <translation>EPR sign-in needed: nothing is lost, the data is waiting on the tablet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connexion annulée.</source>
        <translation>Sign-in cancelled.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La connexion n&apos;a pas abouti à temps : recommencez.</source>
        <translation>The sign-in did not finish in time: try again.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Le fournisseur d&apos;identité a refusé la connexion : recommencez, puis appelez le support informatique.</source>
        <translation>The identity provider refused the sign-in: try again, then call IT support.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Le fournisseur d&apos;identité ne répond pas : réessayez plus tard.</source>
        <translation>The identity provider does not answer: try again later.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Le DPI ne répond pas : les données attendent sur la tablette et partiront au retour du réseau.</source>
        <translation>The DPI does not answer: the data waits on the tablet and will be sent when the network is back.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Le serveur n&apos;est pas celui attendu : la connexion est refusée. Appelez le support informatique. %1</source>
        <translation>The server is not the expected one: the connection is refused. Call IT support. %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Le DPI a refusé un envoi : il reste sur la tablette avec la raison donnée.</source>
        <translation>The DPI refused something sent: it stays on the tablet with the reason given.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ce médicament n&apos;est pas connu du DPI.</source>
        <translation>The DPI does not know this medication.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>La synchronisation avec le DPI a échoué : elle reprendra plus tard. %1</source>
        <translation>Sync with the DPI failed: it will resume later. %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>La clé de cette tablette est gardée par le trousseau du système, qui ne répond pas : ouvrez la session du poste, ou appelez le support informatique.</source>
        <translation>This tablet&apos;s key is kept by the system keyring, which is not answering: open the desktop session, or call IT support.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>La clé de cette tablette ne peut pas être lue : appelez le support informatique sans effacer la tablette.</source>
        <translation>This tablet&apos;s key cannot be read: call IT support without wiping the tablet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Aucun code PIN n&apos;a été saisi.</source>
        <translation>No PIN was entered.</translation>
    </message>
</context>
<context>
    <name>EscalationDialog</name>
    <message>
        <location filename="../components/EscalationDialog.qml" line="+19"/>
        <source>Appel en urgence — équipe de réanimation</source>
        <translation>Emergency call — critical care team</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appel urgent du médecin</source>
        <translation>Urgent call to the doctor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Évaluation médicale urgente</source>
        <translation>Urgent medical review</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Appel médecin (NEWS2)</source>
        <translation>Doctor called (NEWS2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Médecin appelé : %1</source>
        <translation>Doctor called: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Ces constantes datent de %1 : reprenez-les si vous le pouvez avant d&apos;appeler.</source>
        <translation>These observations are %1 old: take them again before calling if you can.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>À lire au médecin :</source>
        <translation>To read to the doctor:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Médecin appelé (nom)</source>
        <translation>Doctor called (name)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Conduite à tenir convenue (facultatif)</source>
        <translation>Plan agreed (optional)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enregistrer l&apos;appel</source>
        <translation>Record the call</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../Main.qml" line="+14"/>
        <source>Chevet — formation</source>
        <translation>Chevet — training</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chevet</source>
        <translation>Chevet</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Service de formation</source>
        <translation>Training ward</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Infirmière connectée : %1</source>
        <translation>Nurse signed in: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Thème clair</source>
        <translation>Light theme</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thème de nuit</source>
        <translation>Night theme</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Changer de service ou de tournée</source>
        <translation>Change ward or round</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changer d&apos;infirmière</source>
        <translation>Change nurse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ajouter une infirmière sur cette tablette</source>
        <translation>Add a nurse to this tablet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Verrouiller</source>
        <translation>Lock</translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>Verrouillage automatique dans %n seconde(s). Touchez l&apos;écran pour continuer ; une saisie en cours sera gardée.</source>
        <translation>
            <numerusform>Automatic lock in %n second. Touch the screen to continue; a form in progress will be kept.</numerusform>
            <numerusform>Automatic lock in %n seconds. Touch the screen to continue; a form in progress will be kept.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Quitter sans enregistrer ?</source>
        <translation>Leave without saving?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ce que vous avez saisi sur cette page n&apos;est pas enregistré et sera perdu.</source>
        <translation>What you typed on this page is not saved and will be lost.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continuer la saisie</source>
        <translation>Keep typing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quitter sans enregistrer</source>
        <translation>Leave without saving</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ajouter une infirmière</source>
        <translation>Add a nurse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Son identifiant (ex. ide-bernard)</source>
        <translation>Their username (e.g. ide-bernard)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Son code PIN</source>
        <translation>Their PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Son code PIN, une deuxième fois</source>
        <translation>Their PIN, again</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Avant sa première ouverture, elle se connectera elle-même avec son identifiant du DPI.</source>
        <translation>Before she first opens the app, she signs in herself with her hospital account.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enrôler</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 est ajoutée sur cette tablette.</source>
        <translation>%1 is added to this tablet.</translation>
    </message>
</context>
<context>
    <name>MedicationPage</name>
    <message>
        <location filename="../pages/MedicationPage.qml" line="+19"/>
        <source>Tour des médicaments</source>
        <translation>Medication round</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>✓ donné</source>
        <translation>✓ given</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>non donné</source>
        <translation>not given</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>à venir</source>
        <translation>upcoming</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>à donner</source>
        <translation>due</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Scannez le bracelet du patient, ou touchez une dose dans la liste, puis scannez le médicament. Les 5 B (patient, médicament, dose, voie, moment) sont vérifiés avant que « Administré » soit possible.</source>
        <translation>Scan the patient&apos;s wristband, or tap a dose in the list, then scan the medicine. The 5 rights (patient, drug, dose, route, time) are checked before “Given” is possible.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Formation — bracelet : %1 · code du médicament : %2</source>
        <translation>Training — wristband: %1 · medicine code: %2</translation>
    </message>
    <message>
        <location line="-189"/>
        <source>en retard de %1</source>
        <translation>%1 late</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>si besoin</source>
        <translation>as needed</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1, %2 %3, %4</source>
        <translation>%1, %2 %3, %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Si
besoin</source>
        <translation>As
needed</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ch. %1 %2 · %3</source>
        <translation>Rm %1 %2 · %3</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Aucune dose à donner ni en retard.</source>
        <translation>No dose due or late.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>1. Scannez le bracelet</source>
        <translation>1. Scan the wristband</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2. Scannez le médicament</source>
        <translation>2. Scan the medicine</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Médicament référencé mais non lu depuis le DPI : vérifiez la prescription.</source>
        <translation>Medicine referenced but not read from the DPI: check the prescription.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 · ch. %2 %3</source>
        <translation>%1 · rm %2 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · prévu à %1</source>
        <translation> · due at %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Consigne : %1</source>
        <translation>Instructions: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Administré par %1</source>
        <translation>Given by %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Non administré par %1 : %2</source>
        <translation>Not given by %1: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+6"/>
        <source>Dose donnée</source>
        <translation>Dose given</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Voie</source>
        <translation>Route</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choisir la voie</source>
        <translation>Choose the route</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Voie d&apos;administration</source>
        <translation>Route of administration</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Motif de la prise (ex. douleur EVA 6)</source>
        <translation>Reason for the dose (e.g. pain 6/10)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Motif de la prise si besoin</source>
        <translation>Reason for the as-needed dose</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Administré</source>
        <translation>Given</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Non administré…</source>
        <translation>Not given…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Erreur de saisie…</source>
        <translation>Entered in error…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pourquoi la dose n&apos;est-elle pas administrée ?</source>
        <translation>Why is the dose not being given?</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+26"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Erreur de saisie</source>
        <translation>Entered in error</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>La dose de %1 enregistrée pour %2 sera marquée « erreur de saisie » et envoyée ainsi au DPI. Elle reste dans l&apos;historique.</source>
        <translation>The dose of %1 recorded for %2 will be marked “entered in error” and sent as such to the DPI. It stays in the history.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Raison (obligatoire)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Confirmer la correction</source>
        <translation>Confirm the correction</translation>
    </message>
</context>
<context>
    <name>MedicationRound</name>
    <message>
        <location filename="../medicationround.cpp" line="+40"/>
        <source>cp</source>
        <translation>tab</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>dose non précisée</source>
        <translation>dose not stated</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Orale (per os)</source>
        <translation>Oral</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Intraveineuse (IV)</source>
        <translation>Intravenous (IV)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sous-cutanée (SC)</source>
        <translation>Subcutaneous (SC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Intramusculaire (IM)</source>
        <translation>Intramuscular (IM)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cutanée</source>
        <translation>Topical</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transdermique</source>
        <translation>Transdermal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inhalée</source>
        <translation>Inhaled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nasale</source>
        <translation>Nasal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ophtalmique</source>
        <translation>Ophthalmic</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rectale</source>
        <translation>Rectal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sublinguale</source>
        <translation>Sublingual</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vaginale</source>
        <translation>Vaginal</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2</source>
        <translation>%1 h %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+20"/>
        <source>Allergies non renseignées</source>
        <translation>Allergies not recorded</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>%1 (grave)</source>
        <translation>%1 (severe)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Allergies : %1</source>
        <translation>Allergies: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aucune allergie connue</source>
        <translation>No known allergy</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>si besoin : %1</source>
        <translation>as needed: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>si besoin</source>
        <translation>as needed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>au moins %1 entre deux prises</source>
        <translation>at least %1 between doses</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n prise(s) au plus sur %1</source>
        <translation>
            <numerusform>at most %n dose in %1</numerusform>
            <numerusform>at most %n doses in %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>limite écrite dans la consigne, non vérifiée par l&apos;application : lisez-la</source>
        <translation>limit written in the instructions, not checked by the app: read them</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>aucun intervalle minimal prescrit</source>
        <translation>no minimum interval prescribed</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>dernière prise à %1</source>
        <translation>last dose at %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Prescription : %1</source>
        <translation>Prescription: %1</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>STOP : bracelet de %1, mais la dose choisie est pour %2. N&apos;administrez pas : vérifiez l&apos;identité du patient.</source>
        <translation>STOP: wristband of %1, but the chosen dose is for %2. Do not give: check the patient&apos;s identity.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Bracelet de %1 : aucune dose à donner pour ce patient dans cette tournée.</source>
        <translation>Wristband of %1: no dose due for this patient on this round.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Bracelet inconnu sur cette tablette : vérifiez l&apos;identité du patient.</source>
        <translation>Wristband unknown on this tablet: check the patient&apos;s identity.</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Le code scanné (%1) ne correspond pas à la prescription.</source>
        <translation>The code scanned (%1) does not match the prescription.</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Bon patient</source>
        <translation>Right patient</translation>
    </message>
    <message>
        <location line="-497"/>
        <source>%1 à %2 %3</source>
        <translation>%1 to %2 %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, débit %1</source>
        <translation>, rate %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Buccale (jugale)</source>
        <translation>Buccal</translation>
    </message>
    <message>
        <location line="+367"/>
        <source>Ancien bracelet de %1 (IPP remplacé) : faites refaire le bracelet avant d&apos;administrer.</source>
        <translation>Old wristband of %1 (IPP replaced): have a new wristband made before giving.</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Bon médicament</source>
        <translation>Right drug</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bonne dose</source>
        <translation>Right dose</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bonne voie</source>
        <translation>Right route</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bon moment</source>
        <translation>Right time</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scannez le bracelet du patient.</source>
        <translation>Scan the patient&apos;s wristband.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scannez le médicament (ou saisissez son code).</source>
        <translation>Scan the medicine (or enter its code).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bracelet d&apos;un autre patient : STOP.</source>
        <translation>Another patient&apos;s wristband: STOP.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Le bracelet ne correspond pas à ce patient.</source>
        <translation>The wristband does not match this patient.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Médicament périmé : ne pas administrer.</source>
        <translation>Medicine expired: do not give.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Code illisible : scannez à nouveau.</source>
        <translation>Unreadable code: scan again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La dose diffère de la prescription.</source>
        <translation>The dose differs from the prescription.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La voie diffère de la prescription.</source>
        <translation>The route differs from the prescription.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trop tôt : plus d&apos;une heure avant l&apos;heure prévue.</source>
        <translation>Too early: more than an hour before the due time.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plus d&apos;une heure de retard : avis médical avant d&apos;administrer.</source>
        <translation>More than an hour late: get medical advice before giving.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Déjà administré pour cette prise.</source>
        <translation>Already given for this dose.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prescription arrêtée ou suspendue.</source>
        <translation>Prescription stopped or suspended.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Trop tôt : dernière prise à %1, prochaine possible à %2 (au moins %3 entre deux prises).</source>
        <translation>Too early: last dose at %1, next possible at %2 (at least %3 between doses).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trop tôt après la dernière prise : intervalle minimal prescrit non atteint.</source>
        <translation>Too soon after the last dose: the prescribed minimum interval has not passed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nombre maximal de prises sur la période atteint.</source>
        <translation>Maximum number of doses for the period reached.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Refus du patient</source>
        <translation>Patient refused</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Patient absent du service</source>
        <translation>Patient off the ward</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Patient à jeun</source>
        <translation>Patient nil by mouth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vomissements</source>
        <translation>Vomiting</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Médicament indisponible</source>
        <translation>Medicine unavailable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Avis médical : suspendu</source>
        <translation>Withheld on medical advice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paramètres hors limites</source>
        <translation>Observations out of range</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+16"/>
        <source>Les 5 B ne sont pas tous vérifiés.</source>
        <translation>Not all of the 5 rights are checked.</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Dose si besoin : indiquez pourquoi elle est donnée.</source>
        <translation>As-needed dose: say why it is given.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Indiquez pourquoi la dose si besoin est donnée.</source>
        <translation>Say why the as-needed dose is given.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Indiquez pourquoi la dose n&apos;est pas administrée.</source>
        <translation>Say why the dose is not being given.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cette dose est déjà administrée : si c&apos;est une erreur, utilisez « Erreur de saisie ».</source>
        <translation>This dose was already given: if that was a mistake, use “Entered in error”.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Indiquez la raison de la correction.</source>
        <translation>Give the reason for the correction.</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+39"/>
        <source>Non enregistré : %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Cette dose n&apos;a pas été saisie sur cette tablette : elle se corrige là où elle a été saisie (DPI ou autre tablette).</source>
        <translation>This dose was not recorded on this tablet: it is corrected where it was recorded (the DPI or another tablet).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 : saisie annulée (erreur de saisie)</source>
        <translation>%1: record voided (entered in error)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 : administré</source>
        <translation>%1: given</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 : non administré</source>
        <translation>%1: not given</translation>
    </message>
</context>
<context>
    <name>News2Badge</name>
    <message>
        <location filename="../components/News2Badge.qml" line="+22"/>
        <source>NEWS2 non disponible</source>
        <translation>NEWS2 not available</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NEWS2 %1</source>
        <translation>NEWS2 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NEWS2 incomplet, au moins %1</source>
        <translation>Incomplete NEWS2, at least %1</translation>
    </message>
</context>
<context>
    <name>NoteForm</name>
    <message>
        <location filename="../noteform.cpp" line="+17"/>
        <source>Indiquez la cible.</source>
        <translation>Enter the focus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Écrivez au moins les données, les actions ou les résultats.</source>
        <translation>Write at least the data, the actions or the results.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Non enregistrée : %1</source>
        <translation>Not saved: %1</translation>
    </message>
</context>
<context>
    <name>NotePage</name>
    <message>
        <location filename="../pages/NotePage.qml" line="+15"/>
        <source>Transmission ciblée</source>
        <translation>Handover note</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 — par %2, le %3</source>
        <translation>%1 — by %2, on %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+7"/>
        <source>Cible</source>
        <translation>Focus</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Douleur</source>
        <translation>Pain</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anxiété</source>
        <translation>Anxiety</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chute</source>
        <translation>Fall</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Alimentation</source>
        <translation>Nutrition</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Élimination</source>
        <translation>Elimination</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Plaie / pansement</source>
        <translation>Wound / dressing</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sommeil</source>
        <translation>Sleep</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hyperthermie</source>
        <translation>Pyrexia</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Données</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Résultats</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Enregistrer la transmission</source>
        <translation>Save handover note</translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message>
        <location filename="../components/NotesView.qml" line="+18"/>
        <source>Cible : %1</source>
        <translation>Focus: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● Non envoyée</source>
        <translation>● Not sent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>D : %1</source>
        <translation>D: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A : %1</source>
        <translation>A: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R : %1</source>
        <translation>R: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Aucune transmission sur ce séjour.</source>
        <translation>No handover notes for this stay.</translation>
    </message>
</context>
<context>
    <name>PrivacyCover</name>
    <message>
        <location filename="../components/PrivacyCover.qml" line="+24"/>
        <source>Chevet</source>
        <translation>Chevet</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../pages/ReviewPage.qml" line="+11"/>
        <source>À traiter</source>
        <translation>To review</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Garder la version du DPI ?</source>
        <translation>Keep the DPI&apos;s version?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Le soin noté sur cette tablette ne sera pas envoyé au DPI : %1. Il reste dans l&apos;historique de la tablette. Écrivez une transmission pour dire ce qui a été fait.</source>
        <translation>The care recorded on this tablet will not be sent to the DPI: %1. It stays in the tablet&apos;s history. Write a handover note to say what was done.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Garder le DPI et écrire une transmission</source>
        <translation>Keep the DPI&apos;s and write a note</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Soin annulé dans le DPI</source>
        <translation>Care cancelled in the DPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Soin fait : %1.</source>
        <translation>Care done: %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Motif du DPI : %1.</source>
        <translation>DPI&apos;s reason: %1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Alertes cliniques</source>
        <translation>Clinical alerts</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>J&apos;ai pris connaissance</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Aucune alerte ouverte.</source>
        <translation>No open alerts.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflits</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Aucun conflit.</source>
        <translation>No conflicts.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Motif du DPI : %1</source>
        <translation>DPI&apos;s reason: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Élément</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Avant (base)</source>
        <translation>Before (base)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cette tablette</source>
        <translation>This tablet</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>DPI</source>
        <translation>EPR</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Garder</source>
        <translation>Keep</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>tablette</source>
        <translation>tablet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Garder la tablette</source>
        <translation>Keep tablet version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Garder (recréer dans le DPI)</source>
        <translation>Keep (create it again in the DPI)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Garder le DPI</source>
        <translation>Keep EPR version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accepter la suppression</source>
        <translation>Accept the deletion</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fusionner mes choix</source>
        <translation>Merge my choices</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Personne différente : garder sur la tablette</source>
        <translation>Different person: keep on the tablet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Même personne que dans le DPI</source>
        <translation>Same person as in the DPI</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <location filename="../reviewqueue.cpp" line="+68"/>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>non</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Période</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intention</source>
        <translation>Intent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modifié le</source>
        <translation>Modified on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Réalisé par</source>
        <translation>Done by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date clinique</source>
        <translation>Clinical time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valeur</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Composantes</source>
        <translation>Components</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose</source>
        <translation>Dose</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>fait</source>
        <translation>done</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>fait le %1</source>
        <translation>done %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> par %1</source>
        <translation> by %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Supprimé dans le DPI : gardez la version de la tablette ou acceptez la suppression.</source>
        <translation>Deleted in the EPR: keep the tablet&apos;s version or accept the deletion.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Conflit non résolu : %1</source>
        <translation>Unresolved conflict: %1</translation>
    </message>
</context>
<context>
    <name>Sbar</name>
    <message>
        <location filename="../backend/sbarsummary.cpp" line="+15"/>
        <source>risque faible</source>
        <translation>low risk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>risque faible à moyen, un paramètre à 3</source>
        <translation>low-medium risk, a 3 in one parameter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>risque moyen</source>
        <translation>medium risk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>risque élevé</source>
        <translation>high risk</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>FR</source>
        <translation>RR</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SpO2</source>
        <translation>SpO2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>O2</source>
        <translation>O2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PAS</source>
        <translation>SBP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pouls</source>
        <translation>pulse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>conscience</source>
        <translation>consciousness</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>T°</source>
        <translation>T</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+14"/>
        <source>%1/min</source>
        <translation>%1/min</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (échelle 2)</source>
        <translation> (scale 2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sous oxygène</source>
        <translation>on oxygen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>air ambiant</source>
        <translation>on air</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 mmHg</source>
        <translation>%1 mmHg</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pas d&apos;escalade demandée par le score ; surveillance selon la fréquence prévue.</source>
        <translation>The score asks for no escalation; monitoring at the planned frequency.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Je demande une évaluation médicale urgente au lit du patient. Surveillance des constantes toutes les heures.</source>
        <translation>I am asking for an urgent medical review at the bedside. Observations every hour.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Je demande une réponse urgente par un médecin formé aux soins aigus. Surveillance des constantes toutes les heures.</source>
        <translation>I am asking for an urgent response by a clinician with acute-care competencies. Observations every hour.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Je demande une réponse en urgence par l&apos;équipe de réanimation. Surveillance continue.</source>
        <translation>I am asking for an emergency response by the critical care team. Continuous monitoring.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>, %1 ans</source>
        <translation>, %1 years old</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, chambre %1</source>
        <translation>, room %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (il y a %1 min)</source>
        <translation> (%1 min ago)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (il y a %1 h %2)</source>
        <translation> (%1 h %2 ago)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, infirmier(ère) : j&apos;appelle pour %2. NEWS2 à %3%4 (%5), constantes de %6%7.</source>
        <translation>%1, nurse: I am calling about %2. NEWS2 %3%4 (%5), observations from %6%7.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>au moins </source>
        <translation>at least </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hospitalisé(e) depuis le %1.</source>
        <translation>In hospital since %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allergies : %1.</source>
        <translation>Allergies: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pas d&apos;allergie connue.</source>
        <translation>No known allergy.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allergies non renseignées.</source>
        <translation>Allergies not recorded.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Constantes : %1.</source>
        <translation>Observations: %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Paramètre(s) à 3 : %1.</source>
        <translation>Parameter(s) scoring 3: %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Non mesuré(s) : %1.</source>
        <translation>Not measured: %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>S — %1
B — %2
A — %3
R — %4</source>
        <translation>S — %1
B — %2
A — %3
R — %4</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <location filename="../components/ScanField.qml" line="+29"/>
        <source>Valider</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <location filename="../services/sessioncontroller.cpp" line="+106"/>
        <source>Indiquez votre identifiant.</source>
        <translation>Enter your username.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+147"/>
        <source>Les deux codes PIN ne sont pas identiques.</source>
        <translation>The two PINs do not match.</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Choisissez votre nom.</source>
        <translation>Choose your name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saisissez votre code PIN.</source>
        <translation>Enter your PIN.</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <location filename="../pages/SetupPage.qml" line="+8"/>
        <source>Première utilisation</source>
        <translation>First use</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bienvenue sur Chevet</source>
        <translation>Welcome to Chevet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Les données de cette tablette seront chiffrées. Choisissez votre identifiant et un code PIN d&apos;au moins 6 chiffres, difficile à deviner.</source>
        <translation>This tablet&apos;s data will be encrypted. Choose your identifier and a PIN of at least 6 digits that is hard to guess.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Identifiant (ex. ide-martin)</source>
        <translation>Username (e.g. ide-martin)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Code PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Code PIN, une deuxième fois</source>
        <translation>PIN, again</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Chiffrement…</source>
        <translation>Encrypting…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enrôler la tablette</source>
        <translation>Enrol the tablet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ouvrir le mode formation</source>
        <translation>Open training mode</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../services/signin.cpp" line="+92"/>
        <source>Le fournisseur d&apos;identité a connecté « %1 », pas « %2 ».</source>
        <translation>The identity provider signed in “%1”, not “%2”.</translation>
    </message>
</context>
<context>
    <name>StatusLabel</name>
    <message>
        <location filename="../backend/statuslabel.cpp" line="+13"/>
        <source>à faire</source>
        <translation>to do</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reçu</source>
        <translation>received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepté</source>
        <translation>accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prêt</source>
        <translation>ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refusé</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>échoué</source>
        <translation>failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>en cours</source>
        <translation>in progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fait</source>
        <translation>done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>annulé</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>en suspens</source>
        <translation>on hold</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>brouillon</source>
        <translation>draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>arrêté</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>statut inconnu</source>
        <translation>unknown status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validé</source>
        <translation>final</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>corrigé</source>
        <translation>amended</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>provisoire</source>
        <translation>preliminary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enregistré</source>
        <translation>registered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>saisi par erreur</source>
        <translation>entered in error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>non fait</source>
        <translation>not done</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../components/SyncIndicator.qml" line="+12"/>
        <source>État de la synchronisation : %1</source>
        <translation>Sync status: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Synchronisation %1/%2</source>
        <translation>Syncing %1/%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synchronisation…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>À jour</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Envoi en attente</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>À vérifier</source>
        <translation>Needs review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Formation</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hors ligne (pas de DPI)</source>
        <translation>Offline (no EPR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verrouillé</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hors ligne</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>jamais synchronisé</source>
        <translation>never synced</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>synchro à l&apos;instant</source>
        <translation>synced just now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>synchro il y a %1</source>
        <translation>synced %1 ago</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>%n non envoyé(s)</source>
        <translation>
            <numerusform>%n not sent</numerusform>
            <numerusform>%n not sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../pages/SyncPage.qml" line="+11"/>
        <source>Synchronisation</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Synchroniser maintenant</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>En attente d&apos;envoi</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rien, tout est dans le DPI</source>
        <translation>nothing, everything is in the EPR</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n enregistrement(s) seulement sur cette tablette</source>
        <translation>
            <numerusform>%n record only on this tablet</numerusform>
            <numerusform>%n records only on this tablet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dernière synchronisation réussie</source>
        <translation>Last successful sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>jamais</source>
        <translation>never</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Écart d&apos;horloge avec le DPI</source>
        <translation>Clock difference with the DPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>moins d&apos;une minute</source>
        <translation>less than a minute</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflits à résoudre</source>
        <translation>Conflicts to resolve</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alertes cliniques ouvertes</source>
        <translation>Open clinical alerts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dernière erreur</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Votre session auprès du DPI a expiré : reconnectez-vous pour envoyer. Rien n&apos;est perdu.</source>
        <translation>Your EPR session has expired: sign in again to send. Nothing is lost.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Se connecter</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mode formation : ces données ne sont jamais envoyées.</source>
        <translation>Training mode: this data is never sent.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Voir les conflits et alertes</source>
        <translation>View conflicts and alerts</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pas encore dans le DPI (%1)</source>
        <translation>Not yet in the DPI (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Renvoyer les refusés au DPI</source>
        <translation>Send the refused ones again</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Dernière tentative : %1</source>
        <translation>Last attempt: %1</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../services/syncstatus.cpp" line="+161"/>
        <source>Connexion au DPI nécessaire : rien n&apos;est perdu, les données attendent sur la tablette.</source>
        <translation>EPR sign-in needed: nothing is lost, the data is waiting on the tablet.</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <location filename="../components/TasksView.qml" line="+27"/>
        <source>Fait : %1</source>
        <translation>Done: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>en retard de %1</source>
        <translation>%1 late</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>prévu à %1</source>
        <translation>due at %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fait à %1 par %2</source>
        <translation>done at %1 by %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>● Non envoyé</source>
        <translation>● Not sent</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Aucun soin planifié.</source>
        <translation>No care tasks planned.</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <location filename="../components/Theme.qml" line="+38"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 h %2</source>
        <translation>%1 h %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 j %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <location filename="../components/TrainingBanner.qml" line="+12"/>
        <source>MODE FORMATION — patients fictifs, rien n&apos;est envoyé au DPI</source>
        <translation>TRAINING MODE — fictitious patients, nothing is sent to the EPR</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../trendchart.cpp" line="+35"/>
        <source>Aucune mesure</source>
        <translation>No readings</translation>
    </message>
</context>
<context>
    <name>TrendsView</name>
    <message>
        <location filename="../components/TrendsView.qml" line="+22"/>
        <source>Pouls (/min)</source>
        <translation>Pulse (/min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PA systolique / diastolique (mmHg)</source>
        <translation>Systolic / diastolic BP (mmHg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fréquence respiratoire (/min)</source>
        <translation>Respiratory rate (/min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SpO₂ (%)</source>
        <translation>SpO₂ (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Température (°C)</source>
        <translation>Temperature (°C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NEWS2</source>
        <translation>NEWS2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Douleur (EN 0–10)</source>
        <translation>Pain (NRS 0–10)</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <location filename="../pages/UnitPage.qml" line="+9"/>
        <source>Service ou tournée</source>
        <translation>Ward or round</translation>
    </message>
</context>
<context>
    <name>UnitSelection</name>
    <message>
        <location filename="../services/unitselection.cpp" line="+68"/>
        <source>Service de formation</source>
        <translation>Training ward</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../pages/UnlockPage.qml" line="+10"/>
        <location line="+146"/>
        <source>Déverrouiller</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Chevet</source>
        <translation>Chevet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Qui êtes-vous ?</source>
        <translation>Who are you?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Infirmière</source>
        <translation>Nurse</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+8"/>
        <source>Service ou tournée</source>
        <translation>Ward or round</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Connexion dans le navigateur…</source>
        <translation>Signing in via the browser…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Connexion complète (identifiant du DPI)</source>
        <translation>Full sign-in (EPR username)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Connexion réussie : saisissez votre code PIN.</source>
        <translation>Signed in: enter your PIN.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mode formation (patients fictifs)</source>
        <translation>Training mode (fictitious patients)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Code PIN</source>
        <translation>PIN</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n chiffre(s) saisi(s)</source>
        <translation>
            <numerusform>%n digit entered</numerusform>
            <numerusform>%n digits entered</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Effacer</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>Unsent</name>
    <message>
        <location filename="../backend/unsentrecords.cpp" line="+30"/>
        <source>Fréquence respiratoire</source>
        <translation>Respiratory rate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pouls</source>
        <translation>Pulse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SpO2</source>
        <translation>SpO2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Température</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pression artérielle</source>
        <translation>Blood pressure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Poids</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Taille</source>
        <translation>Height</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IMC</source>
        <translation>BMI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Douleur</source>
        <translation>Pain</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Glycémie capillaire</source>
        <translation>Capillary blood glucose</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conscience (ACVPU)</source>
        <translation>Consciousness (ACVPU)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Score NEWS2</source>
        <translation>NEWS2 score</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Constante</source>
        <translation>Observation</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Transmission (%1)</source>
        <translation>Handover note (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transmission</source>
        <translation>Handover note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Administration : %1</source>
        <translation>Given: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Administration de médicament</source>
        <translation>Medication given</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Soin</source>
        <translation>Care task</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identité du patient</source>
        <translation>Patient identity</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Séjour</source>
        <translation>Stay</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Allergie</source>
        <translation>Allergy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prescription</source>
        <translation>Prescription</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>en attente d&apos;envoi</source>
        <translation>waiting to be sent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refusé par le DPI</source>
        <translation>refused by the DPI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>en conflit, à traiter</source>
        <translation>in conflict, to review</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>l&apos;envoi a échoué, il sera refait seul</source>
        <translation>sending failed; it will be tried again by itself</translation>
    </message>
</context>
<context>
    <name>VitalField</name>
    <message>
        <location filename="../components/VitalField.qml" line="+43"/>
        <source>dernière : %1</source>
        <translation>last: %1</translation>
    </message>
</context>
<context>
    <name>VitalsForm</name>
    <message>
        <location filename="../vitalsform.cpp" line="+21"/>
        <source>Fréquence respiratoire</source>
        <translation>Respiratory rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SpO₂</source>
        <translation>SpO₂</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pression artérielle</source>
        <translation>Blood pressure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pouls</source>
        <translation>Pulse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Température</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Douleur (EN)</source>
        <translation>Pain (NRS)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Glycémie capillaire</source>
        <translation>Capillary blood glucose</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 : « %2 » n&apos;est pas un nombre.</source>
        <translation>%1: “%2” is not a number.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 : un nombre entier est attendu.</source>
        <translation>%1: a whole number is expected.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 : %2 est impossible (valeurs acceptées de %3 à %4 %5).</source>
        <translation>%1: %2 is not possible (accepted values %3 to %4 %5).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 : %2 est inhabituel (habituellement %3 à %4). Vérifiez avant d&apos;enregistrer.</source>
        <translation>%1: %2 is unusual (usually %3 to %4). Check before saving.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Pression artérielle : la diastolique n&apos;est pas un nombre.</source>
        <translation>Blood pressure: the diastolic is not a number.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pression artérielle : saisissez aussi la systolique.</source>
        <translation>Blood pressure: enter the systolic as well.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pression artérielle : %1/%2 est impossible (la diastolique doit être inférieure à la systolique, de 20 à 200 mmHg).</source>
        <translation>Blood pressure: %1/%2 is not possible (the diastolic must be lower than the systolic, 20 to 200 mmHg).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pression artérielle : saisissez aussi la diastolique.</source>
        <translation>Blood pressure: enter the diastolic too.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Non enregistré : %1</source>
        <translation>Not saved: %1</translation>
    </message>
</context>
<context>
    <name>VitalsPage</name>
    <message>
        <location filename="../pages/VitalsPage.qml" line="+17"/>
        <source>Constantes</source>
        <translation>Observations</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Valeurs inhabituelles</source>
        <translation>Unusual values</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Valeurs vérifiées, enregistrer</source>
        <translation>Values checked, save</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Non enregistré</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Fréquence respiratoire</source>
        <translation>Respiratory rate</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>SpO₂</source>
        <translation>SpO₂</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sous oxygène</source>
        <translation>On oxygen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Échelle SpO₂ 2 (cible 88–92 % prescrite)</source>
        <translation>SpO₂ Scale 2 (prescribed target 88–92%)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>PA systolique</source>
        <translation>Systolic BP</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>diast.</source>
        <translation>diast.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PA diastolique</source>
        <translation>Diastolic BP</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pouls</source>
        <translation>Pulse</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Température</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Conscience (ACVPU)</source>
        <translation>Consciousness (ACVPU)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>U</source>
        <translation>U</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Alerte</source>
        <translation>Alert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confusion nouvelle</source>
        <translation>New confusion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Réagit à la voix</source>
        <translation>Responds to voice</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Réagit à la douleur</source>
        <translation>Responds to pain</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ne réagit pas</source>
        <translation>Unresponsive</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Douleur (EN 0–10)</source>
        <translation>Pain (NRS 0–10)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Glycémie capillaire</source>
        <translation>Capillary blood glucose</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>NEWS2 en direct</source>
        <translation>Live NEWS2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>score complet</source>
        <translation>complete score</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>incomplet : score minimal</source>
        <translation>incomplete: minimum score</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Effacer</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Suivant ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mesure suivante</source>
        <translation>Next measure</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>WorklistPage</name>
    <message>
        <location filename="../pages/WorklistPage.qml" line="+11"/>
        <source>Patients</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Scanner un bracelet pour ouvrir le dossier</source>
        <translation>Scan a wristband to open the record</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tour des médicaments</source>
        <translation>Medication round</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>À traiter (%1)</source>
        <translation>To review (%1)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Aucun patient de cette liste ne porte ce bracelet.</source>
        <translation>No patient on this list is wearing this wristband.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Chambre %1 lit %2, %3</source>
        <translation>Room %1 bed %2, %3</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 ans</source>
        <translation>%1 years</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>⚠ Alerte</source>
        <translation>⚠ Alert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alerte</source>
        <translation>Alert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>⇄ Conflit</source>
        <translation>⇄ Conflict</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflit</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>● Non envoyé</source>
        <translation>● Not sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Non envoyé</source>
        <translation>Not sent</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n dose(s) en retard</source>
        <translation>
            <numerusform>%n dose late</numerusform>
            <numerusform>%n doses late</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n dose(s) à donner</source>
        <translation>
            <numerusform>%n dose due</numerusform>
            <numerusform>%n doses due</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n soin(s) en retard</source>
        <translation>
            <numerusform>%n care task late</numerusform>
            <numerusform>%n care tasks late</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n soin(s)</source>
        <translation>
            <numerusform>%n care task</numerusform>
            <numerusform>%n care tasks</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Constantes à prendre</source>
        <translation>Observations to take</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Constantes en retard · %1</source>
        <translation>Observations late · %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surveillance continue</source>
        <translation>Continuous monitoring</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Constantes dues</source>
        <translation>Observations due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Constantes dans %1</source>
        <translation>Observations in %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>NEWS2 pris il y a %1</source>
        <translation>NEWS2 taken %1 ago</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Aucun patient dans « %1 » sur cette tablette. Ils apparaîtront après la première synchronisation avec le DPI.</source>
        <translation>No patients in “%1” on this tablet. They will appear after the first sync with the EPR.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aucun patient dans « %1 » sur cette tablette.</source>
        <translation>No patients in “%1” on this tablet.</translation>
    </message>
</context>
</TS>
