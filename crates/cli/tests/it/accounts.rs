//! Accounts and sessions: common passwords, the per-account lockout, the
//! TOTP second factor and recovery codes, sessions ended by a password
//! change, and read-only API tokens.

use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use lantern_app::clock::ManualClock;
use lantern_app::{App, AppError, AppSettings};
use lantern_domain::user::NewUser;
use lantern_domain::validation::Problem;
use lantern_storage::TokenScope;

use crate::on_both_backends;
use crate::support::*;

fn problem_of(result: Result<impl Sized, AppError>, field: &str) -> Problem {
    match result {
        Err(AppError::Invalid(errors)) => errors.for_field(field).cloned().unwrap(),
        Err(other) => panic!("expected a validation problem, got {other}"),
        Ok(_) => panic!("expected a validation problem"),
    }
}

async fn common_passwords(server: &TestServer) {
    let root = server.app.console_actor(server.office.id);
    for common in ["q1w2e3r4t5y6", "1QAZ2WSX3EDC"] {
        let new_user =
            NewUser::validate("priya", "Priya", "case_worker", server.office.id, "en").unwrap();
        let result = server.app.create_user(&root, new_user, common.into()).await;
        assert_eq!(problem_of(result, "password"), Problem::CommonPassword);
    }
    // The change-password page says so in the reader's language.
    let browser = server.signed_in("ravi", "me_analyst").await;
    let response = browser
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "q1w2e3r4t5y6"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("too common"));
}
on_both_backends!(common_passwords_are_refused, common_passwords);

/// An application over the test server's database whose clock the test
/// moves.
fn app_with_clock(server: &TestServer) -> (App, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap(),
    ));
    let app = App::new(
        server.storage.clone(),
        clock.clone(),
        lantern_app::keys::Keys::new(lantern_vault::KeyRing::generate(), None),
        AppSettings::new(std::env::temp_dir()),
    )
    .unwrap();
    (app, clock)
}

fn wait_of(result: Result<impl Sized, AppError>) -> Option<u64> {
    match result {
        Err(AppError::TooManyAttempts {
            retry_after_seconds,
        }) => Some(retry_after_seconds),
        Err(AppError::Unauthenticated) => None,
        Err(other) => panic!("unexpected {other}"),
        Ok(_) => panic!("unexpectedly signed in"),
    }
}

async fn lockout_timing(server: &TestServer) {
    let (app, clock) = app_with_clock(server);
    // A role without a second factor, so a right password signs in at once.
    let root = app.console_actor(server.office.id);
    let new_user = NewUser::validate("lena", "Lena", "me_analyst", server.office.id, "en").unwrap();
    app.create_user(&root, new_user, PASSWORD.into())
        .await
        .unwrap();
    for name in ["lena", "nobody"] {
        for _ in 0..5 {
            assert_eq!(wait_of(app.login(name, "wrong password!!").await), None);
        }
        // From the fifth failure on, each attempt waits 2^(n-5) seconds.
        for (failures, wait) in [(5, 1), (6, 2), (7, 4), (8, 8)] {
            // Refused without checking, even with the right password.
            assert_eq!(
                wait_of(app.login(name, PASSWORD).await),
                Some(wait),
                "{name} after {failures}"
            );
            clock.advance(Duration::seconds(i64::try_from(wait).unwrap() - 1));
            assert_eq!(wait_of(app.login(name, PASSWORD).await), Some(1));
            clock.advance(Duration::seconds(1));
            assert_eq!(wait_of(app.login(name, "wrong password!!").await), None);
        }
    }
    // The wait is capped at fifteen minutes.
    for _ in 0..10 {
        clock.advance(Duration::minutes(20));
        assert_eq!(wait_of(app.login("lena", "wrong password!!").await), None);
    }
    assert_eq!(wait_of(app.login("lena", PASSWORD).await), Some(15 * 60));
    // After the wait the right password works and clears the count.
    clock.advance(Duration::minutes(15));
    assert!(app.login("lena", PASSWORD).await.is_ok());
    assert_eq!(wait_of(app.login("lena", "wrong password!!").await), None);
    assert_eq!(wait_of(app.login("lena", "wrong password!!").await), None);
}
on_both_backends!(lockout_waits_grow_and_reset, lockout_timing);

async fn lockout_looks_the_same(server: &TestServer) {
    server.user("asha", "case_worker").await;
    // Fail five times for a real and an unknown account (in process, so the
    // per-address limit of the HTTP layer is not reached), alternating, so
    // both one-second waits are still running when the browser arrives
    // (each failure also appends an audit entry).
    for _ in 0..5 {
        for name in ["asha", "nobody"] {
            assert!(server.app.login(name, "wrong password!!").await.is_err());
        }
    }
    let browser = Browser::new(server);
    let locked = browser.login_password("asha", PASSWORD).await;
    assert_eq!(locked.status(), 429);
    let locked = locked.text().await.unwrap();
    let unknown = browser.login_password("nobody", PASSWORD).await;
    assert_eq!(unknown.status(), 429);
    let unknown = unknown.text().await.unwrap();
    assert!(locked.contains("Too many failed attempts for this account"));
    let normalise = |body: &str, name: &str| {
        regex::Regex::new(r#"value="[A-Za-z0-9_-]{43}""#)
            .unwrap()
            .replace_all(&body.replace(name, "USER"), "")
            .into_owned()
    };
    assert_eq!(normalise(&locked, "asha"), normalise(&unknown, "nobody"));
}
on_both_backends!(
    locked_and_unknown_accounts_look_the_same,
    lockout_looks_the_same
);

async fn second_factor(server: &TestServer) {
    server.user("meera", "lawyer").await;
    let browser = Browser::new(server);
    // The password alone reaches only enrolment and sign-out.
    let response = browser.login_password("meera", PASSWORD).await;
    assert_eq!(location(&response), "/account/two-factor");
    for path in ["/cases", "/cases/new", "/account", "/account/tokens"] {
        let response = browser.get(path).await;
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(location(&response), "/account/two-factor", "{path}");
    }
    let (_, page) = browser.get_text("/account/two-factor").await;
    assert!(page.contains("otpauth://totp/Lantern:meera?secret="));
    // A wrong code does not enrol.
    let wrong = browser
        .client
        .post(browser.url("/account/two-factor"))
        .form(&[("csrf", hidden_csrf(&page).as_str()), ("code", "12345x")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 422);
    let enrolled = browser.enrol("meera").await;
    assert_eq!(enrolled.status(), 303);
    assert_eq!(location(&enrolled), "/cases");
    assert_eq!(browser.get("/cases").await.status(), 200);
    let factor = server.second_factors.lock().unwrap()["meera"].clone();

    // The secret rests sealed, not in the clear.
    let meera = server
        .app
        .find_user(&server.app.console_actor(server.office.id), "meera")
        .await
        .unwrap();
    let stored = server
        .storage
        .second_factor(meera.id)
        .await
        .unwrap()
        .unwrap();
    assert!(!stored
        .sealed_secret
        .0
        .windows(factor.secret.len())
        .any(|w| w == factor.secret.as_slice()));

    // Signing in again needs a code; the one used at enrolment is refused.
    browser.post_form("/logout", &[]).await;
    let response = browser.login_password("meera", PASSWORD).await;
    assert_eq!(location(&response), "/login/code");
    assert_eq!(location(&browser.get("/cases").await), "/login/code");
    let replay = lantern_app::totp::code_for_step(&factor.secret, factor.last_step);
    let replayed = browser.send_code(&replay).await;
    assert_eq!(replayed.status(), 422);
    assert!(replayed.text().await.unwrap().contains("already used"));
    let code = browser.next_code("meera");
    let ok = browser.send_code(&code).await;
    assert_eq!(ok.status(), 303);
    assert_eq!(location(&ok), "/cases");
    assert_eq!(browser.get("/cases").await.status(), 200);

    // A recovery code works instead, once.
    let recovery = factor.recovery_codes[0].to_lowercase();
    for (attempt, expected) in [(1, 303), (2, 422)] {
        browser.post_form("/logout", &[]).await;
        browser.login_password("meera", PASSWORD).await;
        let response = browser.send_code(&recovery).await;
        assert_eq!(response.status(), expected, "recovery attempt {attempt}");
    }

    // Roles that see no identifying data need no second factor.
    // (In process: this test has used up the address's sign-in attempts.)
    server.user("tomas", "me_analyst").await;
    let session = server.app.login("tomas", PASSWORD).await.unwrap();
    assert_eq!(session.access, lantern_app::auth::SessionAccess::Full);
}
on_both_backends!(totp_second_factor_and_recovery_codes, second_factor);

async fn password_change(server: &TestServer) {
    let first = server.signed_in("joel", "investigator").await;
    let second = Browser::new(server);
    assert_eq!(second.login("joel", PASSWORD).await.status(), 303);
    assert_eq!(second.get("/cases").await.status(), 200);
    let wrong = first
        .post_form(
            "/account/password",
            &[
                ("current_password", "not my password!"),
                ("new_password", "a brand new passphrase 7"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert_eq!(second.get("/cases").await.status(), 200);
    let changed = first
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase 7"),
            ],
        )
        .await;
    assert_eq!(changed.status(), 303);
    // This device stays signed in with a new session; the other does not.
    assert_eq!(first.get("/cases").await.status(), 200);
    assert_eq!(location(&second.get("/cases").await), "/login");
    assert_eq!(second.login_password("joel", PASSWORD).await.status(), 401);
}
on_both_backends!(a_password_change_ends_other_sessions, password_change);

async fn admin_sessions_and_reauthentication(server: &TestServer) {
    let admin = server.signed_in("root.admin", "admin").await;
    let worker = server.signed_in("sita", "case_worker").await;
    let sita = server
        .app
        .find_user(&server.app.console_actor(server.office.id), "sita")
        .await
        .unwrap();
    let page_path = format!("/admin/users/{}", sita.id);
    let (status, page) = admin.get_text(&page_path).await;
    assert_eq!(status, 200);
    let handle = regex::Regex::new(r#"name="session" value="([0-9a-f]{32})""#)
        .unwrap()
        .captures(&page)
        .unwrap()[1]
        .to_owned();
    // Non-admins may not see it.
    assert_eq!(worker.get(&page_path).await.status(), 403);
    let ended = admin
        .post_form(
            &format!("{page_path}/sessions/end"),
            &[("session", &handle)],
        )
        .await;
    assert_eq!(ended.status(), 303);
    assert_eq!(location(&worker.get("/cases").await), "/login");

    // A role change needs the password entered in the last five minutes:
    // the sign-in counts, a session's later re-entry too.
    let changed = admin
        .post_form(&format!("{page_path}/role"), &[("role", "me_analyst")])
        .await;
    assert_eq!(changed.status(), 303);
    assert_eq!(location(&changed), page_path);
    let root = server.app.console_actor(server.office.id);
    assert_eq!(
        server.app.get_user(&root, sita.id).await.unwrap().role,
        lantern_domain::vocab::UserRole::MeAnalyst
    );
}
on_both_backends!(
    administrators_end_sessions_and_change_roles,
    admin_sessions_and_reauthentication
);

async fn reauthentication_window(server: &TestServer) {
    let (app, clock) = app_with_clock(server);
    let root = app.console_actor(server.office.id);
    let new_user =
        NewUser::validate("ines", "Ines", "partner_viewer", server.office.id, "en").unwrap();
    let ines = app
        .create_user(&root, new_user, PASSWORD.into())
        .await
        .unwrap();
    let session = app.login("ines", PASSWORD).await.unwrap();
    let (actor, record) = app.session_actor(&session.token).await.unwrap();
    assert!(app
        .create_api_token(&actor, ines.id, "fresh", TokenScope::Read)
        .await
        .is_ok());
    clock.advance(Duration::minutes(6));
    let (actor, record2) = app.session_actor(&session.token).await.unwrap();
    assert!(matches!(
        app.create_api_token(&actor, ines.id, "stale", TokenScope::Read)
            .await,
        Err(AppError::ReauthenticationRequired)
    ));
    assert_eq!(record.token_hash, record2.token_hash);
    assert!(app
        .reauthenticate(&actor, &record2, "wrong password!!")
        .await
        .is_err());
    app.reauthenticate(&actor, &record2, PASSWORD)
        .await
        .unwrap();
    let (actor, _) = app.session_actor(&session.token).await.unwrap();
    assert!(app
        .create_api_token(&actor, ines.id, "again", TokenScope::Read)
        .await
        .is_ok());
}
on_both_backends!(
    sensitive_actions_need_a_recent_password,
    reauthentication_window
);

async fn read_only_tokens(server: &TestServer) {
    let user = server.user("ana", "case_worker").await;
    let root = server.app.console_actor(server.office.id);
    let token = server
        .app
        .create_api_token(&root, user.id, "reports", TokenScope::Read)
        .await
        .unwrap();
    let client = reqwest::Client::new();
    let read = client
        .get(server.url("/api/v1/cases"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let office = server.office.id.to_string();
    let write = client
        .post(server.url("/api/v1/cases"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "intake_date": "2026-01-05",
            "intake_source": "Hotline",
            "status": "Active",
            "owning_office": office,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(write.status(), 403);
    assert_eq!(server.case_count().await, 0);
    // The application refuses it too, whatever the route.
    let actor = server.app.token_actor(&token).await.unwrap();
    assert!(!lantern_app::policy::allows(
        &actor,
        lantern_app::policy::Action::EditCases
    ));
    // Revoked tokens stop working.
    let listed = server.app.list_api_tokens(&root, user.id).await.unwrap();
    server
        .app
        .revoke_api_token(&root, user.id, listed[0].id)
        .await
        .unwrap();
    let revoked = client
        .get(server.url("/api/v1/cases"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 401);
}
on_both_backends!(read_only_tokens_cannot_write, read_only_tokens);
