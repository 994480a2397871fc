//! Case pages: the list with search and filters, the case page, and the
//! case and timeline forms.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lantern_app::cases::CaseView;
use lantern_app::policy::Sight;
use lantern_app::AppError;
use lantern_domain::case::{CaseFilterInput, CaseInput};
use lantern_domain::event::EventInput;
use lantern_domain::page::{PageRequest, COUNT_LIMIT};
use lantern_domain::user::Office;
use lantern_domain::vocab::{CaseStatus, EventKind, ExploitationType, IntakeSource, Vocabulary};
use lantern_domain::{CaseId, OfficeId};
use serde::{Deserialize, Serialize};

use crate::error::{HtmlError, WebError};
use crate::extract::{SignedForm, Viewer};
use crate::html::{human_size, render, vocabulary_choices, Choice, Chrome, FieldErrors};
use crate::i18n::Translator;
use crate::state::AppState;

pub fn parse_id<T>(raw: &str) -> Result<lantern_domain::Id<T>, WebError> {
    raw.parse()
        .map_err(|_| WebError::App(AppError::NotFound("record")))
}

fn office_name(offices: &[Office], id: OfficeId) -> String {
    offices
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.name.clone())
        .unwrap_or_default()
}

fn office_choices(offices: &[Office], selected: &str) -> Vec<Choice> {
    offices
        .iter()
        .map(|o| Choice {
            value: o.id.to_string(),
            label: format!("{} ({})", o.name, o.code),
            selected: o.id.to_string() == selected,
        })
        .collect()
}

fn exploitation_label(t: &Translator, kinds: &[ExploitationType]) -> String {
    kinds
        .iter()
        .map(|k| t.label(*k))
        .collect::<Vec<_>>()
        .join(", ")
}

struct CaseRow {
    id: String,
    reference: String,
    intake_date: String,
    status_code: &'static str,
    status: String,
    exploitation: String,
    office: String,
    people: u32,
}

#[derive(Template)]
#[template(path = "cases/list.html")]
struct CaseListPage {
    chrome: Chrome,
    filter: CaseFilterInput,
    filter_errors: Vec<String>,
    statuses: Vec<Choice>,
    offices: Vec<Choice>,
    exploitation_types: Vec<Choice>,
    rows: Vec<CaseRow>,
    count_label: String,
    page_label: String,
    previous_href: Option<String>,
    next_href: Option<String>,
}

/// The list query: the filter plus a page number, read leniently so a
/// mangled page number falls back to page one.
#[derive(Deserialize, Serialize, Default)]
pub struct ListQuery {
    #[serde(flatten)]
    pub filter: CaseFilterInput,
    #[serde(default, skip_serializing)]
    pub page: String,
}

impl ListQuery {
    /// Decodes the query string of `GET /cases`.
    pub fn parse(raw: Option<&str>) -> Result<Self, WebError> {
        serde_html_form::from_str(raw.unwrap_or(""))
            .map_err(|_| WebError::BadRequest("the search could not be read".into()))
    }

    /// The page asked for; a mangled number is page one.
    pub fn page_request(&self) -> PageRequest {
        PageRequest::new(self.page.trim().parse().ok(), None)
    }
}

fn page_href(query: &ListQuery, page: u32) -> String {
    let encoded = serde_html_form::to_string(query).unwrap_or_default();
    format!("/cases?{encoded}&page={page}")
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(raw): RawQuery,
) -> Result<Response, HtmlError> {
    let t = &viewer.t;
    let query = ListQuery::parse(raw.as_deref()).map_err(viewer.fail())?;
    let page_request = query.page_request();
    let offices = state.app.list_offices().await.map_err(viewer.fail())?;
    let (page, filter_errors) = match state
        .app
        .list_cases(&viewer.actor, &query.filter, page_request)
        .await
    {
        Ok(page) => (Some(page), Vec::new()),
        Err(AppError::Invalid(errors)) => (
            None,
            errors
                .errors()
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        t.t(&format!("field-{}", e.field.replace('_', "-"))),
                        t.problem(&e.problem)
                    )
                })
                .collect(),
        ),
        Err(other) => return Err(viewer.fail()(other)),
    };
    let rows = page
        .as_ref()
        .map(|p| {
            p.items
                .iter()
                .map(|c| CaseRow {
                    id: c.id.to_string(),
                    reference: c.reference.to_string(),
                    intake_date: c.intake_date.to_string(),
                    status_code: c.status.code(),
                    status: t.label(c.status),
                    exploitation: exploitation_label(t, &c.exploitation_types),
                    office: office_name(&offices, c.owning_office),
                    people: c.people_count,
                })
                .collect()
        })
        .unwrap_or_default();
    let (total, current, pages) = page
        .as_ref()
        .map(|p| (p.total, p.page, p.total_pages()))
        .unwrap_or((0, 1, 1));
    let count_label = if page.as_ref().is_some_and(|p| p.total_is_lower_bound()) {
        t.t_with("cases-count-more", &[("count", COUNT_LIMIT.into())])
    } else {
        t.t_with("cases-count", &[("count", total.into())])
    };
    let page_view = CaseListPage {
        count_label,
        page_label: t.t_with(
            "page-of",
            &[("page", current.into()), ("pages", pages.into())],
        ),
        previous_href: page
            .as_ref()
            .filter(|p| p.has_previous())
            .map(|p| page_href(&query, p.page - 1)),
        next_href: page
            .as_ref()
            .filter(|p| p.has_next())
            .map(|p| page_href(&query, p.page + 1)),
        statuses: vocabulary_choices::<CaseStatus>(t, std::slice::from_ref(&query.filter.status)),
        offices: office_choices(&offices, &query.filter.office),
        exploitation_types: vocabulary_choices::<ExploitationType>(
            t,
            std::slice::from_ref(&query.filter.exploitation_type),
        ),
        rows,
        filter_errors,
        chrome: Chrome::for_viewer(&viewer),
        filter: query.filter,
    };
    let status = if page.is_some() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(status, &page_view))
}

#[derive(Template)]
#[template(path = "cases/form.html")]
struct CaseFormPage {
    chrome: Chrome,
    heading: String,
    action: String,
    cancel_href: String,
    input: CaseInput,
    errors: FieldErrors,
    intake_sources: Vec<Choice>,
    statuses: Vec<Choice>,
    exploitation_types: Vec<Choice>,
    offices: Vec<Choice>,
    team: Vec<Choice>,
}

async fn case_form(
    state: &AppState,
    viewer: &Viewer,
    existing: Option<CaseId>,
    input: CaseInput,
    errors: FieldErrors,
) -> Result<Response, HtmlError> {
    let t = &viewer.t;
    let offices = state.app.list_offices().await.map_err(viewer.fail())?;
    let colleagues = state
        .app
        .team_candidates(&viewer.actor)
        .await
        .map_err(viewer.fail())?;
    let (heading, action, cancel_href) = match existing {
        Some(id) => (
            t.t("case-edit-title"),
            format!("/cases/{id}"),
            format!("/cases/{id}"),
        ),
        None => (
            t.t("case-new-title"),
            "/cases".to_owned(),
            "/cases".to_owned(),
        ),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = CaseFormPage {
        chrome: Chrome::for_viewer(viewer),
        heading,
        action,
        cancel_href,
        intake_sources: vocabulary_choices::<IntakeSource>(
            t,
            std::slice::from_ref(&input.intake_source),
        ),
        statuses: vocabulary_choices::<CaseStatus>(t, std::slice::from_ref(&input.status)),
        exploitation_types: vocabulary_choices::<ExploitationType>(t, &input.exploitation_types),
        offices: office_choices(&offices, &input.owning_office),
        team: colleagues
            .iter()
            .map(|u| Choice {
                value: u.id.to_string(),
                label: format!("{} · {}", u.display_name, t.label(u.role)),
                selected: input.team.contains(&u.id.to_string()),
            })
            .collect(),
        input,
        errors,
    };
    Ok(render(status, &page))
}

pub async fn new_form(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, HtmlError> {
    let input = CaseInput {
        intake_date: state.app.today().to_string(),
        status: CaseStatus::Active.code().to_owned(),
        owning_office: viewer.actor.office().to_string(),
        team: vec![viewer.actor.id().to_string()],
        ..CaseInput::default()
    };
    lantern_app::policy::require(&viewer.actor, lantern_app::policy::Action::EditCases)
        .map_err(viewer.fail())?;
    case_form(&state, &viewer, None, input, FieldErrors::none()).await
}

/// Re-shows a form with the user's input and its problems, or fails.
macro_rules! or_redisplay {
    ($result:expr, $viewer:expr, $redisplay:expr) => {
        match $result {
            Ok(value) => value,
            Err(AppError::Invalid(errors)) => {
                let errors = FieldErrors::from(&$viewer.t, &errors);
                return $redisplay(errors).await;
            }
            Err(other) => return Err($viewer.fail()(other)),
        }
    };
}

pub async fn create(
    State(state): State<AppState>,
    SignedForm(viewer, input): SignedForm<CaseInput>,
) -> Result<Response, HtmlError> {
    let case = or_redisplay!(
        state.app.create_case(&viewer.actor, &input).await,
        viewer,
        |errors| case_form(&state, &viewer, None, input.clone(), errors)
    );
    Ok(Redirect::to(&format!("/cases/{}", case.id)).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: CaseId = parse_id(&id).map_err(viewer.fail())?;
    lantern_app::policy::require(&viewer.actor, lantern_app::policy::Action::EditCases)
        .map_err(viewer.fail())?;
    let case = state
        .app
        .case_for_edit(&viewer.actor, id)
        .await
        .map_err(viewer.fail())?;
    case_form(
        &state,
        &viewer,
        Some(id),
        CaseInput::from_details(&case.details),
        FieldErrors::none(),
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, input): SignedForm<CaseInput>,
) -> Result<Response, HtmlError> {
    let id: CaseId = parse_id(&id).map_err(viewer.fail())?;
    or_redisplay!(
        state.app.update_case(&viewer.actor, id, &input).await,
        viewer,
        |errors| case_form(&state, &viewer, Some(id), input.clone(), errors)
    );
    Ok(Redirect::to(&format!("/cases/{id}")).into_response())
}

struct PersonRow {
    id: String,
    role: String,
    pseudonym: String,
    legal_name: String,
    age_band: String,
    gender: String,
}

struct EventRow {
    date: String,
    kind: String,
    title: String,
    note: String,
}

struct AttachmentRow {
    id: String,
    name: String,
    size: String,
    uploaded: String,
    short_hash: String,
}

#[derive(Template)]
#[template(path = "cases/show.html")]
struct CasePage {
    chrome: Chrome,
    editable: bool,
    may_break_glass: bool,
    notice: Option<String>,
    id: String,
    reference: String,
    status_code: &'static str,
    status: String,
    intake_date: String,
    intake_source: String,
    exploitation: String,
    place_of_recruitment: String,
    place_of_exploitation: String,
    office: String,
    team: String,
    summary: String,
    shows_identity: bool,
    people: Vec<PersonRow>,
    events: Vec<EventRow>,
    attachments: Vec<AttachmentRow>,
    entities: crate::html::network::EntitiesSection,
}

fn case_page(
    viewer: &Viewer,
    view: CaseView,
    entities: crate::html::network::EntitiesSection,
) -> CasePage {
    let t = &viewer.t;
    let d = &view.case.details;
    CasePage {
        entities,
        chrome: Chrome::for_viewer(viewer),
        notice: None,
        id: view.case.id.to_string(),
        reference: view.case.reference.to_string(),
        status_code: d.status.code(),
        status: t.label(d.status),
        intake_date: d.intake_date.to_string(),
        intake_source: t.label(d.intake_source),
        exploitation: exploitation_label(t, &d.exploitation_types),
        place_of_recruitment: d.place_of_recruitment.clone().unwrap_or_default(),
        place_of_exploitation: d.place_of_exploitation.clone().unwrap_or_default(),
        office: view.office.map(|o| o.name).unwrap_or_default(),
        team: view
            .team
            .iter()
            .map(|u| u.display_name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        summary: d.summary.clone().unwrap_or_default(),
        shows_identity: view.sight == Sight::Full,
        editable: view.editable,
        may_break_glass: view.may_break_glass,
        people: view
            .participants
            .iter()
            .map(|p| PersonRow {
                id: p.person.id.to_string(),
                role: t.label(p.role),
                pseudonym: p.person.profile.pseudonym.clone(),
                legal_name: p
                    .person
                    .identity
                    .as_ref()
                    .and_then(|i| i.expose().legal_name.clone())
                    .unwrap_or_default(),
                age_band: t.label(p.person.profile.age_band),
                gender: t.label(p.person.profile.gender),
            })
            .collect(),
        events: view
            .events
            .iter()
            .map(|e| EventRow {
                date: e.details.occurred_on.to_string(),
                kind: t.label(e.details.kind),
                title: e.details.title.clone(),
                note: e.details.note.clone().unwrap_or_default(),
            })
            .collect(),
        attachments: view
            .attachments
            .iter()
            .map(|a| AttachmentRow {
                id: a.id.to_string(),
                name: a.file_name.clone(),
                size: human_size(a.size_bytes),
                uploaded: a.uploaded_at.format("%Y-%m-%d %H:%M").to_string(),
                short_hash: a.sha256.chars().take(12).collect(),
            })
            .collect(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: CaseId = parse_id(&id).map_err(viewer.fail())?;
    let view = state
        .app
        .case_view(&viewer.actor, id)
        .await
        .map_err(viewer.fail())?;
    let entities = state
        .app
        .case_entities(&viewer.actor, id)
        .await
        .map_err(viewer.fail())?;
    let entities = crate::html::network::EntitiesSection::new(&viewer.t, &entities);
    Ok(render(StatusCode::OK, &case_page(&viewer, view, entities)))
}

#[derive(Template)]
#[template(path = "event_form.html")]
struct EventFormPage {
    chrome: Chrome,
    case_id: String,
    reference: String,
    input: EventInput,
    errors: FieldErrors,
    kinds: Vec<Choice>,
}

async fn event_form(
    state: &AppState,
    viewer: &Viewer,
    case_id: CaseId,
    input: EventInput,
    errors: FieldErrors,
) -> Result<Response, HtmlError> {
    let case = state
        .app
        .case_for_additions(&viewer.actor, case_id)
        .await
        .map_err(viewer.fail())?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = EventFormPage {
        chrome: Chrome::for_viewer(viewer),
        case_id: case_id.to_string(),
        reference: case.reference.to_string(),
        kinds: vocabulary_choices::<EventKind>(&viewer.t, std::slice::from_ref(&input.kind)),
        input,
        errors,
    };
    Ok(render(status, &page))
}

pub async fn new_event_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: CaseId = parse_id(&id).map_err(viewer.fail())?;
    lantern_app::policy::require(&viewer.actor, lantern_app::policy::Action::EditCases)
        .map_err(viewer.fail())?;
    let input = EventInput {
        occurred_on: state.app.today().to_string(),
        kind: EventKind::Note.code().to_owned(),
        ..EventInput::default()
    };
    event_form(&state, &viewer, id, input, FieldErrors::none()).await
}

pub async fn create_event(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, input): SignedForm<EventInput>,
) -> Result<Response, HtmlError> {
    let id: CaseId = parse_id(&id).map_err(viewer.fail())?;
    or_redisplay!(
        state.app.add_event(&viewer.actor, id, &input).await,
        viewer,
        |errors| event_form(&state, &viewer, id, input.clone(), errors)
    );
    Ok(Redirect::to(&format!("/cases/{id}")).into_response())
}

pub(crate) use or_redisplay;
