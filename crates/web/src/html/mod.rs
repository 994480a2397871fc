//! The server-rendered UI. Handlers translate a request into one call of the
//! application layer and its result into a template; they decide nothing.

pub mod access;
pub mod account;
pub mod admin;
pub mod audit;
pub mod auth;
pub mod cases;
pub mod consent;
pub mod duplicates;
pub mod files;
pub mod governance;
pub mod network;
pub mod people;

use std::collections::HashMap;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use lantern_domain::vocab::Vocabulary;
use lantern_domain::ValidationErrors;

use crate::extract::{PartialViewer, Viewer};
use crate::i18n::Translator;

/// The parts of every page around its content.
pub struct Chrome {
    pub t: Translator,
    pub user_name: Option<String>,
    pub role_label: String,
    pub csrf: String,
    pub can_edit: bool,
    pub languages: Vec<Choice>,
    /// Signed in through every step: the whole navigation is shown.
    pub full: bool,
    pub is_admin: bool,
    /// May open the review queue of probable duplicates.
    pub reviews_duplicates: bool,
}

impl Chrome {
    pub fn for_viewer(viewer: &Viewer) -> Self {
        let t = viewer.t.clone();
        Self {
            user_name: Some(viewer.actor.user.display_name.clone()),
            role_label: t.label(viewer.actor.role()),
            csrf: viewer.csrf.clone(),
            can_edit: lantern_app::policy::allows(
                &viewer.actor,
                lantern_app::policy::Action::EditCases,
            ),
            languages: language_choices(&t),
            full: true,
            is_admin: lantern_app::policy::allows(
                &viewer.actor,
                lantern_app::policy::Action::ManageUsers,
            ),
            reviews_duplicates: lantern_app::policy::may_review_duplicates(&viewer.actor),
            t,
        }
    }

    /// For a session still in the middle of signing in: the name and
    /// sign-out only.
    pub fn partial(viewer: &PartialViewer) -> Self {
        let t = viewer.t.clone();
        Self {
            user_name: Some(viewer.actor.user.display_name.clone()),
            role_label: t.label(viewer.actor.role()),
            csrf: viewer.session.csrf_token.clone(),
            can_edit: false,
            languages: language_choices(&t),
            full: false,
            is_admin: false,
            reviews_duplicates: false,
            t,
        }
    }

    pub fn anonymous(t: &Translator) -> Self {
        Self {
            user_name: None,
            role_label: String::new(),
            csrf: String::new(),
            can_edit: false,
            languages: language_choices(t),
            full: false,
            is_admin: false,
            reviews_duplicates: false,
            t: t.clone(),
        }
    }
}

fn language_choices(t: &Translator) -> Vec<Choice> {
    lantern_domain::user::SUPPORTED_LANGUAGES
        .iter()
        .map(|code| Choice {
            value: (*code).to_owned(),
            label: t.t(&format!("language-{code}")),
            selected: *code == t.lang(),
        })
        .collect()
}

/// One option of a select or checkbox group.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// Options for every value of a vocabulary, labelled in the reader's language.
pub fn vocabulary_choices<V: Vocabulary + PartialEq>(
    t: &Translator,
    selected: &[String],
) -> Vec<Choice> {
    V::ALL
        .iter()
        .map(|v| Choice {
            value: v.code().to_owned(),
            label: t.label(*v),
            selected: selected.iter().any(|s| s == v.code()),
        })
        .collect()
}

/// Validation problems keyed by field, as sentences in the reader's language.
pub struct FieldErrors(HashMap<String, String>);

impl FieldErrors {
    pub fn none() -> Self {
        Self(HashMap::new())
    }

    pub fn from(t: &Translator, errors: &ValidationErrors) -> Self {
        let mut map = HashMap::new();
        for e in errors.errors() {
            map.entry(e.field.clone())
                .or_insert_with(|| t.problem(&e.problem));
        }
        Self(map)
    }

    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.get(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Renders a page; a template failure is a server error without details.
pub fn render<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!(error = %error, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: Chrome,
    message: &'a str,
}

pub fn render_error_page(t: &Translator, status: StatusCode, message: &str) -> Response {
    render(
        status,
        &ErrorPage {
            chrome: Chrome::anonymous(t),
            message,
        },
    )
}

/// Formats a byte count for people.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        0..=1023 => format!("{bytes} B"),
        1024..=1_048_575 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}
