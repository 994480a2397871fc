//! The domain core of Lantern: the vocabulary of casework and the rules that
//! every value must satisfy before it may exist past the edge of the system.
//!
//! This crate performs no I/O and never reads the clock: callers pass "today"
//! in, so rules are deterministic and testable.

pub mod attachment;
pub mod case;
pub mod consent;
pub mod duplicate;
pub mod entity;
pub mod event;
pub mod id;
pub mod iso;
pub mod network;
pub mod page;
pub mod permission;
pub mod person;
pub mod retention;
pub mod sensitive;
pub mod text;
pub mod user;
pub mod validation;
pub mod vocab;

pub use id::{AttachmentId, CaseId, ConsentId, EventId, Id, OfficeId, PersonId, UserId};
pub use sensitive::Sensitive;
pub use validation::{FieldError, Problem, ValidationErrors};
