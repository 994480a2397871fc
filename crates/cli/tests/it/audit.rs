//! The audit log: every write and every view of identifying data is
//! recorded, and tampering with the log directly in the database — editing,
//! deleting, inserting or reordering rows, or cutting off its end — makes
//! verification fail at that entry.

use lantern_app::audit::AuditBreak;
use lantern_storage::{AuditAppend, AuditEntry, AuditEvent, AuditFilter};

use lantern_domain::user::User;

use crate::on_both_backends;
use crate::support::*;

async fn entries_written_and_read(server: &TestServer) {
    let browser = server.signed_in("audited", "case_worker").await;
    let case_path = create_case_via_form(&browser, server).await;
    let person = browser
        .post_form(
            &format!("{case_path}/people"),
            &[
                ("role", "Victim"),
                ("pseudonym", "Parul"),
                ("gender", "Feminine"),
                ("legal_name", "Secret Name"),
            ],
        )
        .await;
    let person_path = location(&person);
    browser.get_text(&person_path).await;
    browser.get_text(&case_path).await;

    let root = server.app.console_actor(server.office.id);
    let entries = server
        .app
        .search_audit(&root, &AuditFilter::default())
        .await
        .unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .rev()
        .map(|e| e.event.action.as_str())
        .collect();
    for expected in ["case.create", "person.create", "person.view", "case.view"] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
    let all = format!("{entries:?}");
    assert!(
        !all.contains("Secret Name"),
        "the log names fields, never values"
    );
    assert_eq!(
        server.app.verify_audit().await.unwrap(),
        Ok(lantern_app::audit::AuditReport {
            entries: entries.len() as i64,
            checkpoints: 0,
        })
    );

    // Administrators search it; others may not.
    let admin = server.signed_in("auditor", "admin").await;
    let (status, page) = admin.get_text("/admin/audit?action=person.").await;
    assert_eq!(status, 200);
    assert!(page.contains("person.create") && !page.contains("case.create"));
    assert_eq!(browser.get("/admin/audit").await.status(), 403);
}
on_both_backends!(writes_and_views_are_audited, entries_written_and_read);

/// Appends `count` entries directly, as the application would.
async fn fill(server: &TestServer, count: usize) {
    for i in 0..count {
        let entry = AuditAppend {
            event: AuditEvent {
                at: server.app.now(),
                actor: None,
                action: format!("test.entry-{i}"),
                record_kind: "test".into(),
                record_id: None,
                fields: vec!["field".into()],
                reason: None,
                client: None,
            },
            chain: server.app.keys(),
        };
        server.storage.append_audit(&entry).await.unwrap();
    }
}

async fn broken_at(server: &TestServer) -> AuditBreak {
    server
        .app
        .verify_audit()
        .await
        .unwrap()
        .expect_err("verification must fail")
}

async fn tampering_is_detected(server: &TestServer) {
    fill(server, 6).await;
    assert!(server.app.verify_audit().await.unwrap().is_ok());

    // Edit a field of entry 3.
    server
        .raw
        .exec("UPDATE audit_log SET action = 'test.harmless' WHERE seq = 3")
        .await;
    assert_eq!(broken_at(server).await, AuditBreak::Link { seq: 3 });
    server
        .raw
        .exec("UPDATE audit_log SET action = 'test.entry-2' WHERE seq = 3")
        .await;
    assert!(server.app.verify_audit().await.unwrap().is_ok(), "restored");

    // Reorder: swap the contents of entries 4 and 5.
    server
        .raw
        .exec("UPDATE audit_log SET action = 'test.entry-4' WHERE seq = 4")
        .await;
    server
        .raw
        .exec("UPDATE audit_log SET action = 'test.entry-3' WHERE seq = 5")
        .await;
    assert_eq!(broken_at(server).await, AuditBreak::Link { seq: 4 });
    server
        .raw
        .exec("UPDATE audit_log SET action = 'test.entry-3' WHERE seq = 4")
        .await;
    server
        .raw
        .exec("UPDATE audit_log SET action = 'test.entry-4' WHERE seq = 5")
        .await;

    // Insert a forged entry at the end, copying a real link.
    server
        .raw
        .exec(
            "INSERT INTO audit_log (seq, at, actor_id, action, record_kind, record_id, fields, reason, client, link) \
             SELECT 7, at, actor_id, 'test.forged', record_kind, record_id, fields, reason, client, link \
             FROM audit_log WHERE seq = 6",
        )
        .await;
    assert_eq!(broken_at(server).await, AuditBreak::Link { seq: 7 });
    server.raw.exec("DELETE FROM audit_log WHERE seq = 7").await;
    assert!(server.app.verify_audit().await.unwrap().is_ok());

    // Delete entry 2.
    server.raw.exec("DELETE FROM audit_log WHERE seq = 2").await;
    assert_eq!(
        broken_at(server).await,
        AuditBreak::Gap {
            seq: 2,
            previous: 1
        }
    );
}
on_both_backends!(tampering_with_the_log_is_detected, tampering_is_detected);

async fn truncation_is_detected(server: &TestServer) {
    fill(server, 105).await;
    let report = server.app.verify_audit().await.unwrap().unwrap();
    assert_eq!(report.checkpoints, 1, "a signed checkpoint at entry 100");
    // Cutting the log back past the checkpoint leaves a consistent chain,
    // but the signed head no longer exists.
    server
        .raw
        .exec("DELETE FROM audit_log WHERE seq >= 100")
        .await;
    assert_eq!(
        broken_at(server).await,
        AuditBreak::Truncated { last: 99, seq: 100 }
    );
    // Forging the checkpoint needs the signing key.
    server
        .raw
        .exec("UPDATE audit_checkpoints SET seq = 99")
        .await;
    assert_eq!(broken_at(server).await, AuditBreak::Signature { seq: 99 });
}
on_both_backends!(cutting_off_the_log_is_detected, truncation_is_detected);

/// The newest entry with this action about this account (the log is
/// searched newest first).
fn newest<'a>(entries: &'a [AuditEntry], action: &str, user: &User) -> &'a AuditEntry {
    entries
        .iter()
        .find(|e| e.event.action == action && e.event.record_id == Some(user.id.as_uuid()))
        .unwrap_or_else(|| panic!("no {action} entry for {}", user.username))
}

async fn account_events_audited_with_the_client(server: &TestServer) {
    let root = server.app.console_actor(server.office.id);
    let ravi = server.user("ravi", "me_analyst").await;
    let sita = server.user("sita", "case_worker").await;
    let analyst = server.sign_in("ravi").await;
    let admin = server.signed_in("chief", "admin").await;

    // Two failed sign-ins: an unknown username, and a known one with a
    // wrong password. What was typed must never reach the log.
    let typed_username = "no-such-user-x7";
    let typed_password = "Typed Wrong Password 42";
    let stranger = Browser::new(server);
    let unknown = stranger
        .login_password(typed_username, typed_password)
        .await;
    assert_eq!(unknown.status(), 401);
    let wrong = stranger.login_password("Ravi", typed_password).await;
    assert_eq!(wrong.status(), 401);

    let changed = admin
        .post_form(
            &format!("/admin/users/{}/role", sita.id),
            &[("role", "investigator")],
        )
        .await;
    assert_eq!(changed.status(), 303);
    let issued = analyst
        .post_form("/account/tokens", &[("name", "laptop"), ("scope", "read")])
        .await;
    assert_eq!(issued.status(), 200);
    let new_password = "a new long password 2";
    let password = analyst
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new_password),
            ],
        )
        .await;
    assert_eq!(password.status(), 303);
    // A case written during a request records the client too.
    let worker = server.signed_in("asha", "case_worker").await;
    create_case_via_form(&worker, server).await;

    let entries = server
        .app
        .search_audit(&root, &AuditFilter::default())
        .await
        .unwrap();
    let chief = server.app.find_user(&root, "chief").await.unwrap();
    for (action, actor, record) in [
        ("account.sign-in", &ravi, &ravi),
        ("account.role", &chief, &sita),
        ("account.token-issue", &ravi, &ravi),
        ("account.password", &ravi, &ravi),
        ("account.second-factor-enrol", &chief, &chief),
    ] {
        let entry = newest(&entries, action, record);
        assert_eq!(entry.event.client.as_deref(), Some("127.0.0.1"), "{action}");
        assert_eq!(entry.event.actor, Some(actor.id), "{action}");
    }
    assert!(newest(&entries, "account.role", &sita)
        .event
        .fields
        .contains(&"role:investigator".to_owned()));
    assert!(newest(&entries, "account.token-issue", &ravi)
        .event
        .fields
        .contains(&"scope:read".to_owned()));
    let case = entries
        .iter()
        .find(|e| e.event.action == "case.create")
        .unwrap();
    assert_eq!(case.event.client.as_deref(), Some("127.0.0.1"));
    // Accounts made at the console record the console.
    let created = newest(&entries, "account.create", &ravi);
    assert_eq!(created.event.client.as_deref(), Some("cli"));
    assert_eq!(created.event.actor, Some(root.id()));

    // Failed sign-ins: no actor; the account only when it exists; the
    // same kind of keyed digest for both; nothing that was typed.
    let failed: Vec<&AuditEntry> = entries
        .iter()
        .filter(|e| e.event.action == "account.sign-in-failed")
        .collect();
    assert_eq!(failed.len(), 2);
    let (known, unknown) = (failed[0], failed[1]);
    assert_eq!(known.event.record_id, Some(ravi.id.as_uuid()));
    assert_eq!(unknown.event.record_id, None);
    for entry in [known, unknown] {
        assert_eq!(entry.event.actor, None);
        assert_eq!(entry.event.client.as_deref(), Some("127.0.0.1"));
        assert_eq!(entry.event.fields.len(), 1);
        assert!(entry.event.fields[0].starts_with("username-key:"));
        assert_eq!(entry.event.fields[0].len(), "username-key:".len() + 32);
    }
    assert_ne!(known.event.fields, unknown.event.fields);
    let everything = format!("{entries:?}").to_lowercase();
    for secret in [typed_username, typed_password, PASSWORD, new_password] {
        assert!(
            !everything.contains(&secret.to_lowercase()),
            "the log holds {secret:?}"
        );
    }

    // The administrators' page shows the client and filters by the new
    // actions; the chain still verifies.
    let (status, page) = admin
        .get_text("/admin/audit?action=account.sign-in-failed")
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("<code>127.0.0.1</code>"));
    assert!(!page.contains("<td>account.role</td>"));
    assert!(!page.contains(typed_username));
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(
    account_events_are_audited_with_the_client,
    account_events_audited_with_the_client
);

/// What the local administrator does with `lantern user …` is audited with
/// `cli` as the client, and `lantern audit verify` still passes.
#[tokio::test]
async fn command_line_account_events_record_cli() {
    use lantern_storage::Storage;
    use std::io::Write;
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let lantern = |args: &[&str], stdin: Option<&str>| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lantern"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .env_remove("LANTERN_DATABASE_URL")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
        drop(input);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    lantern(
        &[
            "office",
            "add",
            "--code",
            "MNL",
            "--name",
            "Manila",
            "--country",
            "PH",
            "--region",
            "NCR",
        ],
        None,
    );
    lantern(
        &[
            "user",
            "add",
            "--username",
            "joanna",
            "--display-name",
            "Joanna Cruz",
            "--role",
            "lawyer",
            "--office",
            "MNL",
        ],
        Some("a perfectly long passphrase\n"),
    );
    lantern(&["user", "token", "joanna", "--name", "reports"], None);
    lantern(&["user", "disable", "joanna"], None);
    let verified = lantern(&["audit", "verify"], None);
    assert!(verified.contains("intact: 3 entries"), "{verified}");

    let store = lantern_store_sqlite::SqliteStorage::open(&dir.path().join("lantern.db"))
        .await
        .unwrap();
    let entries = store.audit_entries(0, 10).await.unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.event.action.as_str()).collect();
    assert_eq!(
        actions,
        ["account.create", "account.token-issue", "account.disable"]
    );
    for entry in &entries {
        assert_eq!(entry.event.client.as_deref(), Some("cli"));
    }
    let all = format!("{entries:?}");
    assert!(!all.contains("passphrase") && !all.contains("lt_"));
}

/// The entries recording views of `case_path`'s case.
async fn case_views(server: &TestServer, case_path: &str) -> Vec<AuditEntry> {
    let case_id = case_path.trim_start_matches("/cases/").parse().unwrap();
    let root = server.app.console_actor(server.office.id);
    server
        .app
        .search_audit(
            &root,
            &AuditFilter {
                record_id: Some(case_id),
                action_prefix: Some("case.view".into()),
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap()
}

/// Requests `path` `count` times at once; each answer's status and body.
async fn concurrent_gets(browser: &Browser, path: &str, count: usize) -> Vec<(u16, String)> {
    let requests: Vec<_> = (0..count)
        .map(|_| {
            let request = browser.client.get(browser.url(path));
            tokio::spawn(async move {
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                (status, response.text().await.unwrap())
            })
        })
        .collect();
    let mut answers = Vec::with_capacity(count);
    for request in requests {
        answers.push(request.await.unwrap());
    }
    answers
}

const CONCURRENT_VIEWS: usize = 48;
/// What `create_case_via_form` writes as the summary, shown in full sight only.
const SUMMARY: &str = "Referred by a shelter.";

/// Views served at once share audit transactions (group commit), yet each
/// view has exactly one entry and the chain verifies across the batches.
async fn concurrent_views_each_audited_once(server: &TestServer) {
    let browser = server.signed_in("busy", "case_worker").await;
    let case_path = create_case_via_form(&browser, server).await;
    for (status, page) in concurrent_gets(&browser, &case_path, CONCURRENT_VIEWS).await {
        assert_eq!(status, 200);
        assert!(page.contains(SUMMARY), "the full page");
    }
    let views = case_views(server, &case_path).await;
    assert_eq!(views.len(), CONCURRENT_VIEWS, "one entry per view");
    let mut seqs: Vec<i64> = views.iter().map(|e| e.seq).collect();
    seqs.sort_unstable();
    seqs.dedup();
    assert_eq!(seqs.len(), CONCURRENT_VIEWS, "no entry shared by two views");
    let report = server
        .app
        .verify_audit()
        .await
        .unwrap()
        .expect("the chain verifies");
    assert!(report.entries >= CONCURRENT_VIEWS as i64);
}
on_both_backends!(
    concurrent_views_are_each_audited_once,
    concurrent_views_each_audited_once
);

/// When the audit transaction fails, every view waiting on it fails too,
/// and no page goes out; once the log takes entries again, views are
/// served and recorded.
async fn failed_audit_batch_fails_every_view(server: &TestServer) {
    let browser = server.signed_in("refused", "case_worker").await;
    let case_path = create_case_via_form(&browser, server).await;
    let (refuse, allow): (&[&str], &[&str]) = match &server.raw {
        RawDb::Sqlite(_) => (
            &["CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log \
               BEGIN SELECT RAISE(ABORT, 'refused'); END"],
            &["DROP TRIGGER refuse_audit"],
        ),
        RawDb::Postgres(_) => (
            &[
                "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'refused'; END $$",
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log \
                 FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
            ],
            &[
                "DROP TRIGGER refuse_audit ON audit_log",
                "DROP FUNCTION refuse_audit()",
            ],
        ),
    };
    for statement in refuse {
        server.raw.exec(statement).await;
    }
    for (status, page) in concurrent_gets(&browser, &case_path, CONCURRENT_VIEWS).await {
        assert_eq!(status, 500);
        assert!(!page.contains(SUMMARY), "no case page without its entry");
    }
    assert!(case_views(server, &case_path).await.is_empty());

    for statement in allow {
        server.raw.exec(statement).await;
    }
    let (status, _) = browser.get_text(&case_path).await;
    assert_eq!(status, 200, "the writer recovers");
    assert_eq!(case_views(server, &case_path).await.len(), 1);
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(
    failed_audit_batch_fails_every_view,
    failed_audit_batch_fails_every_view
);
