//! The application layer: every use case of Lantern, shared by the web UI,
//! the JSON API and the CLI.
//!
//! Each public operation takes the acting user, checks the access policy,
//! validates input with the domain rules, and talks to storage through the
//! `Storage` trait. Nothing here knows HTTP or SQL.

pub mod actor;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod cases;
pub mod client;
pub mod clock;
pub mod consent;
pub mod demo;
pub mod duplicates;
pub mod entities;
pub mod error;
pub mod identity;
pub mod keys;
pub mod network;
pub mod offices;
pub mod passwords;
pub mod people;
pub mod permissions;
pub mod policy;
pub mod read_audit;
pub mod reindex;
pub mod retention;
pub mod rotation;
pub mod second_factor;
pub mod secrets;
pub mod text;
pub mod totp;
pub mod users;

use std::path::PathBuf;
use std::sync::Arc;

use lantern_storage::Storage;

pub use actor::Actor;
pub use clock::{Clock, SystemClock};
pub use error::AppError;

/// Tunable limits of sessions and hashing.
#[derive(Debug, Clone)]
pub struct AppSettings {
    pub session_idle_timeout: chrono::Duration,
    pub session_lifetime: chrono::Duration,
    pub attachment_dir: PathBuf,
    /// How audit entries of reads are grouped into transactions.
    pub audit_batching: read_audit::AuditBatching,
}

impl AppSettings {
    pub fn new(attachment_dir: PathBuf) -> Self {
        Self {
            session_idle_timeout: chrono::Duration::minutes(30),
            session_lifetime: chrono::Duration::hours(12),
            attachment_dir,
            audit_batching: read_audit::AuditBatching::default(),
        }
    }
}

/// The application: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct App {
    storage: Arc<dyn Storage>,
    clock: Arc<dyn Clock>,
    identity: identity::IdentityCodec,
    passwords: auth::PasswordHasher,
    settings: Arc<AppSettings>,
    offices: cache::TimedCache<Vec<lantern_domain::user::Office>>,
    permissions: cache::TimedCache<lantern_domain::permission::RolePermissions>,
    read_audit: read_audit::ReadAuditWriter,
}

impl App {
    pub fn new(
        storage: Arc<dyn Storage>,
        clock: Arc<dyn Clock>,
        keys: keys::Keys,
        settings: AppSettings,
    ) -> Result<Self, AppError> {
        let read_audit = read_audit::ReadAuditWriter::new(
            storage.clone(),
            keys.clone(),
            settings.audit_batching,
        );
        Ok(Self {
            storage,
            clock,
            identity: identity::IdentityCodec::new(keys),
            passwords: auth::PasswordHasher::new()?,
            settings: Arc::new(settings),
            offices: offices::office_cache(),
            permissions: permissions::permission_cache(),
            read_audit,
        })
    }

    pub fn storage(&self) -> &dyn Storage {
        self.storage.as_ref()
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.now().date_naive()
    }

    pub fn settings(&self) -> &AppSettings {
        &self.settings
    }

    pub fn keys(&self) -> &keys::Keys {
        self.identity.keys()
    }
}
