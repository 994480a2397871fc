//! The behaviour every storage backend must show. Each backend's tests call
//! [`run`] on a fresh, migrated, empty database, so SQLite and PostgreSQL are
//! held to exactly the same contract.

// This module is a test suite (compiled only with the `conformance` feature,
// by backend tests): failing loudly is its job.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use lantern_domain::attachment::{Attachment, AttachmentType};
use lantern_domain::case::{CaseDetails, CaseFilter, CaseSummary};
use lantern_domain::event::{CaseEvent, EventDetails};
use lantern_domain::iso::CountryCode;
use lantern_domain::page::{Page, PageRequest};
use lantern_domain::person::PersonProfile;
use lantern_domain::user::{Office, User};
use lantern_domain::vocab::{
    AgeBand, CaseRole, CaseStatus, EventKind, ExploitationType, Gender, IntakeSource, UserRole,
};
use lantern_domain::{AttachmentId, CaseId, EventId, OfficeId, PersonId, UserId};

use crate::*;

pub mod bulk;
mod entities;
mod text;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn office(code: &str) -> Office {
    Office {
        id: OfficeId::random(),
        code: code.to_owned(),
        name: format!("{code} office"),
        country: CountryCode::parse("IN").unwrap_or_else(|_| unreachable!()),
        region: "West Bengal".into(),
    }
}

fn user(name: &str, office: OfficeId) -> User {
    User {
        id: UserId::random(),
        username: name.to_owned(),
        display_name: name.to_uppercase(),
        role: UserRole::CaseWorker,
        office_id: office,
        language: "en".into(),
        disabled: false,
        supervisor: false,
        created_at: at(1),
    }
}

fn details(
    office: OfficeId,
    intake: NaiveDate,
    status: CaseStatus,
    kinds: &[ExploitationType],
) -> CaseDetails {
    CaseDetails {
        intake_date: intake,
        intake_source: IntakeSource::Hotline,
        status,
        exploitation_types: kinds.to_vec(),
        place_of_recruitment: Some("Sundarbans".into()),
        place_of_exploitation: None,
        summary: Some("Referred by a shelter".into()),
        owning_office: office,
        team: Vec::new(),
    }
}

fn person(office: OfficeId, pseudonym: &str) -> StoredPerson {
    StoredPerson {
        id: PersonId::random(),
        office_id: office,
        profile: PersonProfile {
            pseudonym: pseudonym.to_owned(),
            age_band: AgeBand::From9To17,
            gender: Gender::Feminine,
        },
        identity: SealedIdentity(vec![1, 2, 3, 4]),
        data_key: Some(vec![9; 77]),
        lookups: vec![vec![1; 32], vec![2; 32]],
        created_at: at(2),
        updated_at: at(2),
    }
}

/// A stand-in chain for the contract: deterministic, keyless mixing. The
/// real chain (a keyed MAC) lives in the application.
struct TestChain;

impl AuditChain for TestChain {
    fn link(&self, previous: &[u8; 32], seq: i64, canonical: &[u8]) -> [u8; 32] {
        let mut link = *previous;
        for (i, byte) in seq.to_be_bytes().iter().chain(canonical).enumerate() {
            link[i % 32] = link[i % 32].rotate_left(3) ^ byte;
        }
        link
    }
    fn sign_head(&self, seq: i64, head: &[u8; 32]) -> [u8; 64] {
        let mut signature = [0u8; 64];
        signature[..32].copy_from_slice(head);
        signature[32..40].copy_from_slice(&seq.to_be_bytes());
        signature
    }
    fn checkpoint_every(&self) -> i64 {
        3
    }
}

static TEST_CHAIN: TestChain = TestChain;

pub fn audited() -> AuditAppend<'static> {
    AuditAppend {
        event: AuditEvent {
            at: at(1),
            actor: None,
            action: "test.write".into(),
            record_kind: "test".into(),
            record_id: None,
            fields: vec!["field".into()],
            reason: None,
            client: Some("127.0.0.1".into()),
        },
        chain: &TEST_CHAIN,
    }
}

/// An account event about `user`, as the application builds one.
fn account_entry(action: &str, user: UserId) -> AuditAppend<'static> {
    let mut entry = audited();
    entry.event.action = action.into();
    entry.event.record_kind = "user".into();
    entry.event.record_id = Some(user.as_uuid());
    entry
}

/// The account events recorded about `user`.
async fn account_entries(store: &dyn Storage, user: UserId) -> Vec<AuditEvent> {
    store
        .search_audit(
            &AuditFilter {
                record_id: Some(user.as_uuid()),
                action_prefix: Some("account.".into()),
                ..AuditFilter::default()
            },
            100,
        )
        .await
        .expect("search")
        .into_iter()
        .map(|entry| entry.event)
        .collect()
}

/// A person as storage returns it: lookups are written, not read back.
fn as_read(person: &StoredPerson) -> StoredPerson {
    StoredPerson {
        lookups: Vec::new(),
        ..person.clone()
    }
}

/// A query over every case, with no identity search.
fn everywhere(filter: impl std::borrow::Borrow<CaseFilter>) -> CaseQuery {
    CaseQuery {
        filter: filter.borrow().clone(),
        identity_digests: Vec::new(),
        scope: CaseScope::All,
    }
}

/// Opaque bytes standing in for text the application sealed: storage
/// must keep them as they are.
fn sealed(text: &str) -> SealedText {
    SealedText(text.bytes().rev().chain(*b"~sealed").collect())
}

/// The wrapped data key every case of the suite is created with.
const CASE_KEY: [u8; 77] = [0xCA; 77];

async fn new_case(store: &dyn Storage, d: CaseDetails) -> Case {
    let summary = d.summary.as_deref().map(sealed);
    let result = store
        .insert_case(
            &NewCase {
                id: CaseId::random(),
                details: d,
                summary,
                data_key: CASE_KEY.to_vec(),
                created_by: None,
                at: at(3),
            },
            &audited(),
        )
        .await;
    match result {
        Ok(case) => case,
        Err(e) => panic!("insert_case failed: {e}"),
    }
}

/// Runs every check against one fresh database.
pub async fn run(store: &dyn Storage) {
    store.ping().await.expect("ping");
    users_and_credentials(store).await;
    sessions_and_tokens(store).await;
    accounts_and_second_factors(store).await;
    case_references_and_round_trip(store).await;
    case_list_filters_and_pages(store).await;
    people_and_case_files(store).await;
    access_scopes_and_grants(store).await;
    member_lists_page_and_count_their_scope(store).await;
    identity_search_and_data_keys(store).await;
    duplicate_candidates_and_review_queue(store).await;
    audit_log_chains_every_write(store).await;
    audit_batches_append_in_order(store).await;
    failed_writes_leave_nothing(store).await;
    permissions_consent_and_retention(store).await;
    entities::case_entities_and_digest_links(store).await;
    text::sealed_free_text(store).await;
    reindexing_replaces_digests(store).await;
}

async fn reindexing_replaces_digests(store: &dyn Storage) {
    let o = office("RIX");
    store.insert_office(&o).await.expect("office");
    let case = new_case(
        store,
        details(o.id, date(2026, 2, 3), CaseStatus::Active, &[]),
    )
    .await;
    let digest = |n: u8| vec![n; 31].into_iter().chain([0xe1]).collect::<Vec<u8>>();
    let mut people = Vec::new();
    for name in ["Rix one", "Rix two", "Rix three"] {
        let mut p = person(o.id, name);
        p.lookups = vec![digest(1)];
        store
            .insert_person_in_case(&p, case.id, CaseRole::Victim, &audited())
            .await
            .expect("person");
        people.push(p);
    }
    people.sort_by_key(|p| p.id.as_uuid());
    // Paging in id order, from the start and after a cursor, each person
    // read back whole.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.people_after(after, 2).await.expect("page");
        assert!(page.len() <= 2);
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        seen.extend(page);
    }
    assert!(seen
        .windows(2)
        .all(|w| w[0].id.as_uuid() < w[1].id.as_uuid()));
    let ours: Vec<StoredPerson> = seen
        .into_iter()
        .filter(|p| people.iter().any(|q| q.id == p.id))
        .collect();
    assert_eq!(ours, people.iter().map(as_read).collect::<Vec<_>>());
    // Replacing: the old digest goes, the new ones come, others untouched;
    // a person who no longer exists is skipped.
    let lookups = vec![
        (people[0].id, vec![digest(2), digest(3)]),
        (people[1].id, Vec::new()),
        (PersonId::random(), vec![digest(2)]),
    ];
    store
        .replace_person_lookups(&lookups)
        .await
        .expect("replace");
    store
        .replace_person_lookups(&lookups)
        .await
        .expect("again, the same");
    let holders = |n: u8| async move {
        store
            .persons_with_digests(&[digest(n)])
            .await
            .expect("holders")
            .into_iter()
            .map(|(_, p)| p)
            .collect::<Vec<_>>()
    };
    assert_eq!(holders(1).await, vec![people[2].id]);
    assert_eq!(holders(2).await, vec![people[0].id]);
    assert_eq!(holders(3).await, vec![people[0].id]);
    store
        .replace_person_lookups(&[])
        .await
        .expect("nothing to do");
}

async fn users_and_credentials(store: &dyn Storage) {
    let kol = office("USR");
    store.insert_office(&kol).await.expect("office");
    assert!(matches!(
        store.insert_office(&kol).await,
        Err(StorageError::Conflict(_))
    ));
    let asha = user("asha", kol.id);
    store
        .insert_user(&asha, "$argon2id$hash", &audited())
        .await
        .expect("user");
    let again = User {
        id: UserId::random(),
        ..asha.clone()
    };
    assert!(matches!(
        store.insert_user(&again, "x", &audited()).await,
        Err(StorageError::Conflict(_))
    ));
    let stranger = user("ghost", OfficeId::random());
    assert!(matches!(
        store.insert_user(&stranger, "x", &audited()).await,
        Err(StorageError::MissingReference(_))
    ));

    let creds = store
        .user_credentials("asha")
        .await
        .expect("lookup")
        .expect("present");
    assert_eq!(creds.user, asha);
    assert_eq!(creds.password_hash, "$argon2id$hash");
    assert!(store
        .user_credentials("nobody")
        .await
        .expect("lookup")
        .is_none());
    store
        .set_user_language(asha.id, "es")
        .await
        .expect("language");
    assert_eq!(
        store
            .get_user(asha.id)
            .await
            .expect("get")
            .expect("present")
            .language,
        "es"
    );
    assert!(store
        .list_offices()
        .await
        .expect("offices")
        .iter()
        .any(|o| o == &kol));
}

async fn sessions_and_tokens(store: &dyn Storage) {
    let o = office("SES");
    store.insert_office(&o).await.expect("office");
    let u = user("sessions.user", o.id);
    store.insert_user(&u, "h", &audited()).await.expect("user");
    let session = SessionRecord {
        token_hash: vec![7; 32],
        user_id: u.id,
        csrf_token: "csrf".into(),
        created_at: at(1),
        last_seen_at: at(1),
        expires_at: at(2),
        stage: SessionStage::TwoFactor,
        authenticated_at: Some(at(1)),
    };
    // A session opened by a sign-in carries its entry; one opened without
    // (a replacement) and ended without (an expiry) record nothing.
    store
        .insert_session(&session, Some(&account_entry("account.sign-in", u.id)))
        .await
        .expect("session");
    let signed_in = account_entries(store, u.id).await;
    assert_eq!(signed_in.len(), 1);
    assert_eq!(signed_in[0].action, "account.sign-in");
    let replacement = SessionRecord {
        token_hash: vec![6; 32],
        ..session.clone()
    };
    store
        .insert_session(&replacement, None)
        .await
        .expect("session");
    store.delete_session(&[6; 32], None).await.expect("end");
    assert_eq!(account_entries(store, u.id).await.len(), 1);
    let (found, owner) = store
        .session_by_token_hash(&[7; 32])
        .await
        .expect("lookup")
        .expect("present");
    assert_eq!(found, session);
    assert_eq!(owner.id, u.id);
    store
        .touch_session(&[7; 32], at(1) + Duration::minutes(5))
        .await
        .expect("touch");
    let (touched, _) = store
        .session_by_token_hash(&[7; 32])
        .await
        .expect("lookup")
        .expect("present");
    assert_eq!(touched.last_seen_at, at(1) + Duration::minutes(5));
    assert!(store
        .session_by_token_hash(&[8; 32])
        .await
        .expect("lookup")
        .is_none());
    assert_eq!(
        store.delete_expired_sessions(at(3)).await.expect("expire"),
        1
    );
    assert!(store
        .session_by_token_hash(&[7; 32])
        .await
        .expect("lookup")
        .is_none());

    let token = ApiTokenRecord {
        id: ApiTokenId::random(),
        user_id: u.id,
        name: "reporting".into(),
        token_hash: vec![9; 32],
        created_at: at(1),
        revoked_at: None,
        scope: TokenScope::Read,
    };
    store
        .insert_api_token(&token, &audited())
        .await
        .expect("token");
    assert_eq!(
        store
            .api_token_by_hash(&[9; 32])
            .await
            .expect("lookup")
            .expect("present")
            .0,
        token
    );
    assert_eq!(
        store.list_api_tokens(u.id).await.expect("list"),
        vec![token.clone()]
    );

    // Disabling ends sessions and revokes tokens together.
    store
        .insert_session(
            &SessionRecord {
                token_hash: vec![6; 32],
                ..session
            },
            None,
        )
        .await
        .expect("session");
    store
        .set_user_disabled(u.id, true, at(4), &audited())
        .await
        .expect("disable");
    assert!(store
        .session_by_token_hash(&[6; 32])
        .await
        .expect("lookup")
        .is_none());
    let (revoked, owner) = store
        .api_token_by_hash(&[9; 32])
        .await
        .expect("lookup")
        .expect("present");
    assert_eq!(revoked.revoked_at, Some(at(4)));
    assert!(owner.disabled);
    assert!(matches!(
        store
            .set_user_disabled(UserId::random(), true, at(4), &audited())
            .await,
        Err(StorageError::NotFound(_))
    ));
}

async fn accounts_and_second_factors(store: &dyn Storage) {
    let o = office("ACC");
    store.insert_office(&o).await.expect("office");
    let u = user("accounts.user", o.id);
    store
        .insert_user(&u, "old hash", &audited())
        .await
        .expect("user");
    let other = user("accounts.other", o.id);
    store
        .insert_user(&other, "h", &audited())
        .await
        .expect("user");

    // Sign-in failures count up, are forgotten after a while, and clear.
    let key = [42u8; 32];
    assert!(store
        .login_throttle(&key)
        .await
        .expect("throttle")
        .is_none());
    for expected in 1..=3 {
        let t = store
            .record_login_failure(&key, at(1) + Duration::seconds(expected), at(1), None)
            .await
            .expect("failure");
        assert_eq!(t.failures, u32::try_from(expected).unwrap());
        assert_eq!(t.last_failure_at, at(1) + Duration::seconds(expected));
    }
    assert_eq!(
        store.login_throttle(&key).await.expect("throttle"),
        Some(LoginThrottle {
            failures: 3,
            last_failure_at: at(1) + Duration::seconds(3)
        })
    );
    let restarted = store
        .record_login_failure(&key, at(3), at(2), None)
        .await
        .expect("failure");
    assert_eq!(restarted.failures, 1, "an old streak starts again");
    store.clear_login_failures(&key).await.expect("clear");
    assert!(store
        .login_throttle(&key)
        .await
        .expect("throttle")
        .is_none());
    store
        .record_login_failure(&[43u8; 32], at(1), at(1), None)
        .await
        .expect("failure");
    assert_eq!(
        store
            .delete_stale_login_throttles(at(2))
            .await
            .expect("prune"),
        1
    );

    // A second factor: pending, replaced, confirmed, steps used once.
    assert!(store.second_factor(u.id).await.expect("get").is_none());
    let pending = SecondFactorRecord {
        user_id: u.id,
        sealed_secret: SealedSecret(vec![1, 2, 3]),
        created_at: at(1),
        confirmed_at: None,
        last_used_step: 0,
    };
    store
        .begin_second_factor(&pending, &[vec![1; 32], vec![2; 32]])
        .await
        .expect("begin");
    assert!(
        !store
            .use_recovery_code(u.id, &[1; 32], at(1))
            .await
            .expect("code"),
        "recovery codes work only once confirmed"
    );
    assert!(!store.use_totp_step(u.id, 5).await.expect("step"));
    let replacement = SecondFactorRecord {
        sealed_secret: SealedSecret(vec![4, 5, 6]),
        ..pending.clone()
    };
    store
        .begin_second_factor(&replacement, &[vec![3; 32], vec![4; 32]])
        .await
        .expect("replace");
    assert_eq!(store.unused_recovery_codes(u.id).await.expect("count"), 2);
    let session = SessionRecord {
        token_hash: vec![21; 32],
        user_id: u.id,
        csrf_token: "c".into(),
        created_at: at(1),
        last_seen_at: at(1),
        expires_at: at(5),
        stage: SessionStage::Password,
        authenticated_at: None,
    };
    store.insert_session(&session, None).await.expect("session");
    store
        .confirm_second_factor(u.id, 100, at(2), &audited())
        .await
        .expect("confirm");
    assert!(
        store
            .session_by_token_hash(&[21; 32])
            .await
            .expect("lookup")
            .is_none(),
        "confirming ends the user's sessions"
    );
    assert!(matches!(
        store
            .confirm_second_factor(u.id, 101, at(2), &audited())
            .await,
        Err(StorageError::NotFound(_))
    ));
    assert!(matches!(
        store.begin_second_factor(&pending, &[]).await,
        Err(StorageError::Conflict(_))
    ));
    let stored = store
        .second_factor(u.id)
        .await
        .expect("get")
        .expect("present");
    assert_eq!(stored.sealed_secret, SealedSecret(vec![4, 5, 6]));
    assert_eq!(stored.confirmed_at, Some(at(2)));
    assert_eq!(stored.last_used_step, 100);
    assert!(
        !store.use_totp_step(u.id, 100).await.expect("step"),
        "replay"
    );
    assert!(!store.use_totp_step(u.id, 99).await.expect("step"), "older");
    assert!(store.use_totp_step(u.id, 101).await.expect("step"));
    assert!(!store.use_totp_step(u.id, 101).await.expect("step"));
    assert!(!store.use_totp_step(other.id, 500).await.expect("step"));
    assert!(
        !store
            .use_recovery_code(u.id, &[1; 32], at(2))
            .await
            .expect("code"),
        "replaced codes are gone"
    );
    assert!(store
        .use_recovery_code(u.id, &[3; 32], at(2))
        .await
        .expect("code"));
    assert!(!store
        .use_recovery_code(u.id, &[3; 32], at(2))
        .await
        .expect("code"));
    assert!(!store
        .use_recovery_code(other.id, &[4; 32], at(2))
        .await
        .expect("code"));
    assert_eq!(store.unused_recovery_codes(u.id).await.expect("count"), 1);

    // Sessions listed, re-authenticated, ended by user.
    for (i, day) in [(31u8, 1), (32, 2)] {
        store
            .insert_session(
                &SessionRecord {
                    token_hash: vec![i; 32],
                    created_at: at(day),
                    stage: SessionStage::TwoFactor,
                    ..session.clone()
                },
                None,
            )
            .await
            .expect("session");
    }
    store
        .insert_session(
            &SessionRecord {
                token_hash: vec![33; 32],
                user_id: other.id,
                ..session.clone()
            },
            None,
        )
        .await
        .expect("session");
    let listed = store.list_user_sessions(u.id).await.expect("list");
    assert_eq!(
        listed.iter().map(|s| s.token_hash[0]).collect::<Vec<_>>(),
        vec![32, 31],
        "newest first"
    );
    assert_eq!(listed[0].stage, SessionStage::TwoFactor);
    store
        .mark_session_authenticated(&[31; 32], at(3))
        .await
        .expect("reauth");
    let (reauthed, _) = store
        .session_by_token_hash(&[31; 32])
        .await
        .expect("lookup")
        .expect("present");
    assert_eq!(reauthed.authenticated_at, Some(at(3)));

    // A password change ends every session of that user only.
    store
        .set_user_password(u.id, "new hash", &audited())
        .await
        .expect("password");
    assert_eq!(
        store
            .user_credentials("accounts.user")
            .await
            .expect("lookup")
            .expect("present")
            .password_hash,
        "new hash"
    );
    assert!(store
        .list_user_sessions(u.id)
        .await
        .expect("list")
        .is_empty());
    assert_eq!(
        store
            .list_user_sessions(other.id)
            .await
            .expect("list")
            .len(),
        1
    );
    assert!(matches!(
        store
            .set_user_password(UserId::random(), "x", &audited())
            .await,
        Err(StorageError::NotFound(_))
    ));
    // Account writes append their entry in their own transaction: it is
    // there after the write, with what only the write knew (how many
    // sessions it ended), and absent when the write fails.
    assert_eq!(
        store
            .delete_user_sessions(
                other.id,
                &account_entry("account.sessions-end-all", other.id)
            )
            .await
            .expect("end"),
        1
    );
    let ended = account_entries(store, other.id).await;
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].action, "account.sessions-end-all");
    assert_eq!(ended[0].fields, ["field", "sessions:1"]);

    store
        .set_user_role(
            u.id,
            UserRole::MeAnalyst,
            &account_entry("account.role", u.id),
        )
        .await
        .expect("role");
    let recorded = account_entries(store, u.id).await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].action, "account.role");
    assert_eq!(
        store
            .get_user(u.id)
            .await
            .expect("get")
            .expect("present")
            .role,
        UserRole::MeAnalyst
    );
    let missing = UserId::random();
    let head = store.audit_entries(0, 10_000).await.expect("entries").len();
    assert!(matches!(
        store
            .set_user_role(
                missing,
                UserRole::Admin,
                &account_entry("account.role", missing)
            )
            .await,
        Err(StorageError::NotFound(_))
    ));
    assert!(matches!(
        store
            .set_user_password(missing, "x", &account_entry("account.password", missing))
            .await,
        Err(StorageError::NotFound(_))
    ));
    assert!(matches!(
        store
            .revoke_api_token(
                missing,
                ApiTokenId::random(),
                at(3),
                &account_entry("account.token-revoke", missing)
            )
            .await,
        Err(StorageError::NotFound(_))
    ));
    assert!(account_entries(store, missing).await.is_empty());
    assert_eq!(
        store.audit_entries(0, 10_000).await.expect("entries").len(),
        head,
        "a failed account write appends nothing"
    );

    // Removing the second factor takes the codes and the sessions with it.
    store
        .insert_session(
            &SessionRecord {
                token_hash: vec![34; 32],
                ..session.clone()
            },
            None,
        )
        .await
        .expect("session");
    store
        .delete_second_factor(u.id, &audited())
        .await
        .expect("remove");
    assert!(store.second_factor(u.id).await.expect("get").is_none());
    assert_eq!(store.unused_recovery_codes(u.id).await.expect("count"), 0);
    assert!(store
        .list_user_sessions(u.id)
        .await
        .expect("list")
        .is_empty());
}

async fn case_references_and_round_trip(store: &dyn Storage) {
    let o = office("REF");
    store.insert_office(&o).await.expect("office");
    let member = user("ref.member", o.id);
    store
        .insert_user(&member, "h", &audited())
        .await
        .expect("user");
    let kinds = [
        ExploitationType::SexualExploitation,
        ExploitationType::ForcedLabour,
    ];
    let first = new_case(
        store,
        details(o.id, date(2025, 5, 1), CaseStatus::Active, &kinds),
    )
    .await;
    let second = new_case(
        store,
        details(o.id, date(2025, 6, 1), CaseStatus::Active, &[]),
    )
    .await;
    let next_year = new_case(
        store,
        details(o.id, date(2026, 1, 2), CaseStatus::Active, &[]),
    )
    .await;
    assert_eq!(first.reference.as_str(), "REF-2025-000001");
    assert_eq!(second.reference.as_str(), "REF-2025-000002");
    assert_eq!(next_year.reference.as_str(), "REF-2026-000001");

    let loaded = store
        .get_case(first.id)
        .await
        .expect("get")
        .expect("present");
    assert_eq!(
        loaded.case.details.exploitation_types,
        vec![
            ExploitationType::ForcedLabour,
            ExploitationType::SexualExploitation
        ]
    );
    // The summary rests sealed, beside the case's data key; the clear
    // column is never written.
    assert_eq!(loaded.summary, Some(sealed("Referred by a shelter")));
    assert_eq!(loaded.case.details.summary, None);
    assert_eq!(loaded.data_key.as_deref(), Some(&CASE_KEY[..]));

    let mut changed = loaded.case.details.clone();
    changed.status = CaseStatus::FollowUp;
    changed.exploitation_types = vec![ExploitationType::ForcedBegging];
    changed.team = vec![member.id];
    let updated = store
        .update_case(
            first.id,
            &changed,
            Some(&sealed("Now in follow-up")),
            at(9),
            &audited(),
        )
        .await
        .expect("update");
    assert_eq!(updated.details, changed);
    assert_eq!(updated.updated_at, at(9));
    assert_eq!(updated.reference, first.reference);
    assert!(matches!(
        store
            .update_case(CaseId::random(), &changed, None, at(9), &audited())
            .await,
        Err(StorageError::NotFound(_))
    ));
    let mut bad_team = changed.clone();
    bad_team.team = vec![UserId::random()];
    assert!(store
        .update_case(first.id, &bad_team, None, at(10), &audited())
        .await
        .is_err());
    // The failed update left the case as it was.
    let kept = store
        .get_case(first.id)
        .await
        .expect("get")
        .expect("present");
    assert_eq!(kept.case.details, changed);
    assert_eq!(kept.summary, Some(sealed("Now in follow-up")));
    assert!(store
        .get_case(CaseId::random())
        .await
        .expect("get")
        .is_none());
}

async fn case_list_filters_and_pages(store: &dyn Storage) {
    let a = office("LSA");
    let b = office("LSB");
    store.insert_office(&a).await.expect("office");
    store.insert_office(&b).await.expect("office");
    let sex = [ExploitationType::SexualExploitation];
    let labour = [ExploitationType::ForcedLabour];
    let mut made = Vec::new();
    for day in 1..=12u32 {
        let (o, kinds, status) = if day % 3 == 0 {
            (b.id, &labour[..], CaseStatus::Closed)
        } else {
            (a.id, &sex[..], CaseStatus::Active)
        };
        made.push(new_case(store, details(o, date(2024, 2, day), status, kinds)).await);
    }
    let p = person(a.id, "রাণী");
    store
        .insert_person_in_case(&p, made[0].id, CaseRole::Victim, &audited())
        .await
        .expect("person");

    let in_office = |office: OfficeId| CaseFilter {
        office: Some(office),
        ..CaseFilter::default()
    };
    let page = store
        .list_cases(
            &everywhere(in_office(a.id)),
            PageRequest::new(Some(1), Some(5)),
        )
        .await
        .expect("list");
    assert_eq!(page.total, 8);
    assert_eq!(page.items.len(), 5);
    assert!(
        page.items
            .windows(2)
            .all(|w| w[0].intake_date >= w[1].intake_date),
        "newest first"
    );
    let last = store
        .list_cases(
            &everywhere(in_office(a.id)),
            PageRequest::new(Some(2), Some(5)),
        )
        .await
        .expect("list");
    assert_eq!(last.items.len(), 3);

    let closed = CaseFilter {
        status: Some(CaseStatus::Closed),
        office: Some(b.id),
        ..CaseFilter::default()
    };
    assert_eq!(
        store
            .list_cases(&everywhere(closed), PageRequest::default())
            .await
            .expect("list")
            .total,
        4
    );
    let labour_filter = CaseFilter {
        exploitation_type: Some(ExploitationType::ForcedLabour),
        office: Some(b.id),
        ..CaseFilter::default()
    };
    let labour_page = store
        .list_cases(&everywhere(labour_filter), PageRequest::default())
        .await
        .expect("list");
    assert_eq!(labour_page.total, 4);
    assert!(labour_page
        .items
        .iter()
        .all(|c| c.exploitation_types == labour));

    let range = CaseFilter {
        office: Some(a.id),
        intake_from: Some(date(2024, 2, 2)),
        intake_to: Some(date(2024, 2, 5)),
        ..CaseFilter::default()
    };
    assert_eq!(
        store
            .list_cases(&everywhere(range), PageRequest::default())
            .await
            .expect("list")
            .total,
        3
    );

    let by_reference = CaseFilter {
        text: Some("lsb-2024".into()),
        ..CaseFilter::default()
    };
    assert_eq!(
        store
            .list_cases(&everywhere(by_reference), PageRequest::default())
            .await
            .expect("list")
            .total,
        4
    );
    let by_pseudonym = CaseFilter {
        text: Some("রা".into()),
        ..CaseFilter::default()
    };
    let found = store
        .list_cases(&everywhere(by_pseudonym), PageRequest::default())
        .await
        .expect("list");
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].id, made[0].id);
    assert_eq!(found.items[0].people_count, 1);
    let nothing = CaseFilter {
        text: Some("zz'; DROP TABLE cases; --".into()),
        ..CaseFilter::default()
    };
    assert_eq!(
        store
            .list_cases(&everywhere(nothing), PageRequest::default())
            .await
            .expect("list")
            .total,
        0
    );
}

async fn people_and_case_files(store: &dyn Storage) {
    let o = office("PPL");
    store.insert_office(&o).await.expect("office");
    let u = user("people.user", o.id);
    store.insert_user(&u, "h", &audited()).await.expect("user");
    let case = new_case(
        store,
        details(o.id, date(2026, 1, 5), CaseStatus::Active, &[]),
    )
    .await;
    let other = new_case(
        store,
        details(o.id, date(2026, 1, 6), CaseStatus::Active, &[]),
    )
    .await;
    let victim = person(o.id, "Mira");
    let suspect = person(o.id, "Dalal");
    store
        .insert_person_in_case(&victim, case.id, CaseRole::Victim, &audited())
        .await
        .expect("victim");
    store
        .insert_person_in_case(&suspect, case.id, CaseRole::Suspect, &audited())
        .await
        .expect("suspect");
    store
        .add_participant(other.id, suspect.id, CaseRole::Suspect, &audited())
        .await
        .expect("link");
    assert!(matches!(
        store
            .add_participant(other.id, suspect.id, CaseRole::Suspect, &audited())
            .await,
        Err(StorageError::Conflict(_))
    ));

    let mut edited = victim.clone();
    edited.profile.pseudonym = "Mira K".into();
    edited.identity = SealedIdentity(vec![5, 6]);
    edited.updated_at = at(8);
    store
        .update_person(&edited, &audited())
        .await
        .expect("update");
    assert_eq!(
        store
            .get_person(victim.id)
            .await
            .expect("get")
            .expect("present"),
        as_read(&edited)
    );
    assert!(matches!(
        store
            .update_person(&person(o.id, "nobody"), &audited())
            .await,
        Err(StorageError::NotFound(_))
    ));

    for (day, title) in [(1, "Intake call"), (3, "Rescue")] {
        let event = CaseEvent {
            id: EventId::random(),
            case_id: case.id,
            details: EventDetails {
                occurred_on: date(2026, 2, day),
                kind: EventKind::Note,
                title: title.into(),
                note: None,
            },
            recorded_by: Some(u.id),
            recorded_at: at(day),
        };
        let stored = StoredEvent {
            event: CaseEvent {
                details: EventDetails {
                    title: String::new(),
                    ..event.details
                },
                ..event
            },
            title: Some(sealed(title)),
            note: None,
        };
        store
            .insert_event(&stored, &audited())
            .await
            .expect("event");
    }
    let attachment = StoredAttachment {
        attachment: Attachment {
            id: AttachmentId::random(),
            case_id: case.id,
            file_name: String::new(),
            content_type: AttachmentType::Pdf,
            size_bytes: 1234,
            sha256: "ab".repeat(32),
            uploaded_by: Some(u.id),
            uploaded_at: at(4),
        },
        file_name: Some(sealed("statement.pdf")),
    };
    store
        .insert_attachment(&attachment, &[7; 77], &audited())
        .await
        .expect("attachment");
    assert_eq!(
        store
            .get_attachment(attachment.attachment.id)
            .await
            .expect("get"),
        Some((
            attachment.clone(),
            AttachmentKeys {
                content: Some(vec![7; 77]),
                case: Some(CASE_KEY.to_vec()),
            }
        ))
    );

    let file = store
        .case_file(case.id)
        .await
        .expect("file")
        .expect("present");
    assert_eq!(file.case.case.id, case.id);
    assert!(file.team.is_empty());
    assert_eq!(file.participants.len(), 2);
    assert!(file
        .participants
        .iter()
        .any(|p| p.role == CaseRole::Victim && p.person == as_read(&edited)));
    assert_eq!(
        file.events.first().and_then(|e| e.title.clone()),
        Some(sealed("Rescue"))
    );
    assert!(file.events.iter().all(|e| e.event.details.title.is_empty()));
    assert_eq!(file.attachments, vec![attachment]);
    assert!(store
        .case_file(CaseId::random())
        .await
        .expect("file")
        .is_none());

    let cases = store.person_cases(suspect.id).await.expect("cases");
    assert_eq!(cases.len(), 2);
    assert!(cases.iter().all(|(_, role)| *role == CaseRole::Suspect));
}

async fn failed_writes_leave_nothing(store: &dyn Storage) {
    let o = office("TXN");
    store.insert_office(&o).await.expect("office");
    // A person whose case does not exist: neither the person nor the link stays.
    let orphan = person(o.id, "Orphan");
    assert!(store
        .insert_person_in_case(&orphan, CaseId::random(), CaseRole::Victim, &audited())
        .await
        .is_err());
    assert!(store.get_person(orphan.id).await.expect("get").is_none());

    // An import whose last row conflicts leaves none of its rows.
    let fresh = office("IMP");
    let mut data = Dataset {
        offices: vec![fresh.clone()],
        ..Dataset::default()
    };
    data.users.push((user("import.one", fresh.id), "h".into()));
    data.users.push((user("import.one", fresh.id), "h".into()));
    assert!(store.import(&data).await.is_err());
    assert!(store
        .list_offices()
        .await
        .expect("offices")
        .iter()
        .all(|x| x.id != fresh.id));
    assert!(store
        .user_credentials("import.one")
        .await
        .expect("lookup")
        .is_none());

    data.users.pop();
    let counts = store.import(&data).await.expect("import");
    assert_eq!(counts.offices, 1);
    assert_eq!(counts.users, 1);
}

async fn access_scopes_and_grants(store: &dyn Storage) {
    let o = office("NTK");
    let elsewhere = office("NTX");
    store.insert_office(&o).await.expect("office");
    store.insert_office(&elsewhere).await.expect("office");
    let member = user("acc.member", o.id);
    let outsider = user("acc.outsider", o.id);
    let boss = User {
        supervisor: true,
        ..user("acc.boss", o.id)
    };
    for u in [&member, &outsider, &boss] {
        store.insert_user(u, "h", &audited()).await.expect("user");
    }
    assert!(
        store
            .get_user(boss.id)
            .await
            .expect("get")
            .expect("present")
            .supervisor
    );
    store
        .set_supervisor(outsider.id, true)
        .await
        .expect("promote");
    store
        .set_supervisor(outsider.id, false)
        .await
        .expect("demote");
    assert!(
        !store
            .get_user(outsider.id)
            .await
            .expect("get")
            .expect("present")
            .supervisor
    );

    let mut d = details(o.id, date(2026, 2, 1), CaseStatus::Active, &[]);
    d.team = vec![member.id];
    let teamed = new_case(store, d).await;
    let other = new_case(
        store,
        details(elsewhere.id, date(2026, 2, 2), CaseStatus::Active, &[]),
    )
    .await;
    let p = person(o.id, "Access person");
    store
        .insert_person_in_case(&p, teamed.id, CaseRole::Victim, &audited())
        .await
        .expect("person");
    store
        .add_participant(other.id, p.id, CaseRole::Witness, &audited())
        .await
        .expect("link");

    let access = store
        .case_access(teamed.id, member.id, at(5))
        .await
        .expect("access")
        .expect("exists");
    assert!(access.on_team);
    assert_eq!(access.office_id, o.id);
    assert_eq!(access.grant_until, None);
    let outside = store
        .case_access(teamed.id, outsider.id, at(5))
        .await
        .expect("access")
        .expect("exists");
    assert!(!outside.on_team);
    assert!(store
        .case_access(CaseId::random(), member.id, at(5))
        .await
        .expect("access")
        .is_none());

    let member_scope = |u: &User, office: Option<OfficeId>| CaseQuery {
        filter: CaseFilter::default(),
        identity_digests: Vec::new(),
        scope: CaseScope::Member {
            user: u.id,
            office,
            at: at(5),
        },
    };
    let ids = |page: Page<CaseSummary>| page.items.into_iter().map(|c| c.id).collect::<Vec<_>>();
    let seen = store
        .list_cases(&member_scope(&member, None), PageRequest::default())
        .await
        .expect("list");
    assert_eq!(ids(seen), vec![teamed.id]);
    let seen = store
        .list_cases(&member_scope(&outsider, None), PageRequest::default())
        .await
        .expect("list");
    assert!(seen.items.is_empty(), "no team, no grant: nothing");
    let office_scope = store
        .list_cases(&member_scope(&boss, Some(o.id)), PageRequest::default())
        .await
        .expect("list");
    assert!(
        ids(office_scope).contains(&teamed.id),
        "a supervisor sees the office"
    );

    let grant = BreakGlassGrant {
        id: BreakGlassId::random(),
        user_id: outsider.id,
        case_id: teamed.id,
        reason: "Survivor called the night line; her worker is unreachable".into(),
        granted_at: at(5),
        expires_at: at(6),
    };
    store
        .insert_break_glass(&grant, &audited())
        .await
        .expect("grant");
    let granted = store
        .case_access(teamed.id, outsider.id, at(5))
        .await
        .expect("access")
        .expect("exists");
    assert_eq!(granted.grant_until, Some(at(6)));
    let expired = store
        .case_access(teamed.id, outsider.id, at(7))
        .await
        .expect("access")
        .expect("exists");
    assert_eq!(expired.grant_until, None, "grants expire");
    let seen = store
        .list_cases(&member_scope(&outsider, None), PageRequest::default())
        .await
        .expect("list");
    assert_eq!(ids(seen), vec![teamed.id]);
    assert_eq!(
        store.list_break_glass(10).await.expect("grants").first(),
        Some(&grant)
    );

    let mut person_access = store
        .person_access(p.id, member.id, at(5))
        .await
        .expect("access");
    person_access.sort_by_key(|a| a.on_team);
    assert_eq!(person_access.len(), 2);
    assert!(!person_access[0].on_team && person_access[1].on_team);

    // The same facts for many records in one call; missing ids left out.
    let mut many = store
        .cases_access(&[other.id, teamed.id, CaseId::random()], outsider.id, at(5))
        .await
        .expect("cases access");
    many.sort_by_key(|a| a.grant_until.is_some());
    assert_eq!(many.len(), 2);
    assert_eq!((many[0].case_id, many[0].grant_until), (other.id, None));
    assert_eq!(
        (many[1].case_id, many[1].grant_until),
        (teamed.id, Some(at(6)))
    );
    assert!(store
        .cases_access(&[], member.id, at(5))
        .await
        .expect("none")
        .is_empty());
    // A second role in a case is still one row for that case.
    store
        .add_participant(teamed.id, p.id, CaseRole::Witness, &audited())
        .await
        .expect("second role");
    let q = person(o.id, "Access other");
    store
        .insert_person_in_case(&q, teamed.id, CaseRole::Suspect, &audited())
        .await
        .expect("person");
    let mut rows: Vec<(PersonId, CaseId, bool)> = store
        .people_access(&[p.id, q.id, PersonId::random()], member.id, at(5))
        .await
        .expect("people access")
        .into_iter()
        .map(|(person, access)| (person, access.case_id, access.on_team))
        .collect();
    rows.sort_by_key(|(person, case, _)| (person.as_uuid(), case.as_uuid()));
    let mut want = vec![
        (p.id, teamed.id, true),
        (p.id, other.id, false),
        (q.id, teamed.id, true),
    ];
    want.sort_by_key(|(person, case, _)| (person.as_uuid(), case.as_uuid()));
    assert_eq!(rows, want);
    assert!(store
        .people_access(&[], member.id, at(5))
        .await
        .expect("none")
        .is_empty());

    let office_only = CaseQuery {
        filter: CaseFilter::default(),
        identity_digests: Vec::new(),
        scope: CaseScope::Office(elsewhere.id),
    };
    assert_eq!(
        ids(store
            .list_cases(&office_only, PageRequest::default())
            .await
            .expect("list")),
        vec![other.id]
    );
}

/// A member's list holds exactly their team's cases and live grants (and a
/// supervisor's, their office's), in intake order page by page, with a
/// total that agrees, filtered or not: however the query is shaped for
/// speed, the scope stays the same.
async fn member_lists_page_and_count_their_scope(store: &dyn Storage) {
    let o = office("MLS");
    let far = office("MLX");
    store.insert_office(&o).await.expect("office");
    store.insert_office(&far).await.expect("office");
    let worker = user("mls.worker", o.id);
    let boss = User {
        supervisor: true,
        ..user("mls.boss", o.id)
    };
    for u in [&worker, &boss] {
        store.insert_user(u, "h", &audited()).await.expect("user");
    }
    let mut teamed = Vec::new();
    for day in 1..=7 {
        let status = if day % 2 == 0 {
            CaseStatus::Closed
        } else {
            CaseStatus::Active
        };
        // Two cases a day, so the reference decides their order.
        for _ in 0..2 {
            let mut d = details(o.id, date(2025, 1, day), status, &[]);
            d.team = vec![worker.id];
            teamed.push(new_case(store, d).await);
        }
    }
    let mut office_only = Vec::new();
    for day in 1..=3 {
        office_only.push(
            new_case(
                store,
                details(o.id, date(2025, 2, day), CaseStatus::Active, &[]),
            )
            .await,
        );
    }
    let granted = new_case(
        store,
        details(far.id, date(2025, 3, 1), CaseStatus::Active, &[]),
    )
    .await;
    let lapsed = new_case(
        store,
        details(far.id, date(2025, 3, 2), CaseStatus::Active, &[]),
    )
    .await;
    for (case, expires_at) in [(&granted, at(6)), (&lapsed, at(4))] {
        let grant = BreakGlassGrant {
            id: BreakGlassId::random(),
            user_id: worker.id,
            case_id: case.id,
            reason: "Night line".into(),
            granted_at: at(3),
            expires_at,
        };
        store
            .insert_break_glass(&grant, &audited())
            .await
            .expect("grant");
    }

    let in_order = |cases: Vec<&Case>, status: Option<CaseStatus>| {
        let mut cases: Vec<&Case> = cases
            .into_iter()
            .filter(|c| status.is_none_or(|s| c.details.status == s))
            .collect();
        cases.sort_by(|a, b| {
            (b.details.intake_date, b.reference.as_str())
                .cmp(&(a.details.intake_date, a.reference.as_str()))
        });
        cases.into_iter().map(|c| c.id).collect::<Vec<_>>()
    };
    let worker_sees: Vec<&Case> = teamed.iter().chain([&granted]).collect();
    let boss_sees: Vec<&Case> = teamed.iter().chain(&office_only).collect();
    for (u, office, sees) in [(&worker, None, worker_sees), (&boss, Some(o.id), boss_sees)] {
        for status in [None, Some(CaseStatus::Active)] {
            let query = CaseQuery {
                filter: CaseFilter {
                    status,
                    ..CaseFilter::default()
                },
                identity_digests: Vec::new(),
                scope: CaseScope::Member {
                    user: u.id,
                    office,
                    at: at(5),
                },
            };
            let expected = in_order(sees.clone(), status);
            let mut listed = Vec::new();
            for number in 1..=4 {
                let page = store
                    .list_cases(&query, PageRequest::new(Some(number), Some(5)))
                    .await
                    .expect("list");
                assert_eq!(page.total, expected.len() as u64, "{} total", u.username);
                listed.extend(page.items.into_iter().map(|c| c.id));
            }
            assert_eq!(listed, expected, "{} with {status:?}", u.username);
        }
    }
}

async fn identity_search_and_data_keys(store: &dyn Storage) {
    let o = office("IDS");
    store.insert_office(&o).await.expect("office");
    let case = new_case(
        store,
        details(o.id, date(2026, 3, 1), CaseStatus::Active, &[]),
    )
    .await;
    let mut p = person(o.id, "Lookup person");
    p.lookups = vec![vec![42; 32], vec![43; 32]];
    store
        .insert_person_in_case(&p, case.id, CaseRole::Suspect, &audited())
        .await
        .expect("person");
    let search = |digest: Vec<u8>| CaseQuery {
        filter: CaseFilter {
            text: Some("no such pseudonym".into()),
            ..CaseFilter::default()
        },
        identity_digests: vec![digest],
        scope: CaseScope::All,
    };
    let found = store
        .list_cases(&search(vec![42; 32]), PageRequest::default())
        .await
        .expect("list");
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].id, case.id);
    let none = store
        .list_cases(&search(vec![44; 32]), PageRequest::default())
        .await
        .expect("list");
    assert!(none.items.is_empty());
    // Editing replaces the digests.
    p.lookups = vec![vec![44; 32]];
    store.update_person(&p, &audited()).await.expect("update");
    assert!(store
        .list_cases(&search(vec![42; 32]), PageRequest::default())
        .await
        .expect("list")
        .items
        .is_empty());
    assert_eq!(
        store
            .list_cases(&search(vec![44; 32]), PageRequest::default())
            .await
            .expect("list")
            .items
            .len(),
        1
    );

    // Data keys in owner order, replaced only while unchanged.
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let batch = store.data_keys_after(after, 2).await.expect("keys");
        if batch.is_empty() {
            break;
        }
        after = batch.last().map(|k| k.owner);
        all.extend(batch);
    }
    assert!(all.windows(2).all(|w| w[0].owner < w[1].owner));
    let mine = all
        .iter()
        .find(|k| k.owner == p.id.as_uuid())
        .expect("the person's key");
    assert!(store
        .replace_data_key(mine.owner, &mine.wrapped, &[3; 77])
        .await
        .expect("replace"));
    assert!(!store
        .replace_data_key(mine.owner, &mine.wrapped, &[4; 77])
        .await
        .expect("stale"));
    let stored = store.get_person(p.id).await.expect("get").expect("present");
    assert_eq!(stored.data_key, Some(vec![3; 77]));
}

async fn duplicate_candidates_and_review_queue(store: &dyn Storage) {
    let o = office("DUP");
    store.insert_office(&o).await.expect("office");
    let member = user("dup-member", o.id);
    let outsider = user("dup-outsider", o.id);
    for u in [&member, &outsider] {
        store
            .insert_user(u, "$argon2id$hash", &audited())
            .await
            .expect("user");
    }
    let mut d = details(o.id, date(2026, 2, 1), CaseStatus::Active, &[]);
    d.team = vec![member.id];
    let mine = new_case(store, d).await;
    let theirs = new_case(
        store,
        details(o.id, date(2026, 2, 2), CaseStatus::Active, &[]),
    )
    .await;
    // Digests unique to this test: a shared phonetic key, one shared by all.
    let key = |n: u8| vec![n; 31].into_iter().chain([0xd0]).collect::<Vec<u8>>();
    let mut first = person(o.id, "Dup first");
    first.lookups = vec![key(1), key(2), key(9)];
    let mut second = person(o.id, "Dup second");
    second.lookups = vec![key(1), key(2), key(3), key(9)];
    let mut third = person(o.id, "Dup third");
    third.lookups = vec![key(2), key(9)];
    let mut hidden = person(o.id, "Dup hidden");
    hidden.lookups = vec![key(1), key(2), key(9)];
    for (p, case) in [
        (&first, mine.id),
        (&second, mine.id),
        (&third, mine.id),
        (&hidden, theirs.id),
    ] {
        store
            .insert_person_in_case(p, case, CaseRole::Suspect, &audited())
            .await
            .expect("person");
    }

    // Candidates: only people in the member's cases, most shared first.
    let found = store
        .people_sharing_digests(&[key(1), key(2), key(3)], member.id, at(5), None, 10)
        .await
        .expect("candidates");
    assert_eq!(found, vec![second.id, first.id, third.id]);
    let found = store
        .people_sharing_digests(&[key(1), key(2)], member.id, at(5), Some(first.id), 1)
        .await
        .expect("candidates");
    assert_eq!(found, vec![second.id], "excluded, then limited");
    assert!(store
        .people_sharing_digests(&[key(1)], outsider.id, at(5), None, 10)
        .await
        .expect("candidates")
        .is_empty());
    // A live break-glass grant opens the other case, an expired one not.
    store
        .insert_break_glass(
            &BreakGlassGrant {
                id: BreakGlassId::random(),
                user_id: outsider.id,
                case_id: theirs.id,
                reason: "Checking a suspect seen in two reports at once".into(),
                granted_at: at(5),
                expires_at: at(6),
            },
            &audited(),
        )
        .await
        .expect("grant");
    let during = store
        .people_sharing_digests(&[key(1)], outsider.id, at(5), None, 10)
        .await
        .expect("candidates");
    assert_eq!(during, vec![hidden.id]);
    assert!(store
        .people_sharing_digests(&[key(1)], outsider.id, at(7), None, 10)
        .await
        .expect("candidates")
        .is_empty());
    assert!(store
        .people_sharing_digests(&[], member.id, at(5), None, 10)
        .await
        .expect("no digests")
        .is_empty());

    // Collisions: pairs in id order, small blocks only, paged.
    let ours = [first.id, second.id, third.id, hidden.id];
    let collisions = |all: Vec<(PersonId, PersonId)>| -> Vec<(PersonId, PersonId)> {
        all.into_iter()
            .filter(|(a, b)| ours.contains(a) && ours.contains(b))
            .collect()
    };
    let ordered = |a: PersonId, b: PersonId| {
        if a.as_uuid() < b.as_uuid() {
            (a, b)
        } else {
            (b, a)
        }
    };
    // key(1) is held by three people: first, second and hidden.
    let mut expected = vec![
        ordered(first.id, second.id),
        ordered(first.id, hidden.id),
        ordered(second.id, hidden.id),
    ];
    expected.sort_by_key(|(a, b)| (a.as_uuid(), b.as_uuid()));
    let all = collisions(
        store
            .digest_collisions(3, CollisionScope::SuspectInvolved, None, 1_000)
            .await
            .expect("collisions"),
    );
    assert_eq!(all, expected, "blocks of four (key 2 and 9) are too large");
    assert!(collisions(
        store
            .digest_collisions(2, CollisionScope::SuspectInvolved, None, 1_000)
            .await
            .expect("collisions")
    )
    .is_empty());
    let with_large = collisions(
        store
            .digest_collisions(4, CollisionScope::SuspectInvolved, None, 1_000)
            .await
            .expect("collisions"),
    );
    assert_eq!(with_large.len(), 6, "every pair of the four");
    let page = store
        .digest_collisions(3, CollisionScope::SuspectInvolved, Some(expected[0]), 1_000)
        .await
        .expect("collisions");
    assert!(!collisions(page).contains(&expected[0]), "after the cursor");
    assert!(
        collisions(
            store
                .digest_collisions(4, CollisionScope::NoSuspect, None, 1_000)
                .await
                .expect("collisions")
        )
        .is_empty(),
        "every one of these is a suspect"
    );
    // Two people who are suspects nowhere: their pair is in the other scope.
    let mut quiet = person(o.id, "Dup quiet");
    quiet.lookups = vec![key(40)];
    let mut calm = person(o.id, "Dup calm");
    calm.lookups = vec![key(40)];
    for p in [&quiet, &calm] {
        store
            .insert_person_in_case(p, theirs.id, CaseRole::Witness, &audited())
            .await
            .expect("person");
    }
    let quiet_pair = ordered(quiet.id, calm.id);
    let in_scope = |scope| async move {
        store
            .digest_collisions(3, scope, None, 1_000)
            .await
            .expect("collisions")
            .contains(&quiet_pair)
    };
    assert!(in_scope(CollisionScope::NoSuspect).await);
    assert!(!in_scope(CollisionScope::SuspectInvolved).await);
    store
        .add_participant(mine.id, calm.id, CaseRole::Suspect, &audited())
        .await
        .expect("now a suspect");
    assert!(in_scope(CollisionScope::SuspectInvolved).await);
    assert!(!in_scope(CollisionScope::NoSuspect).await);

    // The review queue.
    let (a, b) = ordered(first.id, second.id);
    let pair = DuplicatePair {
        id: DuplicatePairId::random(),
        person_a: a,
        person_b: b,
        probability: 0.97,
        reasons: "family-name-same same-phone".into(),
        involves_suspect: true,
        status: PairStatus::Pending,
        found_at: at(5),
        decided_at: None,
        decided_by: None,
    };
    let (c, e) = ordered(first.id, third.id);
    let weaker = DuplicatePair {
        id: DuplicatePairId::random(),
        person_a: c,
        person_b: e,
        probability: 0.91,
        involves_suspect: false,
        ..pair.clone()
    };
    assert_eq!(
        store
            .record_duplicate_pairs(&[pair.clone(), weaker.clone()])
            .await
            .expect("record"),
        2
    );
    let again = DuplicatePair {
        id: DuplicatePairId::random(),
        ..pair.clone()
    };
    assert_eq!(
        store
            .record_duplicate_pairs(&[again])
            .await
            .expect("record"),
        0,
        "a pair is stored once"
    );
    assert!(
        !collisions(
            store
                .digest_collisions(3, CollisionScope::SuspectInvolved, None, 1_000)
                .await
                .expect("collisions")
        )
        .contains(&(a, b)),
        "queued pairs are not scanned again"
    );
    let pending = store
        .list_duplicate_pairs(PairStatus::Pending, 100)
        .await
        .expect("list");
    let pending: Vec<_> = pending
        .into_iter()
        .filter(|p| ours.contains(&p.person_a))
        .collect();
    assert_eq!(
        pending,
        vec![pair.clone(), weaker.clone()],
        "suspects first, then probability"
    );
    assert_eq!(
        store.get_duplicate_pair(pair.id).await.expect("get"),
        Some(pair.clone())
    );

    // Merge moves the participations, keeps a tombstone, and unmerge
    // reverses it exactly.
    let decision = PairDecision {
        pair: pair.id,
        by: member.id,
        at: at(8),
    };
    store
        .add_participant(theirs.id, first.id, CaseRole::Witness, &audited())
        .await
        .expect("second part");
    let roles = |cases: Vec<(CaseSummary, CaseRole)>| {
        let mut r: Vec<(CaseId, CaseRole)> = cases.into_iter().map(|(c, r)| (c.id, r)).collect();
        r.sort_by_key(|(c, r)| (c.as_uuid(), format!("{r:?}")));
        r
    };
    let survivor_before = roles(store.person_cases(second.id).await.expect("cases"));
    let merged_before = roles(store.person_cases(first.id).await.expect("cases"));
    assert!(
        matches!(
            store.merge_people(&decision, third.id, &audited()).await,
            Err(StorageError::Conflict(_))
        ),
        "the survivor must be one of the pair"
    );
    store
        .merge_people(&decision, second.id, &audited())
        .await
        .expect("merge");
    assert_eq!(
        store.merged_into(first.id).await.expect("tombstone"),
        Some(second.id)
    );
    assert_eq!(store.merged_into(second.id).await.expect("survivor"), None);
    assert_eq!(
        store
            .merged_into_any(&[second.id, third.id])
            .await
            .expect("merged into"),
        vec![(first.id, second.id)]
    );
    assert!(store
        .merged_into_any(&[first.id])
        .await
        .expect("none")
        .is_empty());
    assert!(store
        .person_cases(first.id)
        .await
        .expect("cases")
        .is_empty());
    let survivor_after = roles(store.person_cases(second.id).await.expect("cases"));
    assert!(survivor_after.contains(&(theirs.id, CaseRole::Witness)));
    assert!(survivor_after.contains(&(mine.id, CaseRole::Suspect)));
    assert_eq!(survivor_after.len(), 2, "the shared part is not doubled");
    assert!(
        store.get_person(first.id).await.expect("get").is_some(),
        "tombstone kept"
    );
    let merged = store
        .get_duplicate_pair(pair.id)
        .await
        .expect("get")
        .expect("pair");
    assert_eq!(merged.status, PairStatus::Merged);
    assert_eq!(merged.decided_by, Some(member.id));
    assert!(matches!(
        store.merge_people(&decision, second.id, &audited()).await,
        Err(StorageError::Conflict(_))
    ));
    assert!(
        !store
            .list_duplicate_pairs(PairStatus::Pending, 100)
            .await
            .expect("list")
            .iter()
            .any(|p| p.id == weaker.id),
        "a pending pair with a merged-away person is hidden"
    );
    assert!(
        store
            .people_sharing_digests(&[key(1)], member.id, at(5), None, 10)
            .await
            .expect("candidates")
            .iter()
            .all(|p| *p != first.id),
        "a tombstone is no candidate"
    );
    store
        .unmerge_people(&decision, &audited())
        .await
        .expect("unmerge");
    assert_eq!(
        roles(store.person_cases(first.id).await.expect("cases")),
        merged_before
    );
    assert_eq!(
        roles(store.person_cases(second.id).await.expect("cases")),
        survivor_before
    );
    assert_eq!(store.merged_into(first.id).await.expect("tombstone"), None);
    assert!(store
        .merged_into_any(&[second.id])
        .await
        .expect("unmerged")
        .is_empty());
    let back = store
        .get_duplicate_pair(pair.id)
        .await
        .expect("get")
        .expect("pair");
    assert_eq!(back, pair, "pending again, as found");
    assert!(matches!(
        store.unmerge_people(&decision, &audited()).await,
        Err(StorageError::Conflict(_))
    ));

    // Dismissal.
    store
        .dismiss_duplicate_pair(&decision, &audited())
        .await
        .expect("dismiss");
    assert_eq!(
        store
            .get_duplicate_pair(pair.id)
            .await
            .expect("get")
            .expect("pair")
            .status,
        PairStatus::Dismissed
    );
    assert!(matches!(
        store.dismiss_duplicate_pair(&decision, &audited()).await,
        Err(StorageError::Conflict(_))
    ));
    assert!(matches!(
        store
            .dismiss_duplicate_pair(
                &PairDecision {
                    pair: DuplicatePairId::random(),
                    ..decision
                },
                &audited()
            )
            .await,
        Err(StorageError::NotFound(_))
    ));
}

/// A batch (the read-audit group commit) continues the chain in its own
/// order, signs the checkpoints that fall inside it, and leaves the whole
/// log verifying from the first entry.
async fn audit_batches_append_in_order(store: &dyn Storage) {
    let before = store.audit_entries(0, 10_000).await.expect("entries");
    let events: Vec<AuditEvent> = (0..7)
        .map(|i| {
            let mut event = audited().event;
            event.action = format!("test.batch-{i}");
            event
        })
        .collect();
    let batch: Vec<AuditAppend<'_>> = events
        .iter()
        .map(|event| AuditAppend {
            event: event.clone(),
            chain: &TEST_CHAIN,
        })
        .collect();
    let seqs = store.append_audit_all(&batch).await.expect("batch");
    let first = before.len() as i64 + 1;
    assert_eq!(seqs, (first..first + 7).collect::<Vec<_>>());
    let after = store.audit_entries(0, 10_000).await.expect("entries");
    let written: Vec<&AuditEvent> = after[before.len()..].iter().map(|e| &e.event).collect();
    assert_eq!(written, events.iter().collect::<Vec<_>>(), "in batch order");
    let mut previous = [0u8; 32];
    for entry in &after {
        let link = TEST_CHAIN.link(&previous, entry.seq, &entry.event.canonical());
        assert_eq!(entry.link, link.to_vec(), "entry {}", entry.seq);
        previous = link;
    }
    let checkpoints = store.audit_checkpoints().await.expect("checkpoints");
    let last = first + 6;
    assert_eq!(checkpoints.len() as i64, last / 3);
    for checkpoint in checkpoints.iter().filter(|c| c.seq >= first) {
        let entry = &after[checkpoint.seq as usize - 1];
        assert_eq!(checkpoint.head, entry.link, "checkpoint {}", checkpoint.seq);
    }
    assert_eq!(
        store.append_audit_all(&[]).await.expect("empty batch"),
        Vec::<i64>::new()
    );
}

async fn audit_log_chains_every_write(store: &dyn Storage) {
    let before = store.audit_entries(0, 10_000).await.expect("entries");
    assert!(!before.is_empty(), "the writes above were audited");
    // Sequence numbers run without gaps and each link follows from the last.
    let mut previous = [0u8; 32];
    for (i, entry) in before.iter().enumerate() {
        assert_eq!(entry.seq, i as i64 + 1);
        let link = TEST_CHAIN.link(&previous, entry.seq, &entry.event.canonical());
        assert_eq!(entry.link, link.to_vec(), "entry {}", entry.seq);
        previous = link;
    }
    let mut event = audited().event;
    event.action = "person.view-identity".into();
    event.record_id = Some(PersonId::random().as_uuid());
    event.reason = Some("reason".into());
    let seq = store
        .append_audit(&AuditAppend {
            event: event.clone(),
            chain: &TEST_CHAIN,
        })
        .await
        .expect("append");
    assert_eq!(seq, before.len() as i64 + 1);
    let last = store.audit_entries(seq - 1, 10).await.expect("entries");
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].event, event, "read back exactly as written");
    let checkpoints = store.audit_checkpoints().await.expect("checkpoints");
    assert_eq!(checkpoints.len() as i64, seq / 3);
    assert!(checkpoints.iter().all(|c| c.seq % 3 == 0));
    let found = store
        .search_audit(
            &AuditFilter {
                record_id: event.record_id,
                ..AuditFilter::default()
            },
            10,
        )
        .await
        .expect("search");
    assert_eq!(found.len(), 1);
    let views = store
        .search_audit(
            &AuditFilter {
                action_prefix: Some("person.".into()),
                ..AuditFilter::default()
            },
            10,
        )
        .await
        .expect("search");
    assert_eq!(views.len(), 1);
    // Erasure destroys the key and the digests; the profile stays.
    let o = office("ERA");
    store.insert_office(&o).await.expect("office");
    let case = new_case(
        store,
        details(o.id, date(2026, 4, 1), CaseStatus::Active, &[]),
    )
    .await;
    let mut erased = person(o.id, "Erased person");
    erased.lookups = vec![vec![77; 32]];
    store
        .insert_person_in_case(&erased, case.id, CaseRole::Victim, &audited())
        .await
        .expect("person");
    store
        .erase_person_identity(erased.id, &audited())
        .await
        .expect("erase");
    let after = store
        .get_person(erased.id)
        .await
        .expect("get")
        .expect("present");
    assert_eq!(after.data_key, None);
    assert!(after.identity.0.is_empty());
    assert_eq!(after.profile, erased.profile);
    let search = CaseQuery {
        filter: CaseFilter {
            text: Some("nothing".into()),
            ..CaseFilter::default()
        },
        identity_digests: vec![vec![77; 32]],
        scope: CaseScope::All,
    };
    assert!(store
        .list_cases(&search, PageRequest::default())
        .await
        .expect("list")
        .items
        .is_empty());
    assert!(matches!(
        store
            .erase_person_identity(PersonId::random(), &audited())
            .await,
        Err(StorageError::NotFound(_))
    ));
    let seq = store.audit_entries(0, 10_000).await.expect("entries").len() as i64;
    // A failed write leaves no audit entry behind.
    let orphan = person(OfficeId::random(), "No office");
    assert!(store
        .insert_person_in_case(&orphan, CaseId::random(), CaseRole::Victim, &audited())
        .await
        .is_err());
    assert_eq!(
        store.audit_entries(0, 10_000).await.expect("entries").len() as i64,
        seq
    );
}

async fn permissions_consent_and_retention(store: &dyn Storage) {
    use lantern_domain::consent::{ConsentDetails, ConsentRecord};
    use lantern_domain::vocab::{
        ConsentDecision, ConsentGiver, ConsentInformed, ConsentPurpose, Permission, RetainedRecord,
    };
    use lantern_domain::ConsentId;

    // The table is seeded with the defaults and replaced whole.
    let seeded = store.role_permissions().await.expect("permissions");
    assert!(seeded.contains(&(UserRole::Admin, Permission::ManageUsers)));
    assert!(seeded.contains(&(UserRole::MeAnalyst, Permission::ReadCases)));
    assert!(!seeded.contains(&(UserRole::MeAnalyst, Permission::EditCases)));
    let narrowed = vec![
        (UserRole::Admin, Permission::ManageUsers),
        (UserRole::Lawyer, Permission::ReadCases),
    ];
    store
        .replace_role_permissions(&narrowed, &audited())
        .await
        .expect("replace");
    let mut stored = store.role_permissions().await.expect("permissions");
    stored.sort();
    assert_eq!(stored, narrowed);
    store
        .replace_role_permissions(&seeded, &audited())
        .await
        .expect("restore");

    // Consent decisions accumulate; none is ever overwritten.
    let o = office("GOV");
    store.insert_office(&o).await.expect("office");
    let case = new_case(
        store,
        details(o.id, date(2026, 3, 1), CaseStatus::Active, &[]),
    )
    .await;
    let p = person(o.id, "Consenting person");
    store
        .insert_person_in_case(&p, case.id, CaseRole::Victim, &audited())
        .await
        .expect("person");
    let decision = |decision, day| ConsentRecord {
        id: ConsentId::random(),
        person_id: p.id,
        details: ConsentDetails {
            purpose: ConsentPurpose::Sharing,
            decision,
            given_by: ConsentGiver::Guardian,
            informed: vec![ConsentInformed::Purpose, ConsentInformed::Withdrawal],
            decided_on: date(2026, 3, day),
        },
        recorded_by: None,
        recorded_at: at(day),
    };
    let granted = decision(ConsentDecision::Granted, 4);
    let withdrawn = decision(ConsentDecision::Withdrawn, 6);
    for record in [&granted, &withdrawn] {
        store
            .insert_consent(record, &audited())
            .await
            .expect("consent");
    }
    let mut history = store.consents_of(&[p.id]).await.expect("consents");
    history.sort_by_key(|r| r.details.decided_on);
    assert_eq!(history, vec![granted.clone(), withdrawn]);
    assert!(store.consents_of(&[]).await.expect("none").is_empty());
    let orphan = ConsentRecord {
        person_id: PersonId::random(),
        ..decision(ConsentDecision::Granted, 7)
    };
    assert!(matches!(
        store.insert_consent(&orphan, &audited()).await,
        Err(StorageError::MissingReference(_))
    ));

    // Retention rules are replaced whole.
    assert!(store.retention_rules().await.expect("rules").is_empty());
    let rules = vec![
        (RetainedRecord::PersonIdentity, 3650),
        (RetainedRecord::Attachment, 400),
    ];
    store
        .replace_retention_rules(&rules, &audited())
        .await
        .expect("rules");
    let mut stored = store.retention_rules().await.expect("rules");
    stored.sort();
    assert_eq!(stored, rules);
    store
        .replace_retention_rules(&[], &audited())
        .await
        .expect("clear");

    // Due for erasure: only once every case of the person is closed and
    // unchanged since before the cut-off.
    let stored_file = StoredAttachment {
        attachment: Attachment {
            id: AttachmentId::random(),
            case_id: case.id,
            file_name: String::new(),
            content_type: AttachmentType::Pdf,
            size_bytes: 10,
            sha256: "0".repeat(64),
            uploaded_by: None,
            uploaded_at: at(3),
        },
        file_name: Some(sealed("statement.pdf")),
    };
    let file = &stored_file.attachment;
    store
        .insert_attachment(&stored_file, &[5; 77], &audited())
        .await
        .expect("attachment");
    let cutoff = at(20);
    assert!(!store
        .people_due_for_erasure(cutoff, 100_000)
        .await
        .expect("due")
        .contains(&p.id));
    let mut closed = case.details.clone();
    closed.status = CaseStatus::Closed;
    store
        .update_case(case.id, &closed, None, at(10), &audited())
        .await
        .expect("close");
    assert!(store
        .people_due_for_erasure(cutoff, 100_000)
        .await
        .expect("due")
        .contains(&p.id));
    assert!(!store
        .people_due_for_erasure(at(9), 100_000)
        .await
        .expect("due")
        .contains(&p.id));
    assert!(store
        .attachments_due_for_erasure(cutoff, 100_000)
        .await
        .expect("due")
        .contains(&file.id));
    // A second, open case keeps the person.
    let open = new_case(
        store,
        details(o.id, date(2026, 3, 2), CaseStatus::Active, &[]),
    )
    .await;
    store
        .add_participant(open.id, p.id, CaseRole::Witness, &audited())
        .await
        .expect("participant");
    assert!(!store
        .people_due_for_erasure(cutoff, 100_000)
        .await
        .expect("due")
        .contains(&p.id));
    // An erased key is no longer due, and erasing twice is NotFound.
    store
        .erase_attachment_key(file.id, &audited())
        .await
        .expect("erase");
    assert_eq!(
        store.get_attachment(file.id).await.expect("get"),
        Some((
            stored_file.clone(),
            AttachmentKeys {
                content: None,
                case: Some(CASE_KEY.to_vec()),
            }
        ))
    );
    assert!(!store
        .attachments_due_for_erasure(cutoff, 100_000)
        .await
        .expect("due")
        .contains(&file.id));
    assert!(matches!(
        store.erase_attachment_key(file.id, &audited()).await,
        Err(StorageError::NotFound(_))
    ));
}
