//! The generated data must be valid by the domain's own rules, consistent
//! across records, deterministic, and varied enough to demo with.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use lantern_demo::{generate, DemoConfig, DemoData};
use lantern_domain::case::CaseInput;
use lantern_domain::event::EventInput;
use lantern_domain::person::{age_band, age_on, Person, PersonInput};
use lantern_domain::user::{validate_language, validate_username};
use lantern_domain::vocab::{CaseRole, CaseStatus, EventKind, UserRole, Vocabulary};
use lantern_domain::{OfficeId, PersonId, Sensitive, UserId};

const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 5, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

fn today() -> NaiveDate {
    TODAY
}

fn sample(cases: usize, seed: u64) -> DemoData {
    generate(&DemoConfig {
        cases,
        seed,
        today: today(),
    })
}

#[test]
fn every_person_passes_validation_unchanged() {
    let data = sample(2_000, 1);
    assert!(data.persons.len() > 4_000);
    for p in &data.persons {
        let person = Person {
            id: p.id,
            office_id: p.office_id,
            profile: p.profile.clone(),
            identity: Sensitive::new(p.identity.clone()),
            created_at: p.created_at,
            updated_at: p.updated_at,
        };
        let draft = PersonInput::from_person(&person)
            .validate(today())
            .unwrap_or_else(|e| panic!("{}: {e}", p.profile.pseudonym));
        // Equal after validation: the data is already trimmed, normalised
        // (NFC), deduplicated and banded exactly as the domain would store it.
        assert_eq!(draft.profile, p.profile);
        assert!(
            draft.identity.expose() == &p.identity,
            "{}",
            p.profile.pseudonym
        );
        assert_eq!(
            p.profile.age_band,
            age_band(p.identity.date_of_birth, p.identity.estimated_age, today())
        );
        assert!(p.profile.pseudonym.chars().count() <= 80);
        assert!(p.created_at <= p.updated_at);
    }
}

#[test]
fn every_case_and_event_passes_validation_unchanged() {
    let data = sample(2_000, 2);
    assert_eq!(data.cases.len(), 2_000);
    for case in &data.cases {
        let details = CaseInput::from_details(&case.details)
            .validate(today())
            .unwrap_or_else(|e| panic!("{}: {e}", case.reference));
        assert_eq!(details, case.details, "{}", case.reference);
    }
    for event in &data.events {
        let d = &event.details;
        let input = EventInput {
            occurred_on: d.occurred_on.format("%Y-%m-%d").to_string(),
            kind: d.kind.code().to_owned(),
            title: d.title.clone(),
            note: d.note.clone().unwrap_or_default(),
        };
        assert_eq!(input.validate(today()).unwrap(), *d);
    }
}

#[test]
fn same_config_gives_the_same_data_and_seeds_differ() {
    let a = sample(300, 7);
    let b = sample(300, 7);
    assert_eq!(a, b);
    let c = sample(300, 8);
    assert_ne!(a.cases, c.cases);
    assert_ne!(a.persons, c.persons);
    assert!(a.offices.iter().zip(&c.offices).all(|(x, y)| x.id != y.id));
}

#[test]
fn references_count_up_per_office_and_year_and_counters_match() {
    let data = sample(2_000, 3);
    let codes: HashMap<OfficeId, &str> = data
        .offices
        .iter()
        .map(|o| (o.id, o.code.as_str()))
        .collect();
    let mut sequences: BTreeMap<(OfficeId, i32), Vec<u32>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for case in &data.cases {
        let reference = case.reference.as_str();
        assert!(seen.insert(reference), "duplicate {reference}");
        let mut parts = reference.split('-');
        let code = parts.next().unwrap();
        let year: i32 = parts.next().unwrap().parse().unwrap();
        let sequence: u32 = parts.next().unwrap().parse().unwrap();
        assert_eq!(codes[&case.details.owning_office], code);
        assert_eq!(year, case.details.intake_date.year());
        sequences
            .entry((case.details.owning_office, year))
            .or_default()
            .push(sequence);
    }
    // Sequences are 1..=n in intake order.
    for numbers in sequences.values() {
        assert_eq!(*numbers, (1..=numbers.len() as u32).collect::<Vec<_>>());
    }
    let counters: BTreeMap<(OfficeId, i32), u32> = data
        .counters
        .iter()
        .map(|c| ((c.office_id, c.year), c.last_sequence))
        .collect();
    let expected: BTreeMap<(OfficeId, i32), u32> = sequences
        .iter()
        .map(|(key, numbers)| (*key, numbers.len() as u32))
        .collect();
    assert_eq!(counters, expected);
}

#[test]
fn users_cover_every_office_and_role() {
    let data = sample(10, 4);
    assert!(data.users.len() < 40);
    assert!((6..=8).contains(&data.offices.len()));
    let admin = data.users.iter().find(|u| u.username == "admin").unwrap();
    assert_eq!(admin.role, UserRole::Admin);
    for role in [UserRole::MeAnalyst, UserRole::PartnerViewer] {
        assert!(data.users.iter().any(|u| u.role == role));
    }
    let mut names = HashSet::new();
    for user in &data.users {
        assert_eq!(validate_username(&user.username).unwrap(), user.username);
        assert!(names.insert(&user.username));
        assert_eq!(validate_language(&user.language).unwrap(), user.language);
        assert!(!user.disabled);
        assert!(!user.display_name.trim().is_empty());
    }
    for office in &data.offices {
        for role in [
            UserRole::CaseWorker,
            UserRole::Investigator,
            UserRole::Lawyer,
        ] {
            assert!(
                data.users
                    .iter()
                    .any(|u| u.office_id == office.id && u.role == role),
                "{} has no {role}",
                office.code
            );
        }
        let spanish = matches!(office.country.as_str(), "MX" | "GT");
        for user in data.users.iter().filter(|u| {
            u.office_id == office.id
                && !matches!(
                    u.role,
                    UserRole::Admin | UserRole::MeAnalyst | UserRole::PartnerViewer
                )
        }) {
            assert_eq!(user.language == "es", spanish, "{}", user.username);
        }
    }
}

#[test]
fn teams_timelines_and_people_belong_to_their_case() {
    let data = sample(2_000, 5);
    let user_office: HashMap<UserId, OfficeId> =
        data.users.iter().map(|u| (u.id, u.office_id)).collect();
    let persons: HashMap<PersonId, &lantern_demo::DemoPerson> =
        data.persons.iter().map(|p| (p.id, p)).collect();
    assert_eq!(persons.len(), data.persons.len(), "person ids are unique");

    let mut events_by_case: HashMap<_, Vec<_>> = HashMap::new();
    for event in &data.events {
        events_by_case.entry(event.case_id).or_default().push(event);
    }
    let mut roles_by_case: HashMap<_, Vec<(PersonId, CaseRole)>> = HashMap::new();
    let mut links = HashSet::new();
    for (case_id, person_id, role) in &data.participants {
        assert!(
            links.insert((*case_id, *person_id, *role)),
            "duplicate link"
        );
        roles_by_case
            .entry(*case_id)
            .or_default()
            .push((*person_id, *role));
    }
    let mut linked_persons = HashSet::new();

    for case in &data.cases {
        let d = &case.details;
        assert!((1..=3).contains(&d.team.len()));
        assert!(d.team.iter().all(|u| user_office[u] == d.owning_office));
        assert!(d.team.contains(&case.created_by.unwrap()));
        assert_eq!(case.created_at.date_naive(), d.intake_date);
        assert!(case.created_at <= case.updated_at);
        assert!(d.intake_date <= today());
        assert!(d.intake_date >= today() - chrono::Duration::days(6 * 366));
        assert!((1..=2).contains(&d.exploitation_types.len()));

        let events = &events_by_case[&case.id];
        assert!((2..=8).contains(&events.len()), "{}", events.len());
        assert_eq!(events[0].details.kind, EventKind::Intake);
        assert_eq!(events[0].details.occurred_on, d.intake_date);
        for pair in events.windows(2) {
            assert!(pair[0].details.occurred_on <= pair[1].details.occurred_on);
            assert!(pair[0].recorded_at < pair[1].recorded_at);
        }
        for event in events {
            assert!(event.details.occurred_on <= today());
            assert!(d.team.contains(&event.recorded_by.unwrap()));
            assert!(event.recorded_at <= case.updated_at);
        }
        let changes = events
            .iter()
            .filter(|e| e.details.kind == EventKind::StatusChange)
            .count();
        assert_eq!(changes, usize::from(d.status != CaseStatus::Active));
        if matches!(d.status, CaseStatus::Closed | CaseStatus::ClosedReferred) {
            assert_eq!(events.last().unwrap().details.kind, EventKind::StatusChange);
        }

        let roles = &roles_by_case[&case.id];
        let count = |role| roles.iter().filter(|(_, r)| *r == role).count();
        assert!((1..=2).contains(&count(CaseRole::Victim)));
        assert!(count(CaseRole::Suspect) <= 3);
        assert!(count(CaseRole::Guardian) <= 1);
        for (person_id, role) in roles {
            let person = persons[person_id];
            assert_eq!(person.office_id, d.owning_office);
            assert!(person.created_at <= case.updated_at);
            if *role != CaseRole::Suspect {
                // Only suspects can be known from an earlier case.
                assert!(person.created_at > case.created_at);
            }
            linked_persons.insert(*person_id);
        }
    }
    assert_eq!(linked_persons.len(), data.persons.len(), "no orphans");
}

#[test]
fn some_suspects_reappear_across_cases_of_their_office() {
    let data = sample(2_000, 6);
    let mut cases_per_suspect: HashMap<PersonId, usize> = HashMap::new();
    for (_, person_id, role) in &data.participants {
        if *role == CaseRole::Suspect {
            *cases_per_suspect.entry(*person_id).or_default() += 1;
        }
    }
    let repeat = cases_per_suspect.values().filter(|n| **n > 1).count();
    let share = repeat as f64 / cases_per_suspect.len() as f64;
    assert!((0.05..=0.15).contains(&share), "{share}");
    assert!(cases_per_suspect.values().all(|n| *n <= 4));
    // A suspect is never in a role other than suspect.
    let others: HashSet<PersonId> = data
        .participants
        .iter()
        .filter(|(_, _, r)| *r != CaseRole::Suspect)
        .map(|(_, p, _)| *p)
        .collect();
    assert!(cases_per_suspect.keys().all(|p| !others.contains(p)));
}

#[test]
fn distributions_look_like_a_real_caseload() {
    let data = sample(2_000, 7);
    let n = data.cases.len() as f64;
    let share = |status| {
        data.cases
            .iter()
            .filter(|c| c.details.status == status)
            .count() as f64
            / n
    };
    for status in CaseStatus::ALL {
        assert!(share(*status) > 0.05, "{status}");
    }
    assert!((0.38..=0.52).contains(&share(CaseStatus::Active)));
    let offices: HashSet<_> = data.cases.iter().map(|c| c.details.owning_office).collect();
    assert_eq!(offices.len(), data.offices.len());
    let kinds: BTreeSet<_> = data
        .cases
        .iter()
        .flat_map(|c| c.details.exploitation_types.iter().copied())
        .collect();
    assert!(kinds.len() >= 6, "{kinds:?}");
    let sources: BTreeSet<_> = data.cases.iter().map(|c| c.details.intake_source).collect();
    assert_eq!(sources.len(), 9);
    let event_kinds: BTreeSet<_> = data.events.iter().map(|e| e.details.kind).collect();
    for kind in [
        EventKind::Intake,
        EventKind::Screening,
        EventKind::Rescue,
        EventKind::PoliceComplaint,
        EventKind::CourtHearing,
        EventKind::Service,
        EventKind::Referral,
        EventKind::Note,
        EventKind::StatusChange,
    ] {
        assert!(event_kinds.contains(&kind), "{kind}");
    }
}

#[test]
fn victims_are_young_and_many_are_minors() {
    let data = sample(2_000, 8);
    let intake: HashMap<_, _> = data
        .cases
        .iter()
        .map(|c| (c.id, c.details.intake_date))
        .collect();
    let persons: HashMap<_, _> = data.persons.iter().map(|p| (p.id, p)).collect();
    let ages: Vec<u32> = data
        .participants
        .iter()
        .filter(|(_, _, r)| *r == CaseRole::Victim)
        .filter_map(|(c, p, _)| {
            let dob = persons[p].identity.date_of_birth?;
            Some(age_on(dob, intake[c]))
        })
        .collect();
    assert!(ages.len() > 1_000);
    let young = ages.iter().filter(|a| (11..=25).contains(*a)).count() as f64;
    let minors = ages.iter().filter(|a| **a < 18).count() as f64;
    assert!(young / ages.len() as f64 > 0.75);
    assert!(minors / ages.len() as f64 > 0.35);
}

#[test]
fn names_use_the_scripts_of_their_region() {
    let data = sample(2_000, 9);
    let office_country: HashMap<OfficeId, (&str, &str)> = data
        .offices
        .iter()
        .map(|o| (o.id, (o.code.as_str(), o.country.as_str())))
        .collect();
    let in_block =
        |s: &str, from: u32, to: u32| s.chars().any(|c| (from..=to).contains(&(c as u32)));
    let mut scripts: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for p in &data.persons {
        let (code, _) = office_country[&p.office_id];
        let names = p.identity.legal_name.iter().chain(&p.identity.aliases);
        for name in names {
            let script = if in_block(name, 0x0980, 0x09FF) {
                "bengali"
            } else if in_block(name, 0x0900, 0x097F) {
                "devanagari"
            } else if in_block(name, 0x0E00, 0x0E7F) {
                "thai"
            } else {
                "latin"
            };
            scripts.entry(code).or_default().insert(script);
        }
    }
    assert!(scripts["KOL"].contains("bengali") && scripts["KOL"].contains("latin"));
    assert!(scripts["DEL"].contains("devanagari") && scripts["DEL"].contains("latin"));
    assert!(scripts["MUM"].contains("devanagari"));
    assert!(scripts["BKK"].contains("thai") && scripts["BKK"].contains("latin"));
    for code in ["CEB", "MNL", "CDMX", "GUA"] {
        assert_eq!(scripts[code], BTreeSet::from(["latin"]), "{code}");
    }
    // Spanish-speaking offices write Spanish summaries and titles.
    let gua = data.offices.iter().find(|o| o.code == "GUA").unwrap().id;
    assert!(data
        .cases
        .iter()
        .filter(|c| c.details.owning_office == gua)
        .all(|c| c.details.summary.as_deref().unwrap().contains(" mediante ")));
}

#[test]
fn pseudonyms_are_unique() {
    let data = sample(2_000, 10);
    let mut seen = HashSet::new();
    for p in &data.persons {
        assert!(
            seen.insert(p.profile.pseudonym.as_str()),
            "{}",
            p.profile.pseudonym
        );
    }
}

#[test]
fn zero_cases_still_gives_offices_and_users() {
    let data = sample(0, 11);
    assert!(!data.offices.is_empty());
    assert!(!data.users.is_empty());
    assert!(data.cases.is_empty() && data.persons.is_empty() && data.events.is_empty());
    assert!(data.counters.is_empty());
}

#[test]
fn establishments_vehicles_and_phones_tie_cases_together() {
    use lantern_domain::entity::{plate_key, EntityInput};
    use lantern_domain::vocab::EntityKind;
    let data = sample(600, 11);
    let cases: HashSet<_> = data.cases.iter().map(|c| c.id).collect();
    assert!(data.entities.len() > 100);
    let mut names: HashMap<String, BTreeSet<_>> = HashMap::new();
    let mut plates: HashMap<String, BTreeSet<_>> = HashMap::new();
    for e in &data.entities {
        assert!(cases.contains(&e.case_id));
        // Each passes the form's rules unchanged.
        let input = EntityInput {
            kind: e.kind.code().to_owned(),
            establishment_kind: e
                .establishment_kind
                .map(|k| k.code().to_owned())
                .unwrap_or_default(),
            name: e.identity.name.clone(),
            place: e.identity.place.clone().unwrap_or_default(),
            description: e.identity.description.clone().unwrap_or_default(),
        };
        let draft = input.validate().unwrap();
        assert_eq!(draft.identity.expose(), &e.identity);
        let (map, key) = match e.kind {
            EntityKind::Establishment => (
                &mut names,
                e.identity
                    .name
                    .to_lowercase()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            EntityKind::Vehicle => (&mut plates, plate_key(&e.identity.name)),
        };
        map.entry(key).or_default().insert(e.case_id.as_uuid());
    }
    assert!(
        names.values().filter(|c| c.len() >= 2).count() >= 5,
        "shared establishments"
    );
    assert!(
        plates.values().filter(|c| c.len() >= 2).count() >= 5,
        "shared vehicles"
    );
    // Some phone numbers belong to suspects of different cases.
    let suspects: HashMap<PersonId, Vec<_>> = data
        .participants
        .iter()
        .filter(|(_, _, role)| *role == CaseRole::Suspect)
        .fold(HashMap::new(), |mut m, (case, person, _)| {
            m.entry(*person).or_default().push(*case);
            m
        });
    let mut phones: HashMap<&str, BTreeSet<PersonId>> = HashMap::new();
    for p in data.persons.iter().filter(|p| suspects.contains_key(&p.id)) {
        for phone in &p.identity.phones {
            phones.entry(phone.as_str()).or_default().insert(p.id);
        }
    }
    assert!(
        phones.values().filter(|people| people.len() >= 2).count() >= 5,
        "shared phones"
    );
    assert_eq!(sample(600, 11).entities, data.entities, "deterministic");
}
