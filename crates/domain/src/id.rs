//! Typed identifiers. One generic type instead of one newtype per entity, so a
//! case id can never be passed where a person id is expected, without
//! repeating the same impls for every entity.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

pub struct Id<T> {
    uuid: Uuid,
    kind: PhantomData<fn() -> T>,
}

impl<T> Id<T> {
    pub const fn from_uuid(uuid: Uuid) -> Self {
        Self {
            uuid,
            kind: PhantomData,
        }
    }

    pub fn random() -> Self {
        Self::from_uuid(Uuid::new_v4())
    }

    /// Builds an id from 16 caller-supplied random bytes, so a seeded
    /// generator (demo data) yields the same ids on every run.
    pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
        Self::from_uuid(uuid::Builder::from_random_bytes(bytes).into_uuid())
    }

    pub const fn as_uuid(&self) -> Uuid {
        self.uuid
    }
}

impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Id<T> {}
impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        self.uuid == other.uuid
    }
}
impl<T> Eq for Id<T> {}
impl<T> std::hash::Hash for Id<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.uuid.hash(state)
    }
}
impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.uuid.cmp(&other.uuid)
    }
}

impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.uuid)
    }
}

impl<T> fmt::Display for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.uuid.fmt(f)
    }
}

/// The id in a URL or request body was not a well-formed identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid identifier")]
pub struct InvalidId;

impl<T> FromStr for Id<T> {
    type Err = InvalidId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s)
            .map(Self::from_uuid)
            .map_err(|_| InvalidId)
    }
}

impl<T> Serialize for Id<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.uuid.serialize(serializer)
    }
}

impl<'de, T> Deserialize<'de> for Id<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Uuid::deserialize(deserializer).map(Self::from_uuid)
    }
}

pub enum CaseKind {}
pub enum PersonKind {}
pub enum UserKind {}
pub enum OfficeKind {}
pub enum EventKind {}
pub enum AttachmentKind {}
pub enum ConsentKind {}

pub type CaseId = Id<CaseKind>;
pub type PersonId = Id<PersonKind>;
pub type UserId = Id<UserKind>;
pub type OfficeId = Id<OfficeKind>;
pub type EventId = Id<EventKind>;
pub type AttachmentId = Id<AttachmentKind>;
pub type ConsentId = Id<ConsentKind>;
