//! What both SQL backends share: the shape of rows and how a row becomes a
//! domain value. `sqlx::FromRow` derives are generic over the database, so
//! one row type serves SQLite and PostgreSQL alike; only the SQL dialect and
//! the connection handling stay in each backend.

use chrono::{DateTime, NaiveDate, Utc};
use lantern_domain::attachment::{Attachment, AttachmentType};
use lantern_domain::case::{Case, CaseDetails, CaseReference, CaseSummary};
use lantern_domain::event::{CaseEvent, EventDetails};
use lantern_domain::iso::CountryCode;
use lantern_domain::person::PersonProfile;
use lantern_domain::user::{Office, User};
use lantern_domain::vocab::{CaseRole, Vocabulary};
use lantern_domain::Id;
use lantern_storage::{
    ApiTokenRecord, LoginThrottle, Participant, SealedIdentity, SealedSecret, SecondFactorRecord,
    SessionRecord, SessionStage, StorageError, StorageResult, StoredPerson, TokenScope,
};
use uuid::Uuid;

mod audit;
mod entities;
pub use audit::{link_after, LinkedEntry, AUDIT_ROWS_PER_INSERT};
pub use entities::{EntityRow, MatchedEntityRow, ENTITY_COLUMNS};

/// Reads a vocabulary code back; an unknown code means the row was written
/// by something other than Lantern.
pub fn decode<V: Vocabulary>(code: &str, what: &'static str) -> StorageResult<V> {
    V::from_code(code).map_err(|_| StorageError::Corrupt(what))
}

/// Each case's exploitation types as `(case, code)` rows, for bulk loads.
pub fn exploitation_rows<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Vec<(Uuid, &'a str)> {
    cases
        .into_iter()
        .flat_map(|c| {
            c.details
                .exploitation_types
                .iter()
                .map(|k| (c.id.as_uuid(), k.code()))
        })
        .collect()
}

/// Each case's team as `(case, user)` rows, for bulk loads.
pub fn team_rows<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Vec<(Uuid, Uuid)> {
    cases
        .into_iter()
        .flat_map(|c| c.details.team.iter().map(|u| (c.id.as_uuid(), u.as_uuid())))
        .collect()
}

pub fn id<T>(uuid: Uuid) -> Id<T> {
    Id::from_uuid(uuid)
}

/// Bounds for a prefix search as a half-open range, so it runs as an index
/// range scan on both engines (byte-ordered text).
pub fn prefix_range(prefix: &str) -> (String, String) {
    (prefix.to_owned(), format!("{prefix}\u{10FFFF}"))
}

#[derive(sqlx::FromRow)]
pub struct OfficeRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub country: String,
    pub region: String,
}

impl OfficeRow {
    pub fn into_office(self) -> StorageResult<Office> {
        Ok(Office {
            id: id(self.id),
            code: self.code,
            name: self.name,
            country: CountryCode::parse(&self.country)
                .map_err(|_| StorageError::Corrupt("office"))?,
            region: self.region,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub office_id: Uuid,
    pub language: String,
    pub disabled: bool,
    pub supervisor: bool,
    pub created_at: DateTime<Utc>,
}

/// The columns of `UserRow` for a query over `users u`.
pub const USER_COLUMNS: &str =
    "u.id, u.username, u.display_name, u.role, u.office_id, u.language, u.disabled, \
     EXISTS (SELECT 1 FROM supervisors s WHERE s.user_id = u.id) AS supervisor, u.created_at";

impl UserRow {
    pub fn into_user(self) -> StorageResult<User> {
        Ok(User {
            id: id(self.id),
            username: self.username,
            display_name: self.display_name,
            role: decode(&self.role, "user")?,
            office_id: id(self.office_id),
            language: self.language,
            disabled: self.disabled,
            supervisor: self.supervisor,
            created_at: self.created_at,
        })
    }
}

/// A session joined with its user (columns prefixed `s_`).
#[derive(sqlx::FromRow)]
pub struct SessionRow {
    pub s_token_hash: Vec<u8>,
    pub s_csrf_token: String,
    pub s_created_at: DateTime<Utc>,
    pub s_last_seen_at: DateTime<Utc>,
    pub s_expires_at: DateTime<Utc>,
    pub s_stage: String,
    pub s_authenticated_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    pub user: UserRow,
}

impl SessionRow {
    pub fn into_session(self) -> StorageResult<(SessionRecord, User)> {
        let user = self.user.into_user()?;
        Ok((
            SessionRecord {
                token_hash: self.s_token_hash,
                user_id: user.id,
                csrf_token: self.s_csrf_token,
                created_at: self.s_created_at,
                last_seen_at: self.s_last_seen_at,
                expires_at: self.s_expires_at,
                stage: SessionStage::from_code(&self.s_stage)
                    .ok_or(StorageError::Corrupt("session"))?,
                authenticated_at: self.s_authenticated_at,
            },
            user,
        ))
    }
}

/// A session without its user (columns prefixed `s_`).
#[derive(sqlx::FromRow)]
pub struct BareSessionRow {
    pub s_token_hash: Vec<u8>,
    pub s_user_id: Uuid,
    pub s_csrf_token: String,
    pub s_created_at: DateTime<Utc>,
    pub s_last_seen_at: DateTime<Utc>,
    pub s_expires_at: DateTime<Utc>,
    pub s_stage: String,
    pub s_authenticated_at: Option<DateTime<Utc>>,
}

impl BareSessionRow {
    pub fn into_session(self) -> StorageResult<SessionRecord> {
        Ok(SessionRecord {
            token_hash: self.s_token_hash,
            user_id: id(self.s_user_id),
            csrf_token: self.s_csrf_token,
            created_at: self.s_created_at,
            last_seen_at: self.s_last_seen_at,
            expires_at: self.s_expires_at,
            stage: SessionStage::from_code(&self.s_stage)
                .ok_or(StorageError::Corrupt("session"))?,
            authenticated_at: self.s_authenticated_at,
        })
    }
}

/// The columns of a session, prefixed `s_`, for `sessions s`.
pub const SESSION_COLUMNS: &str = "s.token_hash AS s_token_hash, s.csrf_token AS s_csrf_token, \
     s.created_at AS s_created_at, s.last_seen_at AS s_last_seen_at, s.expires_at AS s_expires_at, \
     s.stage AS s_stage, s.authenticated_at AS s_authenticated_at";

#[derive(sqlx::FromRow)]
pub struct SecondFactorRow {
    pub user_id: Uuid,
    pub sealed_secret: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub last_used_step: i64,
}

impl SecondFactorRow {
    pub fn into_record(self) -> SecondFactorRecord {
        SecondFactorRecord {
            user_id: id(self.user_id),
            sealed_secret: SealedSecret(self.sealed_secret),
            created_at: self.created_at,
            confirmed_at: self.confirmed_at,
            last_used_step: self.last_used_step,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct LoginThrottleRow {
    pub failures: i64,
    pub last_failure_at: DateTime<Utc>,
}

impl LoginThrottleRow {
    pub fn into_throttle(self) -> LoginThrottle {
        LoginThrottle {
            failures: u32::try_from(self.failures).unwrap_or(u32::MAX),
            last_failure_at: self.last_failure_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct ApiTokenRow {
    pub t_id: Uuid,
    pub t_user_id: Uuid,
    pub t_name: String,
    pub t_token_hash: Vec<u8>,
    pub t_created_at: DateTime<Utc>,
    pub t_revoked_at: Option<DateTime<Utc>>,
    pub t_scope: String,
}

impl ApiTokenRow {
    pub fn into_token(self) -> StorageResult<ApiTokenRecord> {
        Ok(ApiTokenRecord {
            id: id(self.t_id),
            user_id: id(self.t_user_id),
            name: self.t_name,
            token_hash: self.t_token_hash,
            created_at: self.t_created_at,
            revoked_at: self.t_revoked_at,
            scope: TokenScope::from_code(&self.t_scope)
                .ok_or(StorageError::Corrupt("api token"))?,
        })
    }
}

/// An API token joined with its owner.
#[derive(sqlx::FromRow)]
pub struct ApiTokenUserRow {
    #[sqlx(flatten)]
    pub token: ApiTokenRow,
    #[sqlx(flatten)]
    pub user: UserRow,
}

#[derive(sqlx::FromRow)]
pub struct CaseRow {
    pub id: Uuid,
    pub reference: String,
    pub intake_date: NaiveDate,
    pub intake_source: String,
    pub status: String,
    pub place_of_recruitment: Option<String>,
    pub place_of_exploitation: Option<String>,
    pub summary: Option<String>,
    pub office_id: Uuid,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The case's exploitation types, comma-separated (aggregated in SQL so
    /// one query reads a whole case).
    pub exploitation_codes: Option<String>,
    /// The team's user ids, comma-separated, hyphenated or plain hex.
    pub team_codes: Option<String>,
    pub summary_sealed: Option<Vec<u8>>,
    /// The case's wrapped data key, under which its free text is sealed.
    pub data_key: Option<Vec<u8>>,
}

/// Splits an aggregated, comma-separated column; `None` is an empty list.
fn split_codes(codes: Option<&str>) -> impl Iterator<Item = &str> {
    codes.unwrap_or("").split(',').filter(|c| !c.is_empty())
}

fn exploitation_list(
    codes: Option<&str>,
) -> StorageResult<Vec<lantern_domain::vocab::ExploitationType>> {
    let mut kinds = split_codes(codes)
        .map(|code| decode(code, "case"))
        .collect::<StorageResult<Vec<_>>>()?;
    kinds.sort_unstable();
    Ok(kinds)
}

impl CaseRow {
    pub fn into_stored_case(mut self) -> StorageResult<lantern_storage::StoredCase> {
        let summary = self.summary_sealed.take().map(lantern_storage::SealedText);
        let data_key = self.data_key.take();
        Ok(lantern_storage::StoredCase {
            case: self.into_case()?,
            summary,
            data_key,
        })
    }

    fn into_case(self) -> StorageResult<Case> {
        let exploitation_types = exploitation_list(self.exploitation_codes.as_deref())?;
        let mut team = split_codes(self.team_codes.as_deref())
            .map(|code| {
                Uuid::parse_str(code)
                    .map(id)
                    .map_err(|_| StorageError::Corrupt("case team"))
            })
            .collect::<StorageResult<Vec<_>>>()?;
        team.sort_unstable();
        Ok(Case {
            id: id(self.id),
            reference: CaseReference::from_stored(self.reference),
            details: CaseDetails {
                intake_date: self.intake_date,
                intake_source: decode(&self.intake_source, "case")?,
                status: decode(&self.status, "case")?,
                exploitation_types,
                place_of_recruitment: self.place_of_recruitment,
                place_of_exploitation: self.place_of_exploitation,
                summary: self.summary,
                owning_office: id(self.office_id),
                team,
            },
            created_by: self.created_by.map(id),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct CaseSummaryRow {
    pub id: Uuid,
    pub reference: String,
    pub intake_date: NaiveDate,
    pub status: String,
    pub office_id: Uuid,
    pub people_count: i64,
    pub exploitation_codes: Option<String>,
}

impl CaseSummaryRow {
    pub fn into_summary(self) -> StorageResult<CaseSummary> {
        let exploitation_types = exploitation_list(self.exploitation_codes.as_deref())?;
        Ok(CaseSummary {
            id: id(self.id),
            reference: CaseReference::from_stored(self.reference),
            intake_date: self.intake_date,
            status: decode(&self.status, "case")?,
            exploitation_types,
            owning_office: id(self.office_id),
            people_count: u32::try_from(self.people_count).unwrap_or(u32::MAX),
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct PersonRow {
    pub id: Uuid,
    pub office_id: Uuid,
    pub pseudonym: String,
    pub age_band: String,
    pub gender: String,
    pub identity: Vec<u8>,
    pub data_key: Option<Vec<u8>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The columns of `PersonRow` for a query over `persons p` left-joined with
/// `data_keys k ON k.owner_id = p.id`.
pub const PERSON_COLUMNS: &str =
    "p.id, p.office_id, p.pseudonym, p.age_band, p.gender, p.identity, \
     k.wrapped AS data_key, p.created_at, p.updated_at";

impl PersonRow {
    pub fn into_person(self) -> StorageResult<StoredPerson> {
        Ok(StoredPerson {
            id: id(self.id),
            office_id: id(self.office_id),
            profile: PersonProfile {
                pseudonym: self.pseudonym,
                age_band: decode(&self.age_band, "person")?,
                gender: decode(&self.gender, "person")?,
            },
            identity: SealedIdentity(self.identity),
            data_key: self.data_key,
            lookups: Vec::new(),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct ParticipantRow {
    pub role: String,
    #[sqlx(flatten)]
    pub person: PersonRow,
}

impl ParticipantRow {
    pub fn into_participant(self) -> StorageResult<Participant> {
        Ok(Participant {
            role: decode::<CaseRole>(&self.role, "participant")?,
            person: self.person.into_person()?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct EventRow {
    pub id: Uuid,
    pub case_id: Uuid,
    pub occurred_on: NaiveDate,
    pub kind: String,
    pub title: String,
    pub note: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: DateTime<Utc>,
    pub title_sealed: Option<Vec<u8>>,
    pub note_sealed: Option<Vec<u8>>,
}

/// The columns an `EventRow` reads, of table `case_events` unqualified.
pub const EVENT_COLUMNS: &str =
    "id, case_id, occurred_on, kind, title, note, recorded_by, recorded_at, title_sealed, note_sealed";

impl EventRow {
    pub fn into_event(mut self) -> StorageResult<lantern_storage::StoredEvent> {
        let title = self.title_sealed.take().map(lantern_storage::SealedText);
        let note = self.note_sealed.take().map(lantern_storage::SealedText);
        Ok(lantern_storage::StoredEvent {
            event: self.into_clear_event()?,
            title,
            note,
        })
    }

    fn into_clear_event(self) -> StorageResult<CaseEvent> {
        Ok(CaseEvent {
            id: id(self.id),
            case_id: id(self.case_id),
            details: EventDetails {
                occurred_on: self.occurred_on,
                kind: decode(&self.kind, "event")?,
                title: self.title,
                note: self.note,
            },
            recorded_by: self.recorded_by.map(id),
            recorded_at: self.recorded_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: Uuid,
    pub case_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
    pub file_name_sealed: Option<Vec<u8>>,
}

/// The columns an `AttachmentRow` reads; `a` is the attachment.
pub const ATTACHMENT_COLUMNS: &str =
    "a.id, a.case_id, a.file_name, a.content_type, a.size_bytes, a.sha256, \
     a.uploaded_by, a.uploaded_at, a.file_name_sealed";

impl AttachmentRow {
    pub fn into_attachment(mut self) -> StorageResult<lantern_storage::StoredAttachment> {
        let file_name = self
            .file_name_sealed
            .take()
            .map(lantern_storage::SealedText);
        Ok(lantern_storage::StoredAttachment {
            attachment: self.into_clear_attachment()?,
            file_name,
        })
    }

    fn into_clear_attachment(self) -> StorageResult<Attachment> {
        Ok(Attachment {
            id: id(self.id),
            case_id: id(self.case_id),
            file_name: self.file_name,
            content_type: AttachmentType::from_mime(&self.content_type)
                .ok_or(StorageError::Corrupt("attachment"))?,
            size_bytes: u64::try_from(self.size_bytes)
                .map_err(|_| StorageError::Corrupt("attachment"))?,
            sha256: self.sha256,
            uploaded_by: self.uploaded_by.map(id),
            uploaded_at: self.uploaded_at,
        })
    }
}

/// Maps a driver error to a storage error, naming the violated constraint's
/// kind but never the offending value.
pub fn classify(error: sqlx::Error, what: &'static str) -> StorageError {
    if let sqlx::Error::Database(db) = &error {
        match db.kind() {
            sqlx::error::ErrorKind::UniqueViolation => return StorageError::Conflict(what),
            sqlx::error::ErrorKind::ForeignKeyViolation => {
                return StorageError::MissingReference(what)
            }
            _ => {}
        }
    }
    if matches!(error, sqlx::Error::RowNotFound) {
        return StorageError::NotFound(what);
    }
    StorageError::Database(Box::new(error))
}

#[derive(sqlx::FromRow)]
pub struct CaseAccessRow {
    pub case_id: Uuid,
    pub office_id: Uuid,
    pub on_team: bool,
    pub grant_until: Option<DateTime<Utc>>,
}

impl CaseAccessRow {
    pub fn into_access(self) -> lantern_storage::CaseAccess {
        lantern_storage::CaseAccess {
            case_id: id(self.case_id),
            office_id: id(self.office_id),
            on_team: self.on_team,
            grant_until: self.grant_until,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct BreakGlassRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub case_id: Uuid,
    pub reason: String,
    pub granted_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl BreakGlassRow {
    pub fn into_grant(self) -> lantern_storage::BreakGlassGrant {
        lantern_storage::BreakGlassGrant {
            id: id(self.id),
            user_id: id(self.user_id),
            case_id: id(self.case_id),
            reason: self.reason,
            granted_at: self.granted_at,
            expires_at: self.expires_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct DataKeyRow {
    pub owner_id: Uuid,
    pub wrapped: Vec<u8>,
}

impl DataKeyRow {
    pub fn into_key(self) -> lantern_storage::StoredDataKey {
        lantern_storage::StoredDataKey {
            owner: self.owner_id,
            wrapped: self.wrapped,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct PermissionRow {
    pub role: String,
    pub permission: String,
}

impl PermissionRow {
    pub fn into_grant(
        self,
    ) -> StorageResult<(
        lantern_domain::vocab::UserRole,
        lantern_domain::vocab::Permission,
    )> {
        Ok((
            decode(&self.role, "role permission")?,
            decode(&self.permission, "role permission")?,
        ))
    }
}

#[derive(sqlx::FromRow)]
pub struct RetentionRow {
    pub record_type: String,
    pub keep_days: i64,
}

impl RetentionRow {
    pub fn into_rule(self) -> StorageResult<(lantern_domain::vocab::RetainedRecord, u32)> {
        let days =
            u32::try_from(self.keep_days).map_err(|_| StorageError::Corrupt("retention rule"))?;
        Ok((decode(&self.record_type, "retention rule")?, days))
    }
}

#[derive(sqlx::FromRow)]
pub struct ConsentRow {
    pub id: Uuid,
    pub person_id: Uuid,
    pub purpose: String,
    pub decision: String,
    pub given_by: String,
    pub informed: String,
    pub decided_on: NaiveDate,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: DateTime<Utc>,
}

/// How a consent's "informed of" list rests in one column.
pub fn informed_codes(informed: &[lantern_domain::vocab::ConsentInformed]) -> String {
    informed
        .iter()
        .map(|i| i.code())
        .collect::<Vec<_>>()
        .join(",")
}

impl ConsentRow {
    pub fn into_record(self) -> StorageResult<lantern_domain::consent::ConsentRecord> {
        const WHAT: &str = "consent";
        let informed = self
            .informed
            .split(',')
            .filter(|code| !code.is_empty())
            .map(|code| decode(code, WHAT))
            .collect::<StorageResult<Vec<_>>>()?;
        Ok(lantern_domain::consent::ConsentRecord {
            id: id(self.id),
            person_id: id(self.person_id),
            details: lantern_domain::consent::ConsentDetails {
                purpose: decode(&self.purpose, WHAT)?,
                decision: decode(&self.decision, WHAT)?,
                given_by: decode(&self.given_by, WHAT)?,
                informed,
                decided_on: self.decided_on,
            },
            recorded_by: self.recorded_by.map(id),
            recorded_at: self.recorded_at,
        })
    }
}

/// Columns of a review-queue row, for [`DuplicatePairRow`].
pub const DUPLICATE_PAIR_COLUMNS: &str =
    "id, person_a, person_b, probability, reasons, involves_suspect, \
     status, found_at, decided_at, decided_by";

#[derive(sqlx::FromRow)]
pub struct DuplicatePairRow {
    pub id: Uuid,
    pub person_a: Uuid,
    pub person_b: Uuid,
    pub probability: f64,
    pub reasons: String,
    pub involves_suspect: bool,
    pub status: String,
    pub found_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<Uuid>,
}

impl DuplicatePairRow {
    pub fn into_pair(self) -> StorageResult<lantern_storage::DuplicatePair> {
        Ok(lantern_storage::DuplicatePair {
            id: id(self.id),
            person_a: id(self.person_a),
            person_b: id(self.person_b),
            probability: self.probability,
            reasons: self.reasons,
            involves_suspect: self.involves_suspect,
            status: lantern_storage::PairStatus::from_code(&self.status)
                .ok_or(StorageError::Corrupt("duplicate pair"))?,
            found_at: self.found_at,
            decided_at: self.decided_at,
            decided_by: self.decided_by.map(id),
        })
    }
}
