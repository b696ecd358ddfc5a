# Casustafel — English.

app-title = Casustafel
app-tagline = Case consultation, local and encrypted
demo-badge = Demo profile
lock = Lock
language = Language

setup-title = Welcome to Casustafel
setup-intro = Casustafel keeps everything encrypted on this computer. Choose a passphrase: it opens your data, and nothing else does.
setup-passphrase = Passphrase
setup-passphrase-hint = At least { $min } characters. A sentence of a few words is strong and easy to remember.
setup-confirmation = Repeat the passphrase
setup-warning = There is no back door. Whoever forgets the passphrase can no longer open the data — neither can the supplier. Keep it safe, for example in your administration's password vault.
setup-submit = Create profile
setup-busy = Deriving the key…

unlock-title = Unlock Casustafel
unlock-profile = Profile { $fingerprint }
unlock-passphrase = Passphrase
unlock-submit = Unlock
unlock-busy = Unlocking…
unlock-forgot = Forgot your passphrase?
unlock-forgot-text = Without the passphrase nobody can read the data in this profile: it is encrypted and there is no back door, not even with the supplier. Try again, minding capital letters and the keyboard layout. If that fails, the data in this profile can no longer be opened.
unlock-demo-hint = This is the demo profile, with invented data. Its passphrase is in the README.

error-no-profile = There is no profile yet. Create one first.
error-profile-exists = A profile already exists in this folder. An existing profile is never overwritten.
error-wrong-passphrase = Wrong passphrase. Nothing was changed; please try again.
error-locked = The profile is locked. Unlock it first.
error-invalid = Not every field is filled in correctly. Check the marked fields; what you typed is kept.
error-not-found = This item does not exist (any more).
error-profile-damaged = The passphrase is right, but the profile cannot be read ({ $detail }). Make a copy of the profile folder before you try anything else.
error-io = The profile folder cannot be read or written ({ $detail }). Check whether the disk is full and the folder is still reachable.
error-internal = Something went wrong in the application ({ $detail }). Nothing that was saved is lost.

problem-required = This field is required.
problem-too-long = At most { $max } characters.
problem-too-short = At least { $min } characters.
problem-invalid-nis-code = “{ $value }” is not a NIS code: five digits, for example 44021.
problem-duplicate-municipality = Municipality { $nis_code } is listed twice.
problem-invalid-date = “{ $value }” is not a valid date. Write for example 30/07/2018.
problem-expiry-before-date = The expiry date lies before the date of the legal basis.
problem-duplicate-name = A case table with this name already exists.
problem-mismatch = The two passphrases are not the same.

tables-title = Case tables
tables-empty = No case tables yet. Create the first one.
tables-new = New case table
tables-count = { $count ->
    [one] 1 case table
   *[other] { $count } case tables
}

kind-livcr = LIVC-R (radicalism, extremism, polarisation)
kind-integral_458ter = Integral case consultation (art. 458ter Criminal Code)
kind-intrafamily_violence = Intrafamily violence
kind-other = Other consultation

lbkind-law = Law
lbkind-decree = Decree
lbkind-prosecutor_authorisation = Authorisation of the public prosecutor

lbstatus-valid = Legal basis valid
lbstatus-expires-soon = Legal basis expires in { $days } days
lbstatus-expired = Legal basis expired

form-title = New case table
form-name = Name
form-name-hint = For example “LIVC-R Zonnedijk” or “IFV case consultation North”.
form-kind = Kind of consultation
form-municipalities = Municipalities
form-municipalities-hint = The municipalities this table covers, with their NIS code. Several municipalities can share one table.
form-nis-code = NIS code
form-municipality-name = Municipality
form-add-municipality = + Add municipality
form-remove-municipality = Remove
form-legal-basis = Legal basis
form-legal-basis-hint = Professional secrets may only be shared in a consultation set up by law or decree, or authorised by the public prosecutor (art. 458ter Criminal Code).
form-lb-kind = Kind of legal basis
form-lb-reference = Reference
form-lb-reference-hint = The law or decree, or the reference of the authorisation.
form-lb-date = Date
form-lb-expiry = Expiry date (optional)
form-date-hint = dd/mm/yyyy
form-finality = Finality
form-finality-hint = The purpose of the consultation: what may the shared data be used for?
form-submit = Save case table
form-cancel = Cancel
form-saving = Saving…

detail-back = ← All case tables
detail-kind = Kind of consultation
detail-municipalities = Municipalities
detail-legal-basis = Legal basis
detail-lb-date = Date
detail-lb-expiry = Expiry date
detail-lb-no-expiry = none
detail-finality = Finality
detail-created = Created on { $date }

problem-end-before-start = The end date lies before the start date.
problem-in-past = This date lies in the past.
problem-in-future = This date lies in the future.
problem-out-of-range = Give a number from { $min } to { $max }.
problem-invalid-code = Letters and digits only, { $min } to { $max } characters.
problem-out-of-scope = This table does not deal with this phenomenon.
problem-one-subject = Mark exactly one person as the subject.
problem-duplicate-prefix = Another case table already uses this prefix.

phenomenon-radicalisation = Radicalisation, extremism and polarisation
phenomenon-youth_crime = Youth crime
phenomenon-intrafamily_violence = Intrafamily violence
phenomenon-mental_health = Mental health problems
phenomenon-drug_nuisance = Drug nuisance
phenomenon-subversion = Subversive crime
phenomenon-human_trafficking = Human trafficking
phenomenon-school_dropout = Early school leaving

form-edit-title = Configure case table
form-settings = Working
form-case-prefix = Case code prefix
form-case-prefix-hint = Two to six letters or digits. Cases get a pseudonym such as LZO-2026-004.
form-phenomena = Phenomena
form-phenomena-hint = The phenomena partners can refer to this table for.
form-modalities = Working rules (modalities)
form-modalities-hint = Who takes part, how often, what goes into the report, how information is shared.
form-criteria = Admission criteria
form-criteria-hint = One criterion per line. They form the checklist for triaging each referral.
form-retention = Retention period (months)
form-retention-hint = How long personal data are kept after a case is closed. Then they are destroyed.
form-cadence = Meeting every (weeks)
form-cadence-hint = Optional, for example 4 for a monthly meeting.

detail-edit = Configure
detail-case-prefix = Case codes
detail-phenomena = Phenomena
detail-modalities = Working rules
detail-criteria = Admission criteria
detail-retention = Retention
detail-retention-months = { $months } months after closure
detail-cadence = Meetings
detail-cadence-weeks = every { $weeks } weeks
detail-none = not filled in

nav-tables = Case tables
nav-partners = Partners
nav-phenomena = Phenomena
phenomena-title = Phenomena
phenomena-intro = One integral model: a new phenomenon is a setting, not a new structure. A retired phenomenon stays on the cases that carry it.
phenomena-new = New phenomenon
phenomena-add = Add
phenomena-retire = Retire
phenomena-restore = Restore
phenomena-retired = retired
error-illegal-transition = That is no longer possible at this stage (for example a referral already triaged, or a closed case). Refresh the screen to see the current state.

tab-overview = Overview
tab-participants = Participants
tab-referrals = Referrals
tab-cases = Cases

participants-title = Participants of this table
participants-empty = No participants yet.
participant-name = Name
participant-organisation = Partner organisation
participant-role = Role
participant-protocol = Secrecy protocol
participant-signed = signed { $date } (version { $version })
participant-not-signed = not signed: sees nothing
participant-add-title = Add participant
participant-no-orgs = Add a partner organisation first (below).
participant-protocol-date = Protocol signed on
participant-protocol-hint = Without a signed protocol a participant sees no case information.
participant-protocol-version = Protocol version
participant-active-from = Active from
participant-active-to = Active until (optional)
participant-add = Add participant
role-chair = Chair
role-secretary = Secretary
role-member = Standing member
role-ad_hoc = Ad hoc (per case)

organisation-add-title = Add partner organisation
organisation-name = Name of the organisation
organisation-category = Kind of partner
organisation-secrecy = Bound by professional secrecy
organisation-add = Add partner
category-police = Police
category-parket = Public prosecutor
category-social_services = OCMW / social services
category-caw = CAW (general welfare)
category-cgg = Mental health centre
category-clb_school = CLB / school
category-youth_welfare = Youth welfare work
category-neighbourhood_work = Neighbourhood work
category-municipality = Municipality (prevention, safety)
category-other = Other

referrals-title = Referrals
referrals-empty = No referrals for this table yet.
triage-start = Triage
referral-new = New referral
referral-minimal-hint = Give only what is needed to judge the question. Names come later, encrypted apart.
referral-referrer = Referring partner
referral-anonymous = Anonymous referral (without the person's name)
referral-concern = Concern
referral-concern-hint = Short and factual: what worries you?
referral-question = Question for the table
referral-tried = What was tried already?
referral-tried-hint = Subsidiarity: the table steps in only when a partner's own work is not enough.
referral-urgency = Urgency
referral-informed = Does the person know about the referral?
referral-informed-yes = Yes
referral-informed-no = No
referral-not-informed-reason = Why not?
referral-submit = Submit referral
urgency-normal = Normal
urgency-high = High
urgency-urgent = Urgent
rstatus-draft = Draft
rstatus-submitted = Submitted
rstatus-in_triage = In triage
rstatus-rejected = Not admitted
rstatus-advice = Advice only
rstatus-admitted = Admitted
rstatus-redirected = Redirected
rstatus-rerefer_by_name = Re-refer by name

triage-title = Triage of the referral
triage-outcome = Decision
triage-redirected-to = Redirected to
triage-reasons = Reasons
triage-submit = Record decision
outcome-admitted = Admit as a case
outcome-advice_only = Advice to the referrer only
outcome-redirected = Redirect
outcome-rerefer_by_name = Re-refer by name
outcome-rejected = Do not admit

cases-search = Search cases (code, phenomenon, partner, text)
cases-review-due = Review due only
cases-closed-only = Closed only
cases-empty = No cases found.
case-code = Code
case-status = Stage
case-risk = Risk
case-next-review = Next review
risk-green = Green
risk-orange = Orange
risk-red = Red
cstatus-admitted = Admitted
cstatus-in_follow_up = In follow-up
cstatus-discussed = Discussed
cstatus-closed = Closed
cstatus-shredded = Shredded
