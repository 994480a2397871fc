//! Case use cases: list, open, create, edit, and the timeline.

use lantern_domain::attachment::Attachment;
use lantern_domain::case::{Case, CaseFilterInput, CaseInput, CaseSummary};
use lantern_domain::event::{CaseEvent, EventInput};
use lantern_domain::page::{Page, PageRequest};
use lantern_domain::user::{Office, User};
use lantern_domain::validation::Problem;
use lantern_domain::{CaseId, EventId, ValidationErrors};
use lantern_storage::{NewCase, StorageError};

use crate::people::PersonView;
use crate::policy::{require, Action};
use crate::{Actor, App, AppError};

/// A person's part in a case, as the actor may see it.
#[derive(Debug, Clone)]
pub struct ParticipantView {
    pub role: lantern_domain::vocab::CaseRole,
    pub person: PersonView,
}

/// Everything the case page shows.
#[derive(Debug, Clone)]
pub struct CaseView {
    pub case: Case,
    pub office: Option<Office>,
    pub team: Vec<User>,
    pub participants: Vec<ParticipantView>,
    pub events: Vec<CaseEvent>,
    pub attachments: Vec<Attachment>,
}

/// Turns a missing referenced row into a validation error on the field
/// that named it, so the user learns which value was wrong.
pub(crate) fn reference_error(error: StorageError) -> AppError {
    match error {
        StorageError::MissingReference("office") => AppError::Invalid(ValidationErrors::single(
            "owning_office",
            Problem::UnknownValue,
        )),
        StorageError::MissingReference("team member") => {
            AppError::Invalid(ValidationErrors::single("team", Problem::UnknownValue))
        }
        other => other.into(),
    }
}

impl App {
    pub async fn list_cases(
        &self,
        actor: &Actor,
        filter: &CaseFilterInput,
        page: PageRequest,
    ) -> Result<Page<CaseSummary>, AppError> {
        require(actor, Action::ReadCases)?;
        let filter = filter.validate()?;
        Ok(self.storage.list_cases(&filter, page).await?)
    }

    pub async fn create_case(&self, actor: &Actor, input: &CaseInput) -> Result<Case, AppError> {
        require(actor, Action::EditCases)?;
        let details = input.validate(self.today())?;
        let case = self
            .storage
            .insert_case(&NewCase {
                id: CaseId::random(),
                details,
                created_by: Some(actor.id()),
                at: self.now(),
            })
            .await
            .map_err(reference_error)?;
        tracing::info!(case = %case.id, actor = %actor.id(), "case created");
        Ok(case)
    }

    pub async fn update_case(
        &self,
        actor: &Actor,
        id: CaseId,
        input: &CaseInput,
    ) -> Result<Case, AppError> {
        require(actor, Action::EditCases)?;
        let details = input.validate(self.today())?;
        let case = self
            .storage
            .update_case(id, &details, self.now())
            .await
            .map_err(reference_error)?;
        tracing::info!(case = %case.id, actor = %actor.id(), "case updated");
        Ok(case)
    }

    pub async fn get_case(&self, actor: &Actor, id: CaseId) -> Result<Case, AppError> {
        require(actor, Action::ReadCases)?;
        self.storage
            .get_case(id)
            .await?
            .ok_or(AppError::NotFound("case"))
    }

    pub async fn case_view(&self, actor: &Actor, id: CaseId) -> Result<CaseView, AppError> {
        require(actor, Action::ReadCases)?;
        let file = self
            .storage
            .case_file(id)
            .await?
            .ok_or(AppError::NotFound("case"))?;
        let office = self
            .storage
            .get_office(file.case.details.owning_office)
            .await?;
        let mut team = Vec::with_capacity(file.case.details.team.len());
        for member in &file.case.details.team {
            if let Some(user) = self.storage.get_user(*member).await? {
                team.push(user);
            }
        }
        let participants = file
            .participants
            .into_iter()
            .map(|p| {
                Ok(ParticipantView {
                    role: p.role,
                    person: self.person_view_of(actor, p.person)?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(CaseView {
            case: file.case,
            office,
            team,
            participants,
            events: file.events,
            attachments: file.attachments,
        })
    }

    pub async fn add_event(
        &self,
        actor: &Actor,
        case_id: CaseId,
        input: &EventInput,
    ) -> Result<CaseEvent, AppError> {
        require(actor, Action::EditCases)?;
        let details = input.validate(self.today())?;
        let event = CaseEvent {
            id: EventId::random(),
            case_id,
            details,
            recorded_by: Some(actor.id()),
            recorded_at: self.now(),
        };
        self.storage
            .insert_event(&event)
            .await
            .map_err(|e| match e {
                StorageError::MissingReference(_) => AppError::NotFound("case"),
                other => other.into(),
            })?;
        Ok(event)
    }
}
