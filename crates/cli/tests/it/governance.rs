//! Settings that govern everyone: the role-permission table, consent
//! checked where data leaves the organisation, and retention.

use crate::on_both_backends;
use crate::support::*;

/// Every cell of the shipped table as the permissions form sends it,
/// except those named.
fn default_cells_without(csrf: &str, without: &[&str]) -> Vec<(String, String)> {
    let mut fields = vec![("csrf".to_owned(), csrf.to_owned())];
    for (role, permission) in lantern_domain::permission::RolePermissions::default().iter() {
        let cell = format!("{role}:{permission}");
        if !without.contains(&cell.as_str()) {
            fields.push(("cell".to_owned(), cell));
        }
    }
    fields
}

async fn post_fields(browser: &Browser, path: &str, fields: &[(String, String)]) -> u16 {
    browser
        .client
        .post(browser.url(path))
        .form(fields)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn administrators_configure_role_permissions(server: &TestServer) {
    let worker = server.signed_in("tanvir", "case_worker").await;
    let admin = server.signed_in("meera", "admin").await;
    let (status, page) = admin.get_text("/admin/permissions").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"id="cell-case_worker:edit_cases" checked"#));
    // Fixed cells have no box to tick.
    assert!(!page.contains("cell-me_analyst:break_glass"));
    create_case_via_form(&worker, server).await;

    let csrf = admin.csrf().await;
    let narrowed = default_cells_without(&csrf, &["case_worker:edit_cases"]);
    assert_eq!(
        post_fields(&admin, "/admin/permissions", &narrowed).await,
        303
    );
    let (status, _) = worker.get_text("/cases/new").await;
    assert_eq!(status, 403, "case workers may no longer create cases");
    let refused = worker
        .post_form("/cases", &[("intake_date", today().as_str())])
        .await;
    assert_eq!(refused.status(), 403);
    let (status, _) = worker.get_text("/cases").await;
    assert_eq!(status, 200, "reading is still granted");

    // A crafted grant of a fixed cell is refused whole and changes nothing.
    let mut forged = default_cells_without(&csrf, &[]);
    forged.push(("cell".into(), "me_analyst:break_glass".into()));
    assert_eq!(
        post_fields(&admin, "/admin/permissions", &forged).await,
        422
    );
    let (status, _) = worker.get_text("/cases/new").await;
    assert_eq!(status, 403, "the refused submission restored nothing");

    // Non-administrators cannot change the table.
    let restore = default_cells_without(&worker.csrf().await, &[]);
    assert_eq!(
        post_fields(&worker, "/admin/permissions", &restore).await,
        403
    );
    let restore = default_cells_without(&csrf, &[]);
    assert_eq!(
        post_fields(&admin, "/admin/permissions", &restore).await,
        303
    );
    let (status, _) = worker.get_text("/cases/new").await;
    assert_eq!(status, 200);

    let root = server.app.console_actor(server.office.id);
    let changes = server
        .app
        .search_audit(
            &root,
            &lantern_storage::AuditFilter {
                action_prefix: Some("permissions.".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(changes.len(), 2, "each accepted change is audited");
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(
    administrators_configure_role_permissions_test,
    administrators_configure_role_permissions
);

async fn consent_decides_what_partners_see(server: &TestServer) {
    let worker = server.signed_in("farida", "case_worker").await;
    let partner = server.signed_in("shelter.partner", "partner_viewer").await;
    let case_path = create_case_via_form(&worker, server).await;
    let added = worker
        .post_form(
            &format!("{case_path}/people"),
            &[
                ("role", "Victim"),
                ("pseudonym", "Mitali"),
                ("gender", "Feminine"),
            ],
        )
        .await;
    let person_path = location(&added);
    let (_, case_page) = partner.get_text(&case_path).await;
    assert!(!case_page.contains("Mitali"), "no consent: not shared");
    assert_eq!(partner.get_text(&person_path).await.0, 404);

    let date = today();
    let uninformed = worker
        .post_form(
            &format!("{person_path}/consents"),
            &[
                ("purpose", "sharing"),
                ("decision", "granted"),
                ("given_by", "person"),
                ("informed", "purpose"),
                ("decided_on", date.as_str()),
            ],
        )
        .await;
    assert_eq!(uninformed.status(), 422);
    assert!(uninformed
        .text()
        .await
        .unwrap()
        .contains(r#"id="informed-error""#));
    assert_eq!(partner.get_text(&person_path).await.0, 404);

    let grant = [
        ("purpose", "sharing"),
        ("decision", "granted"),
        ("given_by", "guardian"),
        ("informed", "purpose"),
        ("informed", "withdrawal"),
        ("decided_on", date.as_str()),
    ];
    let granted = worker
        .post_form(&format!("{person_path}/consents"), &grant)
        .await;
    assert_eq!(granted.status(), 303);
    let (_, page) = worker.get_text(&person_path).await;
    assert!(page.contains("consent-granted"));
    let (_, case_page) = partner.get_text(&case_path).await;
    assert!(case_page.contains("Mitali"), "shared once consented");
    assert_eq!(partner.get_text(&person_path).await.0, 200);

    // A withdrawal the same day, recorded later, supersedes the grant.
    let withdrawn = worker
        .post_form(
            &format!("{person_path}/consents"),
            &[
                ("purpose", "sharing"),
                ("decision", "withdrawn"),
                ("given_by", "person"),
                ("decided_on", date.as_str()),
            ],
        )
        .await;
    assert_eq!(withdrawn.status(), 303);
    assert_eq!(partner.get_text(&person_path).await.0, 404);
    let (_, case_page) = partner.get_text(&case_path).await;
    assert!(!case_page.contains("Mitali"));

    // The API lists the history, newest first.
    let worker_user = server
        .storage
        .user_credentials("farida")
        .await
        .unwrap()
        .unwrap()
        .user;
    let token = server.token_for(&worker_user).await;
    let history: serde_json::Value = reqwest::Client::new()
        .get(server.url(&format!("/api/v1{person_path}/consents")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let decisions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["decision"].as_str().unwrap())
        .collect();
    assert_eq!(decisions, ["withdrawn", "granted"]);
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(
    consent_decides_what_partners_see_test,
    consent_decides_what_partners_see
);

async fn retention_erases_what_is_due(server: &TestServer) {
    let worker = server.signed_in("joyita", "case_worker").await;
    let admin = server.signed_in("retainer", "admin").await;
    let case_path = create_case_via_form(&worker, server).await;
    let added = worker
        .post_form(
            &format!("{case_path}/people"),
            &[
                ("role", "Victim"),
                ("pseudonym", "Bristi"),
                ("gender", "Feminine"),
                ("legal_name", "Shefali Retained"),
            ],
        )
        .await;
    let person_path = location(&added);
    let bar = worker
        .post_form(
            &format!("{case_path}/entities"),
            &[
                ("kind", "establishment"),
                ("establishment_kind", "bar"),
                ("name", "Retained Nightingale Bar"),
            ],
        )
        .await;
    assert_eq!(bar.status(), 303);

    let too_short = admin
        .post_form(
            "/admin/retention",
            &[("person_identity", "7"), ("attachment", "")],
        )
        .await;
    assert_eq!(too_short.status(), 422);
    assert!(too_short
        .text()
        .await
        .unwrap()
        .contains(r#"id="person_identity-error""#));
    let set = admin
        .post_form(
            "/admin/retention",
            &[("person_identity", "365"), ("attachment", "400")],
        )
        .await;
    assert_eq!(set.status(), 303);

    // Open cases are never due; nor are recently closed ones.
    assert_eq!(
        server.app.apply_retention(false).await.unwrap().identities,
        0
    );
    let case_id = case_path.trim_start_matches("/cases/");
    server
        .raw
        .exec(&format!(
            "UPDATE cases SET status = 'Closed', updated_at = '2024-01-01T00:00:00+00:00' \
             WHERE id = {}",
            server.raw.uuid_literal(case_id)
        ))
        .await;
    // The page previews what the console's dry run counts, kind by kind:
    // the identity and, going with it, the establishment.
    let (_, preview) = admin.get_text("/admin/retention").await;
    let dry_run = server.app.apply_retention(true).await.unwrap();
    assert_eq!(
        (dry_run.identities, dry_run.case_texts, dry_run.entities),
        (1, 1, 1),
        "the identity, the case's summary, its establishment"
    );
    for (kind, count) in dry_run.counts() {
        let line = format!(r#"<li id="due-{}">"#, kind.code());
        let shown = preview
            .split(&line)
            .nth(1)
            .and_then(|rest| rest.split("</li>").next())
            .unwrap_or_else(|| panic!("{line} in {preview}"));
        assert!(shown.ends_with(&format!(" {count}")), "{line}{shown}");
    }
    assert!(
        preview.contains("Establishments and vehicles: 1"),
        "{preview}"
    );
    let report = server.app.apply_retention(false).await.unwrap();
    assert_eq!(report.identities, 1);
    assert_eq!(report.entities, 1, "the case's establishment goes too");
    let (_, case_page) = worker.get_text(&case_path).await;
    assert!(!case_page.contains("Retained Nightingale Bar"));
    let (status, page) = worker.get_text(&person_path).await;
    assert_eq!(status, 200);
    assert!(!page.contains("Shefali Retained"));
    assert!(page.contains(r#"id="erased""#));
    assert_eq!(
        server.app.apply_retention(false).await.unwrap().identities,
        0
    );

    let root = server.app.console_actor(server.office.id);
    let erasures = server
        .app
        .search_audit(
            &root,
            &lantern_storage::AuditFilter {
                action_prefix: Some("person_identity.retention-erase".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(erasures.len(), 1);
    let entity_erasures = server
        .app
        .search_audit(
            &root,
            &lantern_storage::AuditFilter {
                action_prefix: Some("entity.retention-erase".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(entity_erasures.len(), 1);
    assert_eq!(server.app.apply_retention(false).await.unwrap().entities, 0);
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(
    retention_erases_what_is_due_test,
    retention_erases_what_is_due
);
