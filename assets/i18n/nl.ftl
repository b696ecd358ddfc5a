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
