# Casustafel — français (Belgique).

app-title = Casustafel
app-tagline = Concertation de cas, locale et chiffrée
demo-badge = Profil de démonstration
lock = Verrouiller
language = Langue

setup-title = Bienvenue dans Casustafel
setup-intro = Casustafel conserve tout, chiffré, sur cet ordinateur. Choisissez une phrase secrète : elle ouvre vos données, et rien d'autre ne le fait.
setup-passphrase = Phrase secrète
setup-passphrase-hint = Au moins { $min } caractères. Une phrase de quelques mots est solide et facile à retenir.
setup-confirmation = Répétez la phrase secrète
setup-warning = Il n'existe pas de porte dérobée. Qui oublie la phrase secrète ne peut plus ouvrir les données — le fournisseur non plus. Conservez-la en lieu sûr, par exemple dans le coffre à mots de passe de votre administration.
setup-submit = Créer le profil
setup-busy = Dérivation de la clé…

unlock-title = Déverrouiller Casustafel
unlock-profile = Profil { $fingerprint }
unlock-passphrase = Phrase secrète
unlock-submit = Déverrouiller
unlock-busy = Déverrouillage…
unlock-forgot = Phrase secrète oubliée ?
unlock-forgot-text = Sans la phrase secrète, personne ne peut lire les données de ce profil : elles sont chiffrées et il n'y a pas de porte dérobée, pas même chez le fournisseur. Réessayez en faisant attention aux majuscules et à la disposition du clavier. Sinon, les données de ce profil ne peuvent plus être ouvertes.
unlock-demo-hint = Ceci est le profil de démonstration, aux données fictives. La phrase secrète figure dans le README.

error-no-profile = Il n'y a pas encore de profil. Créez-en d'abord un.
error-profile-exists = Un profil existe déjà dans ce dossier. Un profil existant n'est jamais écrasé.
error-wrong-passphrase = Phrase secrète incorrecte. Rien n'a été modifié ; réessayez.
error-locked = Le profil est verrouillé. Déverrouillez-le d'abord.
error-invalid = Certains champs ne sont pas correctement remplis. Vérifiez les champs signalés ; ce que vous avez saisi est conservé.
error-not-found = Cet élément n'existe pas (ou plus).
error-profile-damaged = La phrase secrète est correcte, mais le profil ne peut pas être lu ({ $detail }). Faites d'abord une copie du dossier du profil avant toute autre tentative.
error-io = Le dossier du profil ne peut pas être lu ou écrit ({ $detail }). Vérifiez que le disque n'est pas plein et que le dossier est accessible.
error-internal = Une erreur est survenue dans l'application ({ $detail }). Rien de ce qui était enregistré n'est perdu.

problem-required = Ce champ est obligatoire.
problem-too-long = { $max } caractères au maximum.
problem-too-short = Au moins { $min } caractères.
problem-invalid-nis-code = « { $value } » n'est pas un code INS : cinq chiffres, par exemple 44021.
problem-duplicate-municipality = La commune { $nis_code } figure deux fois.
problem-invalid-date = « { $value } » n'est pas une date valide. Écrivez par exemple 30/07/2018.
problem-expiry-before-date = La date d'expiration précède la date de la base légale.
problem-duplicate-name = Une table de concertation porte déjà ce nom.
problem-mismatch = Les deux phrases secrètes ne sont pas identiques.

tables-title = Tables de concertation
tables-empty = Pas encore de table de concertation. Créez la première.
tables-new = Nouvelle table
tables-count = { $count ->
    [one] 1 table
   *[other] { $count } tables
}

kind-livcr = CSIL-R (radicalisme, extrémisme, polarisation)
kind-integral_458ter = Concertation de cas intégrale (art. 458ter C. pén.)
kind-intrafamily_violence = Violence intrafamiliale
kind-other = Autre concertation

lbkind-law = Loi
lbkind-decree = Décret
lbkind-prosecutor_authorisation = Autorisation du procureur du Roi

lbstatus-valid = Base légale valable
lbstatus-expires-soon = La base légale expire dans { $days } jours
lbstatus-expired = Base légale expirée

form-title = Nouvelle table de concertation
form-name = Nom
form-name-hint = Par exemple « CSIL-R Zonnedijk » ou « Concertation VIF région Nord ».
form-kind = Type de concertation
form-municipalities = Communes
form-municipalities-hint = Les communes couvertes par cette table, avec leur code INS. Plusieurs communes peuvent partager une table.
form-nis-code = Code INS
form-municipality-name = Commune
form-add-municipality = + Ajouter une commune
form-remove-municipality = Retirer
form-legal-basis = Base légale
form-legal-basis-hint = Le secret professionnel ne peut être partagé que dans une concertation organisée par une loi ou un décret, ou autorisée par le procureur du Roi (art. 458ter C. pén.).
form-lb-kind = Type de base légale
form-lb-reference = Référence
form-lb-reference-hint = La loi ou le décret, ou la référence de l'autorisation.
form-lb-date = Date
form-lb-expiry = Date d'expiration (facultative)
form-date-hint = jj/mm/aaaa
form-finality = Finalité
form-finality-hint = Le but de la concertation : à quoi les données partagées peuvent-elles servir ?
form-submit = Enregistrer la table
form-cancel = Annuler
form-saving = Enregistrement…

detail-back = ← Toutes les tables
detail-kind = Type de concertation
detail-municipalities = Communes
detail-legal-basis = Base légale
detail-lb-date = Date
detail-lb-expiry = Date d'expiration
detail-lb-no-expiry = aucune
detail-finality = Finalité
detail-created = Créée le { $date }

problem-end-before-start = La date de fin précède la date de début.
problem-in-past = Cette date est dans le passé.
problem-in-future = Cette date est dans le futur.
problem-out-of-range = Indiquez un nombre de { $min } à { $max }.
problem-invalid-code = Lettres et chiffres uniquement, de { $min } à { $max } caractères.
problem-out-of-scope = Cette table ne traite pas ce phénomène.
problem-one-subject = Désignez exactement une personne comme personne concernée.
problem-duplicate-prefix = Une autre table utilise déjà ce préfixe.

phenomenon-radicalisation = Radicalisme, extrémisme et polarisation
phenomenon-youth_crime = Délinquance juvénile
phenomenon-intrafamily_violence = Violence intrafamiliale
phenomenon-mental_health = Problèmes de santé mentale
phenomenon-drug_nuisance = Nuisances liées aux drogues
phenomenon-subversion = Criminalité déstabilisante
phenomenon-human_trafficking = Traite des êtres humains
phenomenon-school_dropout = Décrochage scolaire

form-edit-title = Paramétrer la table
form-settings = Fonctionnement
form-case-prefix = Préfixe des codes de cas
form-case-prefix-hint = Deux à six lettres ou chiffres. Les cas reçoivent un pseudonyme comme LZO-2026-004.
form-phenomena = Phénomènes
form-phenomena-hint = Les phénomènes pour lesquels les partenaires peuvent signaler un cas à cette table.
form-modalities = Modalités de travail
form-modalities-hint = Qui participe, à quelle fréquence, ce que contient le rapport, comment l'information est partagée.
form-criteria = Critères d'admission
form-criteria-hint = Un critère par ligne. Ils forment la liste de contrôle du triage de chaque signalement.
form-retention = Délai de conservation (mois)
form-retention-hint = Durée de conservation des données personnelles après la clôture d'un cas. Elles sont ensuite détruites.
form-cadence = Réunion toutes les (semaines)
form-cadence-hint = Facultatif, par exemple 4 pour une réunion mensuelle.

detail-edit = Paramétrer
detail-case-prefix = Codes de cas
detail-phenomena = Phénomènes
detail-modalities = Modalités
detail-criteria = Critères d'admission
detail-retention = Conservation
detail-retention-months = { $months } mois après la clôture
detail-cadence = Réunion
detail-cadence-weeks = toutes les { $weeks } semaines
detail-none = non renseigné

nav-tables = Tables
nav-partners = Partenaires
nav-phenomena = Phénomènes
phenomena-title = Phénomènes
phenomena-intro = Un modèle intégral : un nouveau phénomène est un paramètre, pas une nouvelle structure. Un phénomène retiré reste sur les cas qui le portent.
phenomena-new = Nouveau phénomène
phenomena-add = Ajouter
phenomena-retire = Retirer
phenomena-restore = Rétablir
phenomena-retired = retiré
error-illegal-transition = Ce n'est plus possible à ce stade (par exemple un signalement déjà trié, ou un cas clôturé). Actualisez l'écran pour voir l'état actuel.

tab-overview = Aperçu
tab-participants = Participants
tab-referrals = Signalements
tab-cases = Cas

participants-title = Participants à cette table
participants-empty = Pas encore de participants.
participant-name = Nom
participant-organisation = Organisation partenaire
participant-role = Rôle
participant-protocol = Protocole de secret
participant-signed = signé le { $date } (version { $version })
participant-not-signed = non signé : ne voit rien
participant-add-title = Ajouter un participant
participant-no-orgs = Ajoutez d'abord une organisation partenaire (ci-dessous).
participant-protocol-date = Protocole signé le
participant-protocol-hint = Sans protocole signé, un participant ne voit aucune information sur les cas.
participant-protocol-version = Version du protocole
participant-active-from = Actif à partir du
participant-active-to = Actif jusqu'au (facultatif)
participant-add = Ajouter le participant
role-chair = Président
role-secretary = Secrétaire
role-member = Membre permanent
role-ad_hoc = Ad hoc (par cas)

organisation-add-title = Ajouter une organisation partenaire
organisation-name = Nom de l'organisation
organisation-category = Type de partenaire
organisation-secrecy = Tenu au secret professionnel
organisation-add = Ajouter le partenaire
category-police = Police
category-parket = Parquet
category-social_services = CPAS / service social
category-caw = CAW (aide sociale générale)
category-cgg = Centre de santé mentale
category-clb_school = CLB / école
category-youth_welfare = Travail de jeunesse
category-neighbourhood_work = Travail de quartier
category-municipality = Commune (prévention, sécurité)
category-other = Autre

referrals-title = Signalements
referrals-empty = Pas encore de signalements pour cette table.
triage-start = Trier
referral-new = Nouveau signalement
referral-minimal-hint = N'indiquez que ce qui est nécessaire pour évaluer la demande. Les noms viennent plus tard, chiffrés à part.
referral-referrer = Partenaire qui signale
referral-anonymous = Signalement anonyme (sans le nom de la personne)
referral-concern = Préoccupation
referral-concern-hint = Bref et factuel : qu'est-ce qui vous inquiète ?
referral-question = Question à la table
referral-tried = Qu'a-t-on déjà essayé ?
referral-tried-hint = Subsidiarité : la table n'intervient que si l'action propre ne suffit pas.
referral-urgency = Urgence
referral-informed = La personne est-elle informée du signalement ?
referral-informed-yes = Oui
referral-informed-no = Non
referral-not-informed-reason = Pourquoi pas ?
referral-submit = Introduire le signalement
urgency-normal = Normale
urgency-high = Élevée
urgency-urgent = Urgente
rstatus-draft = Brouillon
rstatus-submitted = Introduit
rstatus-in_triage = En triage
rstatus-rejected = Non retenu
rstatus-advice = Avis uniquement
rstatus-admitted = Admis
rstatus-redirected = Réorienté
rstatus-rerefer_by_name = À resignaler nominativement

triage-title = Triage du signalement
triage-outcome = Décision
triage-redirected-to = Réorienté vers
triage-reasons = Motivation
triage-submit = Enregistrer la décision
outcome-admitted = Admettre comme cas
outcome-advice_only = Avis au partenaire uniquement
outcome-redirected = Réorienter
outcome-rerefer_by_name = Resignaler nominativement
outcome-rejected = Ne pas retenir

cases-search = Rechercher (code, phénomène, partenaire, texte)
cases-review-due = À réexaminer uniquement
cases-closed-only = Clôturés uniquement
cases-empty = Aucun cas trouvé.
case-code = Code
case-status = Phase
case-risk = Risque
case-next-review = Prochain examen
risk-green = Vert
risk-orange = Orange
risk-red = Rouge
cstatus-admitted = Admis
cstatus-in_follow_up = En suivi
cstatus-discussed = Discuté
cstatus-closed = Clôturé
cstatus-shredded = Détruit
