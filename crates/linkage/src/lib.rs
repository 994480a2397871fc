//! Record linkage for Lantern: finds the same person across case records.
//!
//! Fellegi–Sunter matching trained without labels (u from random pairs, m by
//! expectation–maximisation on blocked candidate pairs, term-frequency
//! adjustment), with comparisons built for names across scripts and
//! romanisations, nicknames, swapped names, approximate birth dates and ages,
//! and several phone numbers per person.
//!
//! Entry points: [`run_link`] for batch deduplication and linkage of CSV files,
//! [`LinkIndex`] for scoring one new record against an indexed set, and
//! [`generate`] for synthetic populations with known duplicates.

pub mod block;
pub mod cluster;
pub mod compare;
pub mod config;
pub mod dataset;
pub mod error;
pub mod generate;
pub mod index;
pub mod input;
pub mod link;
pub mod model;
pub mod namesakes;
pub mod normalise;
mod output;
pub mod record;
pub mod rng;
pub mod second_round;
pub mod similarity;
pub mod train;

pub use config::{FieldKind, LinkConfig};
pub use error::LinkError;
pub use index::{LinkIndex, QueryMatch};
pub use link::{run_link, Engine, LinkOptions, LinkSummary, DEFAULT_THRESHOLD};
pub use model::Model;
