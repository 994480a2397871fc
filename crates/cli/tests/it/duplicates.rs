//! Possible duplicates: the warning before saving a person (need-to-know
//! and acknowledgement), the review queue's scan, merge and unmerge.

use lantern_domain::{CaseId, PersonId};
use lantern_storage::PairStatus;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::*;

/// The fields of a person form, with the role.
fn person_fields<'a>(
    role: &'a str,
    pseudonym: &'a str,
    legal_name: &'a str,
    born: &'a str,
    phone: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("role", role),
        ("pseudonym", pseudonym),
        ("gender", "Masculine"),
        ("legal_name", legal_name),
        ("date_of_birth", born),
        ("phones", phone),
    ]
}

fn id_in<T>(path: &str, prefix: &str) -> lantern_domain::Id<T> {
    path.trim_start_matches(prefix).parse().unwrap()
}

async fn participants(server: &TestServer, case: &str) -> Vec<PersonId> {
    let case: CaseId = id_in(case, "/cases/");
    server
        .storage
        .case_file(case)
        .await
        .unwrap()
        .unwrap()
        .participants
        .iter()
        .map(|p| p.person.id)
        .collect()
}

async fn intake_warns_within_need_to_know(server: &TestServer) {
    let priya_user = server.user("priya", "case_worker").await;
    let priya = server.sign_in("priya").await;
    let first_case = create_case_via_form(&priya, server).await;
    let recorded = priya
        .post_form(
            &format!("{first_case}/people"),
            &person_fields(
                "Suspect",
                "Raven",
                "Mohammed Rahim Uddin",
                "1985-07-12",
                "+880 1712 345678",
            ),
        )
        .await;
    assert_eq!(recorded.status(), 303, "nobody like him yet");
    let existing = location(&recorded);

    // The same man, spelt differently, in a second case of the same worker.
    let second_case = create_case_via_form(&priya, server).await;
    let variant = person_fields(
        "Suspect",
        "Crow",
        "Rahim Udin",
        "1985-12-07",
        "01712-345678",
    );
    let warned = priya
        .post_form(&format!("{second_case}/people"), &variant)
        .await;
    assert_eq!(warned.status(), 409, "possible duplicate, nothing saved");
    let page = warned.text().await.unwrap();
    assert!(page.contains("id=\"possible-duplicates\""));
    assert!(
        page.contains("Mohammed Rahim Uddin"),
        "the candidate, in full"
    );
    assert!(page.contains(existing.trim_start_matches("/people/")));
    assert!(page.contains("same phone"), "reasons in words: {page}");
    assert!(page.contains("value=\"Rahim Udin\""), "the input is kept");
    assert!(page.contains("name=\"acknowledge_duplicates\""));
    assert!(
        page.contains(&format!("action=\"{second_case}/participants\"")),
        "offers to add the existing person instead"
    );
    assert!(participants(server, &second_case).await.is_empty());

    // A worker on another team records the same man: no warning, since the
    // first record is outside what she may see.
    let omar = server.signed_in("omar", "case_worker").await;
    let omar_case = create_case_via_form(&omar, server).await;
    let unwarned = omar
        .post_form(&format!("{omar_case}/people"), &variant)
        .await;
    assert_eq!(unwarned.status(), 303, "no candidate outside need-to-know");
    let omar_person = location(&unwarned);

    // Priya's warning never shows Omar's record either.
    let again = priya
        .post_form(&format!("{second_case}/people"), &variant)
        .await;
    assert_eq!(again.status(), 409);
    let page = again.text().await.unwrap();
    assert!(!page.contains(omar_person.trim_start_matches("/people/")));

    // Adding the existing person instead.
    let existing_id = existing.trim_start_matches("/people/");
    let linked = priya
        .post_form(
            &format!("{second_case}/participants"),
            &[("person", existing_id), ("role", "Suspect")],
        )
        .await;
    assert_eq!(linked.status(), 303);
    assert_eq!(
        participants(server, &second_case).await,
        vec![id_in(&existing, "/people/")]
    );

    // Or confirming a new person: the acknowledgement saves.
    let third_case = create_case_via_form(&priya, server).await;
    let mut acknowledged = variant.clone();
    acknowledged.push(("acknowledge_duplicates", "yes"));
    let saved = priya
        .post_form(&format!("{third_case}/people"), &acknowledged)
        .await;
    assert_eq!(saved.status(), 303, "saved after acknowledgement");
    assert_eq!(participants(server, &third_case).await.len(), 1);

    // Editing warns too, about others only.
    let new_person = location(&saved);
    let mut edit = variant.clone();
    edit.retain(|(k, _)| *k != "role");
    let edited = priya.post_form(&new_person, &edit).await;
    assert_eq!(edited.status(), 409, "the first record still looks alike");
    edit.push(("acknowledge_duplicates", "yes"));
    assert_eq!(priya.post_form(&new_person, &edit).await.status(), 303);

    // The API answers 409 with the candidates, then 201 when acknowledged.
    let token = server.token_for(&priya_user).await;
    let client = reqwest::Client::new();
    let case_id = first_case.trim_start_matches("/cases/");
    let body = |acknowledge: bool| {
        json!({"role": "Witness", "person": {
            "pseudonym": "Kite", "gender": "Masculine", "legal_name": "Md. Rahim Uddin",
            "date_of_birth": "1985-07-12", "phones": ["+8801712345678"],
            "acknowledge_duplicates": acknowledge
        }})
    };
    let response = client
        .post(server.url(&format!("/api/v1/cases/{case_id}/people")))
        .bearer_auth(&token)
        .json(&body(false))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["error"]["code"], "possible-duplicates");
    let found = answer["error"]["duplicates"].as_array().unwrap();
    assert!(found.iter().any(|d| d["id"] == existing_id
        && d["legal_name"] == "Mohammed Rahim Uddin"
        && d["reasons"]
            .as_array()
            .unwrap()
            .contains(&json!("same-phone"))
        && d["probability"].as_f64().unwrap() >= 0.5));
    assert!(!found
        .iter()
        .any(|d| d["id"] == omar_person.trim_start_matches("/people/")));
    let response = client
        .post(server.url(&format!("/api/v1/cases/{case_id}/people")))
        .bearer_auth(&token)
        .json(&body(true))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);

    // Showing a candidate is a read of identifying data: it is audited.
    let entries = server.storage.audit_entries(0, 10_000).await.unwrap();
    let existing_id: PersonId = id_in(&existing, "/people/");
    assert!(entries
        .iter()
        .any(|e| e.event.action == "person.duplicate-candidate"
            && e.event.record_id == Some(existing_id.as_uuid())));
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(intake_warning, intake_warns_within_need_to_know);

async fn scan_merge_and_unmerge(server: &TestServer) {
    let priya = server.signed_in("priya", "case_worker").await;
    let first_case = create_case_via_form(&priya, server).await;
    let second_case = create_case_via_form(&priya, server).await;
    let first = priya
        .post_form(
            &format!("{first_case}/people"),
            &person_fields(
                "Suspect",
                "Falcon",
                "Joseph Mbeki",
                "1979-02-03",
                "+27 82 555 0142",
            ),
        )
        .await;
    assert_eq!(first.status(), 303);
    let mut fields = person_fields(
        "Suspect",
        "Hawk",
        "Josef Mbeki",
        "1979-03-02",
        "082 555 0142",
    );
    fields.push(("acknowledge_duplicates", "yes"));
    let second = priya
        .post_form(&format!("{second_case}/people"), &fields)
        .await;
    assert_eq!(second.status(), 303);
    let (first, second): (PersonId, PersonId) = (
        id_in(&location(&first), "/people/"),
        id_in(&location(&second), "/people/"),
    );

    let report = server.app.scan_duplicates().await.unwrap();
    assert_eq!(report.pairs_queued, 1, "{report:?}");
    assert_eq!(
        server.app.scan_duplicates().await.unwrap().pairs_queued,
        0,
        "a queued pair is not queued again"
    );
    let pairs = server
        .storage
        .list_duplicate_pairs(PairStatus::Pending, 10)
        .await
        .unwrap();
    assert_eq!(pairs.len(), 1);
    let pair = &pairs[0];
    assert!(pair.involves_suspect);
    assert!(pair.reasons.contains("same-phone"));
    let mut both = [first, second];
    both.sort_by_key(|p| p.as_uuid());
    assert_eq!([pair.person_a, pair.person_b], both);

    // Who sees the pair: the worker in full, an administrator
    // de-identified, a worker of another team not at all.
    let (status, queue) = priya.get_text("/duplicates").await;
    assert_eq!(status, 200);
    assert!(queue.contains("Joseph Mbeki") && queue.contains("Josef Mbeki"));
    assert!(queue.contains(&format!("/duplicates/{}/merge", pair.id)));
    let admin = server.signed_in("root", "admin").await;
    let (_, queue) = admin.get_text("/duplicates").await;
    assert!(queue.contains("Falcon") && !queue.contains("Mbeki"));
    assert!(!queue.contains("/merge"), "no decision without full sight");
    let outsider = server.signed_in("omar", "case_worker").await;
    let (_, queue) = outsider.get_text("/duplicates").await;
    assert!(!queue.contains("Falcon") && queue.contains("id=\"no-pairs\""));
    let refused = outsider
        .post_form(
            &format!("/duplicates/{}/merge", pair.id),
            &[("survivor", &first.to_string())],
        )
        .await;
    assert_eq!(
        refused.status(),
        404,
        "a pair outside need-to-know is missing"
    );

    // Merge: the second record's case moves to the first.
    let cases_of = |p: PersonId| async move {
        let mut ids: Vec<CaseId> = server
            .storage
            .person_cases(p)
            .await
            .unwrap()
            .iter()
            .map(|(c, _)| c.id)
            .collect();
        ids.sort_by_key(|c| c.as_uuid());
        ids
    };
    let (first_before, second_before) = (cases_of(first).await, cases_of(second).await);
    let merged = priya
        .post_form(
            &format!("/duplicates/{}/merge", pair.id),
            &[("survivor", &first.to_string())],
        )
        .await;
    assert_eq!(merged.status(), 303);
    assert!(cases_of(second).await.is_empty());
    let mut union = [first_before.clone(), second_before.clone()].concat();
    union.sort_by_key(|c| c.as_uuid());
    assert_eq!(cases_of(first).await, union);
    assert_eq!(server.app.merged_into(second).await.unwrap(), Some(first));
    let tombstone = priya.get(&format!("/people/{second}")).await;
    assert_eq!(
        tombstone.status(),
        303,
        "the merged record leads to the survivor"
    );
    assert_eq!(location(&tombstone), format!("/people/{first}"));
    let (status, _) = outsider.get_text(&format!("/people/{second}")).await;
    assert_eq!(
        status, 404,
        "but not for someone who may not see the survivor"
    );
    let (_, merged_list) = priya.get_text("/duplicates?status=merged").await;
    assert!(merged_list.contains(&format!("/duplicates/{}/unmerge", pair.id)));

    // Unmerge restores exactly what was.
    let unmerged = priya
        .post_form(
            &format!("/duplicates/{}/unmerge", pair.id),
            &[] as &[(&str, &str)],
        )
        .await;
    assert_eq!(unmerged.status(), 303);
    assert_eq!(cases_of(first).await, first_before);
    assert_eq!(cases_of(second).await, second_before);
    assert_eq!(server.app.merged_into(second).await.unwrap(), None);

    // Dismissed: off the pending list, and not queued again.
    let dismissed = priya
        .post_form(
            &format!("/duplicates/{}/dismiss", pair.id),
            &[] as &[(&str, &str)],
        )
        .await;
    assert_eq!(dismissed.status(), 303);
    let (_, queue) = priya.get_text("/duplicates").await;
    assert!(queue.contains("id=\"no-pairs\""));
    assert_eq!(server.app.scan_duplicates().await.unwrap().pairs_queued, 0);

    // Every decision is in the audit chain, which verifies.
    let actions: Vec<String> = server
        .storage
        .audit_entries(0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event.action)
        .collect();
    for expected in [
        "duplicates.scan",
        "person.merge",
        "person.unmerge",
        "duplicates.dismiss",
    ] {
        assert!(actions.iter().any(|a| a == expected), "{expected} audited");
    }
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(review_queue, scan_merge_and_unmerge);

/// Runs `lantern` against the server's data directory and database.
fn lantern_cli(server: &TestServer, args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_lantern"));
    command.arg("--data-dir").arg(server.data_dir());
    if let Some(url) = server.database_url() {
        command.args(["--database-url", &url]);
    }
    let out = command.args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

async fn reindex_restores_search_and_warnings(server: &TestServer) {
    server.user("rekha", "case_worker").await;
    let rekha = server.sign_in("rekha").await;
    let case = create_case_via_form(&rekha, server).await;
    let recorded = rekha
        .post_form(
            &format!("{case}/people"),
            &person_fields(
                "Suspect",
                "Heron",
                "Kwame Mensah",
                "1981-05-06",
                "+233 24 555 0199",
            ),
        )
        .await;
    assert_eq!(recorded.status(), 303);
    let person: PersonId = id_in(&location(&recorded), "/people/");
    let search = "/cases?q=Kwame%20Mensah";
    assert!(rekha.get_text(search).await.1.contains("One case"));

    // Digests lost or computed by older rules: search finds nothing.
    server
        .storage
        .replace_person_lookups(&[(person, Vec::new())])
        .await
        .unwrap();
    assert!(rekha.get_text(search).await.1.contains("No case matches"));

    let out = lantern_cli(server, &["keys", "reindex"]);
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("Done: rewrote the digests of"),
        "{printed}"
    );
    assert!(!printed.contains("Kwame"), "progress names no one");
    assert!(rekha.get_text(search).await.1.contains("One case"));
    // The blocking keys are back: the same man respelt is a possible
    // duplicate again.
    let second_case = create_case_via_form(&rekha, server).await;
    let warned = rekha
        .post_form(
            &format!("{second_case}/people"),
            &person_fields(
                "Suspect",
                "Egret",
                "Kwame Mensa",
                "1981-06-05",
                "024 555 0199",
            ),
        )
        .await;
    assert_eq!(warned.status(), 409);

    // Again, and resumed after the last person: the same digests.
    let codec = lantern_app::identity::IdentityCodec::new(server.app.keys().clone());
    let codec = &codec;
    let digests = |p: PersonId| async move {
        let storage = &server.storage;
        let stored = storage.get_person(p).await.unwrap().unwrap();
        let identity = codec
            .open(p, &stored.identity, stored.data_key.as_deref())
            .unwrap()
            .unwrap();
        let mut found = storage
            .persons_with_digests(&codec.lookups(&identity))
            .await
            .unwrap();
        found.retain(|(_, holder)| *holder == p);
        found.len()
    };
    let before = digests(person).await;
    assert!(before > 5, "names, phone and blocking keys");
    lantern_cli(server, &["keys", "reindex"]);
    let resumed = lantern_cli(server, &["keys", "reindex", "--after", &person.to_string()]);
    assert!(String::from_utf8_lossy(&resumed.stdout).contains("Done"));
    assert_eq!(digests(person).await, before);

    // Establishments and vehicles are reindexed too: a lost digest comes
    // back, from the start and resumed after an entity.
    let added = rekha
        .post_form(
            &format!("{case}/entities"),
            &[
                ("kind", "establishment"),
                ("establishment_kind", "bar"),
                ("name", "Reindexed Heron Bar"),
                ("place", "4 Harbour Road"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let case_id: CaseId = id_in(&case, "/cases/");
    let bar = server.storage.case_entities(case_id).await.unwrap()[0].id;
    let bar_digests = codec.entity_lookups(
        lantern_domain::vocab::EntityKind::Establishment,
        &lantern_domain::Sensitive::new(lantern_domain::entity::EntityIdentity {
            name: "Reindexed Heron Bar".into(),
            place: Some("4 Harbour Road".into()),
            description: None,
        }),
    );
    assert_eq!(bar_digests.len(), 2, "name and place");
    let bar_digests = &bar_digests;
    let holding = || async move {
        server
            .storage
            .entities_with_digests(bar_digests)
            .await
            .unwrap()
            .into_iter()
            .filter(|(_, e)| e.id == bar)
            .count()
    };
    assert_eq!(holding().await, 2);
    server
        .storage
        .replace_entity_lookups(&[(bar, Vec::new())])
        .await
        .unwrap();
    assert_eq!(holding().await, 0);
    let out = lantern_cli(server, &["keys", "reindex"]);
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("establishments or vehicles (1 opened)"),
        "{printed}"
    );
    assert!(!printed.contains("Heron Bar"), "progress names nothing");
    assert_eq!(holding().await, 2);
    let resumed = lantern_cli(
        server,
        &["keys", "reindex", "--after-entity", &bar.to_string()],
    );
    let printed = String::from_utf8_lossy(&resumed.stdout);
    assert!(
        printed.contains("Done: rewrote the digests of 0 people"),
        "{printed}"
    );
    assert_eq!(holding().await, 2);

    // One summary entry per run, naming no one; the chain verifies.
    let entries: Vec<_> = server
        .storage
        .audit_entries(0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event.action == "keys.reindex")
        .collect();
    assert!(entries.len() >= 2, "one entry per run that did something");
    for entry in &entries {
        assert_eq!(entry.event.record_id, None);
        let reason = entry.event.reason.as_deref().unwrap_or_default();
        assert!(reason.contains("identities") && !reason.contains("Kwame"));
        assert!(reason.contains("establishments or vehicles") && !reason.contains("Heron"));
    }
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(reindex, reindex_restores_search_and_warnings);

async fn a_short_scan_scores_suspects_first(server: &TestServer) {
    server.user("tomas", "case_worker").await;
    let tomas = server.sign_in("tomas").await;
    let case = create_case_via_form(&tomas, server).await;
    // Two look-alike witnesses, and two look-alike suspects.
    for (role, pseudonym, name, born, phone) in [
        (
            "Witness",
            "Lark",
            "Aurelio Bautista",
            "1970-01-02",
            "+63 917 555 0101",
        ),
        (
            "Witness",
            "Wren",
            "Aurelio Bautista",
            "1970-02-01",
            "0917 555 0101",
        ),
        (
            "Suspect",
            "Kite",
            "Danilo Macaraeg",
            "1975-03-04",
            "+63 918 555 0202",
        ),
        (
            "Suspect",
            "Swift",
            "Danilo Makaraeg",
            "1975-04-03",
            "0918 555 0202",
        ),
    ] {
        let mut fields = person_fields(role, pseudonym, name, born, phone);
        fields.push(("acknowledge_duplicates", "yes"));
        let saved = tomas.post_form(&format!("{case}/people"), &fields).await;
        assert_eq!(saved.status(), 303, "{pseudonym}");
    }
    // A scan cut short after one pair has scored the suspects' pair.
    let short = server.app.scan_duplicates_within(1).await.unwrap();
    assert_eq!((short.pairs_scored, short.pairs_queued), (1, 1));
    let pairs = server
        .storage
        .list_duplicate_pairs(PairStatus::Pending, 10)
        .await
        .unwrap();
    assert_eq!(pairs.len(), 1);
    assert!(pairs[0].involves_suspect);
    // The next scan gets to the others.
    let rest = server.app.scan_duplicates().await.unwrap();
    assert_eq!(rest.pairs_queued, 1, "{rest:?}");
    let pairs = server
        .storage
        .list_duplicate_pairs(PairStatus::Pending, 10)
        .await
        .unwrap();
    assert_eq!(pairs.len(), 2);
    assert!(pairs[0].involves_suspect && !pairs[1].involves_suspect);
}
on_both_backends!(scan_order, a_short_scan_scores_suspects_first);

/// Records a sharing decision on a person's record through the form.
async fn sharing_decision(browser: &Browser, person: PersonId, decision: &str, days_ago: i64) {
    let on = (chrono::Utc::now().date_naive() - chrono::Duration::days(days_ago)).to_string();
    let recorded = browser
        .post_form(
            &format!("/people/{person}/consents"),
            &[
                ("purpose", "sharing"),
                ("decision", decision),
                ("given_by", "person"),
                ("informed", "purpose"),
                ("informed", "withdrawal"),
                ("decided_on", on.as_str()),
            ],
        )
        .await;
    assert_eq!(recorded.status(), 303, "{decision} recorded");
}

async fn merging_joins_consent_histories(server: &TestServer) {
    server.user("farah", "case_worker").await;
    let farah = server.sign_in("farah").await;
    let partner = server.signed_in("shelter.partner", "partner_viewer").await;
    let mut people = Vec::new();
    for (pseudonym, name, born, phone) in [
        ("Jasmine", "Nadia Rahman", "1998-04-05", "+880 1811 222333"),
        ("Lotus", "Nadia Rahmaan", "1998-05-04", "01811-222333"),
    ] {
        let case = create_case_via_form(&farah, server).await;
        let mut fields = person_fields("Victim", pseudonym, name, born, phone);
        fields.push(("acknowledge_duplicates", "yes"));
        let saved = farah.post_form(&format!("{case}/people"), &fields).await;
        assert_eq!(saved.status(), 303);
        let person: PersonId = id_in(&location(&saved), "/people/");
        people.push(person);
    }
    let (survivor, merged) = (people[0], people[1]);
    let partner_sees = |p: PersonId| {
        let partner = &partner;
        async move { partner.get_text(&format!("/people/{p}")).await.0 == 200 }
    };
    sharing_decision(&farah, survivor, "granted", 5).await;
    sharing_decision(&farah, merged, "withdrawn", 2).await;
    assert!(partner_sees(survivor).await && !partner_sees(merged).await);

    server.app.scan_duplicates().await.unwrap();
    let pair = server
        .storage
        .list_duplicate_pairs(PairStatus::Pending, 10)
        .await
        .unwrap()
        .pop()
        .expect("the pair is queued");
    let merge = || {
        let farah = &farah;
        async move {
            let merged_now = farah
                .post_form(
                    &format!("/duplicates/{}/merge", pair.id),
                    &[("survivor", &survivor.to_string())],
                )
                .await;
            assert_eq!(merged_now.status(), 303);
        }
    };
    let unmerge = || {
        let farah = &farah;
        async move {
            let unmerged = farah
                .post_form(
                    &format!("/duplicates/{}/unmerge", pair.id),
                    &[] as &[(&str, &str)],
                )
                .await;
            assert_eq!(unmerged.status(), 303);
        }
    };
    let history = |p: PersonId| async move {
        let mut ids: Vec<_> = server
            .storage
            .consents_of(&[p])
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect();
        ids.sort_by_key(|id| id.as_uuid());
        ids
    };
    let stored_before = (history(survivor).await, history(merged).await);

    // Merged: the newer withdrawal on the other record rules.
    merge().await;
    assert!(!partner_sees(survivor).await, "withdrawn two days ago");
    let (_, page) = farah.get_text(&format!("/people/{survivor}")).await;
    assert!(
        page.contains("<td>Withdrawn</td>") && page.contains("<td>Granted</td>"),
        "the survivor's page shows both histories"
    );

    // Unmerged: each record has exactly its own history again.
    unmerge().await;
    assert_eq!(
        (history(survivor).await, history(merged).await),
        stored_before
    );
    assert!(partner_sees(survivor).await);

    // A grant typed later for the same day as the other record's
    // withdrawal does not override it once merged.
    sharing_decision(&farah, survivor, "granted", 2).await;
    assert!(partner_sees(survivor).await);
    merge().await;
    assert!(!partner_sees(survivor).await, "a withdrawal wins its day");
    // A newer decision on the survivor rules over both histories.
    sharing_decision(&farah, survivor, "granted", 0).await;
    assert!(partner_sees(survivor).await);
    unmerge().await;
    assert!(
        !partner_sees(merged).await,
        "the merged record never consented"
    );
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(merge_and_consent, merging_joins_consent_histories);
