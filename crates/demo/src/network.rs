//! Establishments, vehicles and phone numbers shared across cases, so the
//! demo's network view has something to show: within an office, every
//! fifth case joins a ring of three that share an establishment (its name
//! typed differently in each case), a vehicle (plate spaced differently)
//! and a phone number given to a suspect of each case. A few other cases
//! record an establishment of their own.

use chrono::{DateTime, Utc};
use lantern_domain::case::Case;
use lantern_domain::entity::{EntityId, EntityIdentity};
use lantern_domain::vocab::{CaseRole, EntityKind, EstablishmentKind};
use lantern_domain::{CaseId, OfficeId, PersonId};

use crate::rng::{id, index, pick, push_digits, DemoRng};
use crate::DemoPerson;

/// An establishment or vehicle of one case, before sealing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoEntity {
    pub id: EntityId,
    pub case_id: CaseId,
    pub kind: EntityKind,
    pub establishment_kind: Option<EstablishmentKind>,
    pub identity: EntityIdentity,
    pub created_at: DateTime<Utc>,
}

/// Cases per ring, and how often (one case in this many) a case joins one.
const RING_SIZE: usize = 3;
const RING_EVERY: usize = 5;

const NAMES: &[&str] = &[
    "Golden Lotus",
    "Blue Moon",
    "Sunrise",
    "Paradise",
    "Silver Star",
    "Royal Palm",
    "Green Valley",
    "Happy Home",
    "Moonlight",
    "New Hope",
];

const KINDS: &[(EstablishmentKind, &str)] = &[
    (EstablishmentKind::MassageParlour, "Spa"),
    (EstablishmentKind::Hotel, "Guest House"),
    (EstablishmentKind::Bar, "Dance Bar"),
    (EstablishmentKind::PlacementAgency, "Placement Services"),
    (EstablishmentKind::Brothel, "Lodge"),
    (EstablishmentKind::Online, "Friends Club (online)"),
];

const STREETS: &[&str] = &[
    "Station Road",
    "Market Lane",
    "Highway Bypass",
    "Old Bazaar Street",
    "Harbour Road",
];

/// A kind of establishment and the word its names end with.
fn establishment(rng: &mut DemoRng) -> (EstablishmentKind, &'static str) {
    KINDS
        .get(index(rng, KINDS.len()))
        .copied()
        .unwrap_or((EstablishmentKind::Other, "House"))
}

/// What a ring shares.
struct Ring {
    kind: EstablishmentKind,
    name: String,
    place: String,
    plate: String,
    phone: String,
}

fn ring(rng: &mut DemoRng) -> Ring {
    let (kind, suffix) = establishment(rng);
    let name = format!("{} {suffix}", pick(rng, NAMES));
    let mut place = String::new();
    push_digits(rng, "##", &mut place);
    place.push(' ');
    place.push_str(pick(rng, STREETS));
    let mut plate = String::new();
    push_digits(rng, "WB ## ", &mut plate);
    plate.push(char::from(b'A' + (index(rng, 26) as u8)));
    plate.push(char::from(b'A' + (index(rng, 26) as u8)));
    push_digits(rng, " ####", &mut plate);
    let mut phone = String::new();
    push_digits(rng, "+91 98### #####", &mut phone);
    Ring {
        kind,
        name,
        place,
        plate,
        phone,
    }
}

/// The same text as another case worker might type it.
fn retyped(text: &str, member: usize) -> String {
    match member % 3 {
        0 => text.to_owned(),
        1 => text.to_uppercase(),
        _ => text.replace(' ', "  ").to_lowercase(),
    }
}

pub(crate) fn build(
    rng: &mut DemoRng,
    cases: &[Case],
    persons: &mut [DemoPerson],
    participants: &[(CaseId, PersonId, CaseRole)],
) -> Vec<DemoEntity> {
    let person_index: std::collections::HashMap<PersonId, usize> =
        persons.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let mut suspects: std::collections::HashMap<CaseId, PersonId> =
        std::collections::HashMap::new();
    for (case, person, role) in participants {
        if *role == CaseRole::Suspect {
            suspects.entry(*case).or_insert(*person);
        }
    }
    let mut by_office: Vec<(OfficeId, Vec<&Case>)> = Vec::new();
    for case in cases {
        let office = case.details.owning_office;
        match by_office.iter_mut().find(|(o, _)| *o == office) {
            Some((_, list)) => list.push(case),
            None => by_office.push((office, vec![case])),
        }
    }
    let mut entities = Vec::new();
    for (_, office_cases) in &by_office {
        let members: Vec<&Case> = office_cases.iter().step_by(RING_EVERY).copied().collect();
        for group in members.chunks(RING_SIZE) {
            let shared = ring(rng);
            for (member, case) in group.iter().enumerate() {
                entities.push(DemoEntity {
                    id: id(rng),
                    case_id: case.id,
                    kind: EntityKind::Establishment,
                    establishment_kind: Some(shared.kind),
                    identity: EntityIdentity {
                        name: retyped(&shared.name, member),
                        place: Some(shared.place.clone()),
                        description: None,
                    },
                    created_at: case.created_at,
                });
                if member < 2 {
                    entities.push(DemoEntity {
                        id: id(rng),
                        case_id: case.id,
                        kind: EntityKind::Vehicle,
                        establishment_kind: None,
                        identity: EntityIdentity {
                            name: if member == 0 {
                                shared.plate.clone()
                            } else {
                                shared.plate.replace(' ', "")
                            },
                            place: None,
                            description: Some("White van".into()),
                        },
                        created_at: case.created_at,
                    });
                }
                let holder = suspects
                    .get(&case.id)
                    .and_then(|person| person_index.get(person));
                if let Some(person) = holder.and_then(|&i| persons.get_mut(i)) {
                    if !person.identity.phones.contains(&shared.phone) {
                        person.identity.phones.push(shared.phone.clone());
                    }
                }
            }
        }
        // A few cases record an establishment no other case shares.
        for case in office_cases.iter().skip(2).step_by(RING_EVERY * 2) {
            let (kind, suffix) = establishment(rng);
            let mut name = format!("{} {suffix} ", pick(rng, NAMES));
            push_digits(rng, "#", &mut name);
            entities.push(DemoEntity {
                id: id(rng),
                case_id: case.id,
                kind: EntityKind::Establishment,
                establishment_kind: Some(kind),
                identity: EntityIdentity {
                    name,
                    place: None,
                    description: None,
                },
                created_at: case.created_at,
            });
        }
    }
    entities
}
