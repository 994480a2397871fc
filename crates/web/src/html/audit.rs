//! The audit page for administrators.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{NaiveDate, NaiveTime};
use lantern_storage::AuditFilter;
use serde::Deserialize;

use crate::error::{HtmlError, WebError};
use crate::extract::Viewer;
use crate::html::{render, Chrome};
use crate::state::AppState;

#[derive(Deserialize, Default)]
#[serde(default)]
struct AuditQuery {
    user: String,
    record: String,
    action: String,
    from: String,
    to: String,
}

struct AuditRow {
    seq: i64,
    at: String,
    user: String,
    action: String,
    record: String,
    fields: String,
    reason: String,
    client: String,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage {
    chrome: Chrome,
    query: AuditQuery,
    errors: Vec<String>,
    rows: Vec<AuditRow>,
    /// Suggested for the action filter (a prefix matches too).
    actions: Vec<&'static str>,
}

fn day(raw: &str, end: bool) -> Result<Option<chrono::DateTime<chrono::Utc>>, ()> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| ())?;
    let time = if end {
        NaiveTime::from_hms_opt(23, 59, 59)
    } else {
        NaiveTime::from_hms_opt(0, 0, 0)
    };
    Ok(time.map(|t| date.and_time(t).and_utc()))
}

pub async fn audit_page(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(raw): RawQuery,
) -> Result<Response, HtmlError> {
    let t = &viewer.t;
    let query: AuditQuery =
        serde_html_form::from_str(raw.as_deref().unwrap_or("")).map_err(|_| {
            viewer.fail()(WebError::BadRequest(
                "the audit search could not be read".into(),
            ))
        })?;
    let users = state
        .app
        .list_users(&viewer.actor)
        .await
        .map_err(viewer.fail())?;
    let mut errors = Vec::new();
    let mut filter = AuditFilter::default();
    if !query.user.trim().is_empty() {
        match users
            .iter()
            .find(|u| u.username == query.user.trim().to_ascii_lowercase())
        {
            Some(user) => filter.actor = Some(user.id),
            None => errors.push(format!(
                "{}: {}",
                t.t("field-username"),
                t.t("problem-unknown-value")
            )),
        }
    }
    if !query.record.trim().is_empty() {
        match query.record.trim().parse::<uuid::Uuid>() {
            Ok(record) => filter.record_id = Some(record),
            Err(_) => errors.push(format!(
                "{}: {}",
                t.t("field-record"),
                t.t("problem-invalid-format")
            )),
        }
    }
    if !query.action.trim().is_empty() {
        filter.action_prefix = Some(query.action.trim().to_owned());
    }
    match (day(&query.from, false), day(&query.to, true)) {
        (Ok(from), Ok(to)) => {
            filter.from = from;
            filter.to = to;
        }
        _ => errors.push(format!(
            "{}: {}",
            t.t("field-from-date"),
            t.t("problem-invalid-date")
        )),
    }
    let entries = if errors.is_empty() {
        state
            .app
            .search_audit(&viewer.actor, &filter)
            .await
            .map_err(viewer.fail())?
    } else {
        // Still refuse non-administrators before showing anything.
        state
            .app
            .search_audit(&viewer.actor, &AuditFilter::default())
            .await
            .map_err(viewer.fail())?;
        Vec::new()
    };
    let rows = entries
        .into_iter()
        .map(|e| AuditRow {
            seq: e.seq,
            at: e.event.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            user: e
                .event
                .actor
                .and_then(|a| users.iter().find(|u| u.id == a))
                .map(|u| u.username.clone())
                .unwrap_or_default(),
            action: e.event.action,
            record: e.event.record_id.map(|r| r.to_string()).unwrap_or_default(),
            fields: e.event.fields.join(", "),
            reason: e.event.reason.unwrap_or_default(),
            client: e.event.client.unwrap_or_default(),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &AuditPage {
            chrome: Chrome::for_viewer(&viewer),
            query,
            errors,
            rows,
            actions: std::iter::once("account.")
                .chain(lantern_app::audit::actions::ALL.iter().copied())
                .collect(),
        },
    ))
}
