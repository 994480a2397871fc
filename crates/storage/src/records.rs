//! Records exchanged with storage that are not plain domain types.

use chrono::{DateTime, Utc};
use lantern_domain::case::CaseDetails;
use lantern_domain::person::PersonProfile;
use lantern_domain::user::{Office, User};
use lantern_domain::vocab::CaseRole;
use lantern_domain::{CaseId, Id, OfficeId, PersonId, UserId};

/// The identifying half of a person as the application layer sealed it.
/// Storage keeps these bytes and returns them unchanged.
#[derive(Clone, PartialEq, Eq)]
pub struct SealedIdentity(pub Vec<u8>);

impl std::fmt::Debug for SealedIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealedIdentity({} bytes)", self.0.len())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPerson {
    pub id: PersonId,
    pub office_id: OfficeId,
    pub profile: PersonProfile,
    pub identity: SealedIdentity,
    /// The person's data key, wrapped by a master key. `None` once the key
    /// was destroyed (erasure): the identity can then never be opened.
    pub data_key: Option<Vec<u8>>,
    /// Blind-index digests of the person's names and phone numbers. Written
    /// with the person (replacing earlier ones); not read back.
    pub lookups: Vec<Vec<u8>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct UserCredentials {
    pub user: User,
    pub password_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// SHA-256 of the cookie's secret; the secret itself is never stored.
    pub token_hash: Vec<u8>,
    pub user_id: UserId,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// How far the sign-in has got.
    pub stage: SessionStage,
    /// When the password was last entered in this session (at sign-in or
    /// re-authentication); `None` for sessions older than this field.
    pub authenticated_at: Option<DateTime<Utc>>,
}

pub enum ApiTokenKind {}
pub type ApiTokenId = Id<ApiTokenKind>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: ApiTokenId,
    pub user_id: UserId,
    pub name: String,
    pub token_hash: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub scope: TokenScope,
}

/// A case to create. `details.summary` is not stored: the summary rests
/// in `summary`, sealed under `data_key`, the case's new wrapped data key.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub id: CaseId,
    pub details: CaseDetails,
    pub summary: Option<crate::SealedText>,
    pub data_key: Vec<u8>,
    pub created_by: Option<UserId>,
    pub at: DateTime<Utc>,
}

/// A participant of a case with their stored person record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub role: CaseRole,
    pub person: StoredPerson,
}

/// Everything a case page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFile {
    pub case: crate::StoredCase,
    /// The case team's accounts, by display name.
    pub team: Vec<User>,
    pub participants: Vec<Participant>,
    /// Newest first.
    pub events: Vec<crate::StoredEvent>,
    pub attachments: Vec<crate::StoredAttachment>,
}

/// Which cases a query may return: decided by the access policy, enforced
/// in the query itself so a list never contains what its reader may not see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseScope {
    /// Every case.
    All,
    /// Every case of one office.
    Office(OfficeId),
    /// Cases whose team includes the user or for which the user holds a live
    /// break-glass grant, and, when `office` is set, every case of it.
    Member {
        user: UserId,
        office: Option<OfficeId>,
        at: DateTime<Utc>,
    },
}

/// A case-list query: what the reader asked for, within what they may see.
#[derive(Debug, Clone)]
pub struct CaseQuery {
    pub filter: lantern_domain::case::CaseFilter,
    /// Blind-index digests of the search text as a name and as a phone
    /// number; cases with a person matching one are found too.
    pub identity_digests: Vec<Vec<u8>>,
    pub scope: CaseScope,
}

impl CaseQuery {
    /// Every case, unfiltered: for administration at the console and tests,
    /// never for a signed-in user (their scope comes from the policy).
    pub fn everything() -> Self {
        Self {
            filter: lantern_domain::case::CaseFilter::default(),
            identity_digests: Vec::new(),
            scope: CaseScope::All,
        }
    }
}

/// How one user stands to one case, for access decisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseAccess {
    pub case_id: CaseId,
    pub office_id: OfficeId,
    pub on_team: bool,
    /// End of the user's live break-glass grant on this case, if any.
    pub grant_until: Option<DateTime<Utc>>,
}

pub enum BreakGlassKind {}
pub type BreakGlassId = Id<BreakGlassKind>;

/// Emergency access to a case outside one's team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakGlassGrant {
    pub id: BreakGlassId,
    pub user_id: UserId,
    pub case_id: CaseId,
    pub reason: String,
    pub granted_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A wrapped data key and whose data it protects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDataKey {
    pub owner: uuid::Uuid,
    pub wrapped: Vec<u8>,
}

/// The last case-reference sequence number used per office and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferenceCounter {
    pub office_id: OfficeId,
    pub year: i32,
    pub last_sequence: u32,
}

/// A complete data set for import: demo data or a migration from another
/// system.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub offices: Vec<Office>,
    pub users: Vec<(User, String)>,
    pub cases: Vec<crate::StoredCase>,
    pub persons: Vec<StoredPerson>,
    pub participants: Vec<(CaseId, PersonId, CaseRole)>,
    pub events: Vec<crate::StoredEvent>,
    pub counters: Vec<ReferenceCounter>,
    /// Establishments and vehicles of the cases.
    pub entities: Vec<crate::StoredEntity>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub offices: u64,
    pub users: u64,
    pub cases: u64,
    pub persons: u64,
    pub events: u64,
}

/// How far a session has signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    /// The password was right. Enough for roles that need no second factor;
    /// for the others it reaches only second-factor enrolment and sign-out.
    Password,
    /// The password was right and the account has a second factor: the
    /// session only waits for a code.
    AwaitingCode,
    /// The password and a second factor were right.
    TwoFactor,
}

impl SessionStage {
    pub fn code(self) -> &'static str {
        match self {
            SessionStage::Password => "password",
            SessionStage::AwaitingCode => "awaiting_code",
            SessionStage::TwoFactor => "two_factor",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "password" => Some(SessionStage::Password),
            "awaiting_code" => Some(SessionStage::AwaitingCode),
            "two_factor" => Some(SessionStage::TwoFactor),
            _ => None,
        }
    }
}

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenScope {
    Read,
    ReadWrite,
}

impl TokenScope {
    pub fn code(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::ReadWrite => "read_write",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "read" => Some(TokenScope::Read),
            "read_write" => Some(TokenScope::ReadWrite),
            _ => None,
        }
    }
}

/// Consecutive failed sign-ins under one username key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottle {
    pub failures: u32,
    pub last_failure_at: DateTime<Utc>,
}

/// A TOTP secret as the application layer sealed it: opaque bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct SealedSecret(pub Vec<u8>);

impl std::fmt::Debug for SealedSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealedSecret({} bytes)", self.0.len())
    }
}

/// A user's TOTP second factor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondFactorRecord {
    pub user_id: UserId,
    pub sealed_secret: SealedSecret,
    pub created_at: DateTime<Utc>,
    /// `None` while enrolment waits for the first code.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The last TOTP time step accepted; later codes must be newer.
    pub last_used_step: i64,
}

/// One recorded action: who did what to which record, when, and why.
/// Field names, never field values: the log itself holds nothing identifying.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    pub actor: Option<UserId>,
    /// What happened, e.g. `case.update`, `person.view-identity`.
    pub action: String,
    /// The kind of record acted on, e.g. `case`, `person`.
    pub record_kind: String,
    pub record_id: Option<uuid::Uuid>,
    /// Which fields were read or written.
    pub fields: Vec<String>,
    /// The reason given (break-glass).
    pub reason: Option<String>,
    /// Where the request came from.
    pub client: Option<String>,
}

impl AuditEvent {
    /// The exact bytes the chain links: the event as JSON in declaration
    /// order, so a row read back gives the same bytes as when written.
    pub fn canonical(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// Links audit entries into a chain and signs its head: implemented with
/// keys storage never sees.
pub trait AuditChain: Send + Sync {
    fn link(&self, previous: &[u8; 32], seq: i64, canonical: &[u8]) -> [u8; 32];
    fn sign_head(&self, seq: i64, head: &[u8; 32]) -> [u8; 64];
    /// A checkpoint is written every this many entries.
    fn checkpoint_every(&self) -> i64;
}

/// An event to append, with the chain that links it.
pub struct AuditAppend<'a> {
    pub event: AuditEvent,
    pub chain: &'a dyn AuditChain,
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub seq: i64,
    pub event: AuditEvent,
    pub link: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditCheckpoint {
    pub seq: i64,
    pub head: Vec<u8>,
    pub signature: Vec<u8>,
    pub at: DateTime<Utc>,
}

/// What the audit page narrows by.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<UserId>,
    pub record_id: Option<uuid::Uuid>,
    pub action_prefix: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

pub enum DuplicatePairKind {}
pub type DuplicatePairId = Id<DuplicatePairKind>;

/// Which colliding pairs a scan asks for: those where either person is a
/// suspect in some case are scored first, so a scan cut short has covered
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollisionScope {
    /// At least one of the two is a suspect in some case.
    SuspectInvolved,
    /// Neither is a suspect anywhere.
    NoSuspect,
}

/// Where a probable same-person pair stands in the review queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairStatus {
    Pending,
    Merged,
    Dismissed,
}

impl PairStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Merged => "merged",
            Self::Dismissed => "dismissed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Pending, Self::Merged, Self::Dismissed]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// A probable same-person pair found by the duplicate scan. It holds ids, a
/// probability and reason codes: never an identifying value.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicatePair {
    pub id: DuplicatePairId,
    /// The pair in id order: `person_a < person_b`.
    pub person_a: PersonId,
    pub person_b: PersonId,
    pub probability: f64,
    /// Reason codes separated by spaces (see `lantern_domain::duplicate`).
    pub reasons: String,
    /// Either person takes part in a case as a suspect: reviewed first.
    pub involves_suspect: bool,
    pub status: PairStatus,
    pub found_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<UserId>,
}

/// Who decided about a pair, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairDecision {
    pub pair: DuplicatePairId,
    pub by: UserId,
    pub at: DateTime<Utc>,
}

impl AuditAppend<'_> {
    /// The same entry with one more field, for a value only the storage
    /// transaction knows (e.g. how many sessions it ended).
    pub fn with_field(&self, field: String) -> AuditAppend<'_> {
        let mut event = self.event.clone();
        event.fields.push(field);
        AuditAppend {
            event,
            chain: self.chain,
        }
    }
}
