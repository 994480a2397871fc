//! The PostgreSQL backend against the shared storage contract, its
//! migrations applied and reverted, and a bulk import read back.
//!
//! These tests need a PostgreSQL server: `LANTERN_TEST_POSTGRES_URL`, by
//! default `postgres://postgres@127.0.0.1:5432/postgres`, with the right to
//! create databases. Each test works in a database of its own, created
//! fresh and dropped at the end. A server that cannot be reached fails the
//! tests: they never pass by skipping.

// Test code: helpers outside `#[test]` functions fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::future::Future;
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
use lantern_storage::{
    CaseQuery, CaseScope, Dataset, NewCase, ReferenceCounter, SealedIdentity, Storage,
    StorageError, StoredPerson,
};
use lantern_store_postgres::PgStorage;

const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn admin_url() -> String {
    std::env::var("LANTERN_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_URL.to_owned())
}

/// The server part of a URL, without any credentials, for messages.
fn server_of(url: &str) -> &str {
    url.rsplit_once('@').map_or(url, |(_, server)| server)
}

fn error_chain(error: &StorageError) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Runs `body` against a fresh database, then drops the database whether
/// the body passed or not, and passes the body's failure on.
async fn in_fresh_database<F, Fut>(body: F)
where
    F: FnOnce(PgStorage) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let url = admin_url();
    let (store, name) = match PgStorage::create_database_for_tests(&url).await {
        Ok(created) => created,
        Err(e) => panic!(
            "cannot reach the PostgreSQL server at {} or create a test database there \
             (set LANTERN_TEST_POSTGRES_URL to a server where this user may create databases): {}",
            server_of(&url),
            error_chain(&e)
        ),
    };
    let outcome = tokio::spawn(body(store.clone())).await;
    store.close().await;
    let dropped = PgStorage::drop_database(&url, &name).await;
    if let Err(failure) = outcome {
        match failure.try_into_panic() {
            Ok(payload) => std::panic::resume_unwind(payload),
            Err(failure) => panic!("test body did not finish: {failure}"),
        }
    }
    if let Err(e) = dropped {
        panic!("cannot drop test database {name}: {}", error_chain(&e));
    }
}

#[tokio::test]
async fn postgres_meets_the_storage_contract() {
    in_fresh_database(|store| async move {
        store.migrate().await.unwrap();
        assert_eq!(store.backend_name(), "postgres");
        lantern_storage::conformance::run(&store).await;
    })
    .await;
}

#[tokio::test]
async fn every_migration_reverts_cleanly() {
    in_fresh_database(|store| async move {
        assert_eq!(store.schema_dump().await.unwrap(), Vec::<String>::new());
        store.migrate().await.unwrap();
        let migrated = store.schema_dump().await.unwrap();
        for expected in [
            "relation cases kind r",
            "column cases.0002 reference text COLLATE \"C\" NOT NULL",
            "column users.0008 disabled boolean NOT NULL DEFAULT false",
            "index persons.persons_by_pseudonym: CREATE INDEX persons_by_pseudonym ON public.persons USING btree (pseudonym_folded)",
            "constraint case_counters.case_counters_pkey: PRIMARY KEY (office_id, year)",
        ] {
            assert!(
                migrated.iter().any(|line| line == expected),
                "missing from the schema dump: {expected}\n{migrated:#?}"
            );
        }
        assert!(migrated.iter().all(|line| !line.contains("_sqlx_migrations")));
        // Each down script undoes its up script: revert the newest ones one
        // at a time, re-apply, and the schema must come back the same.
        // Reversible migrations appear twice (up and down): count each once.
        let mut versions: Vec<i64> = lantern_store_postgres::MIGRATOR.iter().map(|m| m.version).collect();
        versions.dedup();
        for index in (0..versions.len()).rev() {
            let previous = if index == 0 { 0 } else { versions[index - 1] };
            store.revert_to(previous).await.unwrap();
            assert_ne!(store.schema_dump().await.unwrap(), migrated);
            store.migrate().await.unwrap();
            assert_eq!(store.schema_dump().await.unwrap(), migrated, "re-applying after {previous}");
            store.revert_to(previous).await.unwrap();
        }
        store.migrate().await.unwrap();
        store.revert_to(0).await.unwrap();
        assert_eq!(store.schema_dump().await.unwrap(), Vec::<String>::new());
        store.migrate().await.unwrap();
        assert_eq!(store.schema_dump().await.unwrap(), migrated);
    })
    .await;
}

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).single().unwrap() + Duration::seconds(seconds)
}

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(n % 700)
}

/// A data set shaped like the demo's: per case two exploitation types, a
/// team member, two people and seven timeline events (15 rows a case).
fn dataset(cases: usize) -> Dataset {
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
                created_at: at(0),
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
                summary: Some(format!("Case number {n}, with 'quotes' and ünïcode")),
                owning_office: office.id,
                team: vec![worker],
            },
            created_by: (n % 3 != 0).then_some(worker),
            created_at: at(n as i64),
            updated_at: at(n as i64 + 60),
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
                created_at: at(n as i64),
                updated_at: at(n as i64),
            };
            data.participants.push((case.id, person.id, role));
            data.persons.push(person);
        }
        for e in 0..7u64 {
            data.events.push(CaseEvent {
                id: EventId::random(),
                case_id: case.id,
                details: EventDetails {
                    occurred_on: day(n as u64 + e),
                    kind: EventKind::Note,
                    title: format!("Event {e}"),
                    note: (e % 2 == 0).then(|| "A note".to_owned()),
                },
                recorded_by: (e % 3 != 0).then_some(worker),
                recorded_at: at(n as i64 + e as i64),
            });
        }
        data.cases.push(case);
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

async fn count(store: &PgStorage, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// Imports more rows than one batch holds and reads them back. Set
/// `LANTERN_TEST_IMPORT_CASES` to time a larger load (the demo's 100,000).
#[tokio::test]
async fn bulk_import_reads_back() {
    let cases: usize = std::env::var("LANTERN_TEST_IMPORT_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6_000);
    in_fresh_database(move |store| async move {
        store.migrate().await.unwrap();
        let data = dataset(cases);
        let started = Instant::now();
        let counts = store.import(&data).await.unwrap();
        let elapsed = started.elapsed();
        eprintln!(
            "imported {cases} cases ({} rows) in {:.2?}: {:.0} cases per minute",
            data.cases
                .iter()
                .map(|c| 1 + c.details.exploitation_types.len() + c.details.team.len())
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
        assert_eq!(count(&store, "cases").await, cases as i64);
        assert_eq!(count(&store, "case_exploitation").await, 2 * cases as i64);
        assert_eq!(count(&store, "case_team").await, cases as i64);
        assert_eq!(count(&store, "persons").await, 2 * cases as i64);
        assert_eq!(count(&store, "case_participants").await, 2 * cases as i64);
        assert_eq!(count(&store, "case_events").await, 7 * cases as i64);

        // Every column of a case, a person and an event survives the trip.
        let last = data.cases.last().unwrap();
        let mut expected = last.clone();
        expected.details.exploitation_types.sort_unstable();
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
                    created_by: None,
                    at: at(0),
                },
                &lantern_storage::conformance::audited(),
            )
            .await
            .unwrap();
        let taken = data
            .cases
            .iter()
            .filter(|c| c.details.owning_office == office.id)
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
        assert_eq!(count(&store, "cases").await, cases as i64 + 1);
    })
    .await;
}
