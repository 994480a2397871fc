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
