//! The JSON API under `/api/v1`, authenticated by bearer tokens. Its OpenAPI
//! document is generated from these handlers and wire types.

pub mod network;
pub mod wire;

use axum::extract::{Multipart, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use lantern_domain::case::CaseFilterInput;
use lantern_domain::page::PageRequest;
use lantern_domain::{AttachmentId, CaseId, PersonId};
use serde::Deserialize;
use utoipa::OpenApi;

use lantern_app::duplicates::DuplicateCheck;

use crate::error::{ApiError, ApiErrorBody, WebError};
use crate::extract::{ApiCaller, ApiJson};
use crate::state::AppState;
use wire::*;

type ApiResult<T> = Result<T, ApiError>;

fn parse_id<T>(raw: &str) -> Result<lantern_domain::Id<T>, ApiError> {
    raw.parse()
        .map_err(|_| ApiError(WebError::App(lantern_app::AppError::NotFound("record"))))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Lantern API", version = "1", description = "Case management for organisations fighting human trafficking. Authenticate with `Authorization: Bearer <token>`; tokens are issued with `lantern user token`."),
    paths(me, offices, list_cases, create_case, get_case, update_case, add_person, add_participant, get_person, update_person, list_consents, record_consent, add_event, upload_attachment, download_attachment, network::list_entities, network::add_entity, network::update_entity, network::remove_entity, list_duplicates, merge_duplicate, unmerge_duplicate, dismiss_duplicate),
    components(schemas(ApiErrorBody)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        openapi.security = Some(vec![SecurityRequirement::new(
            "bearer",
            Vec::<String>::new(),
        )]);
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/me", get(me))
        .route("/offices", get(offices))
        .route("/cases", get(list_cases).post(create_case))
        .route("/cases/{id}", get(get_case).put(update_case))
        .route("/cases/{id}/people", post(add_person))
        .route("/cases/{id}/participants", post(add_participant))
        .route("/cases/{id}/events", post(add_event))
        .route(
            "/cases/{id}/entities",
            get(network::list_entities).post(network::add_entity),
        )
        .route(
            "/cases/{id}/entities/{entity}",
            put(network::update_entity).delete(network::remove_entity),
        )
        .route("/cases/{id}/attachments", post(upload_attachment))
        .route("/people/{id}", get(get_person).put(update_person))
        .route(
            "/people/{id}/consents",
            get(list_consents).post(record_consent),
        )
        .route("/attachments/{id}", get(download_attachment))
        .route("/duplicates", get(list_duplicates))
        .route("/duplicates/{id}/merge", post(merge_duplicate))
        .route("/duplicates/{id}/unmerge", post(unmerge_duplicate))
        .route("/duplicates/{id}/dismiss", post(dismiss_duplicate))
        .fallback(not_found)
}

async fn not_found() -> ApiError {
    ApiError(WebError::App(lantern_app::AppError::NotFound("route")))
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// The caller's own account.
#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = UserOut), (status = 401, body = ApiErrorBody)))]
async fn me(ApiCaller(actor): ApiCaller) -> Json<UserOut> {
    Json((&actor.user).into())
}

/// Every office of the organisation.
#[utoipa::path(get, path = "/api/v1/offices", responses((status = 200, body = [OfficeOut])))]
async fn offices(
    State(state): State<AppState>,
    ApiCaller(_actor): ApiCaller,
) -> ApiResult<Json<Vec<OfficeOut>>> {
    Ok(Json(
        state
            .app
            .list_offices()
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// The query string of `GET /api/v1/cases`.
#[derive(Deserialize, Default)]
pub struct CaseListQuery {
    #[serde(flatten)]
    pub filter: CaseFilterInput,
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(default)]
    pub per_page: Option<u32>,
}

impl CaseListQuery {
    pub fn parse(raw: Option<&str>) -> Result<Self, WebError> {
        serde_html_form::from_str(raw.unwrap_or(""))
            .map_err(|_| WebError::BadRequest("the query string could not be read".into()))
    }

    pub fn page_request(&self) -> PageRequest {
        PageRequest::new(self.page, self.per_page)
    }
}

/// Cases, newest intake first, filtered and paginated.
#[utoipa::path(
    get,
    path = "/api/v1/cases",
    params(
        ("q" = Option<String>, Query, description = "Prefix of a case reference or of a pseudonym"),
        ("status" = Option<String>, Query, description = "HTCDS cas_Status"),
        ("office" = Option<String>, Query, description = "Office id"),
        ("exploitation_type" = Option<String>, Query, description = "HTCDS vic_TypeOfExploitation"),
        ("from" = Option<String>, Query, description = "Earliest intake date, YYYY-MM-DD"),
        ("to" = Option<String>, Query, description = "Latest intake date, YYYY-MM-DD"),
        ("page" = Option<u32>, Query, description = "Page number, from 1"),
        ("per_page" = Option<u32>, Query, description = "Items per page, at most 100"),
    ),
    responses((status = 200, body = CasePageOut), (status = 400, body = ApiErrorBody), (status = 422, body = ApiErrorBody))
)]
async fn list_cases(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<CasePageOut>> {
    let query = CaseListQuery::parse(raw.as_deref()).map_err(ApiError)?;
    let page = state
        .app
        .list_cases(&actor, &query.filter, query.page_request())
        .await?;
    Ok(Json(page.into()))
}

/// Opens a case; its reference is assigned from the office and intake year.
#[utoipa::path(post, path = "/api/v1/cases", request_body = CaseIn, responses((status = 201, body = CaseOut), (status = 422, body = ApiErrorBody)))]
async fn create_case(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(input): ApiJson<CaseIn>,
) -> ApiResult<Response> {
    let case = state.app.create_case(&actor, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(CaseOut::from(&case))).into_response())
}

/// A case with its people, timeline and attachments.
#[utoipa::path(get, path = "/api/v1/cases/{id}", params(("id" = String, Path)), responses((status = 200, body = CaseFileOut), (status = 404, body = ApiErrorBody)))]
async fn get_case(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<CaseFileOut>> {
    let id: CaseId = parse_id(&id)?;
    let view = state.app.case_view(&actor, id).await?;
    Ok(Json((&view).into()))
}

/// Replaces a case's editable fields.
#[utoipa::path(put, path = "/api/v1/cases/{id}", params(("id" = String, Path)), request_body = CaseIn, responses((status = 200, body = CaseOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_case(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<CaseIn>,
) -> ApiResult<Json<CaseOut>> {
    let id: CaseId = parse_id(&id)?;
    let case = state.app.update_case(&actor, id, &input.into()).await?;
    Ok(Json((&case).into()))
}

/// Records a new person and their role in the case. When people the
/// caller sees in full may be the same person, answers 409
/// `possible-duplicates` with them and saves nothing; send again with
/// `person.acknowledge_duplicates` to confirm a new person, or add the
/// existing one with `POST /api/v1/cases/{id}/participants`.
#[utoipa::path(post, path = "/api/v1/cases/{id}/people", params(("id" = String, Path)), request_body = NewParticipantIn, responses((status = 201, body = CreatedOut), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_person(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NewParticipantIn>,
) -> ApiResult<Response> {
    let case: CaseId = parse_id(&id)?;
    let check = DuplicateCheck::acknowledged(input.person.acknowledge_duplicates);
    let person = state
        .app
        .add_person_to_case(&actor, case, &input.role, &input.person.into(), check)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedOut {
            id: person.as_uuid(),
        }),
    )
        .into_response())
}

/// A person; identifying facts only for those allowed to see them.
#[utoipa::path(get, path = "/api/v1/people/{id}", params(("id" = String, Path)), responses((status = 200, body = PersonOut), (status = 404, body = ApiErrorBody)))]
async fn get_person(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<PersonOut>> {
    let id: PersonId = parse_id(&id)?;
    let page = state.app.person_page(&actor, id).await?;
    Ok(Json((&page.person).into()))
}

/// Replaces a person's details; 409 `possible-duplicates` as when adding.
#[utoipa::path(put, path = "/api/v1/people/{id}", params(("id" = String, Path)), request_body = PersonIn, responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_person(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<PersonIn>,
) -> ApiResult<StatusCode> {
    let id: PersonId = parse_id(&id)?;
    let check = DuplicateCheck::acknowledged(input.acknowledge_duplicates);
    state
        .app
        .update_person(&actor, id, &input.into(), check)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds an existing person to the case in a role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/participants", params(("id" = String, Path)), request_body = ParticipantIn, responses((status = 204), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_participant(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ParticipantIn>,
) -> ApiResult<StatusCode> {
    let case: CaseId = parse_id(&id)?;
    state
        .app
        .link_person(&actor, case, PersonId::from_uuid(input.person), &input.role)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The query string of `GET /api/v1/duplicates`.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct PairQuery {
    /// `pending` (the default), `merged` or `dismissed`.
    pub status: Option<String>,
}

/// Probable same-person pairs the caller may see: those involving a
/// suspect first, then the most probable.
#[utoipa::path(get, path = "/api/v1/duplicates", params(("status" = Option<String>, Query)), responses((status = 200, body = [PairOut]), (status = 403, body = ApiErrorBody)))]
async fn list_duplicates(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Vec<PairOut>>> {
    let query: PairQuery = serde_html_form::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|_| WebError::BadRequest("the query string could not be read".into()))?;
    let status = crate::html::duplicates::pair_status(query.status.as_deref())?;
    let pairs = state.app.duplicate_pairs(&actor, status).await?;
    Ok(Json(pairs.iter().map(Into::into).collect()))
}

/// Merges a pending pair into the given survivor.
#[utoipa::path(post, path = "/api/v1/duplicates/{id}/merge", params(("id" = String, Path)), request_body = MergeIn, responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn merge_duplicate(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<MergeIn>,
) -> ApiResult<StatusCode> {
    let id = parse_id(&id)?;
    state
        .app
        .merge_pair(&actor, id, PersonId::from_uuid(input.survivor))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reverses the merge of a pair exactly.
#[utoipa::path(post, path = "/api/v1/duplicates/{id}/unmerge", params(("id" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn unmerge_duplicate(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = parse_id(&id)?;
    state.app.unmerge_pair(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records that a pending pair is not the same person.
#[utoipa::path(post, path = "/api/v1/duplicates/{id}/dismiss", params(("id" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn dismiss_duplicate(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = parse_id(&id)?;
    state.app.dismiss_pair(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The person's consent decisions, newest first. The latest decision for a
/// purpose is the one in force; none means no consent.
#[utoipa::path(get, path = "/api/v1/people/{id}/consents", params(("id" = String, Path)), responses((status = 200, body = Vec<ConsentOut>), (status = 404, body = ApiErrorBody)))]
async fn list_consents(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<ConsentOut>>> {
    let id: PersonId = parse_id(&id)?;
    let history = state.app.person_consents(&actor, id).await?;
    Ok(Json(history.iter().map(ConsentOut::from).collect()))
}

/// Records a consent decision (decisions are never edited: a later one
/// supersedes an earlier one).
#[utoipa::path(post, path = "/api/v1/people/{id}/consents", params(("id" = String, Path)), request_body = ConsentIn, responses((status = 201, body = ConsentOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn record_consent(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ConsentIn>,
) -> ApiResult<Response> {
    let id: PersonId = parse_id(&id)?;
    let record = state.app.record_consent(&actor, id, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(ConsentOut::from(&record))).into_response())
}

/// Adds a dated entry to the case timeline.
#[utoipa::path(post, path = "/api/v1/cases/{id}/events", params(("id" = String, Path)), request_body = EventIn, responses((status = 201, body = EventOut), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_event(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<EventIn>,
) -> ApiResult<Response> {
    let case: CaseId = parse_id(&id)?;
    let event = state.app.add_event(&actor, case, &input.into()).await?;
    Ok((StatusCode::CREATED, Json(EventOut::from(&event))).into_response())
}

/// Attaches a file (PDF, PNG, JPEG or UTF-8 text, at most 10 MiB) sent as
/// the multipart field `file`.
#[utoipa::path(post, path = "/api/v1/cases/{id}/attachments", params(("id" = String, Path)), request_body(content_type = "multipart/form-data", description = "field `file`"), responses((status = 201, body = AttachmentOut), (status = 404, body = ApiErrorBody), (status = 413, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn upload_attachment(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> ApiResult<Response> {
    let case: CaseId = parse_id(&id)?;
    let mut multipart = multipart.map_err(|_| ApiError(WebError::UnsupportedMediaType))?;
    let unreadable = || ApiError(WebError::BadRequest("the upload could not be read".into()));
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(|_| unreadable())? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("").to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| ApiError(WebError::PayloadTooLarge))?;
            file = Some((name, bytes));
        }
    }
    let (name, bytes) = file.unwrap_or_default();
    let attachment = state
        .app
        .upload_attachment(&actor, case, &name, &bytes)
        .await?;
    Ok((StatusCode::CREATED, Json(AttachmentOut::from(&attachment))).into_response())
}

/// The content of an attachment, as a download.
#[utoipa::path(get, path = "/api/v1/attachments/{id}", params(("id" = String, Path)), responses((status = 200, description = "the file"), (status = 404, body = ApiErrorBody)))]
async fn download_attachment(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id: AttachmentId = parse_id(&id)?;
    let (attachment, content) = state.app.download_attachment(&actor, id).await?;
    Ok(crate::html::files::attachment_response(
        &attachment,
        content,
    ))
}
