//! The API of a case's establishments and vehicles.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use lantern_domain::entity::{CaseEntity, EntityId, EntityInput};
use lantern_domain::vocab::Vocabulary;
use lantern_domain::CaseId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{parse_id, ApiResult};
use crate::error::ApiErrorBody;
use crate::extract::{ApiCaller, ApiJson};
use crate::state::AppState;

/// An establishment or vehicle. `name`, `place` and `description` are
/// present only for those who see the case in full.
#[derive(Serialize, ToSchema)]
pub struct EntityOut {
    pub id: Uuid,
    /// `establishment` or `vehicle`.
    pub kind: String,
    /// For establishments: `brothel`, `massage_parlour`, `hotel`, `bar`,
    /// `placement_agency`, `online` or `other`.
    pub establishment_kind: Option<String>,
    /// The establishment's name or the vehicle's registration plate.
    pub name: Option<String>,
    pub place: Option<String>,
    pub description: Option<String>,
}

impl From<&CaseEntity> for EntityOut {
    fn from(e: &CaseEntity) -> Self {
        let identity = e.identity.as_ref().map(|i| i.expose());
        Self {
            id: e.id.as_uuid(),
            kind: e.kind.code().to_owned(),
            establishment_kind: e.establishment_kind.map(|k| k.code().to_owned()),
            name: identity.map(|i| i.name.clone()),
            place: identity.and_then(|i| i.place.clone()),
            description: identity.and_then(|i| i.description.clone()),
        }
    }
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct EntityIn {
    /// `establishment` or `vehicle`.
    pub kind: String,
    /// Required for establishments; empty for vehicles.
    pub establishment_kind: String,
    /// The establishment's name or the vehicle's registration plate.
    pub name: String,
    pub place: String,
    pub description: String,
}

impl From<EntityIn> for EntityInput {
    fn from(e: EntityIn) -> Self {
        EntityInput {
            kind: e.kind,
            establishment_kind: e.establishment_kind,
            name: e.name,
            place: e.place,
            description: e.description,
        }
    }
}

/// The case's establishments and vehicles (reading them in full is
/// audited).
#[utoipa::path(get, path = "/api/v1/cases/{id}/entities", params(("id" = String, Path)), responses((status = 200, body = [EntityOut]), (status = 404, body = ApiErrorBody)))]
pub async fn list_entities(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<EntityOut>>> {
    let case: CaseId = parse_id(&id)?;
    let listed = state.app.case_entities(&actor, case).await?;
    Ok(Json(listed.entities.iter().map(EntityOut::from).collect()))
}

/// Records an establishment or vehicle in the case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/entities", params(("id" = String, Path)), request_body = EntityIn, responses((status = 201, body = super::wire::CreatedOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn add_entity(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<EntityIn>,
) -> ApiResult<Response> {
    let case: CaseId = parse_id(&id)?;
    let id = state
        .app
        .add_case_entity(&actor, case, &input.into())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(super::wire::CreatedOut { id: id.as_uuid() }),
    )
        .into_response())
}

fn entity_ids(case: &str, entity: &str) -> ApiResult<(CaseId, EntityId)> {
    Ok((parse_id(case)?, parse_id(entity)?))
}

/// Replaces what identifies an establishment or vehicle (its kind cannot
/// change). Needs full sight of the case, like adding one.
#[utoipa::path(put, path = "/api/v1/cases/{id}/entities/{entity}", params(("id" = String, Path), ("entity" = String, Path)), request_body = EntityIn, responses((status = 204, description = "Done"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn update_entity(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path((case, entity)): Path<(String, String)>,
    ApiJson(input): ApiJson<EntityIn>,
) -> ApiResult<StatusCode> {
    let (case, entity) = entity_ids(&case, &entity)?;
    state
        .app
        .update_case_entity(&actor, case, entity, &input.into())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes an establishment or vehicle from the case, with its digests.
#[utoipa::path(delete, path = "/api/v1/cases/{id}/entities/{entity}", params(("id" = String, Path), ("entity" = String, Path)), responses((status = 204, description = "Done"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn remove_entity(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path((case, entity)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let (case, entity) = entity_ids(&case, &entity)?;
    state.app.remove_case_entity(&actor, case, entity).await?;
    Ok(StatusCode::NO_CONTENT)
}
