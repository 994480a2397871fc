//! People in cases: adding, viewing and editing them.

use chrono::{DateTime, Utc};
use lantern_domain::case::CaseSummary;
use lantern_domain::person::{Person, PersonIdentity, PersonInput, PersonProfile};
use lantern_domain::validation::Problem;
use lantern_domain::vocab::{CaseRole, Vocabulary};
use lantern_domain::{CaseId, OfficeId, PersonId, Sensitive, ValidationErrors};
use lantern_storage::{StorageError, StoredPerson};

use crate::duplicates::DuplicateCheck;
use crate::policy::{allows, require, Action, Sight};
use crate::{Actor, App, AppError};

/// A person as the actor may see them: `identity` is `None` for those
/// without full sight, and for a person whose identity was erased.
#[derive(Debug, Clone)]
pub struct PersonView {
    pub id: PersonId,
    pub office_id: OfficeId,
    pub profile: PersonProfile,
    pub identity: Option<Sensitive<PersonIdentity>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A person's page: who they are and the cases of theirs the actor may see.
#[derive(Debug, Clone)]
pub struct PersonPage {
    pub person: PersonView,
    pub editable: bool,
    /// The identifying half was erased (its data key destroyed).
    pub erased: bool,
    pub cases: Vec<(CaseSummary, CaseRole)>,
    /// Consent decisions, newest first.
    pub consents: Vec<lantern_domain::consent::ConsentRecord>,
}

/// The fields a person form writes, as the audit log names them.
const PERSON_FIELDS: [&str; 13] = [
    "pseudonym",
    "gender",
    "age_band",
    "legal_name",
    "aliases",
    "date_of_birth",
    "estimated_age",
    "citizenships",
    "languages",
    "phones",
    "addresses",
    "identifying_marks",
    "role",
];

fn not_found_for_missing_case(error: StorageError) -> AppError {
    match error {
        StorageError::MissingReference(_) => AppError::NotFound("case"),
        other => other.into(),
    }
}

impl App {
    /// A stored person as a view, opening the identity only when `full`.
    pub(crate) fn person_view_of(
        &self,
        stored: StoredPerson,
        full: bool,
    ) -> Result<PersonView, AppError> {
        let identity = if full {
            self.identity
                .open(stored.id, &stored.identity, stored.data_key.as_deref())?
        } else {
            None
        };
        Ok(PersonView {
            id: stored.id,
            office_id: stored.office_id,
            profile: stored.profile,
            identity,
            created_at: stored.created_at,
            updated_at: stored.updated_at,
        })
    }

    /// Records a new person and their part in a case, together.
    pub async fn add_person_to_case(
        &self,
        actor: &Actor,
        case_id: CaseId,
        role: &str,
        input: &PersonInput,
        check: DuplicateCheck,
    ) -> Result<PersonId, AppError> {
        self.require_full_sight(actor, case_id).await?;
        let role = CaseRole::parse_field("role", role);
        let draft = input.validate(self.today());
        let (role, draft) = match (role, draft) {
            (Ok(role), Ok(draft)) => (role, draft),
            (role, draft) => {
                let mut errors = draft.err().unwrap_or_default();
                if let Err(e) = role {
                    errors.push(e.field, e.problem);
                }
                return Err(AppError::Invalid(errors));
            }
        };
        let case = self
            .storage
            .get_case(case_id)
            .await?
            .ok_or(AppError::NotFound("case"))?;
        self.check_duplicates(actor, &draft.identity, None, check)
            .await?;
        let id = PersonId::random();
        let now = self.now();
        let sealed = self.identity.seal_new(id, &draft.identity)?;
        let stored = StoredPerson {
            id,
            office_id: case.case.details.owning_office,
            identity: sealed.identity,
            data_key: Some(sealed.data_key),
            lookups: self.identity.lookups(&draft.identity),
            profile: draft.profile,
            created_at: now,
            updated_at: now,
        };
        self.storage
            .insert_person_in_case(
                &stored,
                case_id,
                role,
                &self.audit(
                    actor,
                    "person.create",
                    "person",
                    Some(id.as_uuid()),
                    &PERSON_FIELDS,
                ),
            )
            .await
            .map_err(not_found_for_missing_case)?;
        tracing::info!(person = %id, case = %case_id, actor = %actor.id(), "person added to case");
        Ok(id)
    }

    pub async fn person_page(&self, actor: &Actor, id: PersonId) -> Result<PersonPage, AppError> {
        let (sight, per_case) = self.person_sight(actor, id).await?;
        let stored = self
            .storage
            .get_person(id)
            .await?
            .ok_or(AppError::NotFound("person"))?;
        // Only the cases the actor may see are listed.
        let cases = self
            .storage
            .person_cases(id)
            .await?
            .into_iter()
            .filter(|(case, _)| {
                per_case
                    .iter()
                    .any(|(c, s)| *c == case.id && *s != Sight::None)
            })
            .collect();
        if sight == Sight::Full {
            self.audit_read(actor, "person.view", "person", id.as_uuid(), &PERSON_FIELDS)
                .await?;
        }
        let erased = stored.data_key.is_none();
        let consents = self.consent_history(id).await?;
        Ok(PersonPage {
            consents,
            erased,
            editable: sight == Sight::Full && allows(actor, Action::EditCases) && !erased,
            person: self.person_view_of(stored, sight == Sight::Full)?,
            cases,
        })
    }

    /// Changes to a person need full sight of at least one of their cases.
    pub(crate) async fn require_person_editable(
        &self,
        actor: &Actor,
        id: PersonId,
    ) -> Result<(), AppError> {
        require(actor, Action::EditCases)?;
        match self.person_sight(actor, id).await? {
            (Sight::Full, _) => Ok(()),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The person's current values as form input, for editing.
    pub async fn person_for_edit(
        &self,
        actor: &Actor,
        id: PersonId,
    ) -> Result<PersonInput, AppError> {
        self.require_person_editable(actor, id).await?;
        let stored = self
            .storage
            .get_person(id)
            .await?
            .ok_or(AppError::NotFound("person"))?;
        let identity = self
            .identity
            .open(stored.id, &stored.identity, stored.data_key.as_deref())?
            .ok_or(AppError::NotFound("person"))?;
        self.audit_read(
            actor,
            "person.view-for-edit",
            "person",
            id.as_uuid(),
            &PERSON_FIELDS,
        )
        .await?;
        Ok(PersonInput::from_person(&Person {
            id: stored.id,
            office_id: stored.office_id,
            identity,
            profile: stored.profile,
            created_at: stored.created_at,
            updated_at: stored.updated_at,
        }))
    }

    pub async fn update_person(
        &self,
        actor: &Actor,
        id: PersonId,
        input: &PersonInput,
        check: DuplicateCheck,
    ) -> Result<(), AppError> {
        self.require_person_editable(actor, id).await?;
        let draft = input.validate(self.today())?;
        self.check_duplicates(actor, &draft.identity, Some(id), check)
            .await?;
        let existing = self
            .storage
            .get_person(id)
            .await?
            .ok_or(AppError::NotFound("person"))?;
        let data_key = existing
            .data_key
            .clone()
            .ok_or(AppError::NotFound("person"))?;
        let updated = StoredPerson {
            identity: self.identity.reseal(id, &draft.identity, &data_key)?,
            lookups: self.identity.lookups(&draft.identity),
            profile: draft.profile,
            updated_at: self.now(),
            ..existing
        };
        self.storage
            .update_person(
                &updated,
                &self.audit(
                    actor,
                    "person.update",
                    "person",
                    Some(id.as_uuid()),
                    &PERSON_FIELDS,
                ),
            )
            .await?;
        tracing::info!(person = %id, actor = %actor.id(), "person updated");
        Ok(())
    }

    /// Links an existing person to another case in a given role.
    pub async fn link_person(
        &self,
        actor: &Actor,
        case_id: CaseId,
        person: PersonId,
        role: &str,
    ) -> Result<(), AppError> {
        self.require_full_sight(actor, case_id).await?;
        self.require_person_editable(actor, person).await?;
        let role = CaseRole::parse_field("role", role)
            .map_err(|e| AppError::Invalid(ValidationErrors::single(e.field, e.problem)))?;
        self.storage
            .add_participant(
                case_id,
                person,
                role,
                &self.audit(
                    actor,
                    "person.link",
                    "person",
                    Some(person.as_uuid()),
                    &["role"],
                ),
            )
            .await
            .map_err(|e| match e {
                StorageError::Conflict(_) => {
                    AppError::Invalid(ValidationErrors::single("role", Problem::UnknownValue))
                }
                other => not_found_for_missing_case(other),
            })
    }
}

/// An erasure must say why, like break-glass.
pub const MIN_ERASURE_REASON: usize = 20;

impl App {
    /// Erases a person's identifying data for good by destroying its data key
    /// (crypto-shredding). The pseudonym, age band, gender and the person's
    /// part in cases remain, so statistics and the audit trail stay whole.
    pub async fn erase_person(
        &self,
        actor: &Actor,
        id: PersonId,
        reason: &str,
    ) -> Result<(), AppError> {
        require(actor, Action::ManageUsers)?;
        let reason = lantern_domain::text::required_text("reason", reason, 2_000)
            .map_err(|e| AppError::Invalid(ValidationErrors::single(e.field, e.problem)))?;
        if reason.chars().count() < MIN_ERASURE_REASON {
            return Err(AppError::Invalid(ValidationErrors::single(
                "reason",
                Problem::TooShort {
                    min: MIN_ERASURE_REASON,
                },
            )));
        }
        self.require_recent_auth(actor)?;
        let mut entry = self.audit(
            actor,
            "person.erase",
            "person",
            Some(id.as_uuid()),
            &PERSON_FIELDS,
        );
        entry.event.reason = Some(reason);
        self.storage.erase_person_identity(id, &entry).await?;
        tracing::warn!(person = %id, actor = %actor.id(), "identity erased");
        Ok(())
    }
}
