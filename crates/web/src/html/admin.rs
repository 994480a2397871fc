//! Administration of accounts: users, their roles and their sessions.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lantern_app::AppError;
use lantern_domain::vocab::{UserRole, Vocabulary};
use lantern_domain::UserId;
use serde::Deserialize;

use crate::error::HtmlError;
use crate::extract::{SignedForm, Viewer};
use crate::html::account::reauthenticate_then;
use crate::html::{render, vocabulary_choices, Choice, Chrome};
use crate::state::AppState;

struct UserRow {
    id: String,
    username: String,
    display_name: String,
    role: String,
    state: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    chrome: Chrome,
    users: Vec<UserRow>,
}

pub async fn users(State(state): State<AppState>, viewer: Viewer) -> Result<Response, HtmlError> {
    let t = &viewer.t;
    let users = state
        .app
        .list_users(&viewer.actor)
        .await
        .map_err(viewer.fail())?
        .into_iter()
        .map(|u| UserRow {
            id: u.id.to_string(),
            username: u.username,
            display_name: u.display_name,
            role: t.label(u.role),
            state: t.t(if u.disabled {
                "user-state-disabled"
            } else {
                "user-state-active"
            }),
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &UsersPage {
            chrome: Chrome::for_viewer(&viewer),
            users,
        },
    ))
}

struct SessionRow {
    id: String,
    created: String,
    last_seen: String,
}

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    chrome: Chrome,
    id: String,
    username: String,
    display_name: String,
    roles: Vec<Choice>,
    sessions: Vec<SessionRow>,
}

fn parse_user(viewer: &Viewer, raw: &str) -> Result<UserId, HtmlError> {
    raw.parse()
        .map_err(|_| viewer.fail()(AppError::NotFound("user")))
}

pub async fn user(
    State(state): State<AppState>,
    Path(id): Path<String>,
    viewer: Viewer,
) -> Result<Response, HtmlError> {
    let id = parse_user(&viewer, &id)?;
    let user = state
        .app
        .get_user(&viewer.actor, id)
        .await
        .map_err(viewer.fail())?;
    let sessions = state
        .app
        .list_sessions(&viewer.actor, id)
        .await
        .map_err(viewer.fail())?
        .into_iter()
        .map(|s| SessionRow {
            id: s.id,
            created: s.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            last_seen: s.last_seen_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &UserPage {
            chrome: Chrome::for_viewer(&viewer),
            id: user.id.to_string(),
            roles: vocabulary_choices::<UserRole>(&viewer.t, &[user.role.code().to_owned()]),
            username: user.username,
            display_name: user.display_name,
            sessions,
        },
    ))
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

pub async fn set_role(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, form): SignedForm<RoleForm>,
) -> Result<Response, HtmlError> {
    let user = parse_user(&viewer, &id)?;
    let back = format!("/admin/users/{user}");
    match state
        .app
        .set_user_role(&viewer.actor, user, &form.role)
        .await
    {
        Ok(()) => Ok(Redirect::to(&back).into_response()),
        Err(AppError::ReauthenticationRequired) => Ok(reauthenticate_then(&back)),
        Err(other) => Err(viewer.fail()(other)),
    }
}

#[derive(Deserialize)]
pub struct EndSessionForm {
    #[serde(default)]
    session: String,
}

pub async fn end_session(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, form): SignedForm<EndSessionForm>,
) -> Result<Response, HtmlError> {
    let user = parse_user(&viewer, &id)?;
    state
        .app
        .end_session(&viewer.actor, user, &form.session)
        .await
        .map_err(viewer.fail())?;
    Ok(Redirect::to(&format!("/admin/users/{user}")).into_response())
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn end_all_sessions(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, _): SignedForm<Empty>,
) -> Result<Response, HtmlError> {
    let user = parse_user(&viewer, &id)?;
    state
        .app
        .end_all_sessions(&viewer.actor, user)
        .await
        .map_err(viewer.fail())?;
    Ok(Redirect::to(&format!("/admin/users/{user}")).into_response())
}
