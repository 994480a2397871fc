# Lantern — English

## Navigation and page furniture
nav-label = Main
nav-cases = Cases
nav-new-case = New case
footer-note = Lantern keeps records of people who may be in danger. Share nothing from these pages outside your team.
language-en = English
language-es = Español
pagination-label = Pages
page-of = Page { $page } of { $pages }

## Actions
action-sign-in = Sign in
action-sign-out = Sign out
action-switch-language = Change language
action-search = Search
action-clear = Clear
action-save = Save
action-cancel = Cancel
action-next = Next
action-previous = Previous
action-edit-case = Edit case
action-add-person = Add person
action-add-event = Add timeline entry
action-edit-person = Edit person
action-upload = Upload
action-back-to-cases = Back to cases

## Sign-in
login-title = Sign in to Lantern
login-intro = Case records for survivors of trafficking. Use the account your organisation gave you.
login-failed = The username or password is not correct.

## Cases
cases-title = Cases
cases-count = { $count ->
    [one] One case
   *[other] { $count } cases
}
cases-count-more = More than { $count } cases
cases-none = No case matches.
search-hint = Case reference or pseudonym
filter-any = Any
case-heading = Case
case-new-title = New case
case-edit-title = Edit case
case-people = People
case-no-people = No one is recorded on this case yet.
case-timeline = Timeline
case-no-events = The timeline is empty.
case-attachments = Attachments
case-no-attachments = No files attached.
upload-hint = PDF, PNG, JPEG or plain text, at most 10 MiB.
event-new-title = New timeline entry
form-has-errors = Some fields need attention; see the messages below them.

## People
person-new-title = Add a person to the case
person-edit-title = Edit person
person-profile = Shown to everyone on the case
person-identity = Identifying details
person-identity-hint = Only the case team can see these details.
person-identity-withheld = Identifying details are withheld from your role.
person-cases = Cases

## Fields
field-search = Search
field-q = Search
field-reference = Reference
field-intake-date = Intake date
field-intake-source = Source
field-status = Status
field-exploitation-type = Type of exploitation
field-exploitation-types = Types of exploitation
field-place-of-recruitment = Place of recruitment
field-place-of-exploitation = Place of exploitation
field-summary = Summary
field-office = Office
field-owning-office = Office
field-team = Case team
field-people = People
field-from = Intake from
field-to = Intake to
field-role = Role in the case
field-pseudonym = Pseudonym
field-gender = Gender
field-age-band = Age band
field-legal-name = Legal name
field-aliases = Aliases and nicknames (one per line)
field-date-of-birth = Date of birth
field-estimated-age = Estimated age
field-citizenships = Citizenships (ISO country codes)
field-languages = Languages (ISO codes)
field-phones = Phone numbers (one per line)
field-addresses = Addresses (one per line)
field-identifying-marks = Identifying marks
field-occurred-on = Date
field-event-kind = Kind of entry
field-kind = Kind of entry
field-title = Title
field-note = Note
field-file = File
field-username = Username
field-password = Password
field-display-name = Display name
field-language = Language
field-name = Name

## Validation problems
problem-required = This field is required.
problem-too-long = Use at most { $max } characters.
problem-too-short = Use at least { $min } characters.
problem-too-many = Give at most { $max } entries.
problem-invalid-date = Enter a date as YYYY-MM-DD.
problem-date-in-future = The date cannot be in the future.
problem-date-too-early = The date cannot be before { $earliest }.
problem-date-range-reversed = The end date is before the start date.
problem-unknown-value = Choose one of the offered values.
problem-invalid-format = This value is not in the expected format.
problem-control-characters = Remove the invisible control characters.
problem-out-of-range = Enter a value between { $min } and { $max }.

## Emergency access
action-break-glass = Open in full (emergency access)
break-glass-title = Emergency access to a case
break-glass-intro = This case is not one of your team's. You can open it in full for one hour if you say why. Your reason and this access are recorded and shown to administrators.
break-glass-log-title = Emergency accesses
break-glass-log-empty = No one has used emergency access.
field-reason = Reason (at least 20 characters)
field-granted-at = Granted
field-expires-at = Expires

## Errors
error-title = Something went wrong
error-not-found = That page or record does not exist, or you may not see it.
error-invalid = The request was not valid.
error-forbidden = Your role may not do this.
error-unauthenticated = Please sign in.
error-conflict = That record already exists.
error-internal = The server could not finish this request. Nothing was changed.
error-bad-request = The request could not be read.
error-unsupported-media-type = This kind of content is not accepted.
error-payload-too-large = What you sent is too large.
error-csrf = This form has expired. Go back, reload the page and try again.
error-too-many-requests = Too many attempts. Wait a minute and try again.

## Case status (HTCDS cas_Status)
case-status-Active = Active
case-status-FollowUp = Follow-up
case-status-Closed = Closed
case-status-ClosedReferred = Closed, referred

## Types of exploitation (HTCDS vic_TypeOfExploitation)
exploitation-ForcedLabour = Forced labour
exploitation-SexualExploitation = Sexual exploitation
exploitation-ChildLabour = Child labour
exploitation-ForcedMarriage = Forced marriage
exploitation-Servitude = Servitude
exploitation-ForcedMilitaryByNonStateActors = Forced military service (non-state actors)
exploitation-OrganRemoval = Organ removal
exploitation-ForcedBegging = Forced begging
exploitation-ForcedAdoption = Forced adoption
exploitation-Surrogacy = Surrogacy
exploitation-Other = Other

## Gender (HTCDS prs_Gender)
gender-Feminine = Feminine
gender-Masculine = Masculine
gender-TransgenderFeminine = Transgender feminine
gender-TransgenderMasculine = Transgender masculine
gender-NonConforming = Non-conforming
gender-NonSpecifiedUnknown = Not specified / unknown

## Intake source
intake-source-Hotline = Hotline
intake-source-PoliceReferral = Police referral
intake-source-NgoReferral = NGO referral
intake-source-GovernmentReferral = Government referral
intake-source-Outreach = Outreach
intake-source-CommunityTip = Community tip
intake-source-OnlineTip = Online tip
intake-source-SelfReferral = Self-referral
intake-source-FamilyReport = Family report

## Role in a case
case-role-Victim = Victim / survivor
case-role-Suspect = Suspect / accused
case-role-Witness = Witness
case-role-Guardian = Guardian / family
case-role-Official = Official

## Age bands
age-band-0-8 = 0–8
age-band-9-17 = 9–17
age-band-18-20 = 18–20
age-band-21-23 = 21–23
age-band-24-26 = 24–26
age-band-27-29 = 27–29
age-band-30-38 = 30–38
age-band-39-47 = 39–47
age-band-48plus = 48 and over
age-band-unknown = Unknown

## Timeline entries
event-kind-Note = Note
event-kind-Intake = Intake
event-kind-Screening = Screening
event-kind-Rescue = Rescue
event-kind-Recruitment = Recruitment
event-kind-Transit = Transit
event-kind-Exploitation = Exploitation
event-kind-PoliceComplaint = Police complaint
event-kind-CourtHearing = Court hearing
event-kind-Service = Service
event-kind-Referral = Referral
event-kind-StatusChange = Status change

## User roles
user-role-admin = Administrator
user-role-case_worker = Case worker
user-role-investigator = Investigator
user-role-lawyer = Lawyer
user-role-me_analyst = M&E analyst
user-role-partner_viewer = Partner (read only)

## Accounts: second factor, password, re-authentication, API tokens
nav-account = Account
nav-users = Users
code-title = Enter your code
code-intro = Open your authenticator app and enter the six-digit code it shows for Lantern.
code-recovery-hint = No phone? Enter one of your recovery codes instead; each works once.
field-code = Code
action-verify = Continue
enrol-title = Set up two-step sign-in
enrol-required = Your role can see who survivors are, so your account needs a second step at sign-in before you can continue.
enrol-intro = Add this key to an authenticator app on your phone (type it in, or paste the link), then enter the code the app shows.
enrol-secret = Key for your authenticator app
enrol-uri = Or add the account with this link:
enrol-recovery = Recovery codes
enrol-recovery-hint = Write these down and keep them somewhere safe, away from your phone. Each works once instead of a code. They are shown only now.
action-confirm = Confirm
account-title = Your account
account-two-factor = Two-step sign-in
account-two-factor-on = On
account-two-factor-off = Not set up: set it up now
account-recovery-left = { $count ->
    [one] one recovery code left
   *[other] { $count } recovery codes left
}
password-title = Change password
password-intro = After the change, every other session of your account ends.
field-current-password = Current password
field-new-password = New password
reauth-title = Confirm your password
reauth-intro = This action needs your password again.
reauth-needed-hint = You will be asked for your password if you have not entered it in the last five minutes.
tokens-title = API tokens
tokens-shown-once = Copy this token now: it is shown only once.
tokens-none = You have no API tokens.
tokens-created = Created
tokens-revoked = Revoked
tokens-new = New token
field-scope = Access
scope-read = Read only
scope-read_write = Read and write
action-create-token = Create token
action-revoke = Revoke
users-title = Users
field-user-role = Role
field-state = State
user-state-active = Active
user-state-disabled = Disabled
action-change-role = Change role
sessions-title = Sessions
sessions-none = No open sessions.
sessions-created = Signed in
sessions-last-seen = Last active
action-end-session = End
action-end-all-sessions = End all sessions
problem-common-password = This password is too common. Choose a longer phrase that others would not guess.
problem-wrong-code = That code is not right, has expired or was already used.
problem-wrong-password = That is not your current password.
error-second-factor-required = Enter the code from your authenticator app.
error-enrolment-required = Set up two-step sign-in first.
error-reauthentication-required = Enter your password again first.
error-too-many-attempts = Too many failed attempts for this account. Wait { $seconds } seconds and try again.

## Audit log
audit-title = Audit log
audit-empty = No entry matches.
field-record = Record id
field-action = Action
field-from-date = From
field-to-date = To
field-when = When
field-fields = Fields
field-client = Client address

## Erasure
person-identity-erased = This person's identifying details were erased.
field-erasure-reason = Reason for erasing the identifying details (at least 20 characters)
action-erase-person = Erase identifying details for good

## Governance: permissions, consent, retention
nav-permissions = Permissions
nav-retention = Retention
permissions-title = What each role may do
permissions-hint = Changes apply to every account of the role at once (on other servers within ten seconds). You will be asked for your password again.
permissions-fixed = Cells without a box are fixed: only administrators manage accounts, and roles that never see identities cannot edit cases or use emergency access.
field-permission = Permission
permission-read_cases = Read cases in their scope
permission-edit_cases = Create and edit cases, people, timeline and files
permission-break_glass = Emergency access to other cases
permission-manage_users = Manage accounts and settings
problem-fixed = This setting is fixed and cannot be changed.
consent-title = Consent
consent-none-recorded = Not recorded (no consent)
consent-new-title = Record a consent decision
consent-informed-hint = A grant counts only if the person was told why the data is collected and that they may withdraw.
action-record-consent = Record a consent decision
field-consent-purpose = Purpose
field-consent-decision = Decision
field-consent-given-by = Given by
field-consent-informed = The person was informed of
field-decided-on = Date of the decision
consent-purpose-services = Receiving services
consent-purpose-sharing = Sharing with other organisations
consent-purpose-data_use = Use of non-identifying data for research
consent-decision-granted = Granted
consent-decision-refused = Refused
consent-decision-withdrawn = Withdrawn
consent-giver-person = The person
consent-giver-guardian = A guardian (the child assented)
consent-informed-purpose = The purpose of collecting the data
consent-informed-data_use = How the data will be used
consent-informed-research = Research use of non-identifying data
consent-informed-access_right = The right to see their data
consent-informed-storage_period = How long the data is kept
consent-informed-withdrawal = How to withdraw consent
retention-title = How long records are kept
retention-hint = Days a record is kept after every case it belongs to was closed and left unchanged. Leave blank to keep records until someone erases them. Erasure destroys the record's key: it cannot be undone. A daily job applies the policy.
retention-keep = keep
retention-due = Due for erasure now:
retention-due-identities = Identities of people:
retention-due-attachments = Files:
retention-due-case-texts = Free text of cases (summaries, timeline, file names):
retention-due-entities = Establishments and vehicles:
retention-range = Allowed range, in days:
retained-record-person_identity = Identities of people whose cases are all closed
retained-record-attachment = Files of closed cases
## Establishments, vehicles and the network view
case-entities = Establishments and vehicles
case-no-entities = No establishment or vehicle recorded.
action-add-entity = Add an establishment or vehicle
entity-new-title = New establishment or vehicle
entity-edit-title = Edit establishment or vehicle
action-edit-entity = Edit
action-remove-entity = Remove
entity-no-establishment-kind = — (vehicles)
field-entity-kind = Kind
field-establishment-kind = Kind of establishment
field-entity-name = Name, or registration plate
field-entity-place = Address or place
field-entity-description = Description
entity-kind-establishment = Establishment
entity-kind-vehicle = Vehicle
establishment-kind-brothel = Brothel
establishment-kind-massage_parlour = Massage parlour
establishment-kind-hotel = Hotel or guest house
establishment-kind-bar = Bar, club or restaurant
establishment-kind-placement_agency = Placement or recruitment agency
establishment-kind-online = Online (website, app or social media)
establishment-kind-other = Other
network-title = Network
network-need-to-know = Cases, people, establishments, vehicles, phone numbers and places connected to this person, up to two cases away. It shows only records you may see in full; links through any other record are left out.
network-capped = The network was cut at 60 records: the nearest are shown.
network-suspect = Suspect (thick outline)
network-links = Every link as a list
network-kind-person = Person
network-kind-case = Case
network-kind-establishment = Establishment
network-kind-vehicle = Vehicle
network-kind-phone = Phone number
network-kind-place = Place
action-export-network = Download as GraphML (asks for your password again)
## Possible duplicates
nav-duplicates = Possible duplicates
error-possible-duplicates = This person may already be recorded.
duplicates-heading = This person may already be recorded
duplicates-intro = Among the people you can see in full, these may be the same person. Nothing was saved. Add the existing person to this case instead, or confirm below that this is a new person.
duplicates-probability = Match
duplicates-reasons = Why
duplicates-add-existing = Add this person to the case instead
duplicates-confirm-new = I checked: this is a new person
duplicate-reason-given-name-same = same given name
duplicate-reason-given-name-similar = given name similar
duplicate-reason-family-name-same = same family name
duplicate-reason-family-name-similar = family name similar
duplicate-reason-date-of-birth-matches = date of birth matches
duplicate-reason-date-of-birth-close = date of birth or age close
duplicate-reason-same-phone = same phone
duplicate-reason-address-similar = address similar
duplicates-queue-title = Possible duplicates across cases
duplicates-queue-intro = Pairs of records that probably describe the same person, those involving a suspect first. Merging moves one record's cases to the other and can be undone.
duplicates-status = Review status
duplicates-status-pending = To review
duplicates-status-merged = Merged
duplicates-status-dismissed = Not the same person
duplicates-queue-empty = No pairs here.
duplicates-first = First record
duplicates-second = Second record
duplicates-involves-suspect = involves a suspect
duplicates-merge-keep-first = Merge, keep the first
duplicates-merge-keep-second = Merge, keep the second
duplicates-dismiss = Not the same person
duplicates-unmerge = Undo the merge
