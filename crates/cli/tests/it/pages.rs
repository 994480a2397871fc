//! The HTML pages: cases, people, timeline, attachments, languages.

use crate::on_both_backends;
use crate::support::*;

async fn case_person_search_edit(server: &TestServer) {
    let browser = server.signed_in("priya", "case_worker").await;
    let case_path = create_case_via_form(&browser, server).await;
    let (status, page) = browser.get_text(&case_path).await;
    assert_eq!(status, 200);
    let reference = regex::Regex::new(r"KOL-\d{4}-000001").unwrap();
    assert!(
        reference.is_match(&page),
        "the first case of the office and year"
    );
    assert!(page.contains("Forced labour, Sexual exploitation"));

    let response = browser
        .post_form(
            &format!("{case_path}/people"),
            &[
                ("role", "Victim"),
                ("pseudonym", "মৌমিতা"),
                ("gender", "Feminine"),
                ("legal_name", "অনিতা দাস"),
                ("date_of_birth", "2010-02-03"),
                ("phones", "+91 98300 12345"),
                ("citizenships", "IN"),
                ("languages", "bn"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let person_path = location(&response);
    let (_, person_page) = browser.get_text(&person_path).await;
    assert!(person_page.contains("অনিতা দাস"));
    assert!(
        person_page.contains("9–17"),
        "age band derived from the date of birth"
    );

    let (_, found) = browser.get_text("/cases?q=%E0%A6%AE%E0%A7%8C").await; // "মৌ"
    assert!(reference.is_match(&found), "search by pseudonym prefix");
    let (_, by_reference) = browser.get_text("/cases?q=kol-20").await;
    assert!(by_reference.contains("One case"));
    let (_, closed) = browser.get_text("/cases?status=Closed").await;
    assert!(closed.contains("No case matches"));
    let (_, typed) = browser
        .get_text("/cases?exploitation_type=ForcedLabour")
        .await;
    assert!(typed.contains("One case"));

    let edit = browser
        .post_form(
            &person_path,
            &[
                ("pseudonym", "মৌমিতা রায়"),
                ("gender", "Feminine"),
                ("legal_name", "অনিতা দাস"),
                ("aliases", "Anu"),
            ],
        )
        .await;
    assert_eq!(edit.status(), 303);
    let (_, edited) = browser.get_text(&person_path).await;
    assert!(edited.contains("মৌমিতা রায়") && edited.contains("Anu"));

    let office = server.office.id.to_string();
    let case_edit = browser
        .post_form(
            &case_path,
            &[
                ("intake_date", "2025-12-01"),
                ("intake_source", "PoliceReferral"),
                ("status", "Closed"),
                ("owning_office", office.as_str()),
            ],
        )
        .await;
    assert_eq!(case_edit.status(), 303);
    let (_, closed_page) = browser.get_text(&case_path).await;
    assert!(closed_page.contains("s-Closed") && closed_page.contains("Police referral"));
}
on_both_backends!(cases_and_people_through_the_forms, case_person_search_edit);

async fn invalid_forms_are_shown_again(server: &TestServer) {
    let browser = server.signed_in("soma", "case_worker").await;
    let office = server.office.id.to_string();
    let response = browser
        .post_form(
            "/cases",
            &[
                ("intake_date", "2999-01-01"),
                ("intake_source", "Carrier pigeon"),
                ("status", "Active"),
                ("place_of_recruitment", "Diamond Harbour"),
                ("owning_office", office.as_str()),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"id="intake_date-error""#) && page.contains("cannot be in the future"));
    assert!(page.contains(r#"id="intake_source-error""#));
    assert!(
        page.contains(r#"value="Diamond Harbour""#),
        "what was typed is kept"
    );
    assert_eq!(server.case_count().await, 0);

    let case_path = create_case_via_form(&browser, server).await;
    let secret_phone = "555-SECRET-77";
    let response = browser
        .post_form(
            &format!("{case_path}/people"),
            &[
                ("role", "Suspect"),
                ("pseudonym", "Dalal"),
                ("gender", "Masculine"),
                ("phones", secret_phone),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"id="phones-error""#));
    let (_, case_page) = browser.get_text(&case_path).await;
    assert!(!case_page.contains("Dalal"), "nothing was stored");
}
on_both_backends!(
    invalid_forms_keep_input_and_store_nothing,
    invalid_forms_are_shown_again
);

async fn roles_see_and_do_what_they_may(server: &TestServer) {
    let worker = server.signed_in("arindam", "case_worker").await;
    let case_path = create_case_via_form(&worker, server).await;
    let person = worker
        .post_form(
            &format!("{case_path}/people"),
            &[
                ("role", "Victim"),
                ("pseudonym", "Tara"),
                ("gender", "Feminine"),
                ("legal_name", "Rupa Mondal"),
            ],
        )
        .await;
    let person_path = location(&person);

    let analyst = server.signed_in("nadia", "me_analyst").await;
    let (status, case_page) = analyst.get_text(&case_path).await;
    assert_eq!(status, 200);
    assert!(case_page.contains("Tara"));
    assert!(
        !case_page.contains("Rupa Mondal"),
        "analysts see de-identified data only"
    );
    let (_, person_page) = analyst.get_text(&person_path).await;
    assert!(!person_page.contains("Rupa Mondal"));
    assert!(
        !case_page.contains("/edit"),
        "no edit links for read-only roles"
    );
    let create = analyst
        .post_form("/cases", &[("intake_date", "2026-01-01")])
        .await;
    assert_eq!(create.status(), 403);
    let edit = analyst.get(&format!("{person_path}/edit")).await;
    assert_eq!(edit.status(), 403);

    let partner = server.signed_in("partner", "partner_viewer").await;
    let (_, partner_page) = partner.get_text(&case_path).await;
    assert!(!partner_page.contains("Rupa Mondal"));
}
on_both_backends!(
    roles_limit_what_is_seen_and_done,
    roles_see_and_do_what_they_may
);

async fn timeline_and_attachments(server: &TestServer) {
    let browser = server.signed_in("rahul", "investigator").await;
    let case_path = create_case_via_form(&browser, server).await;
    let date = today();
    let event = browser
        .post_form(
            &format!("{case_path}/events"),
            &[
                ("occurred_on", date.as_str()),
                ("kind", "Rescue"),
                ("title", "Rescue with AHTU"),
                ("note", "Two minors"),
            ],
        )
        .await;
    assert_eq!(event.status(), 303);
    let bad_event = browser
        .post_form(
            &format!("{case_path}/events"),
            &[
                ("occurred_on", "yesterday"),
                ("kind", "Rescue"),
                ("title", "x"),
            ],
        )
        .await;
    assert_eq!(bad_event.status(), 422);

    let csrf = browser.csrf().await;
    let upload = |name: &'static str, bytes: Vec<u8>, csrf: String| {
        let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name),
        );
        browser
            .client
            .post(browser.url(&format!("{case_path}/attachments")))
            .multipart(form)
            .send()
    };
    let ok = upload(
        "statement.txt",
        b"Statement of the survivor".to_vec(),
        csrf.clone(),
    )
    .await
    .unwrap();
    assert_eq!(ok.status(), 303);
    let disguised = upload("scan.pdf", vec![0x4d, 0x5a, 0x90, 0x00], csrf.clone())
        .await
        .unwrap();
    assert_eq!(disguised.status(), 422);
    let forged = upload("statement.txt", b"hello".to_vec(), "forged".into())
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    // The server refuses an oversized body as soon as it sees its length,
    // so the client may get the 413 or see the connection closed while it
    // is still sending; either way nothing is stored (checked below).
    match upload("big.txt", vec![b'a'; 11 * 1024 * 1024], csrf).await {
        Ok(too_big) => assert_eq!(too_big.status(), 413),
        Err(error) => assert!(error.is_request() || error.is_body(), "{error}"),
    }

    let (_, page) = browser.get_text(&case_path).await;
    assert!(page.contains("Rescue with AHTU") && page.contains("Two minors"));
    let link = regex::Regex::new(r#"href="(/attachments/[0-9a-f-]{36})">statement.txt"#).unwrap();
    let path = link.captures(&page).expect("one attachment listed")[1].to_owned();
    assert_eq!(
        page.matches("/attachments/").count(),
        1,
        "refused uploads left nothing"
    );
    let download = browser.get(&path).await;
    assert_eq!(download.status(), 200);
    assert!(download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(
        download.bytes().await.unwrap().as_ref(),
        b"Statement of the survivor"
    );
}
on_both_backends!(timeline_entries_and_attachments, timeline_and_attachments);

async fn languages(server: &TestServer) {
    let anonymous = reqwest::Client::new();
    let spanish = anonymous
        .get(server.url("/login"))
        .header("accept-language", "es-MX,es;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(spanish.contains("Iniciar sesión en Lantern") && spanish.contains(r#"lang="es""#));

    let browser = server.signed_in("lucia", "case_worker").await;
    let switch = browser
        .post_form("/settings/language", &[("language", "es")])
        .await;
    assert_eq!(switch.status(), 303);
    let (_, page) = browser.get_text("/cases").await;
    assert!(page.contains("<h1>Casos</h1>"));
    let bad = browser
        .post_form("/settings/language", &[("language", "xx")])
        .await;
    assert_eq!(bad.status(), 422);
}
on_both_backends!(interface_language_per_user_and_browser, languages);

async fn pages_are_light(server: &TestServer) {
    let browser = server.signed_in("kavita", "case_worker").await;
    let case_path = create_case_via_form(&browser, server).await;
    for path in [
        "/cases",
        case_path.as_str(),
        "/cases/new",
        "/static/app.css",
    ] {
        let (status, body) = browser.get_text(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(body.len() < 100 * 1024, "{path} is {} bytes", body.len());
    }
    let (status, _) = browser.get_text("/no/such/page").await;
    assert_eq!(status, 404);
}
on_both_backends!(pages_stay_under_the_size_budget, pages_are_light);

/// Rotating the master key while the server runs: every data key moves to
/// the new key, the old one can be retired, and the running server keeps
/// showing identities (it reloads the key file when it meets the new key).
async fn key_rotation_without_downtime(server: &TestServer) {
    let browser = server.signed_in("anjali", "case_worker").await;
    let case_path = create_case_via_form(&browser, server).await;
    let person = browser
        .post_form(
            &format!("{case_path}/people"),
            &[
                ("role", "Victim"),
                ("pseudonym", "Juhi"),
                ("gender", "Feminine"),
                ("legal_name", "Sunita Rotation"),
            ],
        )
        .await;
    let person_path = location(&person);
    let key_file = server.data_dir().join("lantern.keys");
    let mut ring = lantern_vault::KeyRing::load(&key_file).unwrap();
    let old = ring.current_key_id();
    let new = ring.rotate();
    ring.save(&key_file).unwrap();

    // A second process's view: a fresh app on the same database and key file.
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
    assert_eq!(report.rewrapped, report.examined);
    assert!(report.examined >= 1);
    let census = rotator.data_key_census().await.unwrap();
    assert_eq!(census, vec![(new.to_string(), report.examined)]);

    let (status, page) = browser.get_text(&person_path).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Sunita Rotation"),
        "the running server reloaded the keys"
    );

    let mut ring = lantern_vault::KeyRing::load(&key_file).unwrap();
    ring.retire(old).unwrap();
    ring.save(&key_file).unwrap();
    let (_, page) = browser.get_text(&person_path).await;
    assert!(page.contains("Sunita Rotation"));
}
on_both_backends!(
    master_keys_rotate_while_serving,
    key_rotation_without_downtime
);

/// An administrator erases a person's identifying data: the key is gone,
/// the team sees that it was erased, searches by name find nothing, and the
/// audit log still verifies and records why.
async fn erasure_by_crypto_shredding(server: &TestServer) {
    let worker = server.signed_in("rituparna", "case_worker").await;
    let case_path = create_case_via_form(&worker, server).await;
    let person = worker
        .post_form(
            &format!("{case_path}/people"),
            &[
                ("role", "Victim"),
                ("pseudonym", "Shimul"),
                ("gender", "Feminine"),
                ("legal_name", "Kamala Erasable"),
                ("addresses", "7 Ferry Ghat"),
            ],
        )
        .await;
    let person_path = location(&person);
    let (_, found) = worker.get_text("/cases?q=Kamala%20Erasable").await;
    assert!(found.contains("One case"), "found by name before erasure");
    // The case records the lodge at her address: a record of the case.
    let lodge = worker
        .post_form(
            &format!("{case_path}/entities"),
            &[
                ("kind", "establishment"),
                ("establishment_kind", "brothel"),
                ("name", "Erasure Test Lodge"),
                ("place", "7 Ferry Ghat"),
            ],
        )
        .await;
    assert_eq!(lodge.status(), 303);
    let codec = lantern_app::identity::IdentityCodec::new(server.app.keys().clone());
    let place = &codec.place_digest("7 Ferry Ghat").unwrap();
    let holders = || async move {
        let storage = &server.storage;
        let people = storage.persons_with_digests(std::slice::from_ref(place));
        let entities = storage.entities_with_digests(std::slice::from_ref(place));
        (people.await.unwrap().len(), entities.await.unwrap().len())
    };
    assert_eq!(holders().await, (1, 1));

    let admin = server.signed_in("eraser", "admin").await;
    let short = admin
        .post_form(&format!("{person_path}/erase"), &[("reason", "because")])
        .await;
    assert_eq!(short.status(), 422);
    let erased = admin
        .post_form(
            &format!("{person_path}/erase"),
            &[(
                "reason",
                "Survivor asked for her records to be erased (request 2026-117)",
            )],
        )
        .await;
    assert_eq!(erased.status(), 303);

    let (status, page) = worker.get_text(&person_path).await;
    assert_eq!(status, 200);
    assert!(!page.contains("Kamala Erasable"));
    assert!(page.contains(r#"id="erased""#));
    assert!(
        page.contains("Shimul"),
        "the pseudonym stays for statistics"
    );
    let (_, found) = worker.get_text("/cases?q=Kamala%20Erasable").await;
    assert!(found.contains("No case matches"));
    // Her address no longer links her to anything; the case keeps its
    // establishment, erased by retention with the case's other records
    // (ARCHITECTURE.md: erasing a person erases their identity only).
    assert_eq!(holders().await, (0, 1));
    let (_, case_page) = worker.get_text(&case_path).await;
    assert!(case_page.contains("Erasure Test Lodge"));
    assert!(server.app.verify_audit().await.unwrap().is_ok());
    let root = server.app.console_actor(server.office.id);
    let log = server
        .app
        .search_audit(
            &root,
            &lantern_storage::AuditFilter {
                action_prefix: Some("person.erase".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert!(log[0]
        .event
        .reason
        .as_deref()
        .unwrap_or("")
        .contains("request 2026-117"));
}
on_both_backends!(
    erasure_destroys_the_key_and_keeps_the_trail,
    erasure_by_crypto_shredding
);
