//! Request extractors: who is asking, in which language, and the checked
//! contents of forms and JSON bodies.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{ACCEPT_LANGUAGE, AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::Method;
use axum_extra::extract::CookieJar;
use lantern_app::auth::SessionAccess;
use lantern_app::secrets::constant_time_eq;
use lantern_app::{Actor, AppError};
use lantern_storage::SessionRecord;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{ApiError, HtmlError, WebError};
use crate::i18n::{negotiate, Translator};
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "lantern_session";
pub const LOGIN_CSRF_COOKIE: &str = "lantern_login_csrf";
pub const LANGUAGE_COOKIE: &str = "lantern_lang";

/// Largest form body accepted (uploads have their own, larger limit).
pub const MAX_FORM_BYTES: usize = 256 * 1024;
pub const MAX_JSON_BYTES: usize = 256 * 1024;

/// The language of a request with no signed-in user: a `lang` cookie chosen
/// on the sign-in page, else the browser's `Accept-Language`.
pub fn anonymous_translator(state: &AppState, headers: &axum::http::HeaderMap) -> Translator {
    let jar = CookieJar::from_headers(headers);
    let supported: Vec<&'static str> = state.catalogues.languages().collect();
    let chosen = jar
        .get(LANGUAGE_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|l| supported.contains(&l.as_str()));
    let lang = chosen.unwrap_or_else(|| {
        negotiate(
            headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
            &supported,
        )
        .to_owned()
    });
    Translator::new(state.catalogues.clone(), &lang)
}

/// A signed-in person using the web UI, whose session passed every
/// sign-in step their role requires (the application decides: see
/// `App::session_actor`). Every page but sign-in, second-factor enrolment
/// and sign-out takes one.
pub struct Viewer {
    pub actor: Actor,
    pub csrf: String,
    pub t: Translator,
    pub session: SessionRecord,
}

impl Viewer {
    /// Converts a failure into an HTML error page in this viewer's language.
    pub fn fail<E: Into<WebError>>(&self) -> impl FnOnce(E) -> HtmlError + '_ {
        move |error| HtmlError {
            t: self.t.clone(),
            error: error.into(),
        }
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = HtmlError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let unauthenticated = || HtmlError {
            t: anonymous_translator(state, &parts.headers),
            error: WebError::App(AppError::Unauthenticated),
        };
        let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) else {
            return Err(unauthenticated());
        };
        match state.app.session_actor(&token).await {
            Ok((actor, session)) => {
                let t = Translator::new(state.catalogues.clone(), &actor.user.language);
                Ok(Viewer {
                    actor,
                    csrf: session.csrf_token.clone(),
                    t,
                    session,
                })
            }
            Err(AppError::Unauthenticated) => Err(unauthenticated()),
            Err(other) => Err(HtmlError {
                t: anonymous_translator(state, &parts.headers),
                error: other.into(),
            }),
        }
    }
}

/// A signed-in person at any sign-in stage, even one still waiting for a
/// second factor or its enrolment. Only sign-out, the code page and
/// enrolment take one, and each checks `access` itself.
pub struct PartialViewer {
    pub actor: Actor,
    pub session: SessionRecord,
    pub access: SessionAccess,
    pub token: String,
    pub t: Translator,
}

impl PartialViewer {
    pub fn fail<E: Into<WebError>>(&self) -> impl FnOnce(E) -> HtmlError + '_ {
        move |error| HtmlError {
            t: self.t.clone(),
            error: error.into(),
        }
    }
}

impl FromRequestParts<AppState> for PartialViewer {
    type Rejection = HtmlError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let fail = |error: AppError| HtmlError {
            t: anonymous_translator(state, &parts.headers),
            error: error.into(),
        };
        let token = jar
            .get(SESSION_COOKIE)
            .map(|c| c.value().to_owned())
            .ok_or_else(|| fail(AppError::Unauthenticated))?;
        let (actor, session, access) = state.app.session(&token).await.map_err(fail)?;
        let t = Translator::new(state.catalogues.clone(), &actor.user.language);
        Ok(PartialViewer {
            actor,
            session,
            access,
            token,
            t,
        })
    }
}

/// A form from a [`PartialViewer`] whose CSRF token matched.
pub struct PartialForm<T>(pub PartialViewer, pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for PartialForm<T> {
    type Rejection = HtmlError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let viewer = PartialViewer::from_request_parts(&mut parts, state).await?;
        let request = Request::from_parts(parts, body);
        let result = async {
            let bytes = read_form_body(request).await?;
            let field: CsrfField = parse_form(&bytes)?;
            if !constant_time_eq(&field.csrf, &viewer.session.csrf_token) {
                return Err(WebError::CsrfMismatch);
            }
            parse_form::<T>(&bytes)
        }
        .await;
        match result {
            Ok(form) => Ok(PartialForm(viewer, form)),
            Err(error) => Err(viewer.fail()(error)),
        }
    }
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

/// Reads a urlencoded form body, refusing other content types and bodies
/// over the limit, and decoding strictly (invalid UTF-8 is an error).
pub async fn read_form_body(request: Request) -> Result<Bytes, WebError> {
    let is_form = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(WebError::UnsupportedMediaType);
    }
    axum::body::to_bytes(request.into_body(), MAX_FORM_BYTES)
        .await
        .map_err(|_| WebError::PayloadTooLarge)
}

pub fn parse_form<T: DeserializeOwned>(body: &[u8]) -> Result<T, WebError> {
    if !form_is_utf8(body) {
        return Err(WebError::BadRequest("the form is not valid UTF-8".into()));
    }
    serde_html_form::from_bytes(body)
        .map_err(|_| WebError::BadRequest("the form could not be read".into()))
}

/// Whether every name and value of a urlencoded body decodes to UTF-8. The
/// form decoder would silently replace bad bytes; we refuse them instead.
fn form_is_utf8(body: &[u8]) -> bool {
    std::str::from_utf8(body).is_ok()
        && body.split(|b| *b == b'&').all(|pair| {
            let spaced: Vec<u8> = pair
                .iter()
                .map(|b| if *b == b'+' { b' ' } else { *b })
                .collect();
            percent_encoding::percent_decode(&spaced)
                .decode_utf8()
                .is_ok()
        })
}

/// Decodes a signed-in viewer's form body: its `csrf` field must match the
/// session's token before the form itself is read.
pub fn parse_signed_form<T: DeserializeOwned>(body: &[u8], csrf: &str) -> Result<T, WebError> {
    let field: CsrfField = parse_form(body)?;
    if !constant_time_eq(&field.csrf, csrf) {
        return Err(WebError::CsrfMismatch);
    }
    parse_form::<T>(body)
}

/// A state-changing form from a signed-in viewer whose CSRF token matched.
pub struct SignedForm<T>(pub Viewer, pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for SignedForm<T> {
    type Rejection = HtmlError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let viewer = Viewer::from_request_parts(&mut parts, state).await?;
        let request = Request::from_parts(parts, body);
        let result = async {
            let bytes = read_form_body(request).await?;
            parse_signed_form::<T>(&bytes, &viewer.csrf)
        }
        .await;
        match result {
            Ok(form) => Ok(SignedForm(viewer, form)),
            Err(error) => Err(viewer.fail()(error)),
        }
    }
}

/// An API client authenticated by a bearer token. API calls carry no
/// cookies, so they need no CSRF token.
pub struct ApiCaller(pub Actor);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(ApiError(WebError::App(AppError::Unauthenticated)))?;
        let actor = state.app.token_actor(token).await?;
        // The application refuses every write by a read-only token; refusing
        // every method but GET here as well keeps a new write route from
        // slipping through.
        let read_only = matches!(
            actor.credential,
            lantern_app::actor::Credential::ApiToken {
                scope: lantern_storage::TokenScope::Read
            }
        );
        if read_only && !matches!(parts.method, Method::GET | Method::HEAD) {
            return Err(ApiError(WebError::App(AppError::Forbidden)));
        }
        Ok(ApiCaller(actor))
    }
}

/// A JSON body with the API's own error responses for every way it can be
/// wrong: wrong content type, too large, not UTF-8, not JSON, wrong shape.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(ApiError(WebError::UnsupportedMediaType));
        }
        let bytes = axum::body::to_bytes(request.into_body(), MAX_JSON_BYTES)
            .await
            .map_err(|_| ApiError(WebError::PayloadTooLarge))?;
        parse_json(&bytes).map(ApiJson).map_err(ApiError)
    }
}

/// Decodes a JSON body as the API does: strict UTF-8, one JSON value of the
/// expected shape, nothing after it, and errors that never quote the body.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, WebError> {
    if std::str::from_utf8(body).is_err() {
        return Err(WebError::BadRequest("the body is not valid UTF-8".into()));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error_free(&mut deserializer).map_err(WebError::BadRequest)
}

/// Deserialises and describes a failure by position and kind only: serde's
/// own messages can quote the offending value.
fn serde_path_to_error_free<'de, T: DeserializeOwned>(
    deserializer: &mut serde_json::Deserializer<serde_json::de::SliceRead<'de>>,
) -> Result<T, String> {
    T::deserialize(&mut *deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|e| {
            let kind = match e.classify() {
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                    "is not well-formed JSON"
                }
                serde_json::error::Category::Data => {
                    "has a field of the wrong type or an unknown value"
                }
                serde_json::error::Category::Io => "could not be read",
            };
            format!("the body {kind} (line {}, column {})", e.line(), e.column())
        })
}
