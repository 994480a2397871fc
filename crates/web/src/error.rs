//! How failures become responses: one status and one message per kind,
//! never a stack trace, never a stored value.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use lantern_app::AppError;
use lantern_domain::ValidationErrors;
use serde::Serialize;

use crate::i18n::Translator;

/// A failure in the web layer, before or after the application ran.
#[derive(Debug)]
pub enum WebError {
    App(AppError),
    /// The request could not be read; the text names what was wrong.
    BadRequest(String),
    UnsupportedMediaType,
    PayloadTooLarge,
    CsrfMismatch,
    TooManyRequests,
}

impl From<AppError> for WebError {
    fn from(error: AppError) -> Self {
        WebError::App(error)
    }
}

impl From<ValidationErrors> for WebError {
    fn from(errors: ValidationErrors) -> Self {
        WebError::App(AppError::Invalid(errors))
    }
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::App(AppError::Invalid(_)) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::App(AppError::NotFound(_)) => StatusCode::NOT_FOUND,
            WebError::App(AppError::Forbidden) | WebError::CsrfMismatch => StatusCode::FORBIDDEN,
            WebError::App(
                AppError::Unauthenticated
                | AppError::SecondFactorRequired
                | AppError::EnrolmentRequired,
            ) => StatusCode::UNAUTHORIZED,
            WebError::App(AppError::ReauthenticationRequired) => StatusCode::FORBIDDEN,
            WebError::App(AppError::TooManyAttempts { .. }) => StatusCode::TOO_MANY_REQUESTS,
            WebError::App(AppError::Conflict(_) | AppError::PossibleDuplicates(_)) => {
                StatusCode::CONFLICT
            }
            WebError::App(AppError::Storage(_) | AppError::Internal(_)) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            WebError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            WebError::App(AppError::Invalid(_)) => "invalid",
            WebError::App(AppError::NotFound(_)) => "not-found",
            WebError::App(AppError::Forbidden) => "forbidden",
            WebError::App(AppError::Unauthenticated) => "unauthenticated",
            WebError::App(AppError::SecondFactorRequired) => "second-factor-required",
            WebError::App(AppError::EnrolmentRequired) => "enrolment-required",
            WebError::App(AppError::ReauthenticationRequired) => "reauthentication-required",
            WebError::App(AppError::TooManyAttempts { .. }) => "too-many-attempts",
            WebError::App(AppError::Conflict(_)) => "conflict",
            WebError::App(AppError::PossibleDuplicates(_)) => "possible-duplicates",
            WebError::App(AppError::Storage(_) | AppError::Internal(_)) => "internal",
            WebError::BadRequest(_) => "bad-request",
            WebError::UnsupportedMediaType => "unsupported-media-type",
            WebError::PayloadTooLarge => "payload-too-large",
            WebError::CsrfMismatch => "csrf",
            WebError::TooManyRequests => "too-many-requests",
        }
    }

    /// Logs server-side failures with their cause (which carries no
    /// record values), once, where they turn into a response.
    fn log(&self) {
        if let WebError::App(error @ (AppError::Storage(_) | AppError::Internal(_))) = self {
            let cause = std::error::Error::source(error).map(ToString::to_string);
            tracing::error!(error = %error, cause = ?cause, "request failed");
        }
    }

    fn english(&self) -> String {
        match self {
            WebError::App(AppError::NotFound(what)) => format!("{what} not found"),
            WebError::App(AppError::PossibleDuplicates(_)) => {
                "the person may already be recorded: add the existing person to the case, \
                 or send the request again with acknowledge_duplicates set to confirm a new person"
                    .into()
            }
            WebError::App(AppError::Storage(_) | AppError::Internal(_)) => "internal error".into(),
            WebError::App(other) => other.to_string(),
            WebError::BadRequest(message) => message.clone(),
            WebError::UnsupportedMediaType => "unsupported content type".into(),
            WebError::PayloadTooLarge => "request body too large".into(),
            WebError::CsrfMismatch => "the form has expired; reload the page and try again".into(),
            WebError::TooManyRequests => "too many attempts; wait a minute and try again".into(),
        }
    }
}

/// JSON error body of the API.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiErrorDetail {
    /// Stable code, e.g. `invalid`, `not-found`.
    pub code: String,
    pub message: String,
    /// For `invalid`: each field and what was wrong with it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<ApiFieldError>,
    /// For `possible-duplicates`: the people, among those the caller sees in
    /// full, who may be the one being saved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<ApiDuplicate>,
}

/// A person who may already be the one being saved.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiDuplicate {
    pub id: uuid::Uuid,
    pub pseudonym: String,
    pub legal_name: Option<String>,
    /// Match probability, 0 to 1.
    pub probability: f64,
    /// Reason codes, e.g. `family-name-same`, `same-phone`.
    pub reasons: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiFieldError {
    pub field: String,
    pub problem: String,
    pub message: String,
}

pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(error: E) -> Self {
        ApiError(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let fields = match &self.0 {
            WebError::App(AppError::Invalid(errors)) => errors
                .errors()
                .iter()
                .map(|e| ApiFieldError {
                    field: e.field.clone(),
                    problem: e.problem.code().to_owned(),
                    message: e.to_string(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let duplicates = match &self.0 {
            WebError::App(AppError::PossibleDuplicates(found)) => found
                .iter()
                .map(|d| ApiDuplicate {
                    id: d.person.as_uuid(),
                    pseudonym: d.pseudonym.clone(),
                    legal_name: d.legal_name.as_ref().map(|n| n.expose().clone()),
                    probability: d.probability,
                    reasons: d.reasons.iter().map(|r| r.code().to_owned()).collect(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let body = ApiErrorBody {
            error: ApiErrorDetail {
                code: self.0.code().to_owned(),
                message: self.0.english(),
                fields,
                duplicates,
            },
        };
        (self.0.status(), Json(body)).into_response()
    }
}

/// An HTML failure, rendered in the reader's language.
pub struct HtmlError {
    pub t: Translator,
    pub error: WebError,
}

impl IntoResponse for HtmlError {
    fn into_response(self) -> Response {
        match &self.error {
            WebError::App(AppError::Unauthenticated) => {
                return Redirect::to("/login").into_response();
            }
            WebError::App(AppError::SecondFactorRequired) => {
                return Redirect::to("/login/code").into_response();
            }
            WebError::App(AppError::EnrolmentRequired) => {
                return Redirect::to("/account/two-factor").into_response();
            }
            WebError::App(AppError::ReauthenticationRequired) => {
                return Redirect::to("/account/confirm-password").into_response();
            }
            _ => {}
        }
        self.error.log();
        let message = match &self.error {
            WebError::App(AppError::Invalid(errors)) => errors
                .errors()
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        self.t.t(&format!("field-{}", e.field.replace('_', "-"))),
                        self.t.problem(&e.problem)
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            WebError::App(AppError::TooManyAttempts {
                retry_after_seconds,
            }) => self.t.t_with(
                "error-too-many-attempts",
                &[("seconds", (*retry_after_seconds).into())],
            ),
            other => self.t.t(&format!("error-{}", other.code())),
        };
        crate::html::render_error_page(&self.t, self.error.status(), &message)
    }
}
