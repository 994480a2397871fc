//! Cases: plans every case first (office, status, intake date), puts them
//! in date order so references and suspect networks run forward in time,
//! then fills each with its people, places, team, summary and timeline.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use lantern_domain::case::{Case, CaseDetails, CaseReference, EARLIEST_INTAKE_YEAR};
use lantern_domain::event::CaseEvent;
use lantern_domain::user::Office;
use lantern_domain::vocab::{CaseRole, CaseStatus, ExploitationType, Gender, IntakeSource};
use lantern_domain::{CaseId, PersonId, UserId};
use lantern_storage::ReferenceCounter;

use crate::contact::{foreign_name, place_label};
use crate::cultures::CultureId;
use crate::family::Family;
use crate::offices::{Jurisdiction, OfficeSpec};
use crate::people::{self, Born, Codes, Pseudonyms, Recording, Sketch};
use crate::rng::{between, chance, id, index, moment, shift, weighted, DemoRng};
use crate::summary::{self, Origin, Victims};
use crate::timeline::{CaseFacts, Team, Timelines};
use crate::DemoPerson;

/// How far back intake dates reach.
const WINDOW_DAYS: u32 = 6 * 365;

/// Status mix of a working caseload.
const STATUSES: &[(CaseStatus, u32)] = &[
    (CaseStatus::Active, 45),
    (CaseStatus::FollowUp, 20),
    (CaseStatus::Closed, 25),
    (CaseStatus::ClosedReferred, 10),
];

const SOURCES: &[(IntakeSource, u32)] = &[
    (IntakeSource::Hotline, 12),
    (IntakeSource::PoliceReferral, 20),
    (IntakeSource::NgoReferral, 14),
    (IntakeSource::GovernmentReferral, 9),
    (IntakeSource::Outreach, 14),
    (IntakeSource::CommunityTip, 10),
    (IntakeSource::OnlineTip, 6),
    (IntakeSource::SelfReferral, 5),
    (IntakeSource::FamilyReport, 10),
];

/// In the Philippines online sexual exploitation of children makes online
/// tips (CyberTipline reports) a major source.
const SOURCES_PH: &[(IntakeSource, u32)] = &[
    (IntakeSource::Hotline, 10),
    (IntakeSource::PoliceReferral, 18),
    (IntakeSource::NgoReferral, 12),
    (IntakeSource::GovernmentReferral, 9),
    (IntakeSource::Outreach, 10),
    (IntakeSource::CommunityTip, 10),
    (IntakeSource::OnlineTip, 18),
    (IntakeSource::SelfReferral, 4),
    (IntakeSource::FamilyReport, 9),
];

const SUSPECT_GENDERS: &[(Gender, u32)] = &[
    (Gender::Masculine, 68),
    (Gender::Feminine, 30),
    (Gender::TransgenderFeminine, 1),
    (Gender::NonSpecifiedUnknown, 1),
];

const SUSPECT_AGES: &[((u32, u32), u32)] = &[
    ((25, 29), 20),
    ((30, 39), 35),
    ((40, 49), 30),
    ((50, 55), 15),
];

const SUSPECT_COUNTS: &[(usize, u32)] = &[(0, 15), (1, 40), (2, 30), (3, 15)];

/// Of new suspects, the share who belong to a network and will turn up in
/// one to three later cases of the same office; and how often a suspect
/// slot is filled from such a network. Together they make roughly one
/// suspect in ten appear in two to four cases.
const NETWORK_PERCENT: u32 = 10;
const REUSE_PERCENT: u32 = 18;

/// What usually comes with a given exploitation.
fn companions(kind: ExploitationType) -> &'static [(ExploitationType, u32)] {
    use ExploitationType as E;
    match kind {
        E::SexualExploitation => &[
            (E::Servitude, 2),
            (E::ForcedLabour, 1),
            (E::ForcedMarriage, 1),
        ],
        E::ForcedLabour => &[(E::Servitude, 2), (E::ForcedBegging, 1)],
        E::ChildLabour => &[
            (E::ForcedLabour, 2),
            (E::ForcedBegging, 1),
            (E::Servitude, 1),
        ],
        E::ForcedMarriage => &[(E::Servitude, 2), (E::SexualExploitation, 1)],
        E::Servitude => &[(E::ForcedLabour, 1), (E::SexualExploitation, 1)],
        E::ForcedBegging => &[(E::ChildLabour, 1), (E::ForcedLabour, 1)],
        _ => &[],
    }
}

/// Everything case-shaped the generator produces.
#[derive(Default)]
pub(crate) struct Generated {
    pub cases: Vec<Case>,
    pub persons: Vec<DemoPerson>,
    pub participants: Vec<(CaseId, PersonId, CaseRole)>,
    pub events: Vec<CaseEvent>,
    pub counters: Vec<ReferenceCounter>,
}

/// The users of one office, by what they do.
pub(crate) struct Roster {
    pub case_workers: Vec<UserId>,
    pub investigator: Option<UserId>,
    pub lawyer: Option<UserId>,
}

#[derive(Debug, Clone, Copy)]
struct Plan {
    office: usize,
    status: CaseStatus,
    intake: NaiveDate,
}

/// A suspect who will appear in more cases: their index in the person list
/// and how many more cases they will join.
#[derive(Debug, Clone, Copy)]
struct Network {
    person: usize,
    remaining: u32,
}

pub(crate) fn generate(
    rng: &mut DemoRng,
    count: usize,
    today: NaiveDate,
    offices: &[(&'static OfficeSpec, Office)],
    rosters: &[Roster],
) -> Generated {
    let mut plans = plan(rng, count, today, offices);
    // Stable: cases planned on the same day keep their drawn order.
    plans.sort_by_key(|p| p.intake);

    let specs: Vec<&OfficeSpec> = offices.iter().map(|(spec, _)| *spec).collect();
    let mut builder = Builder {
        today,
        codes: Codes::new(),
        pseudonyms: Pseudonyms::new(&specs),
        networks: vec![Vec::new(); offices.len()],
        sequences: BTreeMap::new(),
        timelines: Timelines::default(),
        suspects: Vec::with_capacity(4),
        out: Generated {
            cases: Vec::with_capacity(count),
            persons: Vec::with_capacity(count * 3),
            participants: Vec::with_capacity(count * 4),
            events: Vec::with_capacity(count * 6),
            counters: Vec::new(),
        },
    };
    for p in &plans {
        if let (Some((spec, office)), Some(roster)) = (offices.get(p.office), rosters.get(p.office))
        {
            builder.case(rng, p, p.office, spec, office, roster);
        }
    }

    let mut out = builder.out;
    out.counters = builder
        .sequences
        .into_iter()
        .filter_map(|((office, year), last_sequence)| {
            offices.get(office).map(|(_, o)| ReferenceCounter {
                office_id: o.id,
                year,
                last_sequence,
            })
        })
        .collect();
    out
}

fn plan(
    rng: &mut DemoRng,
    count: usize,
    today: NaiveDate,
    offices: &[(&'static OfficeSpec, Office)],
) -> Vec<Plan> {
    let weights: Vec<(usize, u32)> = offices
        .iter()
        .enumerate()
        .map(|(i, (spec, _))| (i, spec.weight))
        .collect();
    (0..count)
        .map(|_| {
            let office = weighted(rng, &weights, 0);
            let status = weighted(rng, STATUSES, CaseStatus::Active);
            let intake = intake_date(rng, today, status);
            Plan {
                office,
                status,
                intake,
            }
        })
        .collect()
}

/// Active cases lean recent (the caseload grows and old cases close);
/// cases in follow-up or closed have had time to get there.
fn intake_date(rng: &mut DemoRng, today: NaiveDate, status: CaseStatus) -> NaiveDate {
    let days_ago = match status {
        CaseStatus::Active => between(rng, 0, WINDOW_DAYS).min(between(rng, 0, WINDOW_DAYS)),
        CaseStatus::FollowUp => between(rng, 120, WINDOW_DAYS),
        CaseStatus::Closed => between(rng, 180, WINDOW_DAYS),
        CaseStatus::ClosedReferred => between(rng, 20, WINDOW_DAYS),
    };
    let earliest = NaiveDate::from_ymd_opt(EARLIEST_INTAKE_YEAR, 1, 1).unwrap_or(today);
    shift(today, -i64::from(days_ago)).max(earliest).min(today)
}

struct Builder {
    today: NaiveDate,
    codes: Codes,
    pseudonyms: Pseudonyms,
    /// Per office, suspects waiting to reappear.
    networks: Vec<Vec<Network>>,
    /// Last reference sequence per office index and year.
    sequences: BTreeMap<(usize, i32), u32>,
    timelines: Timelines,
    /// Scratch: persons already linked to the current case as suspects.
    suspects: Vec<usize>,
    out: Generated,
}

/// The victims of one case and the parent who came with a child.
struct CaseVictims {
    first: Born,
    second: Option<Born>,
    guardian: Option<Born>,
    culture: CultureId,
}

impl CaseVictims {
    /// How a summary describes them: one gender if they share it, and the
    /// youngest age.
    fn described(&self) -> Victims {
        let gender = self.first.person.profile.gender;
        match &self.second {
            None => Victims {
                count: 1,
                gender,
                age: self.first.age,
            },
            Some(other) => Victims {
                count: 2,
                gender: if other.person.profile.gender == gender {
                    gender
                } else {
                    Gender::NonSpecifiedUnknown
                },
                age: self.first.age.min(other.age),
            },
        }
    }
}

/// Feminine with the given probability in percent, else masculine.
fn binary_gender(rng: &mut DemoRng, feminine_percent: u32) -> Gender {
    if chance(rng, feminine_percent) {
        Gender::Feminine
    } else {
        Gender::Masculine
    }
}

impl Builder {
    fn case(
        &mut self,
        rng: &mut DemoRng,
        plan: &Plan,
        office_index: usize,
        spec: &OfficeSpec,
        office: &Office,
        roster: &Roster,
    ) {
        let Some(case_worker) = roster
            .case_workers
            .get(index(rng, roster.case_workers.len()))
            .copied()
        else {
            return;
        };
        let year = plan.intake.year();
        let sequence = self.sequences.entry((office_index, year)).or_insert(0);
        *sequence += 1;
        let reference = CaseReference::compose(spec.code, year, *sequence);
        let case_id: CaseId = id(rng);

        let sources = if spec.jurisdiction == Jurisdiction::Philippines {
            SOURCES_PH
        } else {
            SOURCES
        };
        let source = weighted(rng, sources, IntakeSource::NgoReferral);
        let primary = weighted(rng, spec.exploitation, ExploitationType::SexualExploitation);
        let family = Family::of(primary);
        let mut exploitation_types = vec![primary];
        if chance(rng, 22) {
            exploitation_types.push(weighted(rng, companions(primary), primary));
        }
        // Canonical order, as validation returns it.
        exploitation_types.sort_unstable();
        exploitation_types.dedup();

        let team = Team {
            case_worker,
            investigator: roster.investigator.filter(|_| chance(rng, 65)),
            lawyer: roster
                .lawyer
                .filter(|_| chance(rng, if family == Family::Sexual { 50 } else { 35 })),
        };
        let mut team_ids: Vec<UserId> = [Some(team.case_worker), team.investigator, team.lawyer]
            .into_iter()
            .flatten()
            .collect();
        team_ids.sort_unstable();

        let created_at = moment(rng, plan.intake, spec.utc_work_start, 9);
        // People are recorded one after another in the minutes after the
        // case was opened.
        let mut at = Recording {
            office: spec,
            office_index,
            office_id: office.id,
            intake: plan.intake,
            created_at,
            today: self.today,
        };
        let victims = self.victims(rng, &mut at, spec, family);

        let foreign = foreign_name(victims.culture.spec(), spec.country, spec.lang);
        let origin_known = chance(rng, 92);
        let place_of_recruitment = origin_known.then(|| place_label(victims.first.home, foreign));
        let site = family.site(rng, spec.sites);
        let exploitation_known = chance(rng, 95);
        let place_of_exploitation = exploitation_known.then(|| site.label());
        let origin = Origin {
            locality: victims.first.home.locality,
            country: foreign,
        };
        let described = victims.described();
        let summary = summary::write(
            rng,
            spec.lang,
            &described,
            family,
            origin_known.then_some(&origin),
            exploitation_known.then_some(site.city),
            plan.status,
        );

        self.link(case_id, victims.first, CaseRole::Victim);
        if let Some(born) = victims.second {
            self.link(case_id, born, CaseRole::Victim);
        }
        if let Some(born) = victims.guardian {
            self.link(case_id, born, CaseRole::Guardian);
        }
        self.suspects(rng, &mut at, case_id, victims.culture);
        self.bystanders(rng, &mut at, case_id, victims.culture);

        let last_event = self.timelines.build(
            rng,
            &CaseFacts {
                case_id,
                office: spec,
                intake: plan.intake,
                today: self.today,
                status: plan.status,
                source,
                family,
                foreign_victim: foreign.is_some(),
                minor: described.age < 18,
                team: &team,
                created_at,
            },
            &mut self.out.events,
        );
        // The case was last touched by its last event or its last person.
        let updated_at: DateTime<Utc> = last_event.max(at.created_at);

        self.out.cases.push(Case {
            id: case_id,
            reference,
            details: CaseDetails {
                intake_date: plan.intake,
                intake_source: source,
                status: plan.status,
                exploitation_types,
                place_of_recruitment,
                place_of_exploitation,
                summary: Some(summary),
                owning_office: office.id,
                team: team_ids,
            },
            created_by: Some(team.case_worker),
            created_at,
            updated_at,
        });
    }

    /// One or two victims (usually from the same community, of similar
    /// age), and for a child often a parent.
    fn victims(
        &mut self,
        rng: &mut DemoRng,
        at: &mut Recording<'_>,
        spec: &OfficeSpec,
        family: Family,
    ) -> CaseVictims {
        let culture = weighted(rng, spec.cultures, spec.home_culture());
        let age = family.victim_age(rng);
        let sketch = Sketch {
            culture,
            role: CaseRole::Victim,
            gender: family.victim_gender(rng),
            age: Some(age),
            parent_of: None,
        };
        let first = self.person(rng, at, &sketch);
        let second = chance(rng, 22).then(|| {
            let sketch = Sketch {
                culture: if chance(rng, 80) {
                    culture
                } else {
                    weighted(rng, spec.cultures, culture)
                },
                role: CaseRole::Victim,
                gender: family.victim_gender(rng),
                age: Some(between(rng, age.saturating_sub(2).max(8), age + 2)),
                parent_of: None,
            };
            self.person(rng, at, &sketch)
        });
        let guardian_chance = if age < 18 { 45 } else { 5 };
        let guardian = chance(rng, guardian_chance).then(|| {
            let sketch = Sketch {
                culture,
                role: CaseRole::Guardian,
                gender: binary_gender(rng, 65),
                age: Some(age + between(rng, 18, 32)),
                parent_of: Some(&first),
            };
            self.person(rng, at, &sketch)
        });
        CaseVictims {
            first,
            second,
            guardian,
            culture,
        }
    }

    /// Suspects: half from the victim's own community (recruiters usually
    /// are), half local to the office; some known from earlier cases.
    fn suspects(
        &mut self,
        rng: &mut DemoRng,
        at: &mut Recording<'_>,
        case_id: CaseId,
        victim_culture: CultureId,
    ) {
        self.suspects.clear();
        for _ in 0..weighted(rng, SUSPECT_COUNTS, 1) {
            at.advance(rng);
            if let Some(person) = self.reuse_suspect(rng, at.office_index) {
                if let Some(known) = self.out.persons.get_mut(person) {
                    known.updated_at = known.updated_at.max(at.created_at);
                    self.out
                        .participants
                        .push((case_id, known.id, CaseRole::Suspect));
                    self.suspects.push(person);
                    continue;
                }
            }
            let (low, high) = weighted(rng, SUSPECT_AGES, (30, 39));
            let sketch = Sketch {
                culture: if chance(rng, 50) {
                    victim_culture
                } else {
                    at.office.home_culture()
                },
                role: CaseRole::Suspect,
                gender: weighted(rng, SUSPECT_GENDERS, Gender::Masculine),
                age: Some(between(rng, low, high)),
                parent_of: None,
            };
            let born = self.person(rng, at, &sketch);
            let person = self.link(case_id, born, CaseRole::Suspect);
            self.suspects.push(person);
            if chance(rng, NETWORK_PERCENT) {
                if let Some(pool) = self.networks.get_mut(at.office_index) {
                    pool.push(Network {
                        person,
                        remaining: between(rng, 1, 3),
                    });
                }
            }
        }
    }

    /// Sometimes a witness (a neighbour, a co-worker) and sometimes an
    /// official (police, child protection) are recorded on the case.
    fn bystanders(
        &mut self,
        rng: &mut DemoRng,
        at: &mut Recording<'_>,
        case_id: CaseId,
        victim_culture: CultureId,
    ) {
        if chance(rng, 25) {
            let sketch = Sketch {
                culture: if chance(rng, 50) {
                    victim_culture
                } else {
                    at.office.home_culture()
                },
                role: CaseRole::Witness,
                gender: binary_gender(rng, 50),
                age: Some(between(rng, 18, 60)),
                parent_of: None,
            };
            let born = self.person(rng, at, &sketch);
            self.link(case_id, born, CaseRole::Witness);
        }
        if chance(rng, 15) {
            let sketch = Sketch {
                culture: at.office.home_culture(),
                role: CaseRole::Official,
                gender: binary_gender(rng, 40),
                age: Some(between(rng, 28, 55)),
                parent_of: None,
            };
            let born = self.person(rng, at, &sketch);
            self.link(case_id, born, CaseRole::Official);
        }
    }

    /// Builds the next person recorded on the case.
    fn person(&mut self, rng: &mut DemoRng, at: &mut Recording<'_>, sketch: &Sketch<'_>) -> Born {
        at.advance(rng);
        people::make(rng, &self.codes, &mut self.pseudonyms, at, sketch)
    }

    /// Adds a new person to the case; returns their index in the list.
    fn link(&mut self, case_id: CaseId, born: Born, role: CaseRole) -> usize {
        self.out.participants.push((case_id, born.person.id, role));
        self.out.persons.push(born.person);
        self.out.persons.len() - 1
    }

    /// A suspect from the office's network not yet in this case, if the
    /// dice say this slot is filled by a known face.
    fn reuse_suspect(&mut self, rng: &mut DemoRng, office_index: usize) -> Option<usize> {
        let pool = self.networks.get_mut(office_index)?;
        if pool.is_empty() || !chance(rng, REUSE_PERCENT) {
            return None;
        }
        let slot = index(rng, pool.len());
        let entry = pool.get_mut(slot)?;
        if self.suspects.contains(&entry.person) {
            return None;
        }
        let person = entry.person;
        entry.remaining = entry.remaining.saturating_sub(1);
        if entry.remaining == 0 {
            pool.swap_remove(slot);
        }
        Some(person)
    }
}
