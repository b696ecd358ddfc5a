# Casustafel — Nederlands (Vlaanderen). The reference language: every key starts here.

app-title = Casustafel
app-tagline = Casusoverleg, lokaal en versleuteld
demo-badge = Demoprofiel
lock = Vergrendelen
language = Taal

setup-title = Welkom bij Casustafel
setup-intro = Casustafel bewaart alles versleuteld op deze computer. Kies een wachtwoordzin: die opent je gegevens, en niets anders doet dat.
setup-passphrase = Wachtwoordzin
setup-passphrase-hint = Minstens { $min } tekens. Een zin van enkele woorden is sterk en makkelijk te onthouden.
setup-confirmation = Herhaal de wachtwoordzin
setup-warning = Er bestaat geen achterdeur. Wie de wachtwoordzin vergeet, kan de gegevens niet meer openen — ook de leverancier niet. Bewaar hem veilig, bijvoorbeeld in de wachtwoordkluis van je bestuur.
setup-submit = Profiel aanmaken
setup-busy = Sleutel wordt afgeleid…

unlock-title = Ontgrendel Casustafel
unlock-profile = Profiel { $fingerprint }
unlock-passphrase = Wachtwoordzin
unlock-submit = Ontgrendelen
unlock-busy = Bezig met ontgrendelen…
unlock-forgot = Wachtwoordzin vergeten?
unlock-forgot-text = Zonder de wachtwoordzin kan niemand de gegevens in dit profiel lezen: ze zijn versleuteld en er is geen achterdeur, ook niet bij de leverancier. Probeer opnieuw en let op hoofdletters en de toetsenbordindeling. Lukt het niet, dan zijn de gegevens in dit profiel niet meer te openen.
unlock-demo-hint = Dit is het demoprofiel met verzonnen gegevens. De wachtwoordzin staat in de README.

error-no-profile = Er is nog geen profiel. Maak er eerst een aan.
error-profile-exists = Er bestaat al een profiel in deze map. Een bestaand profiel wordt nooit overschreven.
error-wrong-passphrase = Verkeerde wachtwoordzin. Er is niets gewijzigd; probeer het opnieuw.
error-locked = Het profiel is vergrendeld. Ontgrendel het eerst.
error-invalid = Niet alle velden zijn correct ingevuld. Kijk de gemarkeerde velden na; wat je typte, blijft staan.
error-not-found = Dit item bestaat niet (meer).
error-profile-damaged = De wachtwoordzin is juist, maar het profiel kan niet gelezen worden ({ $detail }). Maak eerst een kopie van de profielmap voor je iets anders probeert.
error-io = De profielmap kan niet gelezen of beschreven worden ({ $detail }). Kijk na of de schijf vol is en of de map nog bereikbaar is.
error-internal = Er liep iets mis in de toepassing ({ $detail }). Er is niets verloren dat al bewaard was.

problem-required = Dit veld is verplicht.
problem-too-long = Maximaal { $max } tekens.
problem-too-short = Minstens { $min } tekens.
problem-invalid-nis-code = „{ $value }” is geen NIS-code: vijf cijfers, bijvoorbeeld 44021.
problem-duplicate-municipality = Gemeente { $nis_code } staat er twee keer in.
problem-invalid-date = „{ $value }” is geen geldige datum. Schrijf bijvoorbeeld 30/07/2018.
problem-expiry-before-date = De vervaldatum ligt vóór de datum van de rechtsgrond.
problem-duplicate-name = Er bestaat al een casustafel met deze naam.
problem-mismatch = De twee wachtwoordzinnen zijn niet gelijk.

tables-title = Casustafels
tables-empty = Nog geen casustafels. Maak de eerste aan.
tables-new = Nieuwe casustafel
tables-count = { $count ->
    [one] 1 casustafel
   *[other] { $count } casustafels
}

kind-livcr = LIVC-R (radicalisme, extremisme, polarisatie)
kind-integral_458ter = Integraal casusoverleg (art. 458ter Sw.)
kind-intrafamily_violence = Intrafamiliaal geweld
kind-other = Ander overleg

lbkind-law = Wet
lbkind-decree = Decreet
lbkind-prosecutor_authorisation = Machtiging van de procureur des Konings

lbstatus-valid = Rechtsgrond geldig
lbstatus-expires-soon = Rechtsgrond verloopt over { $days } dagen
lbstatus-expired = Rechtsgrond verlopen

form-title = Nieuwe casustafel
form-name = Naam
form-name-hint = Bijvoorbeeld „LIVC-R Zonnedijk” of „Casusoverleg IFG regio Noord”.
form-kind = Soort overleg
form-municipalities = Gemeenten
form-municipalities-hint = De gemeenten waarvoor deze tafel bevoegd is, met hun NIS-code. Meerdere gemeenten kunnen één tafel delen.
form-nis-code = NIS-code
form-municipality-name = Gemeente
form-add-municipality = + Gemeente toevoegen
form-remove-municipality = Verwijderen
form-legal-basis = Rechtsgrond
form-legal-basis-hint = Beroepsgeheim mag enkel gedeeld worden in een overleg dat bij wet of decreet is ingericht of door de procureur des Konings is gemachtigd (art. 458ter Sw.).
form-lb-kind = Soort rechtsgrond
form-lb-reference = Referentie
form-lb-reference-hint = De wet of het decreet, of het kenmerk van de machtiging.
form-lb-date = Datum
form-lb-expiry = Vervaldatum (optioneel)
form-date-hint = dd/mm/jjjj
form-finality = Finaliteit
form-finality-hint = Het doel van het overleg: waarvoor mogen de gedeelde gegevens gebruikt worden?
form-submit = Casustafel opslaan
form-cancel = Annuleren
form-saving = Bezig met opslaan…

detail-back = ← Alle casustafels
detail-kind = Soort overleg
detail-municipalities = Gemeenten
detail-legal-basis = Rechtsgrond
detail-lb-date = Datum
detail-lb-expiry = Vervaldatum
detail-lb-no-expiry = geen
detail-finality = Finaliteit
detail-created = Aangemaakt op { $date }

problem-end-before-start = De einddatum ligt vóór de begindatum.
problem-in-past = Deze datum ligt in het verleden.
problem-in-future = Deze datum ligt in de toekomst.
problem-out-of-range = Geef een getal van { $min } tot { $max }.
problem-invalid-code = Enkel letters en cijfers, { $min } tot { $max } tekens.
problem-out-of-scope = Deze tafel behandelt dit fenomeen niet.
problem-one-subject = Duid precies één persoon aan als betrokkene.
problem-duplicate-prefix = Een andere casustafel gebruikt dit voorvoegsel al.

phenomenon-radicalisation = Radicalisering, extremisme en polarisatie
phenomenon-youth_crime = Jeugdcriminaliteit
phenomenon-intrafamily_violence = Intrafamiliaal geweld
phenomenon-mental_health = Psychische problematiek
phenomenon-drug_nuisance = Drugsoverlast
phenomenon-subversion = Ondermijning
phenomenon-human_trafficking = Mensenhandel
phenomenon-school_dropout = Vroegtijdig schoolverlaten

form-edit-title = Casustafel instellen
form-settings = Werking
form-case-prefix = Voorvoegsel casuscodes
form-case-prefix-hint = Twee tot zes letters of cijfers. Casussen krijgen een pseudoniem zoals LZO-2026-004.
form-phenomena = Fenomenen
form-phenomena-hint = De fenomenen waarvoor partners bij deze tafel kunnen aanmelden.
form-modalities = Werkafspraken (modaliteiten)
form-modalities-hint = Wie neemt deel, hoe vaak, wat komt in het verslag, hoe wordt informatie gedeeld.
form-criteria = Toelatingscriteria
form-criteria-hint = Eén criterium per regel. Ze vormen de checklist bij de triage van elke aanmelding.
form-retention = Bewaartermijn (maanden)
form-retention-hint = Hoelang persoonsgegevens bewaard blijven nadat een casus is afgesloten. Daarna worden ze vernietigd.
form-cadence = Overleg om de (weken)
form-cadence-hint = Optioneel, bijvoorbeeld 4 voor een maandelijks overleg.

detail-edit = Instellen
detail-case-prefix = Casuscodes
detail-phenomena = Fenomenen
detail-modalities = Werkafspraken
detail-criteria = Toelatingscriteria
detail-retention = Bewaartermijn
detail-retention-months = { $months } maanden na afsluiting
detail-cadence = Overleg
detail-cadence-weeks = om de { $weeks } weken
detail-none = niet ingevuld

nav-tables = Casustafels
nav-partners = Partners
nav-phenomena = Fenomenen
phenomena-title = Fenomenen
phenomena-intro = Eén integraal model: een nieuw fenomeen is een instelling, geen nieuwe structuur. Een fenomeen dat je intrekt, blijft op de casussen die het dragen.
phenomena-new = Nieuw fenomeen
phenomena-add = Toevoegen
phenomena-retire = Intrekken
phenomena-restore = Terugzetten
phenomena-retired = ingetrokken
error-illegal-transition = Dat kan niet meer in deze fase (bijvoorbeeld een aanmelding die al getrieerd is, of een afgesloten casus). Vernieuw het scherm om de huidige stand te zien.

tab-overview = Overzicht
tab-participants = Deelnemers
tab-referrals = Aanmeldingen
tab-cases = Casussen

participants-title = Deelnemers aan deze tafel
participants-empty = Nog geen deelnemers.
participant-name = Naam
participant-organisation = Partnerorganisatie
participant-role = Rol
participant-protocol = Geheimhoudingsprotocol
participant-signed = ondertekend { $date } (versie { $version })
participant-not-signed = niet ondertekend: ziet niets
participant-add-title = Deelnemer toevoegen
participant-no-orgs = Voeg eerst een partnerorganisatie toe (hieronder).
participant-protocol-date = Protocol ondertekend op
participant-protocol-hint = Zonder ondertekend protocol krijgt een deelnemer geen casusinformatie te zien.
participant-protocol-version = Versie van het protocol
participant-active-from = Actief vanaf
participant-active-to = Actief tot (optioneel)
participant-add = Deelnemer toevoegen
role-chair = Voorzitter
role-secretary = Secretaris
role-member = Vast lid
role-ad_hoc = Ad hoc (per casus)

organisation-add-title = Partnerorganisatie toevoegen
organisation-name = Naam van de organisatie
organisation-category = Soort partner
organisation-secrecy = Gebonden door het beroepsgeheim
organisation-add = Partner toevoegen
category-police = Politie
category-parket = Parket
category-social_services = OCMW / sociale dienst
category-caw = CAW
category-cgg = CGG (geestelijke gezondheid)
category-clb_school = CLB / school
category-youth_welfare = Jeugdwelzijnswerk
category-neighbourhood_work = Buurtwerk
category-municipality = Gemeente (preventie, veiligheid)
category-other = Andere

referrals-title = Aanmeldingen
referrals-empty = Nog geen aanmeldingen voor deze tafel.
triage-start = Triëren
referral-new = Nieuwe aanmelding
referral-minimal-hint = Vermeld enkel wat nodig is om de vraag te beoordelen. Namen komen pas later, en apart versleuteld.
referral-referrer = Aanmeldende partner
referral-anonymous = Anonieme aanmelding (zonder naam van de persoon)
referral-concern = Bezorgdheid
referral-concern-hint = Kort en feitelijk: wat maakt je ongerust?
referral-question = Vraag aan de casustafel
referral-tried = Wat werd al geprobeerd?
referral-tried-hint = Subsidiariteit: de tafel komt pas in beeld als de eigen werking niet volstaat.
referral-urgency = Dringendheid
referral-informed = Is de persoon op de hoogte van de aanmelding?
referral-informed-yes = Ja
referral-informed-no = Nee
referral-not-informed-reason = Waarom niet?
referral-submit = Aanmelding indienen
urgency-normal = Gewoon
urgency-high = Hoog
urgency-urgent = Dringend
rstatus-draft = Concept
rstatus-submitted = Ingediend
rstatus-in_triage = In triage
rstatus-rejected = Niet weerhouden
rstatus-advice = Enkel advies
rstatus-admitted = Opgenomen
rstatus-redirected = Doorverwezen
rstatus-rerefer_by_name = Opnieuw aanmelden op naam

triage-title = Triage van de aanmelding
triage-outcome = Beslissing
triage-redirected-to = Doorverwezen naar
triage-reasons = Motivering
triage-submit = Beslissing vastleggen
outcome-admitted = Opnemen als casus
outcome-advice_only = Enkel advies aan de aanmelder
outcome-redirected = Doorverwijzen
outcome-rerefer_by_name = Opnieuw aanmelden op naam
outcome-rejected = Niet weerhouden

cases-search = Zoeken in casussen (code, fenomeen, partner, tekst)
cases-review-due = Enkel te herbespreken
cases-closed-only = Enkel afgesloten
cases-empty = Geen casussen gevonden.
case-code = Code
case-status = Fase
case-risk = Risico
case-next-review = Volgende bespreking
risk-green = Groen
risk-orange = Oranje
risk-red = Rood
cstatus-admitted = Opgenomen
cstatus-in_follow_up = In opvolging
cstatus-discussed = Besproken
cstatus-closed = Afgesloten
cstatus-shredded = Vernietigd
