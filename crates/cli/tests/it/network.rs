//! Establishments and vehicles on cases, and the network view: what a team
//! member sees, what someone outside a connected case never learns, the
//! GraphML export behind a recent password, and the roles that see none.

use crate::on_both_backends;
use crate::support::*;

/// Adds a suspect to a case through the form; returns the person's path.
async fn suspect(browser: &Browser, case: &str, pseudonym: &str, phone: &str) -> String {
    let response = browser
        .post_form(
            &format!("{case}/people"),
            &[
                ("role", "Suspect"),
                ("pseudonym", pseudonym),
                ("gender", "Masculine"),
                ("phones", phone),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "{pseudonym} added");
    location(&response)
}

async fn entity(browser: &Browser, case: &str, fields: &[(&str, &str)]) {
    let response = browser.post_form(&format!("{case}/entities"), fields).await;
    assert_eq!(response.status(), 303, "entity added");
}

async fn parlour(browser: &Browser, case: &str, name: &str) {
    entity(
        browser,
        case,
        &[
            ("kind", "establishment"),
            ("establishment_kind", "massage_parlour"),
            ("name", name),
            ("place", "12 Market Lane"),
        ],
    )
    .await;
}

/// The network part of a person page.
fn network_section(page: &str) -> String {
    let start = page
        .find("<section id=\"network\"")
        .expect("a network section");
    let end = page[start..].find("</section>").expect("its end") + start;
    page[start..end].to_owned()
}

fn reference_of(page: &str) -> String {
    regex::Regex::new(r"KOL-\d{4}-\d{6}")
        .unwrap()
        .find(page)
        .unwrap()
        .as_str()
        .to_owned()
}

async fn network_across_cases(server: &TestServer) {
    let ana = server.signed_in("ana.net", "case_worker").await;
    let ben = server.signed_in("ben.net", "case_worker").await;
    let analyst = server.signed_in("mea.net", "me_analyst").await;
    let partner = server.signed_in("pv.net", "partner_viewer").await;

    // Ana's two cases share a phone number and an establishment.
    let first = create_case_via_form(&ana, server).await;
    let second = create_case_via_form(&ana, server).await;
    let tiger = suspect(&ana, &first, "Tiger", "+91 98300 11111").await;
    suspect(&ana, &second, "Fox", "+919830011111").await;
    parlour(&ana, &first, "Golden Lotus Spa").await;
    parlour(&ana, &second, "GOLDEN LOTUS  SPA").await;
    entity(
        &ana,
        &first,
        &[
            ("kind", "vehicle"),
            ("name", "WB 02 AB 1234"),
            ("description", "White van"),
        ],
    )
    .await;
    let (_, second_page) = ana.get_text(&second).await;
    let second_reference = reference_of(&second_page);

    // The case page lists them in full for the team.
    let (status, first_page) = ana.get_text(&first).await;
    assert_eq!(status, 200);
    assert!(first_page.contains("Golden Lotus Spa") && first_page.contains("WB 02 AB 1234"));
    // Below full sight only the counts remain.
    let (status, redacted) = analyst.get_text(&first).await;
    assert_eq!(status, 200);
    assert!(!redacted.contains("Golden Lotus") && !redacted.contains("WB 02"));
    assert!(redacted.contains("id=\"entity-counts\""));
    // Bad input names the field and changes nothing.
    let bad = ana
        .post_form(
            &format!("{first}/entities"),
            &[("kind", "vehicle"), ("name", "- -")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("id=\"name-error\""));

    let (status, page) = ana.get_text(&tiger).await;
    assert_eq!(status, 200);
    let before = network_section(&page);
    for shown in [
        "Tiger",
        "Fox",
        "Golden Lotus Spa",
        "WB 02 AB 1234",
        "+91 98300 11111",
        second_reference.as_str(),
        "class=\"node n-phone\"",
        "class=\"node n-establishment\"",
        "class=\"node n-vehicle\"",
        "class=\"node n-person suspect\"",
    ] {
        assert!(before.contains(shown), "the network shows {shown}");
    }
    assert!(!before.contains("style="), "no inline style under the CSP");

    // Ben's case, which Ana may not see, shares the phone, the
    // establishment and the vehicle.
    let hidden = create_case_via_form(&ben, server).await;
    let wolf = suspect(&ben, &hidden, "Wolf", "+91 98300 11111").await;
    parlour(&ben, &hidden, "golden lotus spa").await;
    entity(
        &ben,
        &hidden,
        &[("kind", "vehicle"), ("name", "WB02AB1234")],
    )
    .await;
    let (_, hidden_page) = ben.get_text(&hidden).await;
    let hidden_reference = reference_of(&hidden_page);

    // Ana's network is exactly what it was: nothing tells her of Ben's case.
    let (_, page) = ana.get_text(&tiger).await;
    let after = network_section(&page);
    assert_eq!(before, after);
    assert!(!after.contains("Wolf") && !after.contains(&hidden_reference));
    assert!(!after.contains(&hidden[7..]), "no link to the hidden case");
    // The export says no more than the page.
    let export = ana.get(&format!("{tiger}/network.graphml")).await;
    assert_eq!(export.status(), 200);
    assert_eq!(
        export.headers()["content-disposition"],
        "attachment; filename=\"network.graphml\""
    );
    let xml = export.text().await.unwrap();
    assert!(xml.starts_with("<?xml") && xml.contains("<graphml"));
    assert!(xml.contains(">Fox<") && xml.contains(">Golden Lotus Spa<"));
    assert!(!xml.contains("Wolf") && !xml.contains(&hidden_reference));

    // Ben sees the link to the shared phone only as far as his own case.
    let (_, page) = ben.get_text(&wolf).await;
    let bens = network_section(&page);
    assert!(bens.contains("Wolf") && bens.contains(&hidden_reference));
    assert!(!bens.contains("Tiger") && !bens.contains("Fox"));
    assert!(!bens.contains(&second_reference));

    // Viewing and exporting are audited with the records shown.
    let entries = server
        .storage
        .search_audit(
            &lantern_storage::AuditFilter {
                action_prefix: Some("person.".into()),
                ..Default::default()
            },
            500,
        )
        .await
        .unwrap();
    let tiger_id: uuid::Uuid = tiger["/people/".len()..].parse().unwrap();
    for action in ["person.view-network", "person.export-network"] {
        let entry = entries
            .iter()
            .find(|e| e.event.action == action && e.event.record_id == Some(tiger_id))
            .unwrap_or_else(|| panic!("{action} audited"));
        assert!(entry.event.fields.iter().any(|f| f.starts_with("case:")));
        assert!(entry
            .event
            .fields
            .iter()
            .any(|f| f.starts_with("establishment:")));
        assert!(!entry.event.fields.iter().any(|f| f.contains(&hidden[7..])));
    }

    // The export needs the password entered again after a while.
    server
        .raw
        .exec("UPDATE sessions SET authenticated_at = NULL")
        .await;
    let stale = ana.get(&format!("{tiger}/network.graphml")).await;
    assert_eq!(stale.status(), 303);
    assert_eq!(
        location(&stale),
        format!("/account/confirm-password?next={tiger}/network.graphml")
    );

    // Roles that never see identities get no network at all.
    let (status, page) = analyst.get_text(&tiger).await;
    assert_eq!(status, 200);
    assert!(!page.contains("id=\"network\"") && !page.contains("Fox"));
    let export = analyst.get(&format!("{tiger}/network.graphml")).await;
    assert_eq!(export.status(), 403);
    // A partner organisation sees no one who has not agreed to sharing:
    // not the person, so not their network either.
    assert_eq!(partner.get_text(&tiger).await.0, 404);
    let export = partner.get(&format!("{tiger}/network.graphml")).await;
    assert_eq!(export.status(), 404);
}
on_both_backends!(
    the_network_shows_only_what_the_viewer_sees_in_full,
    network_across_cases
);

async fn get_json(client: &reqwest::Client, url: &str, token: &str) -> serde_json::Value {
    let response = client.get(url).bearer_auth(token).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn entities_through_the_api(server: &TestServer) {
    let ana = server.signed_in("ana.api", "case_worker").await;
    let case = create_case_via_form(&ana, server).await;
    let ana_user = server
        .app
        .find_user(&server.app.console_actor(server.office.id), "ana.api")
        .await
        .unwrap();
    let token = server.token_for(&ana_user).await;
    let analyst = server.api_token("mea.api", "me_analyst").await;
    let client = reqwest::Client::new();
    let url = server.url(&format!("/api/v1{case}/entities"));
    let created = client
        .post(&url)
        .bearer_auth(&token)
        .json(&serde_json::json!({"kind": "establishment", "establishment_kind": "hotel", "name": "Paradise Guest House", "place": "Harbour Road"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let invalid = client
        .post(&url)
        .bearer_auth(&token)
        .json(&serde_json::json!({"kind": "boat", "name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(invalid.status(), 422);
    let listed = get_json(&client, &url, &token).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["name"], "Paradise Guest House");
    assert_eq!(listed[0]["establishment_kind"], "hotel");
    let redacted = get_json(&client, &url, &analyst).await;
    assert_eq!(redacted[0]["kind"], "establishment");
    assert!(redacted[0]["name"].is_null() && redacted[0]["place"].is_null());
    let openapi = client
        .get(server.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(openapi.contains("/api/v1/cases/{id}/entities"));
}
on_both_backends!(
    establishments_and_vehicles_through_the_api,
    entities_through_the_api
);

/// The id of the first establishment or vehicle with an edit link on a
/// case page.
fn editable_entity(page: &str) -> String {
    regex::Regex::new(r"/entities/([0-9a-f-]{36})/edit")
        .unwrap()
        .captures(page)
        .expect("an edit link")[1]
        .to_owned()
}

async fn entities_are_edited_and_removed(server: &TestServer) {
    let ana = server.signed_in("ana.edit", "case_worker").await;
    let case = create_case_via_form(&ana, server).await;
    parlour(&ana, &case, "Golden Lotus Spa").await;
    let (_, page) = ana.get_text(&case).await;
    let entity = editable_entity(&page);
    let path = format!("{case}/entities/{entity}");

    let (status, form) = ana.get_text(&format!("{path}/edit")).await;
    assert_eq!(status, 200);
    assert!(
        form.contains("value=\"Golden Lotus Spa\""),
        "the current name"
    );
    assert!(form.contains(&format!("action=\"{path}\"")));
    let renamed = [
        ("kind", "establishment"),
        ("establishment_kind", "massage_parlour"),
        ("name", "Silver Lotus Spa"),
        ("place", "12 Market Lane"),
    ];
    let saved = ana.post_form(&path, &renamed).await;
    assert_eq!(saved.status(), 303);
    let (_, page) = ana.get_text(&case).await;
    assert!(page.contains("Silver Lotus Spa") && !page.contains("Golden Lotus Spa"));

    // The new name links cases; the old one no longer does.
    let other = create_case_via_form(&ana, server).await;
    let codec = lantern_app::identity::IdentityCodec::new(server.app.keys().clone());
    let digest_of = |name: &str| {
        codec
            .entity_digest(
                lantern_domain::vocab::EntityKind::Establishment,
                &lantern_domain::entity::EntityIdentity {
                    name: name.to_owned(),
                    place: None,
                    description: None,
                },
            )
            .unwrap()
    };
    let holders = |name: &'static str| {
        let digest = digest_of(name);
        async move {
            server
                .storage
                .entities_with_digests(&[digest])
                .await
                .unwrap()
                .len()
        }
    };
    parlour(&ana, &other, "Silver Lotus Spa").await;
    assert_eq!(holders("Silver Lotus Spa").await, 2);
    assert_eq!(holders("Golden Lotus Spa").await, 0);

    // A kind cannot change, and bad input is named and changes nothing.
    let mut as_vehicle = renamed.to_vec();
    as_vehicle[0] = ("kind", "vehicle");
    as_vehicle[1] = ("establishment_kind", "");
    let refused = ana.post_form(&path, &as_vehicle).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("id=\"kind-error\""));
    let mut nameless = renamed.to_vec();
    nameless[2] = ("name", "");
    assert_eq!(ana.post_form(&path, &nameless).await.status(), 422);
    assert_eq!(holders("Silver Lotus Spa").await, 2);

    // Someone outside the case can neither open nor remove it.
    let omar = server.signed_in("omar.edit", "case_worker").await;
    assert_ne!(omar.get_text(&format!("{path}/edit")).await.0, 200);
    let blocked = omar
        .post_form(&format!("{path}/delete"), &[] as &[(&str, &str)])
        .await;
    assert!(matches!(blocked.status().as_u16(), 403 | 404));
    assert_eq!(holders("Silver Lotus Spa").await, 2);

    let removed = ana
        .post_form(&format!("{path}/delete"), &[] as &[(&str, &str)])
        .await;
    assert_eq!(removed.status(), 303);
    let (_, page) = ana.get_text(&case).await;
    assert!(!page.contains("Silver Lotus Spa"));
    assert_eq!(
        holders("Silver Lotus Spa").await,
        1,
        "the other case's stays"
    );
    assert_eq!(ana.get_text(&format!("{path}/edit")).await.0, 404);

    let actions: Vec<String> = server
        .storage
        .audit_entries(0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event.action)
        .collect();
    assert!(actions.iter().any(|a| a == "entity.update"));
    assert!(actions.iter().any(|a| a == "entity.delete"));
    assert!(server.app.verify_audit().await.unwrap().is_ok());
}
on_both_backends!(entity_edit_and_removal, entities_are_edited_and_removed);

async fn entities_edited_through_the_api(server: &TestServer) {
    let ana = server.signed_in("ana.put", "case_worker").await;
    let case = create_case_via_form(&ana, server).await;
    let ana_user = server
        .app
        .find_user(&server.app.console_actor(server.office.id), "ana.put")
        .await
        .unwrap();
    let token = server.token_for(&ana_user).await;
    let analyst = server.api_token("mea.put", "me_analyst").await;
    let client = reqwest::Client::new();
    let url = server.url(&format!("/api/v1{case}/entities"));
    let created: serde_json::Value = client
        .post(&url)
        .bearer_auth(&token)
        .json(&serde_json::json!({"kind": "vehicle", "name": "KA 05 MX 1234", "description": "white van"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let one = format!("{url}/{}", created["id"].as_str().unwrap());
    let put = |token: String, body: serde_json::Value| {
        let (client, one) = (&client, &one);
        async move {
            client
                .put(one)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let plate =
        serde_json::json!({"kind": "vehicle", "name": "KA 05 MX 9999", "description": "white van"});
    assert_eq!(put(token.clone(), plate.clone()).await, 204);
    let listed = get_json(&client, &url, &token).await;
    assert_eq!(listed[0]["name"], "KA 05 MX 9999");
    assert_eq!(
        put(
            token.clone(),
            serde_json::json!({"kind": "establishment", "establishment_kind": "bar", "name": "x"})
        )
        .await,
        422
    );
    assert_eq!(
        put(analyst.clone(), plate).await,
        403,
        "reading the case is not editing it"
    );
    let delete = |token: String| {
        let (client, one) = (&client, &one);
        async move {
            client
                .delete(one)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(delete(analyst).await, 403);
    assert_eq!(delete(token.clone()).await, 204);
    assert_eq!(delete(token.clone()).await, 404);
    assert!(get_json(&client, &url, &token)
        .await
        .as_array()
        .unwrap()
        .is_empty());
    let openapi = client
        .get(server.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(openapi.contains("/api/v1/cases/{id}/entities/{entity}"));
}
on_both_backends!(
    entity_edits_through_the_api,
    entities_edited_through_the_api
);
