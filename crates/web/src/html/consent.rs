//! Recording a person's consent decisions.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lantern_app::AppError;
use lantern_domain::consent::ConsentInput;
use lantern_domain::vocab::{ConsentDecision, ConsentGiver, ConsentInformed, ConsentPurpose};
use lantern_domain::PersonId;

use crate::error::HtmlError;
use crate::extract::{SignedForm, Viewer};
use crate::html::cases::{or_redisplay, parse_id};
use crate::html::{render, vocabulary_choices, Choice, Chrome, FieldErrors};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "people/consent_form.html")]
struct ConsentFormPage {
    chrome: Chrome,
    person_id: String,
    pseudonym: String,
    decided_on: String,
    purposes: Vec<Choice>,
    decisions: Vec<Choice>,
    givers: Vec<Choice>,
    informed: Vec<Choice>,
    errors: FieldErrors,
}

async fn consent_form(
    state: &AppState,
    viewer: &Viewer,
    person: PersonId,
    input: ConsentInput,
    errors: FieldErrors,
) -> Result<Response, HtmlError> {
    let profile = state
        .app
        .person_for_consent(&viewer.actor, person)
        .await
        .map_err(viewer.fail())?;
    let t = &viewer.t;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &ConsentFormPage {
            chrome: Chrome::for_viewer(viewer),
            person_id: person.to_string(),
            pseudonym: profile.pseudonym,
            decided_on: input.decided_on,
            purposes: vocabulary_choices::<ConsentPurpose>(t, &[input.purpose]),
            decisions: vocabulary_choices::<ConsentDecision>(t, &[input.decision]),
            givers: vocabulary_choices::<ConsentGiver>(t, &[input.given_by]),
            informed: vocabulary_choices::<ConsentInformed>(t, &input.informed),
            errors,
        },
    ))
}

pub async fn new_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: PersonId = parse_id(&id).map_err(viewer.fail())?;
    let input = ConsentInput {
        decided_on: state.app.today().to_string(),
        given_by: "person".into(),
        ..ConsentInput::default()
    };
    consent_form(&state, &viewer, id, input, FieldErrors::none()).await
}

pub async fn create(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, input): SignedForm<ConsentInput>,
) -> Result<Response, HtmlError> {
    let id: PersonId = parse_id(&id).map_err(viewer.fail())?;
    or_redisplay!(
        state.app.record_consent(&viewer.actor, id, &input).await,
        viewer,
        |errors| consent_form(&state, &viewer, id, input.clone(), errors)
    );
    Ok(Redirect::to(&format!("/people/{id}#consent")).into_response())
}
