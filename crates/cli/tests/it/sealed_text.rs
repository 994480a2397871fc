//! Free text at rest: case summaries, timeline titles and notes and file
//! names are sealed under the case's data key, read back for those who may
//! see them, re-wrapped by key rotation, erased with the case's files, and
//! sealed by `lantern migrate` where an older version left them in the
//! clear.

use crate::on_both_backends;
use crate::support::*;

const SUMMARY: &str = "Rina Sealwood called from the bus stand at Howrah";
const TITLE: &str = "Met Rina Sealwood at the shelter";
const NOTE: &str = "Her brother's phone is 98300 11223";
const FILE_NAME: &str = "statement-rina-sealwood.txt";

/// A case with a summary, one timeline entry with a note, and a file; the
/// case's path and the file's download path.
async fn case_with_free_text(browser: &Browser, server: &TestServer) -> (String, String) {
    let office = server.office.id.to_string();
    let date = today();
    let created = browser
        .post_form(
            "/cases",
            &[
                ("intake_date", date.as_str()),
                ("intake_source", "Hotline"),
                ("status", "Active"),
                ("exploitation_types", "SexualExploitation"),
                ("owning_office", office.as_str()),
                ("summary", SUMMARY),
            ],
        )
        .await;
    assert_eq!(created.status(), 303);
    let case_path = location(&created);
    let event = browser
        .post_form(
            &format!("{case_path}/events"),
            &[
                ("occurred_on", date.as_str()),
                ("kind", "Rescue"),
                ("title", TITLE),
                ("note", NOTE),
            ],
        )
        .await;
    assert_eq!(event.status(), 303);
    let form = reqwest::multipart::Form::new()
        .text("csrf", browser.csrf().await)
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"Statement".to_vec()).file_name(FILE_NAME),
        );
    let uploaded = browser
        .client
        .post(browser.url(&format!("{case_path}/attachments")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 303);
    let (_, page) = browser.get_text(&case_path).await;
    let link = regex::Regex::new(r#"href="(/attachments/[0-9a-f-]{36})""#).unwrap();
    let file_path = link.captures(&page).expect("the file is listed")[1].to_owned();
    (case_path, file_path)
}

fn shows_all_free_text(page: &str) -> bool {
    [SUMMARY, TITLE, NOTE, FILE_NAME]
        .iter()
        .all(|text| page.contains(&text.replace('\'', "&#39;")))
}

fn shows_any_free_text(page: &str) -> bool {
    [SUMMARY, TITLE, NOTE, FILE_NAME]
        .iter()
        .any(|text| page.contains(&text.replace('\'', "&#39;")))
}

/// Every stored copy of the four texts: sealed columns, and the clear
/// columns, which must stay empty.
async fn clear_text_rows(server: &TestServer) -> i64 {
    server
        .raw
        .count(
            "SELECT (SELECT COUNT(*) FROM cases WHERE summary IS NOT NULL) \
             + (SELECT COUNT(*) FROM case_events WHERE title <> '' OR note IS NOT NULL) \
             + (SELECT COUNT(*) FROM attachments WHERE file_name <> '')",
        )
        .await
}

async fn sealed_bytes(server: &TestServer) -> Vec<Vec<u8>> {
    let mut all = Vec::new();
    for sql in [
        "SELECT summary_sealed FROM cases",
        "SELECT title_sealed FROM case_events",
        "SELECT note_sealed FROM case_events",
        "SELECT file_name_sealed FROM attachments",
    ] {
        all.extend(server.raw.bytes(sql).await.into_iter().flatten());
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

async fn free_text_is_sealed_rotated_and_erased(server: &TestServer) {
    let worker = server.signed_in("moumita", "case_worker").await;
    let analyst = server.signed_in("analyst", "me_analyst").await;
    let (case_path, file_path) = case_with_free_text(&worker, server).await;
    let case_id = case_path.trim_start_matches("/cases/").to_owned();

    // At rest: nothing in the clear columns, four sealed values, none
    // containing the text.
    assert_eq!(clear_text_rows(server).await, 0);
    let sealed = sealed_bytes(server).await;
    assert_eq!(sealed.len(), 4);
    for text in [SUMMARY, TITLE, NOTE, FILE_NAME, "Rina Sealwood", "98300"] {
        assert!(sealed.iter().all(|bytes| !contains(bytes, text)), "{text}");
    }

    // Read back in full sight; below it, the title only (as before).
    let (status, page) = worker.get_text(&case_path).await;
    assert_eq!(status, 200);
    assert!(shows_all_free_text(&page), "{page}");
    let download = worker.get(&file_path).await;
    assert_eq!(download.status(), 200);
    assert!(download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains(FILE_NAME));
    let (_, page) = analyst.get_text(&case_path).await;
    assert!(page.contains(TITLE) && !page.contains(SUMMARY) && !page.contains("98300"));

    // Rotation re-wraps the case's key with every other one.
    let key_file = server.data_dir().join("lantern.keys");
    let mut ring = lantern_vault::KeyRing::load(&key_file).unwrap();
    let old = ring.current_key_id();
    let new = ring.rotate();
    ring.save(&key_file).unwrap();
    // A second process's view, as `lantern keys rewrap` has.
    let config = lantern::config::Config {
        data_dir: server.data_dir().to_path_buf(),
        database_url: None,
        key_file: Some(key_file.clone()),
        bind: "127.0.0.1:0".parse().unwrap(),
        secure_cookies: false,
        tls: None,
    };
    let rotator = lantern::build_app(&config, server.storage.clone()).unwrap();
    let report = rotator.rewrap_data_keys().await.unwrap();
    assert!(report.examined >= 2, "the case's key and the file's");
    assert_eq!(report.rewrapped, report.examined);
    let census = rotator.data_key_census().await.unwrap();
    assert_eq!(census, vec![(new.to_string(), report.examined)]);
    let mut ring = lantern_vault::KeyRing::load(&key_file).unwrap();
    ring.retire(old).unwrap();
    ring.save(&key_file).unwrap();
    let (_, page) = worker.get_text(&case_path).await;
    assert!(shows_all_free_text(&page), "readable under the new key");

    // Erasing a closed case's files erases its free text with them.
    let admin = server.signed_in("eraser", "admin").await;
    let set = admin
        .post_form(
            "/admin/retention",
            &[("person_identity", ""), ("attachment", "30")],
        )
        .await;
    assert_eq!(set.status(), 303);
    server
        .raw
        .exec(&format!(
            "UPDATE cases SET status = 'Closed', updated_at = '2024-01-01T00:00:00+00:00' WHERE id = {}",
            server.raw.uuid_literal(&case_id)
        ))
        .await;
    let report = server.app.apply_retention(false).await.unwrap();
    assert_eq!((report.attachments, report.case_texts), (1, 1));
    assert_eq!(
        server.app.apply_retention(false).await.unwrap().case_texts,
        0
    );
    let (status, page) = worker.get_text(&case_path).await;
    assert_eq!(status, 200);
    assert!(!shows_any_free_text(&page), "{page}");
    assert!(sealed_bytes(server).await.is_empty());
    assert_eq!(
        server
            .raw
            .count(&format!(
                "SELECT COUNT(*) FROM data_keys WHERE owner_id = {}",
                server.raw.uuid_literal(&case_id)
            ))
            .await,
        0
    );
    // The case takes new entries again, under a new key.
    let again = worker
        .post_form(
            &format!("{case_path}/events"),
            &[
                ("occurred_on", today().as_str()),
                ("kind", "Note"),
                ("title", "Follow-up after closure"),
            ],
        )
        .await;
    assert_eq!(again.status(), 303);
    let (_, page) = worker.get_text(&case_path).await;
    assert!(page.contains("Follow-up after closure"));
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(
    free_text_sealed_rotated_and_erased,
    free_text_is_sealed_rotated_and_erased
);

/// A database from before migration 0009: the text in the clear columns
/// and no key for the case. Sealing it is done once and changes nothing
/// anyone sees.
async fn clear_text_is_sealed_once(server: &TestServer) {
    let worker = server.signed_in("sharmila", "case_worker").await;
    let (case_path, _) = case_with_free_text(&worker, server).await;
    let id = server
        .raw
        .uuid_literal(case_path.trim_start_matches("/cases/"));
    for sql in [
        format!(
            "UPDATE cases SET summary = 'Legacy: {SUMMARY}', summary_sealed = NULL WHERE id = {id}"
        ),
        format!(
            "UPDATE case_events SET title = 'Legacy: {TITLE}', note = 'Legacy note', \
             title_sealed = NULL, note_sealed = NULL WHERE case_id = {id}"
        ),
        format!(
            "UPDATE attachments SET file_name = 'legacy-{FILE_NAME}', file_name_sealed = NULL \
             WHERE case_id = {id}"
        ),
        format!("DELETE FROM data_keys WHERE owner_id = {id}"),
    ] {
        server.raw.exec(&sql).await;
    }
    assert_eq!(clear_text_rows(server).await, 3);
    // Shown as it is until sealed (a server started before `migrate`).
    let (_, page) = worker.get_text(&case_path).await;
    assert!(page.contains(&format!("Legacy: {SUMMARY}")));

    assert_eq!(server.app.seal_clear_text().await.unwrap(), 1);
    assert_eq!(server.app.seal_clear_text().await.unwrap(), 0);
    assert_eq!(clear_text_rows(server).await, 0);
    assert_eq!(sealed_bytes(server).await.len(), 4);
    assert!(sealed_bytes(server)
        .await
        .iter()
        .all(|bytes| !contains(bytes, "Legacy")));
    let (_, page) = worker.get_text(&case_path).await;
    assert!(page.contains(&format!("Legacy: {SUMMARY}")), "{page}");
    assert!(page.contains(&format!("Legacy: {TITLE}")));
    assert!(page.contains("Legacy note"));
    assert!(page.contains(&format!("legacy-{FILE_NAME}")));
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(clear_text_from_before_sealing, clear_text_is_sealed_once);
