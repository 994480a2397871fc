//! Turns a person's identifying half into the bytes storage keeps, and back.
//!
//! This is the one place that decides how identifying data rests on disk:
//! every reader and writer of `PersonIdentity` goes through it.

use lantern_domain::person::PersonIdentity;
use lantern_domain::{PersonId, Sensitive};
use lantern_storage::SealedIdentity;

use crate::AppError;

/// Format tag of the first byte, so later formats can be told apart.
const FORMAT_JSON_V1: u8 = 1;

#[derive(Clone, Default)]
pub struct IdentityCodec;

impl IdentityCodec {
    pub fn new() -> Self {
        Self
    }

    pub fn seal(
        &self,
        _person: PersonId,
        identity: &Sensitive<PersonIdentity>,
    ) -> Result<SealedIdentity, AppError> {
        let mut bytes = vec![FORMAT_JSON_V1];
        serde_json::to_writer(&mut bytes, identity.expose())
            .map_err(|_| AppError::Internal("identity encoding"))?;
        Ok(SealedIdentity(bytes))
    }

    pub fn open(
        &self,
        _person: PersonId,
        sealed: &SealedIdentity,
    ) -> Result<Sensitive<PersonIdentity>, AppError> {
        match sealed.0.split_first() {
            Some((&FORMAT_JSON_V1, body)) => serde_json::from_slice(body)
                .map(Sensitive::new)
                .map_err(|_| AppError::Internal("stored identity is unreadable")),
            _ => Err(AppError::Internal("stored identity has an unknown format")),
        }
    }
}
