//! Deterministic synthetic demo data for Lantern.
//!
//! `generate` builds a complete, believable data set (offices, staff,
//! cases, the people in them and their timelines) from a seed and a date.
//! It is pure: no I/O, no clock (today is a parameter), no database, and the
//! same configuration always yields the same data, ids included.
//!
//! Everything is drawn from static tables written for the regions Lantern
//! serves (South Asia, Southeast Asia, Latin America): names in Bengali,
//! Devanagari and Thai script beside their romanisations, source districts
//! and destinations, local phone and address formats, and the procedural
//! steps of each country's criminal justice system. Every record passes the
//! domain's own validation.

mod cases;
mod contact;
mod cultures;
mod family;
mod names;
mod network;
mod offices;
mod people;
mod phrases;
mod places;
mod rng;
mod summary;
mod timeline;
mod users;

use chrono::{DateTime, NaiveDate, Utc};
use lantern_domain::case::Case;
use lantern_domain::event::CaseEvent;
use lantern_domain::person::{PersonIdentity, PersonProfile};
use lantern_domain::user::{Office, User};
use lantern_domain::vocab::CaseRole;
use lantern_domain::{CaseId, OfficeId, PersonId};
pub use network::DemoEntity;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoConfig {
    /// Number of cases.
    pub cases: usize,
    pub seed: u64,
    /// The date the data is generated for: no date in it is later.
    pub today: NaiveDate,
}

/// A person with their identity in the clear; the caller seals it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPerson {
    pub id: PersonId,
    pub office_id: OfficeId,
    pub profile: PersonProfile,
    pub identity: PersonIdentity,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A complete data set. Cases are in intake order; each case's events are
/// oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoData {
    pub offices: Vec<Office>,
    /// Passwords are set by the caller.
    pub users: Vec<User>,
    pub cases: Vec<Case>,
    pub persons: Vec<DemoPerson>,
    pub participants: Vec<(CaseId, PersonId, CaseRole)>,
    pub events: Vec<CaseEvent>,
    /// The last reference sequence used per office and intake year, so
    /// cases created after the import continue the numbering.
    pub counters: Vec<lantern_storage::ReferenceCounter>,
    /// Establishments and vehicles, some shared across cases.
    pub entities: Vec<DemoEntity>,
}

/// Generates the data set described by `config`.
pub fn generate(config: &DemoConfig) -> DemoData {
    let mut rng = rng::seeded(config.seed);
    let offices = offices::build(&mut rng);
    let (users, rosters) = users::build(&mut rng, &offices, config.today);
    let mut generated = cases::generate(&mut rng, config.cases, config.today, &offices, &rosters);
    let entities = network::build(
        &mut rng,
        &generated.cases,
        &mut generated.persons,
        &generated.participants,
    );
    DemoData {
        entities,
        offices: offices.into_iter().map(|(_, office)| office).collect(),
        users,
        cases: generated.cases,
        persons: generated.persons,
        participants: generated.participants,
        events: generated.events,
        counters: generated.counters,
    }
}
