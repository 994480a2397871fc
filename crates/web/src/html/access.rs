//! Break-glass: emergency access to a case outside one's team, and the
//! administrators' list of such accesses.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lantern_app::AppError;
use lantern_domain::CaseId;
use serde::Deserialize;

use crate::error::HtmlError;
use crate::extract::{SignedForm, Viewer};
use crate::html::cases::{or_redisplay, parse_id};
use crate::html::{render, Chrome, FieldErrors};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "break_glass.html")]
struct BreakGlassPage {
    chrome: Chrome,
    case_id: String,
    reason: String,
    errors: FieldErrors,
}

fn form(viewer: &Viewer, case: CaseId, reason: String, errors: FieldErrors) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &BreakGlassPage {
            chrome: Chrome::for_viewer(viewer),
            case_id: case.to_string(),
            reason,
            errors,
        },
    )
}

/// The form is offered for any case id, existing or not, so it reveals
/// nothing; only a submitted reason is checked against the case.
pub async fn break_glass_form(
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let case: CaseId = parse_id(&id).map_err(viewer.fail())?;
    lantern_app::policy::require(&viewer.actor, lantern_app::policy::Action::BreakGlass)
        .map_err(viewer.fail())?;
    Ok(form(&viewer, case, String::new(), FieldErrors::none()))
}

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

pub async fn break_glass(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, input): SignedForm<ReasonForm>,
) -> Result<Response, HtmlError> {
    let case: CaseId = parse_id(&id).map_err(viewer.fail())?;
    or_redisplay!(
        state
            .app
            .break_glass(&viewer.actor, case, &input.reason)
            .await,
        viewer,
        |errors| async { Ok(form(&viewer, case, input.reason.clone(), errors)) }
    );
    Ok(Redirect::to(&format!("/cases/{case}")).into_response())
}

struct GrantRow {
    granted_at: String,
    user: String,
    case_id: String,
    reason: String,
    expires_at: String,
}

#[derive(Template)]
#[template(path = "admin_break_glass.html")]
struct GrantLogPage {
    chrome: Chrome,
    rows: Vec<GrantRow>,
}

pub async fn grant_log(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, HtmlError> {
    let grants = state
        .app
        .break_glass_log(&viewer.actor)
        .await
        .map_err(viewer.fail())?;
    let users = state
        .app
        .list_users(&viewer.actor)
        .await
        .map_err(viewer.fail())?;
    let rows = grants
        .into_iter()
        .map(|g| GrantRow {
            granted_at: g.granted_at.format("%Y-%m-%d %H:%M").to_string(),
            user: users
                .iter()
                .find(|u| u.id == g.user_id)
                .map(|u| u.username.clone())
                .unwrap_or_default(),
            case_id: g.case_id.to_string(),
            reason: g.reason,
            expires_at: g.expires_at.format("%Y-%m-%d %H:%M").to_string(),
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &GrantLogPage {
            chrome: Chrome::for_viewer(&viewer),
            rows,
        },
    ))
}
