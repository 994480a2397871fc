//! The audit log: every write and every view of identifying data is
//! recorded, and tampering with the log directly in the database — editing,
//! deleting, inserting or reordering rows, or cutting off its end — makes
//! verification fail at that entry.

use lantern_app::audit::AuditBreak;
use lantern_storage::{AuditAppend, AuditEvent, AuditFilter};

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
