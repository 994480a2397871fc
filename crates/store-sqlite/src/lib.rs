//! Embedded SQLite storage: the default for a single office on one machine.
//!
//! WAL journaling lets readers proceed while one writer commits; foreign
//! keys are enforced on every connection; every multi-row change runs in
//! one transaction, so a crash mid-write leaves the last committed state.

mod access;
mod accounts;
mod audit;
mod bulk;
mod by_ids;
mod cases;
mod duplicates;
mod entities;
mod governance;
mod import;
mod people;
mod text;
mod users;

use std::path::Path;
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
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

/// Page cache of each connection, in KiB.
pub(crate) const CACHE_KIB: u32 = 32_000;

pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

#[derive(Clone)]
pub struct SqliteStorage {
    pool: SqlitePool,
}

fn db_error(error: sqlx::Error) -> StorageError {
    StorageError::Database(Box::new(error))
}

impl SqliteStorage {
    /// Opens (creating if needed) the database file. Does not migrate.
    pub async fn open(path: &Path) -> StorageResult<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL in WAL mode keeps every committed transaction across a
            // process crash; only an OS crash may lose the last commits.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("temp_store", "memory")
            .pragma("cache_size", format!("-{CACHE_KIB}"));
        Self::connect_with(options).await
    }

    /// A private in-memory database, for tests.
    pub async fn in_memory() -> StorageResult<Self> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")
            .map_err(db_error)?
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await
            .map_err(db_error)?;
        Ok(Self { pool })
    }

    async fn connect_with(options: SqliteConnectOptions) -> StorageResult<Self> {
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .connect_with(options)
            .await
            .map_err(db_error)?;
        Ok(Self { pool })
    }

    pub async fn migrate(&self) -> StorageResult<()> {
        MIGRATOR
            .run(&self.pool)
            .await
            .map_err(|e| StorageError::Migration(Box::new(e)))
    }

    /// Reverts migrations down to (and excluding) `target` version.
    pub async fn revert_to(&self, target: i64) -> StorageResult<()> {
        MIGRATOR
            .undo(&self.pool, target)
            .await
            .map_err(|e| StorageError::Migration(Box::new(e)))
    }

    /// The schema as SQL text, ordered, for comparing migrations.
    pub async fn schema_dump(&self) -> StorageResult<Vec<String>> {
        sqlx::query_scalar(
            "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_schema \
             WHERE name NOT LIKE 'sqlite_%' AND name != '_sqlx_migrations' ORDER BY type, name",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)
    }

    /// SQLite's own consistency check: `ok` for a sound file.
    pub async fn integrity_check(&self) -> StorageResult<String> {
        sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await
            .map_err(db_error)
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Writes a consistent copy of the live database to `target`.
    pub async fn snapshot_to(&self, target: &Path) -> StorageResult<()> {
        let target = target
            .to_str()
            .ok_or(StorageError::Corrupt("backup path"))?;
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(db_error)
    }
}

#[async_trait]
impl Storage for SqliteStorage {
    fn backend_name(&self) -> &'static str {
        "sqlite"
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
        let mut conn = self.pool.acquire().await.map_err(db_error)?;
        cases::get_case(&mut conn, id).await
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
