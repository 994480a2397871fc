//! The API's wire types: what clients send and receive, kept apart from
//! domain types so the domain can change without breaking clients.

use chrono::{DateTime, NaiveDate, Utc};
use lantern_app::cases::CaseView;
use lantern_app::people::PersonView;
use lantern_domain::attachment::Attachment;
use lantern_domain::case::{Case, CaseInput, CaseSummary};
use lantern_domain::event::{CaseEvent, EventInput};
use lantern_domain::page::Page;
use lantern_domain::person::PersonInput;
use lantern_domain::user::{Office, User};
use lantern_domain::vocab::Vocabulary;
use lantern_domain::Sensitive;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct OfficeOut {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub region: String,
}

impl From<Office> for OfficeOut {
    fn from(o: Office) -> Self {
        Self {
            id: o.id.as_uuid(),
            code: o.code,
            name: o.name,
            country: o.country.as_str().to_owned(),
            region: o.region,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct UserOut {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    /// One of admin, case_worker, investigator, lawyer, me_analyst, partner_viewer.
    pub role: String,
    pub office_id: Uuid,
    pub language: String,
}

impl From<&User> for UserOut {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.as_uuid(),
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role.code().to_owned(),
            office_id: u.office_id.as_uuid(),
            language: u.language.clone(),
        }
    }
}

fn codes<V: Vocabulary>(values: &[V]) -> Vec<String> {
    values.iter().map(|v| v.code().to_owned()).collect()
}

#[derive(Serialize, ToSchema)]
pub struct CaseSummaryOut {
    pub id: Uuid,
    pub reference: String,
    pub intake_date: NaiveDate,
    /// HTCDS `cas_Status`.
    pub status: String,
    /// HTCDS `vic_TypeOfExploitation` values.
    pub exploitation_types: Vec<String>,
    pub owning_office: Uuid,
    pub people_count: u32,
}

impl From<CaseSummary> for CaseSummaryOut {
    fn from(c: CaseSummary) -> Self {
        Self {
            id: c.id.as_uuid(),
            reference: c.reference.to_string(),
            intake_date: c.intake_date,
            status: c.status.code().to_owned(),
            exploitation_types: codes(&c.exploitation_types),
            owning_office: c.owning_office.as_uuid(),
            people_count: c.people_count,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CasePageOut {
    pub items: Vec<CaseSummaryOut>,
    pub page: u32,
    pub per_page: u32,
    /// Matches are counted up to 10,001; beyond that `total_is_lower_bound`.
    pub total: u64,
    pub total_is_lower_bound: bool,
}

impl From<Page<CaseSummary>> for CasePageOut {
    fn from(p: Page<CaseSummary>) -> Self {
        Self {
            total_is_lower_bound: p.total_is_lower_bound(),
            page: p.page,
            per_page: p.per_page,
            total: p.total,
            items: p.items.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CaseOut {
    pub id: Uuid,
    pub reference: String,
    pub intake_date: NaiveDate,
    pub intake_source: String,
    pub status: String,
    pub exploitation_types: Vec<String>,
    pub place_of_recruitment: Option<String>,
    pub place_of_exploitation: Option<String>,
    pub summary: Option<String>,
    pub owning_office: Uuid,
    pub team: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&Case> for CaseOut {
    fn from(c: &Case) -> Self {
        let d = &c.details;
        Self {
            id: c.id.as_uuid(),
            reference: c.reference.to_string(),
            intake_date: d.intake_date,
            intake_source: d.intake_source.code().to_owned(),
            status: d.status.code().to_owned(),
            exploitation_types: codes(&d.exploitation_types),
            place_of_recruitment: d.place_of_recruitment.clone(),
            place_of_exploitation: d.place_of_exploitation.clone(),
            summary: d.summary.clone(),
            owning_office: d.owning_office.as_uuid(),
            team: d.team.iter().map(|u| u.as_uuid()).collect(),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// A case as a client writes it.
#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct CaseIn {
    /// `YYYY-MM-DD`, not in the future.
    pub intake_date: String,
    pub intake_source: String,
    pub status: String,
    pub exploitation_types: Vec<String>,
    pub place_of_recruitment: String,
    pub place_of_exploitation: String,
    pub summary: String,
    pub owning_office: String,
    pub team: Vec<String>,
}

impl From<CaseIn> for CaseInput {
    fn from(c: CaseIn) -> Self {
        CaseInput {
            intake_date: c.intake_date,
            intake_source: c.intake_source,
            status: c.status,
            exploitation_types: c.exploitation_types,
            place_of_recruitment: c.place_of_recruitment,
            place_of_exploitation: c.place_of_exploitation,
            summary: c.summary,
            owning_office: c.owning_office,
            team: c.team,
        }
    }
}

/// Identifying facts; present only for those allowed to see them.
#[derive(Serialize, ToSchema)]
pub struct IdentityOut {
    pub legal_name: Option<String>,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub estimated_age: Option<u8>,
    pub citizenships: Vec<String>,
    pub languages: Vec<String>,
    pub phones: Vec<String>,
    pub addresses: Vec<String>,
    pub identifying_marks: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PersonOut {
    pub id: Uuid,
    pub office_id: Uuid,
    pub pseudonym: String,
    pub age_band: String,
    pub gender: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityOut>,
    pub updated_at: DateTime<Utc>,
}

impl From<&PersonView> for PersonOut {
    fn from(p: &PersonView) -> Self {
        Self {
            id: p.id.as_uuid(),
            office_id: p.office_id.as_uuid(),
            pseudonym: p.profile.pseudonym.clone(),
            age_band: p.profile.age_band.code().to_owned(),
            gender: p.profile.gender.code().to_owned(),
            identity: p.identity.as_ref().map(|i| {
                let i = i.expose();
                IdentityOut {
                    legal_name: i.legal_name.clone(),
                    aliases: i.aliases.clone(),
                    date_of_birth: i.date_of_birth,
                    estimated_age: i.estimated_age,
                    citizenships: i
                        .citizenships
                        .iter()
                        .map(|c| c.as_str().to_owned())
                        .collect(),
                    languages: i.languages.iter().map(|c| c.as_str().to_owned()).collect(),
                    phones: i.phones.clone(),
                    addresses: i.addresses.clone(),
                    identifying_marks: i.identifying_marks.clone(),
                }
            }),
            updated_at: p.updated_at,
        }
    }
}

/// A person as a client writes them.
#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct PersonIn {
    pub pseudonym: String,
    /// HTCDS `prs_Gender`.
    pub gender: String,
    pub legal_name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: String,
    pub estimated_age: Option<u8>,
    /// ISO 3166-1 alpha-2 codes.
    pub citizenships: Vec<String>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    pub phones: Vec<String>,
    pub addresses: Vec<String>,
    pub identifying_marks: String,
    /// Save even though possible duplicates were reported (409
    /// `possible-duplicates`): the caller confirmed this is a new person.
    pub acknowledge_duplicates: bool,
}

impl From<PersonIn> for PersonInput {
    fn from(p: PersonIn) -> Self {
        // Lists travel as one value per line through the same rules as the
        // forms; a value with a line break of its own becomes two values,
        // each still checked.
        let lines = |v: Vec<String>| Sensitive::new(v.join("\n"));
        PersonInput {
            pseudonym: p.pseudonym,
            gender: p.gender,
            legal_name: Sensitive::new(p.legal_name),
            aliases: lines(p.aliases),
            date_of_birth: Sensitive::new(p.date_of_birth),
            estimated_age: Sensitive::new(
                p.estimated_age.map(|a| a.to_string()).unwrap_or_default(),
            ),
            citizenships: Sensitive::new(p.citizenships.join(",")),
            languages: Sensitive::new(p.languages.join(",")),
            phones: lines(p.phones),
            addresses: lines(p.addresses),
            identifying_marks: Sensitive::new(p.identifying_marks),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewParticipantIn {
    /// Victim, Suspect, Witness, Guardian or Official.
    pub role: String,
    pub person: PersonIn,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedOut {
    pub id: Uuid,
}

#[derive(Serialize, ToSchema)]
pub struct EventOut {
    pub id: Uuid,
    pub occurred_on: NaiveDate,
    pub kind: String,
    pub title: String,
    pub note: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: DateTime<Utc>,
}

impl From<&CaseEvent> for EventOut {
    fn from(e: &CaseEvent) -> Self {
        Self {
            id: e.id.as_uuid(),
            occurred_on: e.details.occurred_on,
            kind: e.details.kind.code().to_owned(),
            title: e.details.title.clone(),
            note: e.details.note.clone(),
            recorded_by: e.recorded_by.map(|u| u.as_uuid()),
            recorded_at: e.recorded_at,
        }
    }
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct EventIn {
    pub occurred_on: String,
    pub kind: String,
    pub title: String,
    pub note: String,
}

impl From<EventIn> for EventInput {
    fn from(e: EventIn) -> Self {
        EventInput {
            occurred_on: e.occurred_on,
            kind: e.kind,
            title: e.title,
            note: e.note,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AttachmentOut {
    pub id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: u64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
}

impl From<&Attachment> for AttachmentOut {
    fn from(a: &Attachment) -> Self {
        Self {
            id: a.id.as_uuid(),
            file_name: a.file_name.clone(),
            content_type: a.content_type.mime().to_owned(),
            size_bytes: a.size_bytes,
            sha256: a.sha256.clone(),
            uploaded_at: a.uploaded_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ParticipantOut {
    pub role: String,
    pub person: PersonOut,
}

#[derive(Serialize, ToSchema)]
pub struct CaseFileOut {
    pub case: CaseOut,
    pub participants: Vec<ParticipantOut>,
    pub events: Vec<EventOut>,
    pub attachments: Vec<AttachmentOut>,
}

impl From<&CaseView> for CaseFileOut {
    fn from(v: &CaseView) -> Self {
        Self {
            case: (&v.case).into(),
            participants: v
                .participants
                .iter()
                .map(|p| ParticipantOut {
                    role: p.role.code().to_owned(),
                    person: (&p.person).into(),
                })
                .collect(),
            events: v.events.iter().map(Into::into).collect(),
            attachments: v.attachments.iter().map(Into::into).collect(),
        }
    }
}

/// A consent decision as sent: codes from the vocabularies in the schema's
/// descriptions.
#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ConsentIn {
    /// `services`, `sharing` or `data_use`.
    pub purpose: String,
    /// `granted`, `refused` or `withdrawn`.
    pub decision: String,
    /// `person` or `guardian`.
    pub given_by: String,
    /// What the person was told: `purpose`, `data_use`, `research`,
    /// `access_right`, `storage_period`, `withdrawal`. A grant needs at
    /// least `purpose` and `withdrawal`.
    pub informed: Vec<String>,
    /// YYYY-MM-DD, not in the future.
    pub decided_on: String,
}

impl From<ConsentIn> for lantern_domain::consent::ConsentInput {
    fn from(c: ConsentIn) -> Self {
        Self {
            purpose: c.purpose,
            decision: c.decision,
            given_by: c.given_by,
            informed: c.informed,
            decided_on: c.decided_on,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ConsentOut {
    pub id: Uuid,
    pub purpose: String,
    pub decision: String,
    pub given_by: String,
    pub informed: Vec<String>,
    pub decided_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
}

impl From<&lantern_domain::consent::ConsentRecord> for ConsentOut {
    fn from(r: &lantern_domain::consent::ConsentRecord) -> Self {
        let d = &r.details;
        Self {
            id: r.id.as_uuid(),
            purpose: d.purpose.code().to_owned(),
            decision: d.decision.code().to_owned(),
            given_by: d.given_by.code().to_owned(),
            informed: d.informed.iter().map(|i| i.code().to_owned()).collect(),
            decided_on: d.decided_on,
            recorded_at: r.recorded_at,
        }
    }
}
/// An existing person to add to a case.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantIn {
    pub person: Uuid,
    /// Victim, Suspect, Witness, Guardian or Official.
    pub role: String,
}

/// One side of a probable same-person pair.
#[derive(Serialize, ToSchema)]
pub struct PairPersonOut {
    pub id: Uuid,
    pub pseudonym: String,
    /// Only for callers who see the person in full.
    pub legal_name: Option<String>,
}

impl From<&lantern_app::duplicates::PairPerson> for PairPersonOut {
    fn from(p: &lantern_app::duplicates::PairPerson) -> Self {
        Self {
            id: p.id.as_uuid(),
            pseudonym: p.pseudonym.clone(),
            legal_name: p.legal_name.as_ref().map(|n| n.expose().clone()),
        }
    }
}

/// A probable same-person pair in the review queue.
#[derive(Serialize, ToSchema)]
pub struct PairOut {
    pub id: Uuid,
    pub person_a: PairPersonOut,
    pub person_b: PairPersonOut,
    /// Match probability, 0 to 1.
    pub probability: f64,
    /// Reason codes, e.g. `family-name-same`, `same-phone`.
    pub reasons: Vec<String>,
    pub involves_suspect: bool,
    /// `pending`, `merged` or `dismissed`.
    pub status: String,
    /// The caller may merge, unmerge or dismiss it.
    pub decidable: bool,
}

impl From<&lantern_app::duplicates::PairView> for PairOut {
    fn from(v: &lantern_app::duplicates::PairView) -> Self {
        Self {
            id: v.pair.id.as_uuid(),
            person_a: (&v.a).into(),
            person_b: (&v.b).into(),
            probability: v.pair.probability,
            reasons: v.reasons.iter().map(|r| r.code().to_owned()).collect(),
            involves_suspect: v.pair.involves_suspect,
            status: v.pair.status.code().to_owned(),
            decidable: v.decidable,
        }
    }
}

/// Which record of a pair survives a merge.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeIn {
    pub survivor: Uuid,
}
