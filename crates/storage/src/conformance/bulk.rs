//! A bulk import shaped like the demo's, read back through the trait.
//! Each backend's tests run it at a size of their own (large enough for
//! several statements or batches) and count its tables themselves.

use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use lantern_domain::case::{Case, CaseDetails, CaseFilter, CaseReference};
use lantern_domain::event::{CaseEvent, EventDetails};
use lantern_domain::iso::CountryCode;
use lantern_domain::page::PageRequest;
use lantern_domain::person::PersonProfile;
use lantern_domain::user::{Office, User};
use lantern_domain::vocab::{
    AgeBand, CaseRole, CaseStatus, EventKind, ExploitationType, Gender, IntakeSource, UserRole,
};
use lantern_domain::{CaseId, EventId, OfficeId, PersonId, UserId};

use crate::*;

fn moment(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::seconds(seconds)
}

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(n % 700)
}

/// A data set shaped like the demo's: per case two exploitation types, a
/// team member, two people and seven timeline events (15 rows a case).
pub fn demo_shaped_dataset(cases: usize) -> Dataset {
    let offices: Vec<Office> = ["NDL", "KOL"]
        .iter()
        .map(|code| Office {
            id: OfficeId::random(),
            code: (*code).to_owned(),
            name: format!("{code} office"),
            country: CountryCode::parse("IN").unwrap(),
            region: "Region".into(),
        })
        .collect();
    let users: Vec<(User, String)> = offices
        .iter()
        .map(|o| {
            let user = User {
                id: UserId::random(),
                username: format!("worker.{}", o.code.to_lowercase()),
                display_name: "Worker".into(),
                role: UserRole::CaseWorker,
                office_id: o.id,
                language: "en".into(),
                disabled: false,
                supervisor: false,
                created_at: moment(0),
            };
            (user, "$argon2id$hash".to_owned())
        })
        .collect();
    let mut data = Dataset {
        offices,
        users,
        ..Dataset::default()
    };
    let kinds = [
        ExploitationType::ForcedLabour,
        ExploitationType::SexualExploitation,
        ExploitationType::ChildLabour,
    ];
    let mut sequences = [0u32; 2];
    for n in 0..cases {
        let which = n % 2;
        let office = &data.offices[which];
        let worker = data.users[which].0.id;
        sequences[which] += 1;
        let intake =
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(n as u64 % 300);
        let case = Case {
            id: CaseId::random(),
            reference: CaseReference::compose(&office.code, 2025, sequences[which]),
            details: CaseDetails {
                intake_date: intake,
                intake_source: IntakeSource::NgoReferral,
                status: if n % 5 == 0 {
                    CaseStatus::Closed
                } else {
                    CaseStatus::Active
                },
                exploitation_types: vec![kinds[n % 3], kinds[(n + 1) % 3]],
                place_of_recruitment: (n % 4 != 0).then(|| "Village".to_owned()),
                place_of_exploitation: None,
                summary: None,
                owning_office: office.id,
                team: vec![worker],
            },
            created_by: (n % 3 != 0).then_some(worker),
            created_at: moment(n as i64),
            updated_at: moment(n as i64 + 60),
        };
        for (role, name) in [(CaseRole::Victim, "Rani"), (CaseRole::Suspect, "Dalal")] {
            let person = StoredPerson {
                id: PersonId::random(),
                office_id: office.id,
                profile: PersonProfile {
                    pseudonym: format!("{name} {n}"),
                    age_band: AgeBand::From18To20,
                    gender: Gender::Feminine,
                },
                identity: SealedIdentity(vec![n as u8, 0, 255, 7]),
                data_key: Some(vec![n as u8; 77]),
                lookups: vec![vec![n as u8; 32]],
                created_at: moment(n as i64),
                updated_at: moment(n as i64),
            };
            data.participants.push((case.id, person.id, role));
            data.persons.push(person);
        }
        for e in 0..7u64 {
            data.events.push(StoredEvent {
                event: CaseEvent {
                    id: EventId::random(),
                    case_id: case.id,
                    details: EventDetails {
                        occurred_on: day(n as u64 + e),
                        kind: EventKind::Note,
                        title: String::new(),
                        note: None,
                    },
                    recorded_by: (e % 3 != 0).then_some(worker),
                    recorded_at: moment(n as i64 + e as i64),
                },
                title: Some(SealedText(vec![e as u8; 40])),
                note: (e % 2 == 0).then(|| SealedText(vec![n as u8; 50])),
            });
        }
        data.cases.push(StoredCase {
            case,
            summary: Some(SealedText(vec![n as u8; 60])),
            data_key: Some(vec![n as u8; 77]),
        });
    }
    for (which, office) in data.offices.iter().enumerate() {
        // Two rows for one office and year in one batch: the higher wins.
        data.counters.push(ReferenceCounter {
            office_id: office.id,
            year: 2025,
            last_sequence: 1,
        });
        data.counters.push(ReferenceCounter {
            office_id: office.id,
            year: 2025,
            last_sequence: sequences[which],
        });
    }
    data
}

/// Imports a `demo_shaped_dataset` of `cases` cases into an empty database
/// and reads it back: a case, its file, a person, the pseudonym search,
/// the next case reference after the imported counters (one case more),
/// and a second import refused whole. Prints the load rate.
pub async fn bulk_import_reads_back(store: &dyn Storage, cases: usize) -> Dataset {
    let data = demo_shaped_dataset(cases);
    let started = Instant::now();
    let counts = store.import(&data).await.unwrap();
    let elapsed = started.elapsed();
    eprintln!(
        "imported {cases} cases ({} rows) in {:.2?}: {:.0} cases per minute",
        data.cases
            .iter()
            .map(|c| 1 + c.case.details.exploitation_types.len() + c.case.details.team.len())
            .sum::<usize>()
            + data.persons.len()
            + data.participants.len()
            + data.events.len(),
        elapsed,
        cases as f64 / elapsed.as_secs_f64() * 60.0
    );
    assert_eq!(counts.cases, cases as u64);
    assert_eq!(counts.persons, 2 * cases as u64);
    assert_eq!(counts.events, 7 * cases as u64);

    // Every column of a case, a person and an event survives the trip.
    let last = data.cases.last().unwrap();
    let mut expected = last.clone();
    expected.case.details.exploitation_types.sort_unstable();
    let last = &last.case;
    assert_eq!(store.get_case(last.id).await.unwrap(), Some(expected));
    let file = store.case_file(last.id).await.unwrap().unwrap();
    assert_eq!(file.participants.len(), 2);
    assert_eq!(file.events.len(), 7);
    // Lookups are written, not read back.
    let person = StoredPerson {
        lookups: Vec::new(),
        ..data.persons.last().unwrap().clone()
    };
    assert_eq!(
        store.get_person(person.id).await.unwrap().as_ref(),
        Some(&person)
    );
    assert!(data
        .events
        .iter()
        .rev()
        .take(7)
        .all(|e| file.events.contains(e)));

    // Imported pseudonyms are searchable like inserted ones.
    let found = store
        .list_cases(
            &CaseQuery {
                filter: CaseFilter {
                    text: Some(format!("rani {}", cases - 1)),
                    ..CaseFilter::default()
                },
                identity_digests: Vec::new(),
                scope: CaseScope::All,
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(found.items.first().map(|c| c.id), Some(last.id));
    assert_eq!(found.items.first().map(|c| c.people_count), Some(2));

    // References continue after the imported counters.
    let office = &data.offices[0];
    let mut details = last.details.clone();
    details.owning_office = office.id;
    details.team = Vec::new();
    let next = store
        .insert_case(
            &NewCase {
                id: CaseId::random(),
                details,
                summary: None,
                data_key: vec![1; 77],
                created_by: None,
                at: moment(0),
            },
            &super::audited(),
        )
        .await
        .unwrap();
    let taken = data
        .cases
        .iter()
        .filter(|c| c.case.details.owning_office == office.id)
        .count();
    assert_eq!(
        next.reference.as_str(),
        CaseReference::compose(&office.code, 2025, taken as u32 + 1).as_str()
    );

    // Importing the same data again changes nothing.
    assert!(matches!(
        store.import(&data).await,
        Err(StorageError::Conflict(_))
    ));
    data
}

/// How many cases a bulk-import test loads: `LANTERN_TEST_IMPORT_CASES`
/// when set (to time a larger load, such as the demo's 100,000), else
/// `default`.
pub fn import_size(default: usize) -> usize {
    std::env::var("LANTERN_TEST_IMPORT_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The rows each table holds after `bulk_import_reads_back` of `cases`
/// cases: one case more than imported, the reference check's.
pub fn expected_rows(cases: usize) -> Vec<(&'static str, i64)> {
    let n = cases as i64;
    vec![
        ("cases", n + 1),
        ("case_exploitation", 2 * n + 2),
        ("case_team", n),
        ("persons", 2 * n),
        ("person_lookup", 2 * n),
        // A key per person and per case.
        ("data_keys", 3 * n + 1),
        ("case_participants", 2 * n),
        ("case_events", 7 * n),
    ]
}
