//! Storage for Lantern behind one trait.
//!
//! Backends (SQLite, PostgreSQL) implement [`Storage`]; nothing above this
//! crate sees SQL. Records cross this boundary in domain types, except the
//! identifying half of a person, which crosses as an opaque [`SealedIdentity`]
//! produced and opened by the application layer: storage never sees it in
//! the clear.

#[cfg(feature = "conformance")]
pub mod conformance;
mod entities;
mod error;
mod records;
mod text;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use lantern_domain::case::{Case, CaseDetails, CaseSummary};
use lantern_domain::consent::ConsentRecord;
use lantern_domain::entity::EntityId;
use lantern_domain::page::{Page, PageRequest};
use lantern_domain::user::{Office, User};
use lantern_domain::vocab::{CaseRole, Permission, RetainedRecord, UserRole};
use lantern_domain::{AttachmentId, CaseId, OfficeId, PersonId, UserId};

pub use entities::StoredEntity;
pub use error::StorageError;
pub use records::*;
pub use text::*;

pub type StorageResult<T> = Result<T, StorageError>;

#[async_trait]
pub trait Storage: Send + Sync + 'static {
    /// Which engine this is, for logs and health output.
    fn backend_name(&self) -> &'static str;

    /// Answers when the database accepts queries.
    async fn ping(&self) -> StorageResult<()>;

    // Offices and users.
    async fn insert_office(&self, office: &Office) -> StorageResult<()>;
    async fn list_offices(&self) -> StorageResult<Vec<Office>>;
    /// Account writes take the audit entry that records them and append it
    /// in their transaction: the change and its entry commit together.
    async fn insert_user(
        &self,
        user: &User,
        password_hash: &str,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    async fn user_credentials(&self, username: &str) -> StorageResult<Option<UserCredentials>>;
    async fn get_user(&self, id: UserId) -> StorageResult<Option<User>>;
    async fn list_users(&self) -> StorageResult<Vec<User>>;
    /// Disables or enables an account; disabling also ends its sessions and
    /// revokes its API tokens, in one transaction.
    async fn set_user_disabled(
        &self,
        id: UserId,
        disabled: bool,
        at: DateTime<Utc>,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    async fn set_user_language(&self, id: UserId, language: &str) -> StorageResult<()>;

    // Sessions and API tokens, found by the hash of their secret.
    /// Stores a session; `audit` records a sign-in (`None` when a session
    /// replaces another within one sign-in or password change).
    async fn insert_session(
        &self,
        session: &SessionRecord,
        audit: Option<&AuditAppend<'_>>,
    ) -> StorageResult<()>;
    async fn session_by_token_hash(
        &self,
        token_hash: &[u8],
    ) -> StorageResult<Option<(SessionRecord, User)>>;
    async fn touch_session(&self, token_hash: &[u8], at: DateTime<Utc>) -> StorageResult<()>;
    /// Ends a session; `audit` records a sign-out or an administrator ending
    /// it (`None` for an expired or replaced session, which records nothing).
    async fn delete_session(
        &self,
        token_hash: &[u8],
        audit: Option<&AuditAppend<'_>>,
    ) -> StorageResult<()>;
    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StorageResult<u64>;
    async fn insert_api_token(
        &self,
        token: &ApiTokenRecord,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    async fn api_token_by_hash(
        &self,
        token_hash: &[u8],
    ) -> StorageResult<Option<(ApiTokenRecord, User)>>;
    async fn list_api_tokens(&self, user: UserId) -> StorageResult<Vec<ApiTokenRecord>>;
    async fn revoke_api_token(
        &self,
        user: UserId,
        token: ApiTokenId,
        at: DateTime<Utc>,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;

    // Cases.
    /// Stores a new case and gives it the next reference of its office and
    /// intake year.
    async fn insert_case(&self, new_case: &NewCase, audit: &AuditAppend<'_>)
        -> StorageResult<Case>;
    /// Replaces a case's fields; `details.summary` is not stored, the
    /// summary rests sealed in `summary`.
    async fn update_case(
        &self,
        id: CaseId,
        details: &CaseDetails,
        summary: Option<&SealedText>,
        at: DateTime<Utc>,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<Case>;
    async fn get_case(&self, id: CaseId) -> StorageResult<Option<StoredCase>>;
    async fn list_cases(
        &self,
        query: &CaseQuery,
        page: PageRequest,
    ) -> StorageResult<Page<CaseSummary>>;
    /// A case with everything its page shows, read in one consistent snapshot.
    async fn case_file(&self, id: CaseId) -> StorageResult<Option<CaseFile>>;

    // People.
    /// Stores a new person and their part in a case, together.
    async fn insert_person_in_case(
        &self,
        person: &StoredPerson,
        case: CaseId,
        role: CaseRole,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    async fn add_participant(
        &self,
        case: CaseId,
        person: PersonId,
        role: CaseRole,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    async fn update_person(
        &self,
        person: &StoredPerson,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    async fn get_person(&self, id: PersonId) -> StorageResult<Option<StoredPerson>>;
    /// The cases a person takes part in, with their role in each.
    async fn person_cases(&self, id: PersonId) -> StorageResult<Vec<(CaseSummary, CaseRole)>>;

    // Timeline and attachments.
    /// Stores an entry with its sealed title and note (the clear ones in
    /// `event.event.details` are not stored).
    async fn insert_event(&self, event: &StoredEvent, audit: &AuditAppend<'_>)
        -> StorageResult<()>;
    /// Stores an attachment's metadata, sealed file name and wrapped data
    /// key together.
    async fn insert_attachment(
        &self,
        attachment: &StoredAttachment,
        data_key: &[u8],
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// An attachment's metadata and the keys it is read with.
    async fn get_attachment(
        &self,
        id: AttachmentId,
    ) -> StorageResult<Option<(StoredAttachment, AttachmentKeys)>>;

    // Sealed free text.
    /// Stores `wrapped` as `owner`'s data key unless it has one; returns
    /// the key it has now (so two writers racing agree on one key).
    async fn ensure_data_key(
        &self,
        owner: uuid::Uuid,
        wrapped: &[u8],
        at: DateTime<Utc>,
    ) -> StorageResult<Vec<u8>>;
    /// Cases with free text still stored in the clear, at most `limit`.
    async fn cases_with_clear_text(&self, limit: u32) -> StorageResult<Vec<CaseId>>;
    /// Writes sealed text in place of the clear text it replaces, with its
    /// audit entry, in one transaction. Rows sealed meanwhile are left alone.
    async fn seal_case_text(
        &self,
        sealing: &CaseTextSealing,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;

    /// Writes a whole data set in one transaction: all of it or none.
    async fn import(&self, dataset: &Dataset) -> StorageResult<ImportCounts>;

    /// Offices referenced by id, for building references and labels.
    async fn get_office(&self, id: OfficeId) -> StorageResult<Option<Office>>;

    // Access.
    async fn set_supervisor(&self, user: UserId, supervisor: bool) -> StorageResult<()>;
    /// How a user stands to a case; `None` if the case does not exist.
    async fn case_access(
        &self,
        case: CaseId,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StorageResult<Option<CaseAccess>>;
    /// How a user stands to each case a person takes part in.
    async fn person_access(
        &self,
        person: PersonId,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StorageResult<Vec<CaseAccess>>;
    async fn insert_break_glass(
        &self,
        grant: &BreakGlassGrant,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// The most recent grants, newest first.
    async fn list_break_glass(&self, limit: u32) -> StorageResult<Vec<BreakGlassGrant>>;

    // Key rotation: data keys in owner order, and compare-and-swap replacement.
    async fn data_keys_after(
        &self,
        after: Option<uuid::Uuid>,
        limit: u32,
    ) -> StorageResult<Vec<StoredDataKey>>;
    /// Replaces a wrapped key if it is still `expected`; false if it changed.
    async fn replace_data_key(
        &self,
        owner: uuid::Uuid,
        expected: &[u8],
        wrapped: &[u8],
    ) -> StorageResult<bool>;
    // Accounts and sessions: sign-in throttling, second factors, password
    // and role changes, and sessions seen by administrators.

    /// The failed-sign-in streak under a username key, if any.
    async fn login_throttle(&self, username_key: &[u8]) -> StorageResult<Option<LoginThrottle>>;
    /// Counts one failed sign-in atomically (safe with several servers). A
    /// streak whose last failure is before `forget_before` starts again.
    /// `audit` records the failed sign-in or code (`None` for a wrong
    /// password re-entered by a signed-in user, which records nothing).
    async fn record_login_failure(
        &self,
        username_key: &[u8],
        at: DateTime<Utc>,
        forget_before: DateTime<Utc>,
        audit: Option<&AuditAppend<'_>>,
    ) -> StorageResult<LoginThrottle>;
    async fn clear_login_failures(&self, username_key: &[u8]) -> StorageResult<()>;
    /// Forgets streaks whose last failure is before `before`.
    async fn delete_stale_login_throttles(&self, before: DateTime<Utc>) -> StorageResult<u64>;

    async fn second_factor(&self, user: UserId) -> StorageResult<Option<SecondFactorRecord>>;
    /// Stores a pending (unconfirmed) second factor with the hashes of its
    /// recovery codes, replacing an earlier pending one. `Conflict` when the
    /// user already has a confirmed second factor.
    async fn begin_second_factor(
        &self,
        record: &SecondFactorRecord,
        recovery_code_hashes: &[Vec<u8>],
    ) -> StorageResult<()>;
    /// Confirms the pending second factor, recording the time step of its
    /// first code, and ends every session of the user, in one transaction.
    /// `NotFound` when nothing is pending.
    async fn confirm_second_factor(
        &self,
        user: UserId,
        step: i64,
        at: DateTime<Utc>,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// Records a TOTP time step as used if it is later than the last one
    /// used; `false` (nothing changed) for a replayed or older code.
    async fn use_totp_step(&self, user: UserId, step: i64) -> StorageResult<bool>;
    /// Marks an unused recovery code of a confirmed second factor as used;
    /// `false` when there is no such unused code.
    async fn use_recovery_code(
        &self,
        user: UserId,
        code_hash: &[u8],
        at: DateTime<Utc>,
    ) -> StorageResult<bool>;
    async fn unused_recovery_codes(&self, user: UserId) -> StorageResult<u32>;
    /// Removes a user's second factor and recovery codes and ends their
    /// sessions, in one transaction.
    async fn delete_second_factor(
        &self,
        user: UserId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;

    /// Replaces a password hash and ends every session of the user, in one
    /// transaction.
    async fn set_user_password(
        &self,
        user: UserId,
        password_hash: &str,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// `NotFound` (and nothing appended) for a missing user.
    async fn set_user_role(
        &self,
        user: UserId,
        role: UserRole,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// A user's sessions, newest first.
    async fn list_user_sessions(&self, user: UserId) -> StorageResult<Vec<SessionRecord>>;
    /// Ends every session of a user; the entry's fields gain `sessions:N`,
    /// the number ended, known only inside the transaction.
    async fn delete_user_sessions(
        &self,
        user: UserId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<u64>;
    /// Records that the session's user entered their password again.
    async fn mark_session_authenticated(
        &self,
        token_hash: &[u8],
        at: DateTime<Utc>,
    ) -> StorageResult<()>;

    // Audit log. Writes above append their entry in their own transaction.
    /// Appends an entry on its own; returns its sequence number.
    async fn append_audit(&self, audit: &AuditAppend<'_>) -> StorageResult<i64> {
        self.append_audit_all(std::slice::from_ref(audit))
            .await?
            .first()
            .copied()
            .ok_or(StorageError::Corrupt("audit entry"))
    }
    /// Appends entries in one transaction, in order, each linked to the one
    /// before (the read-audit group commit); all of them or none. Returns
    /// their sequence numbers, in the same order.
    async fn append_audit_all(&self, entries: &[AuditAppend<'_>]) -> StorageResult<Vec<i64>>;
    /// Entries after `after` in sequence order, at most `limit`.
    async fn audit_entries(&self, after: i64, limit: u32) -> StorageResult<Vec<AuditEntry>>;
    async fn audit_checkpoints(&self) -> StorageResult<Vec<AuditCheckpoint>>;
    /// The newest entries matching the filter, newest first.
    async fn search_audit(
        &self,
        filter: &AuditFilter,
        limit: u32,
    ) -> StorageResult<Vec<AuditEntry>>;

    // Duplicates: candidates by blind-index digest, and the review queue.
    /// People sharing at least one blind-index digest with `digests` who take
    /// part in a case whose team includes `user`, or for which `user` holds a
    /// break-glass grant live at `at`; most shared digests first, then by id,
    /// at most `limit`. `exclude` (the person being edited) is left out.
    async fn people_sharing_digests(
        &self,
        digests: &[Vec<u8>],
        user: UserId,
        at: DateTime<Utc>,
        exclude: Option<PersonId>,
        limit: u32,
    ) -> StorageResult<Vec<PersonId>>;
    /// Pairs `(a, b)` with `a < b` of people who share a digest held by at
    /// most `max_block` people, where neither was merged away, the pair is
    /// not yet in the review queue and it falls in `scope`; in `(a, b)`
    /// order after `after`, at most `limit`.
    async fn digest_collisions(
        &self,
        max_block: u32,
        scope: CollisionScope,
        after: Option<(PersonId, PersonId)>,
        limit: u32,
    ) -> StorageResult<Vec<(PersonId, PersonId)>>;
    /// Adds pairs to the review queue; pairs already there are left as they
    /// are. Returns how many were added.
    async fn record_duplicate_pairs(&self, pairs: &[DuplicatePair]) -> StorageResult<u64>;
    /// Pairs with the given status, those involving a suspect first, then
    /// most probable first. Pending pairs whose person was merged away since
    /// are left out.
    async fn list_duplicate_pairs(
        &self,
        status: PairStatus,
        limit: u32,
    ) -> StorageResult<Vec<DuplicatePair>>;
    async fn get_duplicate_pair(&self, id: DuplicatePairId)
        -> StorageResult<Option<DuplicatePair>>;
    /// Marks a pending pair as not the same person. `Conflict` when the pair
    /// is not pending.
    async fn dismiss_duplicate_pair(
        &self,
        decision: &PairDecision,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// Merges a pending pair into `survivor` (one of its two people), in one
    /// transaction with its audit entry: the other person's participations
    /// move to the survivor, and the other person stays as a tombstone
    /// pointing at the survivor, remembering what moved. `Conflict` when the
    /// pair is not pending or `survivor` is not in it.
    async fn merge_people(
        &self,
        decision: &PairDecision,
        survivor: PersonId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// Reverses the merge of a pair exactly: the merged person gets back its
    /// participations, the survivor loses those the merge gave it, and the
    /// pair is pending again. `Conflict` when the pair is not merged.
    async fn unmerge_people(
        &self,
        decision: &PairDecision,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// The survivor a person was merged into, if it was.
    async fn merged_into(&self, person: PersonId) -> StorageResult<Option<PersonId>>;
    /// `(merged, survivor)` for every person merged directly into one of
    /// `survivors` and not unmerged since.
    async fn merged_into_any(
        &self,
        survivors: &[PersonId],
    ) -> StorageResult<Vec<(PersonId, PersonId)>>;

    // Reindexing: recomputing blind-index digests from opened identities.
    /// People (merged-away and erased ones too) in id order after `after`,
    /// at most `limit`.
    async fn people_after(
        &self,
        after: Option<PersonId>,
        limit: u32,
    ) -> StorageResult<Vec<StoredPerson>>;
    /// Replaces the blind-index digests of each person with the given ones,
    /// all in one transaction; people that no longer exist are skipped.
    async fn replace_person_lookups(
        &self,
        lookups: &[(PersonId, Vec<Vec<u8>>)],
    ) -> StorageResult<()>;

    /// Establishments and vehicles (erased ones too) in id order after
    /// `after`, at most `limit`.
    async fn entities_after(
        &self,
        after: Option<EntityId>,
        limit: u32,
    ) -> StorageResult<Vec<StoredEntity>>;
    /// Replaces the blind-index digests of each entity with the given ones,
    /// all in one transaction; entities that no longer exist are skipped.
    async fn replace_entity_lookups(
        &self,
        lookups: &[(EntityId, Vec<Vec<u8>>)],
    ) -> StorageResult<()>;

    /// Destroys a person's data key and blind-index digests and blanks the
    /// sealed identity, in one transaction with its audit entry: the
    /// identity can never be read again (crypto-shredding); the person's
    /// pseudonym, age band, gender and case links remain for statistics.
    async fn erase_person_identity(
        &self,
        person: PersonId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    // Governance: the role-permission table, consent and retention.

    /// Every granted (role, permission) cell as stored.
    async fn role_permissions(&self) -> StorageResult<Vec<(UserRole, Permission)>>;
    /// Replaces the whole table, in one transaction with its audit entry.
    async fn replace_role_permissions(
        &self,
        grants: &[(UserRole, Permission)],
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// Appends a consent decision (never updated) with its audit entry.
    /// `MissingReference` when the person does not exist.
    async fn insert_consent(
        &self,
        record: &ConsentRecord,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// Every consent decision of these people, in no particular order.
    async fn consents_of(&self, people: &[PersonId]) -> StorageResult<Vec<ConsentRecord>>;
    async fn retention_rules(&self) -> StorageResult<Vec<(RetainedRecord, u32)>>;
    /// Replaces every rule, in one transaction with its audit entry.
    async fn replace_retention_rules(
        &self,
        rules: &[(RetainedRecord, u32)],
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// People whose identity is still readable and whose every case is
    /// closed and unchanged since before `closed_before`, at most `limit`.
    async fn people_due_for_erasure(
        &self,
        closed_before: DateTime<Utc>,
        limit: u32,
    ) -> StorageResult<Vec<PersonId>>;
    /// Attachments whose key still exists, of cases closed and unchanged
    /// since before `closed_before`, at most `limit`.
    async fn attachments_due_for_erasure(
        &self,
        closed_before: DateTime<Utc>,
        limit: u32,
    ) -> StorageResult<Vec<AttachmentId>>;
    /// Destroys an attachment's data key with its audit entry: the file can
    /// never be opened again. `NotFound` when no key is left.
    async fn erase_attachment_key(
        &self,
        attachment: AttachmentId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// Cases closed since before `closed_before` whose free text can still
    /// be read (their data key exists), at most `limit`.
    async fn cases_due_for_text_erasure(
        &self,
        closed_before: DateTime<Utc>,
        limit: u32,
    ) -> StorageResult<Vec<CaseId>>;
    /// Destroys a case's data key and its sealed (and any clear) free text,
    /// with its audit entry. `NotFound` when no key is left.
    async fn erase_case_text(&self, case: CaseId, audit: &AuditAppend<'_>) -> StorageResult<()>;

    // Establishments and vehicles of cases, and what links records across
    // cases: blind-index digests, never plaintext.
    /// Stores an establishment or vehicle with its data key and digests, in
    /// one transaction with its audit entry; `MissingReference` when the
    /// case does not exist.
    async fn insert_case_entity(
        &self,
        entity: &StoredEntity,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    async fn get_case_entity(&self, id: EntityId) -> StorageResult<Option<StoredEntity>>;
    /// Replaces an entity's establishment kind, sealed text, data key and
    /// digests (its kind and case stay), in one transaction with its audit
    /// entry. `NotFound` when it does not exist.
    async fn update_case_entity(
        &self,
        entity: &StoredEntity,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// Removes an entity with its data key and digests, in one transaction
    /// with its audit entry. `NotFound` when it does not exist.
    async fn delete_case_entity(&self, id: EntityId, audit: &AuditAppend<'_>) -> StorageResult<()>;
    /// Entities whose key still exists, of cases closed and unchanged since
    /// before `closed_before`, at most `limit`.
    async fn entities_due_for_erasure(
        &self,
        closed_before: DateTime<Utc>,
        limit: u32,
    ) -> StorageResult<Vec<EntityId>>;
    /// Destroys an entity's data key and digests and blanks its sealed text,
    /// with its audit entry; its kind remains for statistics. `NotFound`
    /// when no key is left.
    async fn erase_entity_identity(
        &self,
        id: EntityId,
        audit: &AuditAppend<'_>,
    ) -> StorageResult<()>;
    /// A case's establishments and vehicles, oldest first.
    async fn case_entities(&self, case: CaseId) -> StorageResult<Vec<StoredEntity>>;
    /// Every entity, of any case, holding one of the digests, with the
    /// digest it matched; ordered by digest, case and entity.
    async fn entities_with_digests(
        &self,
        digests: &[Vec<u8>],
    ) -> StorageResult<Vec<(Vec<u8>, StoredEntity)>>;
    /// Every person holding one of the digests in `person_lookup`, with the
    /// digest matched; ordered by digest and person.
    async fn persons_with_digests(
        &self,
        digests: &[Vec<u8>],
    ) -> StorageResult<Vec<(Vec<u8>, PersonId)>>;

    // Many records by id in one round trip, for the network walk, which
    // otherwise asks once per node. Missing ids are left out; results come
    // in no particular order unless stated.
    /// How a user stands to each of these cases.
    async fn cases_access(
        &self,
        cases: &[CaseId],
        user: UserId,
        at: DateTime<Utc>,
    ) -> StorageResult<Vec<CaseAccess>>;
    /// How a user stands to each case each of these people takes part in,
    /// one row per person and case.
    async fn people_access(
        &self,
        people: &[PersonId],
        user: UserId,
        at: DateTime<Utc>,
    ) -> StorageResult<Vec<(PersonId, CaseAccess)>>;
    async fn case_summaries(&self, cases: &[CaseId]) -> StorageResult<Vec<CaseSummary>>;
    async fn get_people(&self, people: &[PersonId]) -> StorageResult<Vec<StoredPerson>>;
    /// The participants of each case; those of one case in the order of
    /// its case file (role, then pseudonym).
    async fn cases_participants(
        &self,
        cases: &[CaseId],
    ) -> StorageResult<Vec<(CaseId, Participant)>>;
    /// The establishments and vehicles of each case; those of one case
    /// oldest first.
    async fn cases_entities(&self, cases: &[CaseId]) -> StorageResult<Vec<StoredEntity>>;
}
