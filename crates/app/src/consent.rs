//! Consent decisions, recorded by the person's case team and checked where
//! data leaves the organisation.

use std::collections::HashSet;

use lantern_domain::consent::{is_granted, ConsentInput, ConsentRecord};
use lantern_domain::vocab::{ConsentPurpose, Vocabulary};
use lantern_domain::{ConsentId, PersonId};
use lantern_storage::StorageError;

use crate::{Actor, App, AppError};

impl App {
    /// Appends a decision to the person's consent history. Needs full sight
    /// of one of the person's cases, like any change to the person.
    pub async fn record_consent(
        &self,
        actor: &Actor,
        person: PersonId,
        input: &ConsentInput,
    ) -> Result<ConsentRecord, AppError> {
        self.require_person_editable(actor, person).await?;
        let details = input.validate(self.today())?;
        let record = ConsentRecord {
            id: ConsentId::random(),
            person_id: person,
            details,
            recorded_by: Some(actor.id()),
            recorded_at: self.now(),
        };
        let purpose = record.details.purpose.code();
        self.storage
            .insert_consent(
                &record,
                &self.audit(
                    actor,
                    "person.consent",
                    "person",
                    Some(person.as_uuid()),
                    &[purpose],
                ),
            )
            .await
            .map_err(|e| match e {
                StorageError::MissingReference(_) => AppError::NotFound("person"),
                other => other.into(),
            })?;
        Ok(record)
    }

    /// The person's pseudonym, if the actor may record their consent.
    pub async fn person_for_consent(
        &self,
        actor: &Actor,
        person: PersonId,
    ) -> Result<lantern_domain::person::PersonProfile, AppError> {
        self.require_person_editable(actor, person).await?;
        Ok(self
            .storage
            .get_person(person)
            .await?
            .ok_or(AppError::NotFound("person"))?
            .profile)
    }

    /// The person's consent history, newest first, for anyone who may see
    /// the person at all: a decision identifies no one.
    pub async fn person_consents(
        &self,
        actor: &Actor,
        person: PersonId,
    ) -> Result<Vec<ConsentRecord>, AppError> {
        self.person_sight(actor, person).await?;
        self.consent_history(person).await
    }

    pub(crate) async fn consent_history(
        &self,
        person: PersonId,
    ) -> Result<Vec<ConsentRecord>, AppError> {
        let mut history = self.storage.consents_of(&[person]).await?;
        history.sort_by_key(|r| std::cmp::Reverse((r.details.decided_on, r.recorded_at)));
        Ok(history)
    }

    /// Of these people, those whose data may be shared with other
    /// organisations now.
    pub(crate) async fn consented_to_sharing(
        &self,
        people: &[PersonId],
    ) -> Result<HashSet<PersonId>, AppError> {
        let mut by_person: std::collections::HashMap<PersonId, Vec<ConsentRecord>> =
            std::collections::HashMap::new();
        for record in self.storage.consents_of(people).await? {
            by_person.entry(record.person_id).or_default().push(record);
        }
        Ok(by_person
            .into_iter()
            .filter(|(_, history)| is_granted(history, ConsentPurpose::Sharing))
            .map(|(person, _)| person)
            .collect())
    }
}
