//! Case use cases: list, open, create, edit, the timeline, and break-glass.

use lantern_domain::attachment::Attachment;
use lantern_domain::case::{Case, CaseFilterInput, CaseInput, CaseSummary};
use lantern_domain::event::{CaseEvent, EventInput};
use lantern_domain::page::{Page, PageRequest};
use lantern_domain::text::required_text;
use lantern_domain::user::{Office, User};
use lantern_domain::validation::Problem;
use lantern_domain::vocab::UserRole;
use lantern_domain::{CaseId, EventId, ValidationErrors};
use lantern_storage::{BreakGlassGrant, BreakGlassId, CaseQuery, NewCase, StorageError};

use crate::people::PersonView;
use crate::policy::{require, Action, Sight};
use crate::text::TextField;
use crate::{Actor, App, AppError};

/// The fields a case form writes, as the audit log names them.
const CASE_FIELDS: [&str; 9] = [
    "intake_date",
    "intake_source",
    "status",
    "exploitation_types",
    "place_of_recruitment",
    "place_of_exploitation",
    "summary",
    "owning_office",
    "team",
];

/// How long an emergency access lasts.
pub const BREAK_GLASS_MINUTES: i64 = 60;
/// A reason must say something: at least this many characters.
pub const MIN_BREAK_GLASS_REASON: usize = 20;

/// A person's part in a case, as the actor may see it.
#[derive(Debug, Clone)]
pub struct ParticipantView {
    pub role: lantern_domain::vocab::CaseRole,
    pub person: PersonView,
}

/// Everything the case page shows, cut to what the actor may see.
#[derive(Debug, Clone)]
pub struct CaseView {
    pub case: Case,
    pub sight: Sight,
    /// The actor may change the case and add to it.
    pub editable: bool,
    /// The actor could see more through break-glass.
    pub may_break_glass: bool,
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
        let identity_digests = match &filter.text {
            Some(text) if self.may_search_identities(actor) => self.identity.search_digests(text),
            _ => Vec::new(),
        };
        let query = CaseQuery {
            filter,
            identity_digests,
            scope: self.case_scope(actor),
        };
        Ok(self.storage.list_cases(&query, page).await?)
    }

    /// Casework staff open cases for their own office and are on the team of
    /// what they open; only administrators open cases for other offices.
    fn check_new_case(
        actor: &Actor,
        details: &mut lantern_domain::case::CaseDetails,
    ) -> Result<(), AppError> {
        if actor.role() != UserRole::Admin && details.owning_office != actor.office() {
            return Err(AppError::Invalid(ValidationErrors::single(
                "owning_office",
                Problem::UnknownValue,
            )));
        }
        if actor.role() != UserRole::Admin && !details.team.contains(&actor.id()) {
            details.team.push(actor.id());
            details.team.sort_unstable();
        }
        Ok(())
    }

    pub async fn create_case(&self, actor: &Actor, input: &CaseInput) -> Result<Case, AppError> {
        require(actor, Action::EditCases)?;
        let mut details = input.validate(self.today())?;
        Self::check_new_case(actor, &mut details)?;
        let id = CaseId::random();
        let (key, data_key) = self.new_case_key(id)?;
        let summary = details
            .summary
            .as_deref()
            .map(|text| key.seal(TextField::Summary, id.as_uuid(), text))
            .transpose()?;
        let case = self
            .storage
            .insert_case(
                &NewCase {
                    id,
                    details,
                    summary,
                    data_key,
                    created_by: Some(actor.id()),
                    at: self.now(),
                },
                &self.audit(
                    actor,
                    "case.create",
                    "case",
                    Some(id.as_uuid()),
                    &CASE_FIELDS,
                ),
            )
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
        self.require_editable(actor, id).await?;
        let mut details = input.validate(self.today())?;
        // An editor cannot drop themselves from the team and lose the case
        // mid-edit; handing a case over is for administrators.
        if actor.role() != UserRole::Admin && !details.team.contains(&actor.id()) {
            details.team.push(actor.id());
            details.team.sort_unstable();
        }
        let stored = self
            .storage
            .get_case(id)
            .await?
            .ok_or(AppError::NotFound("case"))?;
        let key = self
            .case_key_for_writing(id, stored.data_key.as_deref())
            .await?;
        let summary = details
            .summary
            .as_deref()
            .map(|text| key.seal(TextField::Summary, id.as_uuid(), text))
            .transpose()?;
        let mut case = self
            .storage
            .update_case(
                id,
                &details,
                summary.as_ref(),
                self.now(),
                &self.audit(
                    actor,
                    "case.update",
                    "case",
                    Some(id.as_uuid()),
                    &CASE_FIELDS,
                ),
            )
            .await
            .map_err(reference_error)?;
        case.details.summary = details.summary;
        tracing::info!(case = %case.id, actor = %actor.id(), "case updated");
        Ok(case)
    }

    /// Editing a case's own fields exposes no identity: administrators may,
    /// as may anyone who sees the case in full.
    async fn require_editable(&self, actor: &Actor, id: CaseId) -> Result<(), AppError> {
        require(actor, Action::EditCases)?;
        let sight = self.case_sight(actor, id).await?;
        if sight == Sight::Full || actor.role() == UserRole::Admin {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The case with its summary, for its edit form.
    pub async fn case_for_edit(&self, actor: &Actor, id: CaseId) -> Result<Case, AppError> {
        self.require_editable(actor, id).await?;
        let stored = self
            .storage
            .get_case(id)
            .await?
            .ok_or(AppError::NotFound("case"))?;
        let key = self.case_key_for_reading(&stored)?;
        self.open_case(stored, key.as_ref(), true)
    }

    /// The case without its summary (so nothing is decrypted), for any
    /// page about the case.
    pub(crate) async fn case_without_text(&self, id: CaseId) -> Result<Case, AppError> {
        let stored = self
            .storage
            .get_case(id)
            .await?
            .ok_or(AppError::NotFound("case"))?;
        self.open_case(stored, None, false)
    }

    /// The case's reference and owning office, for any page about the case.
    pub async fn get_case(&self, actor: &Actor, id: CaseId) -> Result<Case, AppError> {
        self.case_sight(actor, id).await?;
        self.case_without_text(id).await
    }

    pub async fn case_view(&self, actor: &Actor, id: CaseId) -> Result<CaseView, AppError> {
        let sight = self.case_sight(actor, id).await?;
        let mut file = self
            .storage
            .case_file(id)
            .await?
            .ok_or(AppError::NotFound("case"))?;
        let office = self.office(file.case.case.details.owning_office).await?;
        let full = sight == Sight::Full;
        if full {
            self.audit_read(
                actor,
                "case.view",
                "case",
                id.as_uuid(),
                &["identities", "summary", "notes", "files"],
            )
            .await?;
        } else {
            // Files may name people: withheld below full sight (as are the
            // summary and notes, left sealed below).
            file.attachments.clear();
        }
        // Only what the page shows is opened: titles always; the summary,
        // notes and file names in full sight only.
        let key = self.case_key_for_reading(&file.case)?;
        let key = key.as_ref();
        let case = self.open_case(file.case, key, full)?;
        let events = file
            .events
            .into_iter()
            .map(|event| self.open_event(event, key, full))
            .collect::<Result<Vec<_>, AppError>>()?;
        let attachments = file
            .attachments
            .into_iter()
            .map(|attachment| self.open_attachment(attachment, key))
            .collect::<Result<Vec<_>, AppError>>()?;
        if crate::policy::outside_organisation(actor) {
            let people: Vec<_> = file.participants.iter().map(|p| p.person.id).collect();
            let shared = self.consented_to_sharing(&people).await?;
            file.participants.retain(|p| shared.contains(&p.person.id));
        }
        let participants = file
            .participants
            .into_iter()
            .map(|p| {
                Ok(ParticipantView {
                    role: p.role,
                    person: self.person_view_of(p.person, full)?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(CaseView {
            editable: full && crate::policy::allows(actor, Action::EditCases)
                || actor.role() == UserRole::Admin,
            may_break_glass: !full && crate::policy::allows(actor, Action::BreakGlass),
            sight,
            case,
            office,
            team: file.team,
            participants,
            events,
            attachments,
        })
    }

    pub async fn add_event(
        &self,
        actor: &Actor,
        case_id: CaseId,
        input: &EventInput,
    ) -> Result<CaseEvent, AppError> {
        self.require_full_sight(actor, case_id).await?;
        let details = input.validate(self.today())?;
        let event = CaseEvent {
            id: EventId::random(),
            case_id,
            details,
            recorded_by: Some(actor.id()),
            recorded_at: self.now(),
        };
        let stored = self
            .storage
            .get_case(case_id)
            .await?
            .ok_or(AppError::NotFound("case"))?;
        let key = self
            .case_key_for_writing(case_id, stored.data_key.as_deref())
            .await?;
        self.storage
            .insert_event(
                &self.seal_event(&key, &event)?,
                &self.audit(
                    actor,
                    "event.create",
                    "case",
                    Some(case_id.as_uuid()),
                    &["occurred_on", "kind", "title", "note"],
                ),
            )
            .await
            .map_err(|e| match e {
                StorageError::MissingReference(_) => AppError::NotFound("case"),
                other => other.into(),
            })?;
        Ok(event)
    }

    /// Grants the actor an hour's full access to a case outside their team,
    /// after a written reason. The grant is recorded and listed for admins.
    /// Asking about a case that does not exist gets the same answer as
    /// asking about one the actor may not see, until a reason is given.
    pub async fn break_glass(
        &self,
        actor: &Actor,
        case: CaseId,
        reason: &str,
    ) -> Result<BreakGlassGrant, AppError> {
        require(actor, Action::BreakGlass)?;
        let reason = required_text("reason", reason, 2_000)
            .map_err(|e| AppError::Invalid(ValidationErrors::single(e.field, e.problem)))?;
        if reason.chars().count() < MIN_BREAK_GLASS_REASON {
            return Err(AppError::Invalid(ValidationErrors::single(
                "reason",
                Problem::TooShort {
                    min: MIN_BREAK_GLASS_REASON,
                },
            )));
        }
        if self
            .storage
            .case_access(case, actor.id(), self.now())
            .await?
            .is_none()
        {
            return Err(AppError::NotFound("case"));
        }
        let now = self.now();
        let grant = BreakGlassGrant {
            id: BreakGlassId::random(),
            user_id: actor.id(),
            case_id: case,
            reason,
            granted_at: now,
            expires_at: now + chrono::Duration::minutes(BREAK_GLASS_MINUTES),
        };
        let mut entry = self.audit(
            actor,
            "case.break-glass",
            "case",
            Some(case.as_uuid()),
            &["identities", "notes", "files"],
        );
        entry.event.reason = Some(grant.reason.clone());
        self.storage.insert_break_glass(&grant, &entry).await?;
        tracing::warn!(case = %case, actor = %actor.id(), "break-glass access granted");
        Ok(grant)
    }

    /// Recent break-glass grants, for administrators.
    pub async fn break_glass_log(&self, actor: &Actor) -> Result<Vec<BreakGlassGrant>, AppError> {
        require(actor, Action::ManageUsers)?;
        Ok(self.storage.list_break_glass(200).await?)
    }
}

impl App {
    /// The case, if the actor may add people, entries and files to it.
    pub async fn case_for_additions(&self, actor: &Actor, id: CaseId) -> Result<Case, AppError> {
        self.require_full_sight(actor, id).await?;
        self.case_without_text(id).await
    }
}
