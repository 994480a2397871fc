//! The `lantern` binary's library half: opening the configured database,
//! assembling the application, and serving it. The integration tests start
//! the real server through these same functions.

pub mod backup;
/// Configuration lives in its own crate (so it can be fuzzed alone); it is
/// re-exported here under its old path.
pub use lantern_config as config;

use std::sync::Arc;

use anyhow::{Context, Result};
use lantern_app::keys::Keys;
use lantern_app::{App, AppSettings, SystemClock};
use lantern_storage::Storage;
use lantern_store_postgres::PgStorage;
use lantern_store_sqlite::SqliteStorage;
use lantern_vault::KeyRing;
use lantern_web::{AppState, WebSettings};
use tokio::net::TcpListener;

pub use config::Config;
/// The storage interface, re-exported for tools built on this crate.
pub use lantern_storage::Storage as StorageHandle;

/// Opens the configured database and brings its schema up to date.
pub async fn open_storage(config: &Config) -> Result<Arc<dyn Storage>> {
    match &config.database_url {
        Some(url) => {
            let store = PgStorage::connect(url)
                .await
                .context("connecting to PostgreSQL")?;
            store
                .migrate()
                .await
                .context("migrating the PostgreSQL database")?;
            Ok(Arc::new(store))
        }
        None => {
            std::fs::create_dir_all(&config.data_dir).with_context(|| {
                format!("creating data directory {}", config.data_dir.display())
            })?;
            restrict_permissions(&config.data_dir)?;
            let store = SqliteStorage::open(&config.sqlite_path())
                .await
                .context("opening the SQLite database")?;
            store
                .migrate()
                .await
                .context("migrating the SQLite database")?;
            Ok(Arc::new(store))
        }
    }
}

/// The data directory holds personal data: only its owner may enter it.
fn restrict_permissions(dir: &std::path::Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("restricting permissions of {}", dir.display()))?;
    }
    Ok(())
}

/// The master keys: from `LANTERN_KEYS` (the key-file text) when set, which
/// is then removed from the environment; else from the key file, created
/// with mode 0600 on first start.
pub fn open_keys(config: &Config) -> Result<Keys> {
    if let Ok(text) = std::env::var("LANTERN_KEYS") {
        let ring = KeyRing::from_text(&text).context("LANTERN_KEYS does not hold valid keys")?;
        std::env::remove_var("LANTERN_KEYS");
        return Ok(Keys::new(ring, None));
    }
    let path = config.key_file_path();
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let (ring, created) = KeyRing::load_or_create(&path)
        .with_context(|| format!("opening the key file {}", path.display()))?;
    if matches!(created, lantern_vault::Created::New) {
        tracing::warn!(file = %path.display(), "created a new key file; back it up apart from the database");
    }
    Ok(Keys::new(ring, Some(path)))
}

pub fn build_app(config: &Config, storage: Arc<dyn Storage>) -> Result<App> {
    let keys = open_keys(config)?;
    App::new(
        storage,
        Arc::new(SystemClock),
        keys,
        AppSettings::new(config.attachment_dir()),
    )
    .map_err(|e| anyhow::anyhow!("starting the application: {e}"))
}

/// Seals free text that rests in the clear from before migration 0009
/// (`0009_sealed_text`). Idempotent: on a current database it finds nothing.
pub async fn seal_clear_text(app: &App) -> Result<()> {
    let sealed = app
        .seal_clear_text()
        .await
        .map_err(|e| anyhow::anyhow!("sealing free text at rest: {e}"))?;
    if sealed > 0 {
        tracing::info!(cases = sealed, "free text sealed at rest");
    }
    Ok(())
}

pub fn web_state(config: &Config, app: App) -> Result<AppState> {
    AppState::new(
        app,
        WebSettings {
            secure: config.serves_https(),
        },
    )
    .context("loading translation catalogues")
}

/// Binds the configured address (port 0 picks a free port) and returns the
/// listener, so the caller learns the real address before serving.
pub async fn bind(config: &Config) -> Result<TcpListener> {
    TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("binding {}", config.bind))
}

/// Applies the retention policy a minute after start and then once a day,
/// for as long as the server runs. A failed pass is logged and retried at
/// the next one; it never stops the server.
pub fn spawn_retention_job(app: App) -> tokio::task::JoinHandle<()> {
    const FIRST_PASS_AFTER: std::time::Duration = std::time::Duration::from_secs(60);
    const EVERY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);
    tokio::spawn(async move {
        let start = tokio::time::Instant::now() + FIRST_PASS_AFTER;
        let mut ticks = tokio::time::interval_at(start, EVERY);
        loop {
            ticks.tick().await;
            if let Err(error) = app.apply_retention(false).await {
                tracing::error!(%error, "applying the retention policy failed");
            }
        }
    })
}

/// The TLS settings from the configured certificate and key, if any; an
/// unreadable or invalid file is an error naming it and the problem.
pub fn load_tls(config: &Config) -> Result<Option<lantern_web::tls::RustlsConfig>> {
    config
        .tls
        .as_ref()
        .map(|files| lantern_web::tls::load(&files.cert, &files.key))
        .transpose()
        .map_err(anyhow::Error::from)
}

/// Serves HTTPS when `tls` is given, else plain HTTP.
pub async fn serve_with(
    listener: TcpListener,
    tls: Option<lantern_web::tls::RustlsConfig>,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    match tls {
        Some(tls) => lantern_web::tls::serve(listener, tls, state, shutdown)
            .await
            .context("serving HTTPS"),
        None => serve_until(listener, state, shutdown).await,
    }
}

/// Starts the background duplicate scan: first after the model is trained,
/// then every `minutes` (none when 0). A failed scan is logged and retried
/// at the next tick.
pub fn spawn_duplicate_scans(app: App, minutes: u64) -> Option<tokio::task::JoinHandle<()>> {
    if minutes == 0 {
        return None;
    }
    Some(tokio::spawn(async move {
        let mut ticks =
            tokio::time::interval(std::time::Duration::from_secs(minutes.saturating_mul(60)));
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match app.scan_duplicates().await {
                Ok(report) => tracing::info!(
                    scored = report.pairs_scored,
                    queued = report.pairs_queued,
                    "duplicate scan finished"
                ),
                Err(error) => tracing::warn!(error = %error, "duplicate scan failed"),
            }
        }
    }))
}

pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    lantern_web::serve(listener, state, shutdown)
        .await
        .context("serving HTTP")
}
