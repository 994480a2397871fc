//! PostgreSQL storage: for organisations running several offices against
//! one server.
//!
//! Behaves exactly like the SQLite backend (both pass the same conformance
//! suite). Every multi-row change runs in one transaction; reads that must
//! agree with each other (a case page, a list page and its total) run in one
//! repeatable-read snapshot, since PostgreSQL's default isolation gives each
//! statement its own snapshot.

mod access;
mod accounts;
mod audit;
mod cases;
mod duplicates;
mod entities;
mod governance;
mod import;
mod people;
mod text;
mod users;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use lantern_domain::case::{Case, CaseDetails, CaseSummary};
use lantern_domain::consent::ConsentRecord;
use lantern_domain::entity::EntityId;
use lantern_domain::page::{Page, PageRequest};
use lantern_domain::user::{Office, User};
use lantern_domain::vocab::{CaseRole, Permission, RetainedRecord, UserRole};
use lantern_domain::{AttachmentId, CaseId, OfficeId, PersonId, UserId};
use lantern_storage::*;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgConnection, PgPool};

pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Connections per process. PostgreSQL's default server limit is 100, so a
/// few application instances fit beside maintenance tools.
const MAX_CONNECTIONS: u32 = 16;
/// How long a request waits for a free connection (or for the server to
/// answer at all) before failing instead of hanging.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens a read-only transaction whose reads all see one snapshot.
pub(crate) const BEGIN_SNAPSHOT: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";

#[derive(Clone)]
pub struct PgStorage {
    pool: PgPool,
}

fn db_error(error: sqlx::Error) -> StorageError {
    StorageError::Database(Box::new(error))
}

fn migration_error(error: sqlx::migrate::MigrateError) -> StorageError {
    StorageError::Migration(Box::new(error))
}

/// Connection options from a `postgres://` URL. The URL is not echoed in
/// errors: it may carry a password.
fn parse_url(url: &str) -> StorageResult<PgConnectOptions> {
    PgConnectOptions::from_str(url).map_err(db_error)
}

/// A database name this crate creates or drops: a plain lower-case
/// identifier, so it can be quoted into DDL (which takes no parameters).
/// Any other name cannot be one of ours: "not found".
fn checked_database_name(name: &str) -> StorageResult<&str> {
    let plain = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        Ok(name)
    } else {
        Err(StorageError::NotFound("database"))
    }
}

/// One direct connection, failing after [`ACQUIRE_TIMEOUT`]. Unlike a
/// pool, which reports only that it timed out, this reports why the server
/// could not be reached or refused the login.
async fn open_connection(options: &PgConnectOptions) -> StorageResult<PgConnection> {
    match tokio::time::timeout(ACQUIRE_TIMEOUT, options.connect()).await {
        Ok(connected) => connected.map_err(db_error),
        Err(_) => Err(db_error(sqlx::Error::Io(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "the database server did not answer in time",
        )))),
    }
}

/// Runs one statement outside any transaction (as `CREATE DATABASE` and
/// `DROP DATABASE` require) on a short-lived connection of its own.
async fn run_as_admin(options: &PgConnectOptions, sql: &str) -> StorageResult<()> {
    let mut conn = open_connection(options).await?;
    let outcome = sqlx::raw_sql(sql).execute(&mut conn).await;
    let closed = conn.close().await;
    outcome.map_err(|e| lantern_store_common::classify(e, "database"))?;
    closed.map_err(db_error)
}

impl PgStorage {
    /// Connects to the server at `url` (a `postgres://` URL). Does not
    /// migrate. Fails if the server cannot be reached.
    pub async fn connect(url: &str) -> StorageResult<Self> {
        Self::connect_with(parse_url(url)?).await
    }

    pub async fn connect_with(options: PgConnectOptions) -> StorageResult<Self> {
        // Connect once directly first, so an unreachable server or a refused
        // login is reported as such rather than as a pool timeout.
        open_connection(&options)
            .await?
            .close()
            .await
            .map_err(db_error)?;
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(db_error)?;
        Ok(Self { pool })
    }

    /// Creates a fresh, uniquely named database (`lantern_test_<hex>`) on
    /// the server reached through `admin_url` and connects to it. The
    /// caller drops it with [`PgStorage::drop_database`] when done.
    pub async fn create_database_for_tests(admin_url: &str) -> StorageResult<(Self, String)> {
        let admin = parse_url(admin_url)?;
        let name = format!("lantern_test_{}", uuid::Uuid::new_v4().simple());
        let sql = format!("CREATE DATABASE \"{}\"", checked_database_name(&name)?);
        run_as_admin(&admin, &sql).await?;
        match Self::connect_with(admin.clone().database(&name)).await {
            Ok(storage) => Ok((storage, name)),
            Err(e) => {
                // Best effort: the connection error is the one to report.
                let sql = format!("DROP DATABASE IF EXISTS \"{name}\"");
                let _ = run_as_admin(&admin, &sql).await;
                Err(e)
            }
        }
    }

    /// Drops a database made by [`PgStorage::create_database_for_tests`],
    /// ending any sessions still connected to it. Close every pool using it
    /// first ([`PgStorage::close`]).
    pub async fn drop_database(admin_url: &str, name: &str) -> StorageResult<()> {
        let name = checked_database_name(name)?;
        let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        run_as_admin(&parse_url(admin_url)?, &sql).await
    }

    /// Closes every connection of the pool, waiting for those in use.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub async fn migrate(&self) -> StorageResult<()> {
        MIGRATOR.run(&self.pool).await.map_err(migration_error)
    }

    /// Reverts migrations down to (and excluding) `target` version.
    pub async fn revert_to(&self, target: i64) -> StorageResult<()> {
        MIGRATOR
            .undo(&self.pool, target)
            .await
            .map_err(migration_error)
    }

    /// The schema of the current schema (`public` by default) as ordered
    /// lines, for comparing migrations: relations, columns with type,
    /// collation, nullability and default, indexes, constraints, triggers,
    /// views, functions and types. Leaves out sqlx's bookkeeping table.
    pub async fn schema_dump(&self) -> StorageResult<Vec<String>> {
        sqlx::query_scalar(SCHEMA_DUMP)
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

const SCHEMA_DUMP: &str = r#"
WITH rels AS (
    SELECT c.oid, c.relname, c.relkind
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema()
      AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND c.relname <> '_sqlx_migrations'
)
SELECT line FROM (
    SELECT 'relation ' || r.relname || ' kind ' || r.relkind::text AS line
    FROM rels r
    UNION ALL
    -- Columns are numbered by position among live columns, not by attnum:
    -- a column dropped and added again (a reverted and re-applied
    -- migration) leaves a gap in attnum but the same table.
    SELECT 'column ' || r.relname || '.' || lpad((
            SELECT count(*) FROM pg_catalog.pg_attribute a2
            WHERE a2.attrelid = a.attrelid AND a2.attnum > 0 AND NOT a2.attisdropped
              AND a2.attnum <= a.attnum)::text, 4, '0') || ' ' || a.attname
        || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
        || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END
        || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
        || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY'
                              WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END
        || COALESCE(' DEFAULT ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), '')
    FROM rels r
    JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    UNION ALL
    SELECT 'index ' || r.relname || '.' || i.relname || ': ' || pg_catalog.pg_get_indexdef(x.indexrelid)
    FROM rels r
    JOIN pg_catalog.pg_index x ON x.indrelid = r.oid
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    UNION ALL
    SELECT 'constraint ' || r.relname || '.' || con.conname || ': '
        || pg_catalog.pg_get_constraintdef(con.oid, true)
    FROM rels r
    JOIN pg_catalog.pg_constraint con ON con.conrelid = r.oid
    UNION ALL
    SELECT 'trigger ' || r.relname || '.' || tg.tgname || ': ' || pg_catalog.pg_get_triggerdef(tg.oid, true)
    FROM rels r
    JOIN pg_catalog.pg_trigger tg ON tg.tgrelid = r.oid AND NOT tg.tgisinternal
    UNION ALL
    SELECT 'view ' || r.relname || ': ' || pg_catalog.pg_get_viewdef(r.oid, true)
    FROM rels r
    WHERE r.relkind IN ('v', 'm')
    UNION ALL
    SELECT 'function ' || p.oid::regprocedure::text || ': ' || pg_catalog.pg_get_functiondef(p.oid)
    FROM pg_catalog.pg_proc p
    JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p')
    UNION ALL
    SELECT 'type ' || t.typname || ' kind ' || t.typtype::text
        || CASE t.typtype
               WHEN 'd' THEN ' over ' || pg_catalog.format_type(t.typbasetype, t.typtypmod)
               WHEN 'e' THEN ' (' || COALESCE((SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                                               FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '') || ')'
               ELSE '' END
    FROM pg_catalog.pg_type t
    JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = current_schema() AND t.typtype IN ('d', 'e', 'r', 'm')
    UNION ALL
    SELECT 'type ' || t.typname || ' kind c: ' || COALESCE((
            SELECT string_agg(a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
            FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
    FROM pg_catalog.pg_type t
    JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
    WHERE n.nspname = current_schema()
) lines
ORDER BY line COLLATE "C"
"#;

#[async_trait]
impl Storage for PgStorage {
    fn backend_name(&self) -> &'static str {
        "postgres"
    }

    async fn ping(&self) -> StorageResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(db_error)
    }

    async fn insert_office(&self, office: &Office) -> StorageResult<()> {
        users::insert_office(&self.pool, office).await
    }
    async fn list_offices(&self) -> StorageResult<Vec<Office>> {
        users::list_offices(&self.pool).await
    }
    async fn get_office(&self, id: OfficeId) -> StorageResult<Option<Office>> {
        users::get_office(&self.pool, id).await
    }
    async fn insert_user(
        &self,
        user: &User,
        password_hash: &str,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        users::insert_user(&self.pool, user, password_hash, audit).await
    }
    async fn user_credentials(&self, username: &str) -> StorageResult<Option<UserCredentials>> {
        users::user_credentials(&self.pool, username).await
    }
    async fn get_user(&self, id: UserId) -> StorageResult<Option<User>> {
        users::get_user(&self.pool, id).await
    }
    async fn list_users(&self) -> StorageResult<Vec<User>> {
        users::list_users(&self.pool).await
    }
    async fn set_user_disabled(
        &self,
        id: UserId,
        disabled: bool,
        at: DateTime<Utc>,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        users::set_user_disabled(&self.pool, id, disabled, at, audit).await
    }
    async fn set_user_language(&self, id: UserId, language: &str) -> StorageResult<()> {
        users::set_user_language(&self.pool, id, language).await
    }
    async fn insert_session(
        &self,
        session: &SessionRecord,
        audit: Option<&AuditAppend<'_>>,
    ) -> StorageResult<()> {
        users::insert_session(&self.pool, session, audit).await
    }
    async fn session_by_token_hash(
        &self,
        token_hash: &[u8],
    ) -> StorageResult<Option<(SessionRecord, User)>> {
        users::session_by_token_hash(&self.pool, token_hash).await
    }
    async fn touch_session(&self, token_hash: &[u8], at: DateTime<Utc>) -> StorageResult<()> {
        users::touch_session(&self.pool, token_hash, at).await
    }
    async fn delete_session(
        &self,
        token_hash: &[u8],
        audit: Option<&AuditAppend<'_>>,
    ) -> StorageResult<()> {
        users::delete_session(&self.pool, token_hash, audit).await
    }
    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StorageResult<u64> {
        users::delete_expired_sessions(&self.pool, now).await
    }
    async fn insert_api_token(
        &self,
        token: &ApiTokenRecord,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        users::insert_api_token(&self.pool, token, audit).await
    }
    async fn api_token_by_hash(
        &self,
        token_hash: &[u8],
    ) -> StorageResult<Option<(ApiTokenRecord, User)>> {
        users::api_token_by_hash(&self.pool, token_hash).await
    }
    async fn list_api_tokens(&self, user: UserId) -> StorageResult<Vec<ApiTokenRecord>> {
        users::list_api_tokens(&self.pool, user).await
    }
    async fn revoke_api_token(
        &self,
        user: UserId,
        token: ApiTokenId,
        at: DateTime<Utc>,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        users::revoke_api_token(&self.pool, user, token, at, audit).await
    }

    async fn insert_case(
        &self,
        new_case: &NewCase,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<Case> {
        cases::insert_case(&self.pool, new_case, audit).await
    }
    async fn update_case(
        &self,
        id: CaseId,
        details: &CaseDetails,
        summary: Option<&SealedText>,
        at: DateTime<Utc>,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<Case> {
        cases::update_case(&self.pool, id, details, summary, at, audit).await
    }
    async fn get_case(&self, id: CaseId) -> StorageResult<Option<StoredCase>> {
        // Three reads (case, exploitation types, team) in one snapshot.
        let mut tx = self
            .pool
            .begin_with(BEGIN_SNAPSHOT)
            .await
            .map_err(db_error)?;
        let case = cases::get_case(&mut tx, id).await?;
        tx.commit().await.map_err(db_error)?;
        Ok(case)
    }
    async fn list_cases(
        &self,
        query: &CaseQuery,
        page: PageRequest,
    ) -> StorageResult<Page<CaseSummary>> {
        cases::list_cases(&self.pool, query, page).await
    }
    async fn case_file(&self, id: CaseId) -> StorageResult<Option<CaseFile>> {
        cases::case_file(&self.pool, id).await
    }

    async fn insert_person_in_case(
        &self,
        person: &StoredPerson,
        case: CaseId,
        role: CaseRole,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        people::insert_person_in_case(&self.pool, person, case, role, audit).await
    }
    async fn add_participant(
        &self,
        case: CaseId,
        person: PersonId,
        role: CaseRole,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        people::add_participant(&self.pool, case, person, role, audit).await
    }
    async fn update_person(
        &self,
        person: &StoredPerson,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        people::update_person(&self.pool, person, audit).await
    }
    async fn get_person(&self, id: PersonId) -> StorageResult<Option<StoredPerson>> {
        people::get_person(&self.pool, id).await
    }
    async fn person_cases(&self, id: PersonId) -> StorageResult<Vec<(CaseSummary, CaseRole)>> {
        people::person_cases(&self.pool, id).await
    }

    async fn insert_event(
        &self,
        event: &StoredEvent,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        cases::insert_event(&self.pool, event, audit).await
    }
    async fn insert_attachment(
        &self,
        attachment: &StoredAttachment,
        data_key: &[u8],
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        cases::insert_attachment(&self.pool, attachment, data_key, audit).await
    }
    async fn get_attachment(
        &self,
        id: AttachmentId,
    ) -> StorageResult<Option<(StoredAttachment, AttachmentKeys)>> {
        cases::get_attachment(&self.pool, id).await
    }

    async fn ensure_data_key(
        &self,
        owner: uuid::Uuid,
        wrapped: &[u8],
        at: DateTime<Utc>,
    ) -> StorageResult<Vec<u8>> {
        text::ensure_data_key(&self.pool, owner, wrapped, at).await
    }
    async fn cases_with_clear_text(&self, limit: u32) -> StorageResult<Vec<CaseId>> {
        text::cases_with_clear_text(&self.pool, limit).await
    }
    async fn seal_case_text(
        &self,
        sealing: &CaseTextSealing,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        text::seal_case_text(&self.pool, sealing, audit).await
    }

    async fn import(&self, dataset: &Dataset) -> StorageResult<ImportCounts> {
        import::import(&self.pool, dataset).await
    }

    async fn set_supervisor(&self, user: UserId, supervisor: bool) -> StorageResult<()> {
        users::set_supervisor(&self.pool, user, supervisor).await
    }
    async fn case_access(
        &self,
        case: CaseId,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StorageResult<Option<CaseAccess>> {
        access::case_access(&self.pool, case, user, at).await
    }
    async fn person_access(
        &self,
        person: PersonId,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StorageResult<Vec<CaseAccess>> {
        access::person_access(&self.pool, person, user, at).await
    }
    async fn insert_break_glass(
        &self,
        grant: &BreakGlassGrant,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        access::insert_break_glass(&self.pool, grant, audit).await
    }
    async fn list_break_glass(&self, limit: u32) -> StorageResult<Vec<BreakGlassGrant>> {
        access::list_break_glass(&self.pool, limit).await
    }
    async fn data_keys_after(
        &self,
        after: Option<uuid::Uuid>,
        limit: u32,
    ) -> StorageResult<Vec<StoredDataKey>> {
        access::data_keys_after(&self.pool, after, limit).await
    }
    async fn replace_data_key(
        &self,
        owner: uuid::Uuid,
        expected: &[u8],
        wrapped: &[u8],
    ) -> StorageResult<bool> {
        access::replace_data_key(&self.pool, owner, expected, wrapped).await
    }
    async fn login_throttle(&self, username_key: &[u8]) -> StorageResult<Option<LoginThrottle>> {
        accounts::login_throttle(&self.pool, username_key).await
    }
    async fn record_login_failure(
        &self,
        username_key: &[u8],
        at: DateTime<Utc>,
        forget_before: DateTime<Utc>,
        audit: Option<&AuditAppend<'_>>,
    ) -> StorageResult<LoginThrottle> {
        accounts::record_login_failure(&self.pool, username_key, at, forget_before, audit).await
    }
    async fn clear_login_failures(&self, username_key: &[u8]) -> StorageResult<()> {
        accounts::clear_login_failures(&self.pool, username_key).await
    }
    async fn delete_stale_login_throttles(&self, before: DateTime<Utc>) -> StorageResult<u64> {
        accounts::delete_stale_login_throttles(&self.pool, before).await
    }
    async fn second_factor(&self, user: UserId) -> StorageResult<Option<SecondFactorRecord>> {
        accounts::second_factor(&self.pool, user).await
    }
    async fn begin_second_factor(
        &self,
        record: &SecondFactorRecord,
        recovery_code_hashes: &[Vec<u8>],
    ) -> StorageResult<()> {
        accounts::begin_second_factor(&self.pool, record, recovery_code_hashes).await
    }
    async fn confirm_second_factor(
        &self,
        user: UserId,
        step: i64,
        at: DateTime<Utc>,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        accounts::confirm_second_factor(&self.pool, user, step, at, audit).await
    }
    async fn use_totp_step(&self, user: UserId, step: i64) -> StorageResult<bool> {
        accounts::use_totp_step(&self.pool, user, step).await
    }
    async fn use_recovery_code(
        &self,
        user: UserId,
        code_hash: &[u8],
        at: DateTime<Utc>,
    ) -> StorageResult<bool> {
        accounts::use_recovery_code(&self.pool, user, code_hash, at).await
    }
    async fn unused_recovery_codes(&self, user: UserId) -> StorageResult<u32> {
        accounts::unused_recovery_codes(&self.pool, user).await
    }
    async fn delete_second_factor(
        &self,
        user: UserId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        accounts::delete_second_factor(&self.pool, user, audit).await
    }
    async fn set_user_password(
        &self,
        user: UserId,
        password_hash: &str,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        accounts::set_user_password(&self.pool, user, password_hash, audit).await
    }
    async fn set_user_role(
        &self,
        user: UserId,
        role: UserRole,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        accounts::set_user_role(&self.pool, user, role, audit).await
    }
    async fn list_user_sessions(&self, user: UserId) -> StorageResult<Vec<SessionRecord>> {
        accounts::list_user_sessions(&self.pool, user).await
    }
    async fn delete_user_sessions(
        &self,
        user: UserId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<u64> {
        accounts::delete_user_sessions(&self.pool, user, audit).await
    }
    async fn mark_session_authenticated(
        &self,
        token_hash: &[u8],
        at: DateTime<Utc>,
    ) -> StorageResult<()> {
        accounts::mark_session_authenticated(&self.pool, token_hash, at).await
    }
    async fn append_audit_all(&self, entries: &[AuditAppend<'_>]) -> StorageResult<Vec<i64>> {
        audit::append_all(&self.pool, entries).await
    }
    async fn audit_entries(&self, after: i64, limit: u32) -> StorageResult<Vec<AuditEntry>> {
        audit::entries(&self.pool, after, limit).await
    }
    async fn audit_checkpoints(&self) -> StorageResult<Vec<AuditCheckpoint>> {
        audit::checkpoints(&self.pool).await
    }
    async fn search_audit(
        &self,
        filter: &AuditFilter,
        limit: u32,
    ) -> StorageResult<Vec<AuditEntry>> {
        audit::search(&self.pool, filter, limit).await
    }
    async fn people_sharing_digests(
        &self,
        digests: &[Vec<u8>],
        user: UserId,
        at: DateTime<Utc>,
        exclude: Option<PersonId>,
        limit: u32,
    ) -> StorageResult<Vec<PersonId>> {
        duplicates::people_sharing_digests(&self.pool, digests, user, at, exclude, limit).await
    }
    async fn digest_collisions(
        &self,
        max_block: u32,
        scope: CollisionScope,
        after: Option<(PersonId, PersonId)>,
        limit: u32,
    ) -> StorageResult<Vec<(PersonId, PersonId)>> {
        duplicates::digest_collisions(&self.pool, max_block, scope, after, limit).await
    }
    async fn record_duplicate_pairs(&self, pairs: &[DuplicatePair]) -> StorageResult<u64> {
        duplicates::record_duplicate_pairs(&self.pool, pairs).await
    }
    async fn list_duplicate_pairs(
        &self,
        status: PairStatus,
        limit: u32,
    ) -> StorageResult<Vec<DuplicatePair>> {
        duplicates::list_duplicate_pairs(&self.pool, status, limit).await
    }
    async fn get_duplicate_pair(
        &self,
        id: DuplicatePairId,
    ) -> StorageResult<Option<DuplicatePair>> {
        duplicates::get_duplicate_pair(&self.pool, id).await
    }
    async fn dismiss_duplicate_pair(
        &self,
        decision: &PairDecision,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        duplicates::dismiss_duplicate_pair(&self.pool, decision, audit).await
    }
    async fn merge_people(
        &self,
        decision: &PairDecision,
        survivor: PersonId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        duplicates::merge_people(&self.pool, decision, survivor, audit).await
    }
    async fn unmerge_people(
        &self,
        decision: &PairDecision,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        duplicates::unmerge_people(&self.pool, decision, audit).await
    }
    async fn merged_into(&self, person: PersonId) -> StorageResult<Option<PersonId>> {
        duplicates::merged_into(&self.pool, person).await
    }
    async fn merged_into_any(
        &self,
        survivors: &[PersonId],
    ) -> StorageResult<Vec<(PersonId, PersonId)>> {
        duplicates::merged_into_any(&self.pool, survivors).await
    }
    async fn people_after(
        &self,
        after: Option<PersonId>,
        limit: u32,
    ) -> StorageResult<Vec<StoredPerson>> {
        people::people_after(&self.pool, after, limit).await
    }
    async fn replace_person_lookups(
        &self,
        lookups: &[(PersonId, Vec<Vec<u8>>)],
    ) -> StorageResult<()> {
        people::replace_person_lookups(&self.pool, lookups).await
    }
    async fn entities_after(
        &self,
        after: Option<EntityId>,
        limit: u32,
    ) -> StorageResult<Vec<StoredEntity>> {
        entities::entities_after(&self.pool, after, limit).await
    }
    async fn replace_entity_lookups(
        &self,
        lookups: &[(EntityId, Vec<Vec<u8>>)],
    ) -> StorageResult<()> {
        entities::replace_entity_lookups(&self.pool, lookups).await
    }
    async fn erase_person_identity(
        &self,
        person: PersonId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        people::erase_person_identity(&self.pool, person, audit).await
    }

    async fn role_permissions(&self) -> StorageResult<Vec<(UserRole, Permission)>> {
        governance::role_permissions(&self.pool).await
    }

    async fn replace_role_permissions(
        &self,
        grants: &[(UserRole, Permission)],
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        governance::replace_role_permissions(&self.pool, grants, audit).await
    }

    async fn insert_consent(
        &self,
        record: &ConsentRecord,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        governance::insert_consent(&self.pool, record, audit).await
    }

    async fn consents_of(&self, people: &[PersonId]) -> StorageResult<Vec<ConsentRecord>> {
        governance::consents_of(&self.pool, people).await
    }

    async fn retention_rules(&self) -> StorageResult<Vec<(RetainedRecord, u32)>> {
        governance::retention_rules(&self.pool).await
    }

    async fn replace_retention_rules(
        &self,
        rules: &[(RetainedRecord, u32)],
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        governance::replace_retention_rules(&self.pool, rules, audit).await
    }

    async fn people_due_for_erasure(
        &self,
        closed_before: DateTime<Utc>,
        limit: u32,
    ) -> StorageResult<Vec<PersonId>> {
        governance::people_due_for_erasure(&self.pool, closed_before, limit).await
    }

    async fn attachments_due_for_erasure(
        &self,
        closed_before: DateTime<Utc>,
        limit: u32,
    ) -> StorageResult<Vec<AttachmentId>> {
        governance::attachments_due_for_erasure(&self.pool, closed_before, limit).await
    }

    async fn erase_attachment_key(
        &self,
        attachment: AttachmentId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        governance::erase_attachment_key(&self.pool, attachment, audit).await
    }
    async fn cases_due_for_text_erasure(
        &self,
        closed_before: DateTime<Utc>,
        limit: u32,
    ) -> StorageResult<Vec<CaseId>> {
        text::cases_due_for_text_erasure(&self.pool, closed_before, limit).await
    }
    async fn erase_case_text(&self, case: CaseId, audit: &AuditAppend<'_>) -> StorageResult<()> {
        text::erase_case_text(&self.pool, case, audit).await
    }

    async fn insert_case_entity(
        &self,
        entity: &StoredEntity,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        entities::insert_case_entity(&self.pool, entity, audit).await
    }

    async fn get_case_entity(&self, id: EntityId) -> StorageResult<Option<StoredEntity>> {
        entities::get_case_entity(&self.pool, id).await
    }

    async fn update_case_entity(
        &self,
        entity: &StoredEntity,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        entities::update_case_entity(&self.pool, entity, audit).await
    }

    async fn delete_case_entity(&self, id: EntityId, audit: &AuditAppend<'_>) -> StorageResult<()> {
        entities::delete_case_entity(&self.pool, id, audit).await
    }

    async fn entities_due_for_erasure(
        &self,
        closed_before: DateTime<Utc>,
        limit: u32,
    ) -> StorageResult<Vec<EntityId>> {
        entities::entities_due_for_erasure(&self.pool, closed_before, limit).await
    }

    async fn erase_entity_identity(
        &self,
        id: EntityId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()> {
        entities::erase_entity_identity(&self.pool, id, audit).await
    }

    async fn case_entities(&self, case: CaseId) -> StorageResult<Vec<StoredEntity>> {
        entities::case_entities(&self.pool, case).await
    }

    async fn entities_with_digests(
        &self,
        digests: &[Vec<u8>],
    ) -> StorageResult<Vec<(Vec<u8>, StoredEntity)>> {
        entities::entities_with_digests(&self.pool, digests).await
    }

    async fn persons_with_digests(
        &self,
        digests: &[Vec<u8>],
    ) -> StorageResult<Vec<(Vec<u8>, PersonId)>> {
        entities::persons_with_digests(&self.pool, digests).await
    }

    async fn cases_access(
        &self,
        cases: &[CaseId],
        user: UserId,
        at: DateTime<Utc>,
    ) -> StorageResult<Vec<CaseAccess>> {
        access::cases_access(&self.pool, cases, user, at).await
    }
    async fn people_access(
        &self,
        people: &[PersonId],
        user: UserId,
        at: DateTime<Utc>,
    ) -> StorageResult<Vec<(PersonId, CaseAccess)>> {
        access::people_access(&self.pool, people, user, at).await
    }
    async fn case_summaries(&self, cases: &[CaseId]) -> StorageResult<Vec<CaseSummary>> {
        cases::case_summaries(&self.pool, cases).await
    }
    async fn get_people(&self, people: &[PersonId]) -> StorageResult<Vec<StoredPerson>> {
        people::get_people(&self.pool, people).await
    }
    async fn cases_participants(
        &self,
        cases: &[CaseId],
    ) -> StorageResult<Vec<(CaseId, Participant)>> {
        cases::cases_participants(&self.pool, cases).await
    }
    async fn cases_entities(&self, cases: &[CaseId]) -> StorageResult<Vec<StoredEntity>> {
        entities::cases_entities(&self.pool, cases).await
    }
}

#[cfg(test)]
mod tests {
    use super::checked_database_name;

    #[test]
    fn only_plain_database_names_reach_ddl() {
        assert!(checked_database_name("lantern_test_0a1b").is_ok());
        assert!(checked_database_name("_x9").is_ok());
        for bad in [
            "",
            "9abc",
            "Upper",
            "a\"; DROP",
            "a-b",
            "a b",
            &"a".repeat(64),
        ] {
            assert!(checked_database_name(bad).is_err(), "{bad}");
        }
    }
}
