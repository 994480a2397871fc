//! People in cases: adding, viewing and editing them.

use chrono::{DateTime, Utc};
use lantern_domain::case::CaseSummary;
use lantern_domain::person::{PersonIdentity, PersonInput, PersonProfile};
use lantern_domain::validation::Problem;
use lantern_domain::vocab::{CaseRole, Vocabulary};
use lantern_domain::{CaseId, OfficeId, PersonId, Sensitive, ValidationErrors};
use lantern_storage::{StorageError, StoredPerson};

use crate::policy::{require, sees_identity, Action};
use crate::{Actor, App, AppError};

/// A person as the actor may see them: `identity` is `None` for those who
/// work with de-identified data only.
#[derive(Debug, Clone)]
pub struct PersonView {
    pub id: PersonId,
    pub office_id: OfficeId,
    pub profile: PersonProfile,
    pub identity: Option<Sensitive<PersonIdentity>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A person's page: who they are and the cases they take part in.
#[derive(Debug, Clone)]
pub struct PersonPage {
    pub person: PersonView,
    pub cases: Vec<(CaseSummary, CaseRole)>,
}

impl App {
    pub(crate) fn person_view_of(
        &self,
        actor: &Actor,
        stored: StoredPerson,
    ) -> Result<PersonView, AppError> {
        let identity = if sees_identity(actor) {
            Some(self.identity.open(stored.id, &stored.identity)?)
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
    ) -> Result<PersonId, AppError> {
        require(actor, Action::EditCases)?;
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
        let id = PersonId::random();
        let now = self.now();
        let stored = StoredPerson {
            id,
            office_id: case.details.owning_office,
            identity: self.identity.seal(id, &draft.identity)?,
            profile: draft.profile,
            created_at: now,
            updated_at: now,
        };
        self.storage
            .insert_person_in_case(&stored, case_id, role)
            .await
            .map_err(|e| match e {
                StorageError::MissingReference(_) => AppError::NotFound("case"),
                other => other.into(),
            })?;
        tracing::info!(person = %id, case = %case_id, actor = %actor.id(), "person added to case");
        Ok(id)
    }

    pub async fn person_page(&self, actor: &Actor, id: PersonId) -> Result<PersonPage, AppError> {
        require(actor, Action::ReadCases)?;
        let stored = self
            .storage
            .get_person(id)
            .await?
            .ok_or(AppError::NotFound("person"))?;
        let cases = self.storage.person_cases(id).await?;
        Ok(PersonPage {
            person: self.person_view_of(actor, stored)?,
            cases,
        })
    }

    /// The person's current values as form input, for editing.
    pub async fn person_for_edit(
        &self,
        actor: &Actor,
        id: PersonId,
    ) -> Result<PersonInput, AppError> {
        require(actor, Action::EditCases)?;
        let stored = self
            .storage
            .get_person(id)
            .await?
            .ok_or(AppError::NotFound("person"))?;
        let person = lantern_domain::person::Person {
            id: stored.id,
            office_id: stored.office_id,
            identity: self.identity.open(stored.id, &stored.identity)?,
            profile: stored.profile,
            created_at: stored.created_at,
            updated_at: stored.updated_at,
        };
        Ok(PersonInput::from_person(&person))
    }

    pub async fn update_person(
        &self,
        actor: &Actor,
        id: PersonId,
        input: &PersonInput,
    ) -> Result<(), AppError> {
        require(actor, Action::EditCases)?;
        let draft = input.validate(self.today())?;
        let existing = self
            .storage
            .get_person(id)
            .await?
            .ok_or(AppError::NotFound("person"))?;
        let updated = StoredPerson {
            identity: self.identity.seal(id, &draft.identity)?,
            profile: draft.profile,
            updated_at: self.now(),
            ..existing
        };
        self.storage.update_person(&updated).await?;
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
        require(actor, Action::EditCases)?;
        let role = CaseRole::parse_field("role", role)
            .map_err(|e| AppError::Invalid(ValidationErrors::single(e.field, e.problem)))?;
        self.storage
            .add_participant(case_id, person, role)
            .await
            .map_err(|e| match e {
                StorageError::MissingReference(_) => AppError::NotFound("case"),
                StorageError::Conflict(_) => {
                    AppError::Invalid(ValidationErrors::single("role", Problem::UnknownValue))
                }
                other => other.into(),
            })
    }
}
