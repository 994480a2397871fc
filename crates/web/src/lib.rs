//! Lantern's web layer. This crate alone knows HTTP: routes, cookies,
//! headers, HTML and JSON. Handlers translate requests into calls of the
//! application layer (`lantern-app`) and never touch storage themselves.

pub mod api;
pub mod error;
pub mod extract;
pub mod headers;
pub mod html;
pub mod i18n;
pub mod limits;
pub mod state;
pub mod tls;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;

pub use state::{AppState, WebSettings};

/// Uploads may be this large in total (the file limit plus form overhead).
const MAX_UPLOAD_BODY: usize = lantern_domain::attachment::MAX_ATTACHMENT_BYTES + 64 * 1024;

const STYLESHEET: &str = include_str!("../static/app.css");

pub fn router(state: AppState) -> Router {
    let html = Router::new()
        .route("/", get(|| async { Redirect::to("/cases") }))
        .route(
            "/login",
            get(html::auth::login_form).post(html::auth::login),
        )
        .route("/logout", post(html::auth::logout))
        .route(
            "/login/code",
            get(html::account::code_form).post(html::account::code_submit),
        )
        .route("/account", get(html::account::account_page))
        .route(
            "/account/two-factor",
            get(html::account::enrol_page).post(html::account::enrol_confirm),
        )
        .route(
            "/account/password",
            get(html::account::password_form).post(html::account::password_submit),
        )
        .route(
            "/account/confirm-password",
            get(html::account::confirm_password_form).post(html::account::confirm_password_submit),
        )
        .route(
            "/account/tokens",
            get(html::account::tokens_page).post(html::account::tokens_create),
        )
        .route(
            "/account/tokens/{id}/revoke",
            post(html::account::token_revoke),
        )
        .route("/admin/users", get(html::admin::users))
        .route("/admin/users/{id}", get(html::admin::user))
        .route("/admin/users/{id}/role", post(html::admin::set_role))
        .route(
            "/admin/users/{id}/sessions/end",
            post(html::admin::end_session),
        )
        .route(
            "/admin/users/{id}/sessions/end-all",
            post(html::admin::end_all_sessions),
        )
        .route("/settings/language", post(html::auth::set_language))
        .route("/cases", get(html::cases::list).post(html::cases::create))
        .route("/cases/new", get(html::cases::new_form))
        .route(
            "/cases/{id}",
            get(html::cases::show).post(html::cases::update),
        )
        .route("/cases/{id}/edit", get(html::cases::edit_form))
        .route(
            "/cases/{id}/break-glass",
            get(html::access::break_glass_form).post(html::access::break_glass),
        )
        .route("/admin/break-glass", get(html::access::grant_log))
        .route("/admin/audit", get(html::audit::audit_page))
        .route(
            "/admin/permissions",
            get(html::governance::permissions).post(html::governance::save_permissions),
        )
        .route(
            "/admin/retention",
            get(html::governance::retention).post(html::governance::save_retention),
        )
        .route("/cases/{id}/events/new", get(html::cases::new_event_form))
        .route("/cases/{id}/events", post(html::cases::create_event))
        .route(
            "/cases/{id}/entities/new",
            get(html::network::new_entity_form),
        )
        .route("/cases/{id}/entities", post(html::network::create_entity))
        .route(
            "/cases/{id}/entities/{entity}/edit",
            get(html::network::edit_entity_form),
        )
        .route(
            "/cases/{id}/entities/{entity}",
            post(html::network::update_entity),
        )
        .route(
            "/cases/{id}/entities/{entity}/delete",
            post(html::network::remove_entity),
        )
        .route(
            "/people/{id}/network.graphml",
            get(html::network::download_graphml),
        )
        .route("/cases/{id}/people/new", get(html::people::new_form))
        .route("/cases/{id}/people", post(html::people::create))
        .route("/cases/{id}/participants", post(html::people::link))
        .route(
            "/cases/{id}/attachments",
            post(html::files::upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route(
            "/people/{id}",
            get(html::people::show).post(html::people::update),
        )
        .route("/people/{id}/edit", get(html::people::edit_form))
        .route("/people/{id}/erase", post(html::people::erase))
        .route("/people/{id}/consents/new", get(html::consent::new_form))
        .route("/people/{id}/consents", post(html::consent::create))
        .route("/attachments/{id}", get(html::files::download))
        .route("/duplicates", get(html::duplicates::queue))
        .route("/duplicates/{id}/merge", post(html::duplicates::merge))
        .route("/duplicates/{id}/unmerge", post(html::duplicates::unmerge))
        .route("/duplicates/{id}/dismiss", post(html::duplicates::dismiss))
        .route("/static/app.css", get(stylesheet))
        .route("/healthz", get(healthz));
    let api = api::router().layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY));
    Router::new()
        .merge(html)
        .nest("/api/v1", api)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(extract::MAX_FORM_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            headers::security_headers,
        ))
        .layer(axum::middleware::from_fn(audit_client))
        .with_state(state)
}

/// Runs the request with its client's address known to the application,
/// so every audit entry it appends records it. The address is the TCP
/// peer's: no `X-Forwarded-For` is trusted (behind a proxy the entries
/// record the proxy).
async fn audit_client(request: Request, next: Next) -> Response {
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| peer.ip().to_canonical().to_string());
    match client {
        Some(client) => lantern_app::client::with_client(client, next.run(request)).await,
        None => next.run(request).await,
    }
}

async fn not_found(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    let t = extract::anonymous_translator(&state, &headers);
    html::render_error_page(&t, StatusCode::NOT_FOUND, &t.t("error-not-found"))
}

async fn stylesheet() -> Response {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=86400"),
        ],
        STYLESHEET,
    )
        .into_response()
}

/// Ready when the database answers.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.app.storage().ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response(),
    }
}

/// Serves until `shutdown` resolves, then finishes in-flight requests.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
