//! Administrators' settings that govern everyone: what each role may do,
//! and how long records are kept.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lantern_app::AppError;
use lantern_domain::permission::{cell, Cell};
use lantern_domain::retention::{MAX_RETENTION_DAYS, MIN_RETENTION_DAYS};
use lantern_domain::vocab::{Permission, RetainedRecord, UserRole, Vocabulary};
use serde::Deserialize;

use crate::error::HtmlError;
use crate::extract::{SignedForm, Viewer};
use crate::html::account::reauthenticate_then;
use crate::html::{render, Chrome, FieldErrors};
use crate::state::AppState;

const PERMISSIONS_PAGE: &str = "/admin/permissions";
const RETENTION_PAGE: &str = "/admin/retention";

struct PermissionCell {
    value: String,
    granted: bool,
    fixed: bool,
}

struct PermissionRow {
    label: String,
    cells: Vec<PermissionCell>,
}

#[derive(Template)]
#[template(path = "admin/permissions.html")]
struct PermissionsPage {
    chrome: Chrome,
    roles: Vec<String>,
    rows: Vec<PermissionRow>,
    errors: FieldErrors,
}

async fn permissions_page(
    state: &AppState,
    viewer: &Viewer,
    errors: FieldErrors,
) -> Result<Response, HtmlError> {
    let table = state
        .app
        .permission_table(&viewer.actor)
        .await
        .map_err(viewer.fail())?;
    let t = &viewer.t;
    let rows = Permission::ALL
        .iter()
        .map(|permission| PermissionRow {
            label: t.label(*permission),
            cells: UserRole::ALL
                .iter()
                .map(|role| PermissionCell {
                    value: format!("{}:{}", role.code(), permission.code()),
                    granted: table.grants(*role, *permission),
                    fixed: cell(*role, *permission) != Cell::Configurable,
                })
                .collect(),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &PermissionsPage {
            chrome: Chrome::for_viewer(viewer),
            roles: UserRole::ALL.iter().map(|r| t.label(*r)).collect(),
            rows,
            errors,
        },
    ))
}

pub async fn permissions(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, HtmlError> {
    permissions_page(&state, &viewer, FieldErrors::none()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PermissionsForm {
    /// `role:permission` of every checked box.
    pub cell: Vec<String>,
}

pub async fn save_permissions(
    State(state): State<AppState>,
    SignedForm(viewer, form): SignedForm<PermissionsForm>,
) -> Result<Response, HtmlError> {
    let submitted = form.cell.iter().map(String::as_str);
    match state
        .app
        .set_permission_table(&viewer.actor, submitted)
        .await
    {
        Ok(_) => Ok(Redirect::to(PERMISSIONS_PAGE).into_response()),
        Err(AppError::ReauthenticationRequired) => Ok(reauthenticate_then(PERMISSIONS_PAGE)),
        Err(AppError::Invalid(errors)) => {
            permissions_page(&state, &viewer, FieldErrors::from(&viewer.t, &errors)).await
        }
        Err(other) => Err(viewer.fail()(other)),
    }
}

struct RetentionField {
    name: &'static str,
    label: String,
    days: String,
}

/// One line of the preview: what a pass would erase now, of one kind.
struct DueCount {
    code: &'static str,
    label: String,
    count: u64,
}

#[derive(Template)]
#[template(path = "admin/retention.html")]
struct RetentionPage {
    chrome: Chrome,
    fields: Vec<RetentionField>,
    due: Vec<DueCount>,
    min_days: u32,
    max_days: u32,
    errors: FieldErrors,
}

async fn retention_page(
    state: &AppState,
    viewer: &Viewer,
    typed: Option<&RetentionForm>,
    errors: FieldErrors,
) -> Result<Response, HtmlError> {
    let app = &state.app;
    let policy = app
        .retention_policy(&viewer.actor)
        .await
        .map_err(viewer.fail())?;
    let due = app
        .retention_preview(&viewer.actor)
        .await
        .map_err(viewer.fail())?;
    let fields = RetainedRecord::ALL
        .iter()
        .map(|record| {
            let stored = policy
                .days(*record)
                .map(|d| d.to_string())
                .unwrap_or_default();
            RetentionField {
                name: record.code(),
                label: viewer.t.label(*record),
                days: typed.map_or(stored, |form| form.get(*record).to_owned()),
            }
        })
        .collect();
    // The same counts as `lantern retention apply --dry-run`.
    let due = due
        .counts()
        .into_iter()
        .map(|(kind, count)| DueCount {
            code: kind.code(),
            label: viewer.t.t(&format!("retention-due-{}", kind.code())),
            count,
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &RetentionPage {
            chrome: Chrome::for_viewer(viewer),
            fields,
            due,
            min_days: MIN_RETENTION_DAYS,
            max_days: MAX_RETENTION_DAYS,
            errors,
        },
    ))
}

pub async fn retention(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, HtmlError> {
    retention_page(&state, &viewer, None, FieldErrors::none()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RetentionForm {
    pub person_identity: String,
    pub attachment: String,
}

impl RetentionForm {
    /// The days typed for one kind of record.
    pub fn get(&self, record: RetainedRecord) -> &str {
        match record {
            RetainedRecord::PersonIdentity => &self.person_identity,
            RetainedRecord::Attachment => &self.attachment,
        }
    }
}

pub async fn save_retention(
    State(state): State<AppState>,
    SignedForm(viewer, form): SignedForm<RetentionForm>,
) -> Result<Response, HtmlError> {
    let fields = RetainedRecord::ALL
        .iter()
        .map(|record| (record.code(), form.get(*record)));
    match state.app.set_retention_policy(&viewer.actor, fields).await {
        Ok(_) => Ok(Redirect::to(RETENTION_PAGE).into_response()),
        Err(AppError::ReauthenticationRequired) => Ok(reauthenticate_then(RETENTION_PAGE)),
        Err(AppError::Invalid(errors)) => {
            let errors = FieldErrors::from(&viewer.t, &errors);
            retention_page(&state, &viewer, Some(&form), errors).await
        }
        Err(other) => Err(viewer.fail()(other)),
    }
}
