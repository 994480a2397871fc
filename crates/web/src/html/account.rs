//! The signed-in user's own account: the second-factor code at sign-in,
//! second-factor enrolment, password change, re-authentication and API
//! tokens.

use std::net::SocketAddr;
use std::time::Instant;

use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::Cookie;
use axum_extra::extract::CookieJar;
use lantern_app::auth::{NewSession, SessionAccess};
use lantern_app::AppError;
use lantern_storage::{ApiTokenId, TokenScope};
use serde::Deserialize;

use crate::error::{HtmlError, WebError};
use crate::extract::{PartialForm, PartialViewer, SignedForm, Viewer, SESSION_COOKIE};
use crate::html::auth::session_cookie;
use crate::html::{render, Chrome, FieldErrors};
use crate::state::AppState;

/// Where a signed-in session is sent next.
pub fn landing(access: SessionAccess) -> &'static str {
    match access {
        SessionAccess::Full => "/cases",
        SessionAccess::EnrolmentOnly => "/account/two-factor",
        SessionAccess::AwaitingCode => "/login/code",
    }
}

/// Replaces the session cookie with a new session's and redirects on.
fn signed_in(state: &AppState, jar: CookieJar, session: NewSession, to: &str) -> Response {
    let jar = jar.add(session_cookie(state, session.token));
    (jar, Redirect::to(to)).into_response()
}

fn message(t: &crate::i18n::Translator, error: &AppError) -> Option<String> {
    match error {
        AppError::Invalid(errors) => errors.errors().first().map(|e| t.problem(&e.problem)),
        AppError::TooManyAttempts {
            retry_after_seconds,
        } => Some(t.t_with(
            "error-too-many-attempts",
            &[("seconds", (*retry_after_seconds).into())],
        )),
        _ => None,
    }
}

fn status_of(error: &AppError) -> StatusCode {
    match error {
        AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

// ---- The second sign-in step ------------------------------------------------

#[derive(Template)]
#[template(path = "account/code.html")]
struct CodePage {
    chrome: Chrome,
    error: Option<String>,
}

pub async fn code_form(viewer: PartialViewer) -> Response {
    if viewer.access != SessionAccess::AwaitingCode {
        return Redirect::to(landing(viewer.access)).into_response();
    }
    render(
        StatusCode::OK,
        &CodePage {
            chrome: Chrome::partial(&viewer),
            error: None,
        },
    )
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn code_submit(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    jar: CookieJar,
    PartialForm(viewer, form): PartialForm<CodeForm>,
) -> Result<Response, HtmlError> {
    if !state.login_limiter.allow(client.ip(), Instant::now()) {
        return Err(viewer.fail()(WebError::TooManyRequests));
    }
    match state
        .app
        .verify_second_factor(&viewer.token, &form.code)
        .await
    {
        Ok(session) => {
            let to = landing(session.access);
            Ok(signed_in(&state, jar, session, to))
        }
        Err(error @ (AppError::Invalid(_) | AppError::TooManyAttempts { .. })) => Ok(render(
            status_of(&error),
            &CodePage {
                chrome: Chrome::partial(&viewer),
                error: message(&viewer.t, &error),
            },
        )),
        Err(other) => Err(viewer.fail()(other)),
    }
}

// ---- Enrolment --------------------------------------------------------------

#[derive(Template)]
#[template(path = "account/enrol.html")]
struct EnrolPage {
    chrome: Chrome,
    required: bool,
    secret: String,
    uri: String,
    recovery_codes: Vec<String>,
    error: Option<String>,
}

/// Shows a new secret and recovery codes (stored pending until confirmed).
/// A user who has a second factor already is sent to their account page.
pub async fn enrol_page(
    State(state): State<AppState>,
    viewer: PartialViewer,
) -> Result<Response, HtmlError> {
    enrol_render(&state, &viewer, None, StatusCode::OK).await
}

async fn enrol_render(
    state: &AppState,
    viewer: &PartialViewer,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, HtmlError> {
    if viewer.access == SessionAccess::AwaitingCode {
        return Ok(Redirect::to("/login/code").into_response());
    }
    let enrolment = match state.app.begin_enrolment(&viewer.actor).await {
        Ok(enrolment) => enrolment,
        Err(AppError::Conflict(_)) => return Ok(Redirect::to("/account").into_response()),
        Err(other) => return Err(viewer.fail()(other)),
    };
    Ok(render(
        status,
        &EnrolPage {
            chrome: Chrome::partial(viewer),
            required: viewer.access == SessionAccess::EnrolmentOnly,
            secret: enrolment.secret,
            uri: enrolment.uri,
            recovery_codes: enrolment.recovery_codes,
            error,
        },
    ))
}

pub async fn enrol_confirm(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    jar: CookieJar,
    PartialForm(viewer, form): PartialForm<CodeForm>,
) -> Result<Response, HtmlError> {
    if viewer.access == SessionAccess::AwaitingCode {
        return Ok(Redirect::to("/login/code").into_response());
    }
    if !state.login_limiter.allow(client.ip(), Instant::now()) {
        return Err(viewer.fail()(WebError::TooManyRequests));
    }
    match state.app.confirm_enrolment(&viewer.actor, &form.code).await {
        Ok(session) => {
            let to = landing(session.access);
            Ok(signed_in(&state, jar, session, to))
        }
        // A wrong code shows a fresh secret: the one shown before is gone
        // from the page and must not be half-enrolled.
        Err(error @ (AppError::Invalid(_) | AppError::TooManyAttempts { .. })) => {
            enrol_render(
                &state,
                &viewer,
                message(&viewer.t, &error),
                status_of(&error),
            )
            .await
        }
        Err(AppError::NotFound(_)) => Ok(Redirect::to("/account/two-factor").into_response()),
        Err(other) => Err(viewer.fail()(other)),
    }
}

// ---- The account page and password change ----------------------------------

#[derive(Template)]
#[template(path = "account/index.html")]
struct AccountPage {
    chrome: Chrome,
    username: String,
    enrolled: bool,
    recovery_left: String,
}

pub async fn account_page(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, HtmlError> {
    let status = state
        .app
        .second_factor_status(&viewer.actor)
        .await
        .map_err(viewer.fail())?;
    let recovery_left = viewer.t.t_with(
        "account-recovery-left",
        &[("count", status.unused_recovery_codes.into())],
    );
    Ok(render(
        StatusCode::OK,
        &AccountPage {
            chrome: Chrome::for_viewer(&viewer),
            username: viewer.actor.user.username.clone(),
            enrolled: status.enrolled,
            recovery_left,
        },
    ))
}

#[derive(Template)]
#[template(path = "account/password.html")]
struct PasswordPage {
    chrome: Chrome,
    current_error: Option<String>,
    new_error: Option<String>,
}

/// The fields the application names: the current password, and the new
/// one (checked as `password`).
const CURRENT_FIELD: &str = "current_password";
const NEW_FIELD: &str = "password";

impl PasswordPage {
    fn new(viewer: &Viewer, errors: &FieldErrors) -> Self {
        Self {
            chrome: Chrome::for_viewer(viewer),
            current_error: errors.get(CURRENT_FIELD).cloned(),
            new_error: errors.get(NEW_FIELD).cloned(),
        }
    }
}

pub async fn password_form(viewer: Viewer) -> Response {
    render(
        StatusCode::OK,
        &PasswordPage::new(&viewer, &FieldErrors::none()),
    )
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

pub async fn password_submit(
    State(state): State<AppState>,
    jar: CookieJar,
    SignedForm(viewer, form): SignedForm<PasswordForm>,
) -> Result<Response, HtmlError> {
    let result = state
        .app
        .change_own_password(
            &viewer.actor,
            &viewer.session,
            &form.current_password,
            form.new_password,
        )
        .await;
    match result {
        Ok(session) => Ok(signed_in(&state, jar, session, "/account")),
        Err(AppError::Invalid(errors)) => Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &PasswordPage::new(&viewer, &FieldErrors::from(&viewer.t, &errors)),
        )),
        Err(other) => Err(viewer.fail()(other)),
    }
}

// ---- Re-authentication ------------------------------------------------------

#[derive(Template)]
#[template(path = "account/confirm_password.html")]
struct ConfirmPasswordPage {
    chrome: Chrome,
    next: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// Only pages of this site that ask for re-authentication may be returned
/// to, never an address given from outside.
fn safe_next(next: &str) -> String {
    let allowed = next.starts_with("/account/tokens")
        || (next.starts_with("/admin/users/")
            && next
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-'));
    if allowed && next.len() < 100 {
        next.to_owned()
    } else {
        "/account".to_owned()
    }
}

pub async fn confirm_password_form(viewer: Viewer, Query(query): Query<NextQuery>) -> Response {
    render(
        StatusCode::OK,
        &ConfirmPasswordPage {
            chrome: Chrome::for_viewer(&viewer),
            next: safe_next(&query.next),
            error: None,
        },
    )
}

#[derive(Deserialize)]
pub struct ConfirmPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn confirm_password_submit(
    State(state): State<AppState>,
    SignedForm(viewer, form): SignedForm<ConfirmPasswordForm>,
) -> Result<Response, HtmlError> {
    let next = safe_next(&form.next);
    match state
        .app
        .reauthenticate(&viewer.actor, &viewer.session, &form.password)
        .await
    {
        Ok(()) => Ok(Redirect::to(&next).into_response()),
        Err(error @ (AppError::Invalid(_) | AppError::TooManyAttempts { .. })) => Ok(render(
            status_of(&error),
            &ConfirmPasswordPage {
                chrome: Chrome::for_viewer(&viewer),
                next,
                error: message(&viewer.t, &error),
            },
        )),
        Err(other) => Err(viewer.fail()(other)),
    }
}

/// Sends a request that needs a recent password to the re-authentication
/// page, to come back to `back_to`.
pub fn reauthenticate_then(back_to: &str) -> Response {
    Redirect::to(&format!("/account/confirm-password?next={back_to}")).into_response()
}

// ---- API tokens ---------------------------------------------------------------

struct TokenRow {
    id: String,
    name: String,
    scope: String,
    created: String,
    revoked: bool,
}

#[derive(Template)]
#[template(path = "account/tokens.html")]
struct TokensPage {
    chrome: Chrome,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    name_error: Option<String>,
}

/// The field a token's name is checked under.
const NAME_FIELD: &str = "name";

async fn tokens_render(
    state: &AppState,
    viewer: &Viewer,
    new_token: Option<String>,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<Response, HtmlError> {
    let tokens = state
        .app
        .list_api_tokens(&viewer.actor, viewer.actor.id())
        .await
        .map_err(viewer.fail())?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id.to_string(),
            name: t.name,
            scope: viewer.t.t(&format!("scope-{}", t.scope.code())),
            created: t.created_at.format("%Y-%m-%d %H:%M").to_string(),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    Ok(render(
        status,
        &TokensPage {
            chrome: Chrome::for_viewer(viewer),
            tokens,
            new_token,
            name_error: errors.get(NAME_FIELD).cloned(),
        },
    ))
}

pub async fn tokens_page(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, HtmlError> {
    tokens_render(&state, &viewer, None, FieldErrors::none(), StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct NewTokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
}

pub async fn tokens_create(
    State(state): State<AppState>,
    SignedForm(viewer, form): SignedForm<NewTokenForm>,
) -> Result<Response, HtmlError> {
    let scope = TokenScope::from_code(&form.scope)
        .ok_or_else(|| viewer.fail()(WebError::BadRequest("unknown token scope".into())))?;
    match state
        .app
        .create_api_token(&viewer.actor, viewer.actor.id(), &form.name, scope)
        .await
    {
        Ok(token) => {
            tokens_render(
                &state,
                &viewer,
                Some(token),
                FieldErrors::none(),
                StatusCode::OK,
            )
            .await
        }
        Err(AppError::ReauthenticationRequired) => Ok(reauthenticate_then("/account/tokens")),
        Err(AppError::Invalid(errors)) => {
            tokens_render(
                &state,
                &viewer,
                None,
                FieldErrors::from(&viewer.t, &errors),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(other) => Err(viewer.fail()(other)),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn token_revoke(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, _): SignedForm<Empty>,
) -> Result<Response, HtmlError> {
    let id: ApiTokenId = id
        .parse()
        .map_err(|_| viewer.fail()(AppError::NotFound("api token")))?;
    state
        .app
        .revoke_api_token(&viewer.actor, viewer.actor.id(), id)
        .await
        .map_err(viewer.fail())?;
    Ok(Redirect::to("/account/tokens").into_response())
}

/// Removes the session cookie (used when a session has ended).
pub fn forget_session(jar: CookieJar) -> CookieJar {
    jar.remove(Cookie::build(SESSION_COOKIE).path("/"))
}
