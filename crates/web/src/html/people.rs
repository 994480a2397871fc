//! Person pages and forms.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lantern_app::duplicates::DuplicateCheck;
use lantern_app::AppError;
use lantern_domain::person::PersonInput;
use lantern_domain::vocab::{CaseRole, Gender, Vocabulary};
use lantern_domain::vocab::{ConsentDecision, ConsentPurpose};
use lantern_domain::{CaseId, PersonId};
use serde::Deserialize;

use crate::error::HtmlError;
use crate::extract::{SignedForm, Viewer};
use crate::html::cases::parse_id;
use crate::html::{render, vocabulary_choices, Choice, Chrome, FieldErrors};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "people/form.html")]
struct PersonFormPage {
    chrome: Chrome,
    heading: String,
    action: String,
    cancel_href: String,
    roles: Vec<Choice>,
    genders: Vec<Choice>,
    input: PersonInput,
    errors: FieldErrors,
    /// Possible duplicates found before saving; the form then asks for an
    /// explicit acknowledgement.
    duplicates: Vec<DuplicateRow>,
    /// Where "add the existing person to this case instead" posts, and the
    /// role it gives; `None` when editing.
    link: Option<(String, String)>,
}

/// A possible duplicate as the form lists it.
pub(crate) struct DuplicateRow {
    pub id: String,
    pub pseudonym: String,
    pub legal_name: String,
    pub percent: String,
    pub reasons: String,
}

pub(crate) fn duplicate_rows(
    t: &crate::i18n::Translator,
    found: &[lantern_app::duplicates::DuplicateCandidate],
) -> Vec<DuplicateRow> {
    found
        .iter()
        .map(|d| DuplicateRow {
            id: d.person.to_string(),
            pseudonym: d.pseudonym.clone(),
            legal_name: d
                .legal_name
                .as_ref()
                .map(|n| n.expose().clone())
                .unwrap_or_default(),
            percent: percent(d.probability),
            reasons: reason_words(t, &d.reasons),
        })
        .collect()
}

/// A probability as a whole percentage, never rounded up to a certainty.
pub(crate) fn percent(probability: f64) -> String {
    format!("{}%", (probability * 100.0).floor().clamp(0.0, 99.0))
}

pub(crate) fn reason_words(
    t: &crate::i18n::Translator,
    reasons: &[lantern_domain::duplicate::MatchReason],
) -> String {
    reasons
        .iter()
        .map(|r| t.t(&r.message_id()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a person form is posted: a new person in a case, or an edit.
enum Target {
    NewInCase { case: CaseId, role: String },
    Existing(PersonId),
}

fn person_form(
    viewer: &Viewer,
    target: &Target,
    input: PersonInput,
    errors: FieldErrors,
) -> Response {
    person_form_with(viewer, target, input, errors, &[])
}

/// Redisplays a form after the application refused it: field problems
/// (422) or possible duplicates to acknowledge (409).
fn refused(
    viewer: &Viewer,
    target: &Target,
    input: PersonInput,
    error: AppError,
) -> Result<Response, HtmlError> {
    match error {
        AppError::Invalid(errors) => Ok(person_form(
            viewer,
            target,
            input,
            FieldErrors::from(&viewer.t, &errors),
        )),
        AppError::PossibleDuplicates(found) => Ok(person_form_with(
            viewer,
            target,
            input,
            FieldErrors::none(),
            &found,
        )),
        other => Err(viewer.fail()(other)),
    }
}

fn person_form_with(
    viewer: &Viewer,
    target: &Target,
    input: PersonInput,
    errors: FieldErrors,
    found: &[lantern_app::duplicates::DuplicateCandidate],
) -> Response {
    let t = &viewer.t;
    let link = match target {
        Target::NewInCase { case, role } => {
            Some((format!("/cases/{case}/participants"), role.clone()))
        }
        Target::Existing(_) => None,
    };
    let (heading, action, cancel_href, roles) = match target {
        Target::NewInCase { case, role } => (
            t.t("person-new-title"),
            format!("/cases/{case}/people"),
            format!("/cases/{case}"),
            vocabulary_choices::<CaseRole>(t, std::slice::from_ref(role)),
        ),
        Target::Existing(id) => (
            t.t("person-edit-title"),
            format!("/people/{id}"),
            format!("/people/{id}"),
            Vec::new(),
        ),
    };
    let status = if !found.is_empty() {
        StatusCode::CONFLICT
    } else if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = PersonFormPage {
        chrome: Chrome::for_viewer(viewer),
        heading,
        action,
        cancel_href,
        roles,
        genders: vocabulary_choices::<Gender>(t, std::slice::from_ref(&input.gender)),
        input,
        errors,
        duplicates: duplicate_rows(t, found),
        link,
    };
    render(status, &page)
}

pub async fn new_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(case): Path<String>,
) -> Result<Response, HtmlError> {
    let case: CaseId = parse_id(&case).map_err(viewer.fail())?;
    lantern_app::policy::require(&viewer.actor, lantern_app::policy::Action::EditCases)
        .map_err(viewer.fail())?;
    state
        .app
        .case_for_additions(&viewer.actor, case)
        .await
        .map_err(viewer.fail())?;
    let input = PersonInput {
        gender: Gender::NonSpecifiedUnknown.code().to_owned(),
        ..PersonInput::default()
    };
    let target = Target::NewInCase {
        case,
        role: CaseRole::Victim.code().to_owned(),
    };
    Ok(person_form(&viewer, &target, input, FieldErrors::none()))
}

/// The form of `POST /cases/{id}/people`: a role and the person.
#[derive(Deserialize)]
pub struct NewPersonForm {
    #[serde(default)]
    pub role: String,
    /// Set when the user saw the possible duplicates and confirmed that this
    /// is a new person.
    #[serde(default)]
    pub acknowledge_duplicates: String,
    #[serde(flatten)]
    pub person: PersonInput,
}

/// The form of `POST /people/{id}`.
#[derive(Deserialize)]
pub struct EditPersonForm {
    #[serde(default)]
    pub acknowledge_duplicates: String,
    #[serde(flatten)]
    pub person: PersonInput,
}

fn acknowledged(field: &str) -> DuplicateCheck {
    DuplicateCheck::acknowledged(field == "yes")
}

pub async fn create(
    State(state): State<AppState>,
    Path(case): Path<String>,
    SignedForm(viewer, form): SignedForm<NewPersonForm>,
) -> Result<Response, HtmlError> {
    let case: CaseId = parse_id(&case).map_err(viewer.fail())?;
    let target = Target::NewInCase {
        case,
        role: form.role.clone(),
    };
    match state
        .app
        .add_person_to_case(
            &viewer.actor,
            case,
            &form.role,
            &form.person,
            acknowledged(&form.acknowledge_duplicates),
        )
        .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/people/{id}")).into_response()),
        Err(error) => refused(&viewer, &target, form.person, error),
    }
}

/// The form of `POST /cases/{id}/participants`: an existing person and
/// their role in this case.
#[derive(Deserialize)]
pub struct LinkPersonForm {
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub role: String,
}

/// Adds an existing person to the case (offered instead of recording a
/// possible duplicate).
pub async fn link(
    State(state): State<AppState>,
    Path(case): Path<String>,
    SignedForm(viewer, form): SignedForm<LinkPersonForm>,
) -> Result<Response, HtmlError> {
    let case: CaseId = parse_id(&case).map_err(viewer.fail())?;
    let person: PersonId = parse_id(&form.person).map_err(viewer.fail())?;
    state
        .app
        .link_person(&viewer.actor, case, person, &form.role)
        .await
        .map_err(viewer.fail())?;
    Ok(Redirect::to(&format!("/cases/{case}")).into_response())
}

struct IdentityRows {
    legal_name: String,
    aliases: String,
    date_of_birth: String,
    estimated_age: String,
    citizenships: String,
    languages: String,
    phones: String,
    addresses: String,
    identifying_marks: String,
}

struct PersonCaseRow {
    id: String,
    reference: String,
    role: String,
    intake_date: String,
    status: String,
}

/// One purpose and the decision in force for it.
struct ConsentNow {
    purpose: String,
    decision: String,
    granted: bool,
}

struct ConsentRow {
    decided_on: String,
    purpose: String,
    decision: String,
    given_by: String,
    informed: String,
}

#[derive(Template)]
#[template(path = "people/show.html")]
struct PersonPage {
    consent_now: Vec<ConsentNow>,
    consent_history: Vec<ConsentRow>,
    chrome: Chrome,
    editable: bool,
    can_erase: bool,
    erased: bool,
    notice: Option<String>,
    id: String,
    pseudonym: String,
    age_band: String,
    gender: String,
    identity: Option<IdentityRows>,
    cases: Vec<PersonCaseRow>,
    network: Option<crate::html::network::NetworkDrawing>,
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: PersonId = parse_id(&id).map_err(viewer.fail())?;
    let page = match state.app.person_page(&viewer.actor, id).await {
        Ok(page) => page,
        Err(AppError::NotFound(what)) => {
            // A record merged into another: its page is the survivor's.
            return match state
                .app
                .survivor_for(&viewer.actor, id)
                .await
                .map_err(viewer.fail())?
            {
                Some(survivor) => Ok(Redirect::to(&format!("/people/{survivor}")).into_response()),
                None => Err(viewer.fail()(AppError::NotFound(what))),
            };
        }
        Err(other) => return Err(viewer.fail()(other)),
    };
    let t = &viewer.t;
    // Drawn for those who see the person in full; for others it is no
    // error, only absent.
    let network = match state.app.person_network(&viewer.actor, id).await {
        Ok(network) => Some(crate::html::network::NetworkDrawing::new(t, id, &network)),
        Err(AppError::Forbidden) => None,
        Err(other) => return Err(viewer.fail()(other)),
    };
    let person = page.person;
    let identity = person.identity.as_ref().map(|i| {
        let i = i.expose();
        IdentityRows {
            legal_name: i.legal_name.clone().unwrap_or_default(),
            aliases: i.aliases.join(", "),
            date_of_birth: i.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
            estimated_age: i.estimated_age.map(|a| a.to_string()).unwrap_or_default(),
            citizenships: i
                .citizenships
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            languages: i
                .languages
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            phones: i.phones.join(", "),
            addresses: i.addresses.join("; "),
            identifying_marks: i.identifying_marks.clone().unwrap_or_default(),
        }
    });
    let consent_now = ConsentPurpose::ALL
        .iter()
        .map(|purpose| {
            let current = lantern_domain::consent::current(&page.consents, *purpose);
            ConsentNow {
                purpose: t.label(*purpose),
                decision: current.map_or_else(
                    || t.t("consent-none-recorded"),
                    |r| t.label(r.details.decision),
                ),
                granted: current.is_some_and(|r| r.details.decision == ConsentDecision::Granted),
            }
        })
        .collect();
    let consent_history = page
        .consents
        .iter()
        .map(|r| ConsentRow {
            decided_on: r.details.decided_on.to_string(),
            purpose: t.label(r.details.purpose),
            decision: t.label(r.details.decision),
            given_by: t.label(r.details.given_by),
            informed: r
                .details
                .informed
                .iter()
                .map(|i| t.label(*i))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let view = PersonPage {
        consent_now,
        consent_history,
        editable: page.editable,
        can_erase: lantern_app::policy::allows(
            &viewer.actor,
            lantern_app::policy::Action::ManageUsers,
        ) && !page.erased,
        erased: page.erased,
        chrome: Chrome::for_viewer(&viewer),
        notice: None,
        id: person.id.to_string(),
        pseudonym: person.profile.pseudonym.clone(),
        age_band: t.label(person.profile.age_band),
        gender: t.label(person.profile.gender),
        identity,
        network,
        cases: page
            .cases
            .iter()
            .map(|(c, role)| PersonCaseRow {
                id: c.id.to_string(),
                reference: c.reference.to_string(),
                role: t.label(*role),
                intake_date: c.intake_date.to_string(),
                status: t.label(c.status),
            })
            .collect(),
    };
    Ok(render(StatusCode::OK, &view))
}

pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: PersonId = parse_id(&id).map_err(viewer.fail())?;
    let input = state
        .app
        .person_for_edit(&viewer.actor, id)
        .await
        .map_err(viewer.fail())?;
    Ok(person_form(
        &viewer,
        &Target::Existing(id),
        input,
        FieldErrors::none(),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, form): SignedForm<EditPersonForm>,
) -> Result<Response, HtmlError> {
    let id: PersonId = parse_id(&id).map_err(viewer.fail())?;
    match state
        .app
        .update_person(
            &viewer.actor,
            id,
            &form.person,
            acknowledged(&form.acknowledge_duplicates),
        )
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/people/{id}")).into_response()),
        Err(error) => refused(&viewer, &Target::Existing(id), form.person, error),
    }
}

#[derive(Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    reason: String,
}

/// Erases a person's identifying data (administrators, with a reason and a
/// recent password).
pub async fn erase(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, form): SignedForm<EraseForm>,
) -> Result<Response, HtmlError> {
    let id: PersonId = parse_id(&id).map_err(viewer.fail())?;
    let back = format!("/people/{id}");
    match state
        .app
        .erase_person(&viewer.actor, id, &form.reason)
        .await
    {
        Ok(()) => Ok(Redirect::to(&back).into_response()),
        Err(AppError::ReauthenticationRequired) => {
            Ok(crate::html::account::reauthenticate_then(&back))
        }
        Err(other) => Err(viewer.fail()(other)),
    }
}
