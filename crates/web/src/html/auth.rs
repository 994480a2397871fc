//! Signing in and out, and choosing the interface language.

use std::net::SocketAddr;
use std::time::Instant;

use askama::Template;
use axum::extract::{ConnectInfo, Query, Request, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use lantern_app::secrets::{constant_time_eq, random_token};
use lantern_app::AppError;
use serde::Deserialize;

use crate::error::{HtmlError, WebError};
use crate::extract::{
    anonymous_translator, parse_form, read_form_body, PartialForm, SignedForm, LANGUAGE_COOKIE,
    LOGIN_CSRF_COOKIE, SESSION_COOKIE,
};
use crate::html::{render, Chrome};
use crate::i18n::Translator;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    csrf: String,
    username: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    lang: String,
}

/// The session cookie: HTTP-only, same-site strict, secure over TLS.
pub fn session_cookie(state: &AppState, token: String) -> Cookie<'static> {
    cookie(state, SESSION_COOKIE, token)
}

fn cookie<'a>(state: &AppState, name: &'a str, value: String) -> Cookie<'a> {
    Cookie::build((name, value))
        .http_only(true)
        .secure(state.settings.secure)
        .same_site(SameSite::Strict)
        .path("/")
        .build()
}

/// The sign-in form. Its CSRF token is a random value held both in a
/// cookie and in the form (double submit), as there is no session yet.
pub async fn login_form(
    State(state): State<AppState>,
    Query(query): Query<LoginQuery>,
    headers: HeaderMap,
) -> Response {
    let mut jar = CookieJar::from_headers(&headers);
    let mut t = anonymous_translator(&state, &headers);
    if state.catalogues.languages().any(|l| l == query.lang) {
        t = Translator::new(state.catalogues.clone(), &query.lang);
        jar = jar.add(cookie(&state, LANGUAGE_COOKIE, query.lang.clone()));
    }
    login_page(&state, jar, &t, String::new(), None, StatusCode::OK)
}

fn login_page(
    state: &AppState,
    jar: CookieJar,
    t: &Translator,
    username: String,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let csrf = random_token();
    let jar = jar.add(cookie(state, LOGIN_CSRF_COOKIE, csrf.clone()));
    let page = LoginPage {
        chrome: Chrome::anonymous(t),
        csrf,
        username,
        error,
    };
    (jar, render(status, &page)).into_response()
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    request: Request,
) -> Result<Response, HtmlError> {
    let (parts, body) = request.into_parts();
    let t = anonymous_translator(&state, &parts.headers);
    let jar = CookieJar::from_headers(&parts.headers);
    let fail = |error: WebError| HtmlError {
        t: t.clone(),
        error,
    };
    if !state.login_limiter.allow(client.ip(), Instant::now()) {
        return Err(fail(WebError::TooManyRequests));
    }
    let bytes = read_form_body(Request::from_parts(parts, body))
        .await
        .map_err(fail)?;
    let form: LoginForm = parse_form(&bytes).map_err(fail)?;
    let expected = jar
        .get(LOGIN_CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(&form.csrf, &expected) {
        return Err(fail(WebError::CsrfMismatch));
    }
    match state.app.login(&form.username, &form.password).await {
        Ok(session) => {
            let to = crate::html::account::landing(session.access);
            let jar = jar
                .remove(Cookie::build(LOGIN_CSRF_COOKIE).path("/"))
                .add(cookie(&state, SESSION_COOKIE, session.token));
            Ok((jar, Redirect::to(to)).into_response())
        }
        // The same for every username, existing or not: see `lantern_app::auth`.
        Err(AppError::TooManyAttempts {
            retry_after_seconds,
        }) => {
            let username = form.username.chars().take(64).collect();
            let message = t.t_with(
                "error-too-many-attempts",
                &[("seconds", retry_after_seconds.into())],
            );
            Ok(login_page(
                &state,
                jar,
                &t,
                username,
                Some(message),
                StatusCode::TOO_MANY_REQUESTS,
            ))
        }
        Err(AppError::Unauthenticated) => {
            let username = form.username.chars().take(64).collect();
            let message = t.t("login-failed");
            Ok(login_page(
                &state,
                jar,
                &t,
                username,
                Some(message),
                StatusCode::UNAUTHORIZED,
            ))
        }
        Err(other) => Err(fail(other.into())),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

/// Signing out works at every sign-in stage.
pub async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
    PartialForm(viewer, _): PartialForm<Empty>,
) -> Result<Response, HtmlError> {
    state
        .app
        .logout(&viewer.token)
        .await
        .map_err(viewer.fail())?;
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    language: String,
}

pub async fn set_language(
    State(state): State<AppState>,
    SignedForm(viewer, form): SignedForm<LanguageForm>,
) -> Result<Response, HtmlError> {
    state
        .app
        .set_language(&viewer.actor, &form.language)
        .await
        .map_err(viewer.fail())?;
    Ok(Redirect::to("/cases").into_response())
}
