//! Consent decisions, recorded by the person's case team and checked where
//! data leaves the organisation.

use std::collections::{HashMap, HashSet};

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

    /// The person's consent history, newest first, with the decisions
    /// recorded on every record merged into theirs: merging joins the
    /// histories without copying them, so unmerging restores each exactly.
    pub(crate) async fn consent_history(
        &self,
        person: PersonId,
    ) -> Result<Vec<ConsentRecord>, AppError> {
        let owners = self.merged_records(&[person]).await?;
        let records: Vec<PersonId> = owners.keys().copied().collect();
        let mut history = self.storage.consents_of(&records).await?;
        history.sort_by_key(|r| std::cmp::Reverse((r.details.decided_on, r.recorded_at)));
        Ok(history)
    }

    /// Each of `people` mapped to itself, and every record merged into one
    /// of them (through chains of merges) mapped to that one.
    async fn merged_records(
        &self,
        people: &[PersonId],
    ) -> Result<HashMap<PersonId, PersonId>, AppError> {
        let mut owner: HashMap<PersonId, PersonId> = people.iter().map(|p| (*p, *p)).collect();
        let mut frontier = people.to_vec();
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for (merged, survivor) in self.storage.merged_into_any(&frontier).await? {
                let root = owner.get(&survivor).copied().unwrap_or(survivor);
                if let std::collections::hash_map::Entry::Vacant(slot) = owner.entry(merged) {
                    slot.insert(root);
                    next.push(merged);
                }
            }
            frontier = next;
        }
        Ok(owner)
    }

    /// Of these people, those whose data may be shared with other
    /// organisations now, judged on their joined history when records were
    /// merged into theirs.
    pub(crate) async fn consented_to_sharing(
        &self,
        people: &[PersonId],
    ) -> Result<HashSet<PersonId>, AppError> {
        let owners = self.merged_records(people).await?;
        let records: Vec<PersonId> = owners.keys().copied().collect();
        let mut by_person: HashMap<PersonId, Vec<ConsentRecord>> = HashMap::new();
        for record in self.storage.consents_of(&records).await? {
            if let Some(owner) = owners.get(&record.person_id) {
                by_person.entry(*owner).or_default().push(record);
            }
        }
        Ok(by_person
            .into_iter()
            .filter(|(_, history)| is_granted(history, ConsentPurpose::Sharing))
            .map(|(person, _)| person)
            .collect())
    }
}
