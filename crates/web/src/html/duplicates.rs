//! The review queue of probable same-person pairs: merge, unmerge, dismiss.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lantern_app::duplicates::PairView;
use lantern_domain::PersonId;
use lantern_storage::{DuplicatePairId, PairStatus};
use serde::Deserialize;

use crate::error::{HtmlError, WebError};
use crate::extract::{SignedForm, Viewer};
use crate::html::cases::parse_id;
use crate::html::people::{percent, reason_words};
use crate::html::{render, Chrome};
use crate::state::AppState;

/// The status a list asks for; pending when none is given.
pub fn pair_status(raw: Option<&str>) -> Result<PairStatus, WebError> {
    match raw {
        None | Some("") => Ok(PairStatus::Pending),
        Some(code) => PairStatus::from_code(code)
            .ok_or_else(|| WebError::BadRequest("status: not a known value".into())),
    }
}

struct SideRow {
    id: String,
    pseudonym: String,
    legal_name: String,
}

struct PairRow {
    id: String,
    a: SideRow,
    b: SideRow,
    percent: String,
    reasons: String,
    involves_suspect: bool,
    decidable: bool,
}

#[derive(Template)]
#[template(path = "duplicates.html")]
struct QueuePage {
    chrome: Chrome,
    status: &'static str,
    pairs: Vec<PairRow>,
}

fn side(p: &lantern_app::duplicates::PairPerson) -> SideRow {
    SideRow {
        id: p.id.to_string(),
        pseudonym: p.pseudonym.clone(),
        legal_name: p
            .legal_name
            .as_ref()
            .map(|n| n.expose().clone())
            .unwrap_or_default(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct QueueQuery {
    status: Option<String>,
}

pub async fn queue(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(raw): RawQuery,
) -> Result<Response, HtmlError> {
    let query: QueueQuery = serde_html_form::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|_| WebError::BadRequest("the query string could not be read".into()))
        .map_err(viewer.fail())?;
    let status = pair_status(query.status.as_deref()).map_err(viewer.fail())?;
    let pairs = state
        .app
        .duplicate_pairs(&viewer.actor, status)
        .await
        .map_err(viewer.fail())?;
    let t = &viewer.t;
    let rows = pairs
        .iter()
        .map(|v: &PairView| PairRow {
            id: v.pair.id.to_string(),
            a: side(&v.a),
            b: side(&v.b),
            percent: percent(v.pair.probability),
            reasons: reason_words(t, &v.reasons),
            involves_suspect: v.pair.involves_suspect,
            decidable: v.decidable,
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &QueuePage {
            chrome: Chrome::for_viewer(&viewer),
            status: status.code(),
            pairs: rows,
        },
    ))
}

#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    survivor: String,
}

#[derive(Deserialize)]
pub struct EmptyForm {}

fn pair_id(viewer: &Viewer, raw: &str) -> Result<DuplicatePairId, HtmlError> {
    parse_id(raw).map_err(viewer.fail())
}

pub async fn merge(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, form): SignedForm<MergeForm>,
) -> Result<Response, HtmlError> {
    let id = pair_id(&viewer, &id)?;
    let survivor: PersonId = parse_id(&form.survivor).map_err(viewer.fail())?;
    state
        .app
        .merge_pair(&viewer.actor, id, survivor)
        .await
        .map_err(viewer.fail())?;
    Ok(Redirect::to("/duplicates?status=merged").into_response())
}

pub async fn unmerge(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, _form): SignedForm<EmptyForm>,
) -> Result<Response, HtmlError> {
    let id = pair_id(&viewer, &id)?;
    let done = state.app.unmerge_pair(&viewer.actor, id).await;
    back_to_queue(&viewer, done)
}

pub async fn dismiss(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, _form): SignedForm<EmptyForm>,
) -> Result<Response, HtmlError> {
    let id = pair_id(&viewer, &id)?;
    let done = state.app.dismiss_pair(&viewer.actor, id).await;
    back_to_queue(&viewer, done)
}

/// After a decision, back to the pending pairs.
fn back_to_queue(
    viewer: &Viewer,
    done: Result<(), lantern_app::AppError>,
) -> Result<Response, HtmlError> {
    done.map_err(viewer.fail())?;
    Ok(Redirect::to("/duplicates").into_response())
}
