//! Need-to-know, route by route: every HTML route and API endpoint, called
//! as every kind of user, checked for allow, deny or redaction. A route the
//! server has but this table lacks fails the test.

use std::collections::BTreeSet;

use lantern_domain::iso::CountryCode;
use lantern_domain::user::{Office, User};
use lantern_domain::OfficeId;

use crate::on_both_backends;
use crate::support::*;

/// What one call must come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// 2xx or 3xx, and identifying data present where the page has any.
    Full,
    /// 2xx, with no identifying data.
    Redacted,
    /// 2xx or 3xx.
    Allowed,
    /// The case appears in the list.
    Listed,
    /// The list answers but without the case.
    Unlisted,
    Forbidden,
    /// 404, exactly as for a record that does not exist.
    Hidden,
    /// Sent to sign in (HTML) or 401 (API).
    SignIn,
    /// Public or self-service: anything but a server error.
    Any,
}
use Expect::*;

/// The callers, in the order of each row's expectations.
const ACTORS: [&str; 9] = [
    "admin",
    "team",
    "colleague",
    "elsewhere",
    "supervisor",
    "analyst",
    "partner",
    "partner.b",
    "anonymous",
];

const IDENTITY_MARK: &str = "IDMARK";

struct Fixture {
    case: String,
    person: String,
    attachment: String,
    reference: String,
    offices: [OfficeId; 2],
    /// The case team's member, kept on the team by every edit below.
    team_member: String,
    /// An account administrators act on in the table.
    bystander: String,
    /// Review-queue pairs of the fixture person with look-alikes in the
    /// same case: one for the API rows, one for the HTML rows.
    pair_api: String,
    pair_html: String,
    /// Vehicles of the case to edit and remove: one for the API rows, one
    /// for the HTML rows.
    entity_api: String,
    entity_html: String,
}

struct Caller {
    name: &'static str,
    user: Option<User>,
    browser: Browser,
    token: Option<String>,
}

#[derive(Clone, Copy)]
enum Body {
    None,
    CsrfOnly,
    CaseForm,
    EventForm,
    PersonForm,
    Upload,
    Reason,
    Language,
    Login,
    CaseJson,
    EventJson,
    PersonJson,
    ParticipantJson,
    ConsentForm,
    ConsentJson,
    /// The shipped permission table, unchanged.
    DefaultPermissions,
    /// No retention rules (keep everything).
    KeepEverything,
    EntityForm,
    EntityJson,
    /// An existing person (the fixture's) to add to the case.
    LinkForm,
    LinkJson,
    MergeForm,
    MergeJson,
}

struct Row {
    method: &'static str,
    path: &'static str,
    body: Body,
    expect: [Expect; 9],
}

fn html_rows() -> Vec<Row> {
    let r = |method, path, body, expect| Row {
        method,
        path,
        body,
        expect,
    };
    vec![
        r("GET", "/", Body::None, [Allowed; 9]),
        r("GET", "/login", Body::None, [Allowed; 9]),
        r("POST", "/login", Body::Login, [Any; 9]),
        r("GET", "/static/app.css", Body::None, [Allowed; 9]),
        r("GET", "/healthz", Body::None, [Allowed; 9]),
        r(
            "POST",
            "/settings/language",
            Body::Language,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, SignIn,
            ],
        ),
        r(
            "GET",
            "/cases",
            Body::None,
            [
                Listed, Listed, Unlisted, Unlisted, Listed, Listed, Listed, Unlisted, SignIn,
            ],
        ),
        r(
            "GET",
            "/cases/new",
            Body::None,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/cases",
            Body::CaseForm,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "GET",
            "/cases/{case}",
            Body::None,
            [
                Redacted, Full, Hidden, Hidden, Redacted, Redacted, Redacted, Hidden, SignIn,
            ],
        ),
        r(
            "POST",
            "/cases/{case}",
            Body::CaseForm,
            [
                Allowed, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "GET",
            "/cases/{case}/edit",
            Body::None,
            [
                Allowed, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "GET",
            "/cases/{case}/break-glass",
            Body::None,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/people/{person}/erase",
            Body::CsrfOnly,
            [
                Any, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "GET",
            "/admin/audit",
            Body::None,
            [
                Allowed, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                Forbidden, SignIn,
            ],
        ),
        r(
            "GET",
            "/admin/break-glass",
            Body::None,
            [
                Allowed, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                Forbidden, SignIn,
            ],
        ),
        r(
            "GET",
            "/cases/{case}/events/new",
            Body::None,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/cases/{case}/events",
            Body::EventForm,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "GET",
            "/cases/{case}/people/new",
            Body::None,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/cases/{case}/people",
            Body::PersonForm,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/cases/{case}/participants",
            Body::LinkForm,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        // The review queue: pairs only where both people are seen in full
        // (administrators: de-identified); decisions need full sight.
        r(
            "GET",
            "/duplicates",
            Body::None,
            [
                Redacted, Full, Redacted, Redacted, Redacted, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/duplicates/{pair}/merge",
            Body::MergeForm,
            [
                Forbidden, Allowed, Hidden, Hidden, Hidden, Forbidden, Forbidden, Forbidden, SignIn,
            ],
        ),
        r(
            "POST",
            "/duplicates/{pair}/unmerge",
            Body::CsrfOnly,
            [
                Forbidden, Allowed, Hidden, Hidden, Hidden, Forbidden, Forbidden, Forbidden, SignIn,
            ],
        ),
        r(
            "POST",
            "/duplicates/{pair}/dismiss",
            Body::CsrfOnly,
            [
                Forbidden, Allowed, Hidden, Hidden, Hidden, Forbidden, Forbidden, Forbidden, SignIn,
            ],
        ),
        r(
            "POST",
            "/cases/{case}/attachments",
            Body::Upload,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "GET",
            "/cases/{case}/entities/new",
            Body::None,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/cases/{case}/entities",
            Body::EntityForm,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        // Editing and removing an entity: as adding one. The fixture's
        // vehicle for these rows is removed last.
        r(
            "GET",
            "/cases/{case}/entities/{entity}/edit",
            Body::None,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/cases/{case}/entities/{entity}",
            Body::EntityForm,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/cases/{case}/entities/{entity}/delete",
            Body::CsrfOnly,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        // The network shows identifying links: full sight of the person
        // only; its export also needs a recent password (fresh here).
        r(
            "GET",
            "/people/{person}/network.graphml",
            Body::None,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Hidden, SignIn,
            ],
        ),
        r(
            "GET",
            "/people/{person}",
            Body::None,
            [
                Redacted, Full, Hidden, Hidden, Redacted, Redacted, Redacted, Hidden, SignIn,
            ],
        ),
        r(
            "POST",
            "/people/{person}",
            Body::PersonForm,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "GET",
            "/people/{person}/edit",
            Body::None,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "GET",
            "/people/{person}/consents/new",
            Body::None,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/people/{person}/consents",
            Body::ConsentForm,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "GET",
            "/admin/permissions",
            Body::None,
            [
                Allowed, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                Forbidden, SignIn,
            ],
        ),
        r(
            "POST",
            "/admin/permissions",
            Body::DefaultPermissions,
            [
                Allowed, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                Forbidden, SignIn,
            ],
        ),
        r(
            "GET",
            "/admin/retention",
            Body::None,
            [
                Allowed, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                Forbidden, SignIn,
            ],
        ),
        r(
            "POST",
            "/admin/retention",
            Body::KeepEverything,
            [
                Allowed, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                Forbidden, SignIn,
            ],
        ),
        r(
            "GET",
            "/attachments/{attachment}",
            Body::None,
            [
                Hidden, Full, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden, SignIn,
            ],
        ),
        // Self-service account pages: every signed-in user, for themselves.
        r(
            "GET",
            "/account",
            Body::None,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, SignIn,
            ],
        ),
        r(
            "GET",
            "/account/two-factor",
            Body::None,
            [Any, Any, Any, Any, Any, Any, Any, Any, SignIn],
        ),
        r(
            "POST",
            "/account/two-factor",
            Body::CsrfOnly,
            [Any, Any, Any, Any, Any, Any, Any, Any, SignIn],
        ),
        r(
            "GET",
            "/account/password",
            Body::None,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, SignIn,
            ],
        ),
        r(
            "POST",
            "/account/password",
            Body::CsrfOnly,
            [Any, Any, Any, Any, Any, Any, Any, Any, SignIn],
        ),
        r(
            "GET",
            "/account/confirm-password",
            Body::None,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, SignIn,
            ],
        ),
        r(
            "POST",
            "/account/confirm-password",
            Body::CsrfOnly,
            [Any, Any, Any, Any, Any, Any, Any, Any, SignIn],
        ),
        r(
            "GET",
            "/account/tokens",
            Body::None,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, SignIn,
            ],
        ),
        r(
            "POST",
            "/account/tokens",
            Body::CsrfOnly,
            [Any, Any, Any, Any, Any, Any, Any, Any, SignIn],
        ),
        r(
            "POST",
            "/account/tokens/{token}/revoke",
            Body::CsrfOnly,
            [Any, Any, Any, Any, Any, Any, Any, Any, SignIn],
        ),
        // The second step of signing in, before a session is complete.
        r("GET", "/login/code", Body::None, [Any; 9]),
        r("POST", "/login/code", Body::CsrfOnly, [Any; 9]),
        // Administration of accounts: administrators only.
        r(
            "GET",
            "/admin/users",
            Body::None,
            [
                Allowed, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                Forbidden, SignIn,
            ],
        ),
        r(
            "GET",
            "/admin/users/{user}",
            Body::None,
            [
                Allowed, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                Forbidden, SignIn,
            ],
        ),
        r(
            "POST",
            "/admin/users/{user}/role",
            Body::CsrfOnly,
            [
                Any, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/admin/users/{user}/sessions/end",
            Body::CsrfOnly,
            [
                Any, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/admin/users/{user}/sessions/end-all",
            Body::CsrfOnly,
            [
                Any, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        // These change who sees what, so they run last.
        r(
            "POST",
            "/cases/{case}/break-glass",
            Body::Reason,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Forbidden, Forbidden, Forbidden,
                SignIn,
            ],
        ),
        r(
            "POST",
            "/logout",
            Body::CsrfOnly,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, SignIn,
            ],
        ),
    ]
}

fn api_rows() -> Vec<Row> {
    let r = |method, path, body, expect| Row {
        method,
        path,
        body,
        expect,
    };
    let u = SignIn;
    vec![
        r("GET", "/api/v1/openapi.json", Body::None, [Allowed; 9]),
        r(
            "GET",
            "/api/v1/me",
            Body::None,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, u,
            ],
        ),
        r(
            "GET",
            "/api/v1/offices",
            Body::None,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, u,
            ],
        ),
        r(
            "GET",
            "/api/v1/cases",
            Body::None,
            [
                Listed, Listed, Unlisted, Unlisted, Listed, Listed, Listed, Unlisted, u,
            ],
        ),
        r(
            "POST",
            "/api/v1/cases",
            Body::CaseJson,
            [
                Allowed, Allowed, Allowed, Allowed, Allowed, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "GET",
            "/api/v1/cases/{case}",
            Body::None,
            [
                Redacted, Full, Hidden, Hidden, Redacted, Redacted, Redacted, Hidden, u,
            ],
        ),
        r(
            "PUT",
            "/api/v1/cases/{case}",
            Body::CaseJson,
            [
                Allowed, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "POST",
            "/api/v1/cases/{case}/people",
            Body::ParticipantJson,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "GET",
            "/api/v1/cases/{case}/entities",
            Body::None,
            [
                Redacted, Full, Hidden, Hidden, Redacted, Redacted, Redacted, Hidden, u,
            ],
        ),
        r(
            "POST",
            "/api/v1/cases/{case}/entities",
            Body::EntityJson,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "PUT",
            "/api/v1/cases/{case}/entities/{entity}",
            Body::EntityJson,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "DELETE",
            "/api/v1/cases/{case}/entities/{entity}",
            Body::None,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "POST",
            "/api/v1/cases/{case}/events",
            Body::EventJson,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "POST",
            "/api/v1/cases/{case}/attachments",
            Body::Upload,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "GET",
            "/api/v1/people/{person}",
            Body::None,
            [
                Redacted, Full, Hidden, Hidden, Redacted, Redacted, Redacted, Hidden, u,
            ],
        ),
        r(
            "PUT",
            "/api/v1/people/{person}",
            Body::PersonJson,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "GET",
            "/api/v1/people/{person}/consents",
            Body::None,
            [
                Allowed, Allowed, Hidden, Hidden, Allowed, Allowed, Allowed, Hidden, u,
            ],
        ),
        r(
            "POST",
            "/api/v1/people/{person}/consents",
            Body::ConsentJson,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "GET",
            "/api/v1/attachments/{attachment}",
            Body::None,
            [
                Hidden, Full, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden, u,
            ],
        ),
        r(
            "POST",
            "/api/v1/cases/{case}/participants",
            Body::LinkJson,
            [
                Forbidden, Allowed, Hidden, Hidden, Forbidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "GET",
            "/api/v1/duplicates",
            Body::None,
            [
                Redacted, Full, Redacted, Redacted, Redacted, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "POST",
            "/api/v1/duplicates/{pair}/merge",
            Body::MergeJson,
            [
                Forbidden, Allowed, Hidden, Hidden, Hidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "POST",
            "/api/v1/duplicates/{pair}/unmerge",
            Body::None,
            [
                Forbidden, Allowed, Hidden, Hidden, Hidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
        r(
            "POST",
            "/api/v1/duplicates/{pair}/dismiss",
            Body::None,
            [
                Forbidden, Allowed, Hidden, Hidden, Hidden, Forbidden, Forbidden, Forbidden, u,
            ],
        ),
    ]
}

/// Every (method, path) the router declares, read from its source, so a
/// new route cannot escape this table.
fn declared_routes() -> BTreeSet<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src");
    let pattern = regex::Regex::new(r#"\.route\(\s*"([^"]+)",\s*((?:[a-z_:]+::)*(?:get|post|put|delete)\((?:[^()]|\([^()]*\))*\)(?:\s*\.(?:get|post|put|delete)\((?:[^()]|\([^()]*\))*\))*)"#).unwrap();
    let methods = regex::Regex::new(r"(?:^|[.:])(get|post|put|delete)\(").unwrap();
    let mut routes = BTreeSet::new();
    for (file, prefix) in [("lib.rs", ""), ("api/mod.rs", "/api/v1")] {
        let source = std::fs::read_to_string(root.join(file)).unwrap();
        for capture in pattern.captures_iter(&source) {
            for method in methods.captures_iter(&capture[2]) {
                let path = format!("{prefix}{}", &capture[1]);
                routes.insert((method[1].to_uppercase(), normalise(&path)));
            }
        }
    }
    routes
}

fn normalise(path: &str) -> String {
    regex::Regex::new(r"\{[a-z]+\}")
        .unwrap()
        .replace_all(path, "{}")
        .into_owned()
}

async fn fixture(server: &TestServer) -> (Fixture, Vec<Caller>) {
    let b = Office {
        id: OfficeId::random(),
        code: "CEB".into(),
        name: "Cebu".into(),
        country: CountryCode::parse("PH").unwrap(),
        region: "Central Visayas".into(),
    };
    server.storage.insert_office(&b).await.unwrap();
    let a = server.office.id;
    let mut users = Vec::new();
    for (name, role, office) in [
        ("admin", "admin", a),
        ("team", "case_worker", a),
        ("colleague", "case_worker", a),
        ("elsewhere", "investigator", b.id),
        ("supervisor", "lawyer", a),
        ("analyst", "me_analyst", a),
        ("partner", "partner_viewer", a),
        ("partner.b", "partner_viewer", b.id),
    ] {
        users.push(server.user_in(name, role, office).await);
    }
    server
        .storage
        .set_supervisor(users[4].id, true)
        .await
        .unwrap();
    // The case, made by its team member so they are on its team.
    let team = server.sign_in("team").await;
    let case = create_case_via_form(&team, server).await;
    let person = team
        .post_form(
            &format!("{case}/people"),
            &[
                ("role", "Victim"),
                ("pseudonym", "Chameli"),
                ("gender", "Feminine"),
                ("legal_name", "Rupa IDMARK Mondal"),
            ],
        )
        .await;
    let person = location(&person);
    // An establishment whose name marks identifying data.
    let added = team
        .post_form(
            &format!("{case}/entities"),
            &[
                ("kind", "establishment"),
                ("establishment_kind", "bar"),
                ("name", "IDMARK Dance Bar"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let case_id: lantern_domain::CaseId = case.trim_start_matches("/cases/").parse().unwrap();
    let mut vehicles = Vec::new();
    for plate in ["WB 02 A 1", "WB 02 A 2"] {
        let before = server.storage.case_entities(case_id).await.unwrap();
        let added = team
            .post_form(
                &format!("{case}/entities"),
                &[("kind", "vehicle"), ("name", plate)],
            )
            .await;
        assert_eq!(added.status(), 303);
        let after = server.storage.case_entities(case_id).await.unwrap();
        let new = after
            .iter()
            .find(|e| before.iter().all(|b| b.id != e.id))
            .unwrap();
        vehicles.push(new.id.to_string());
    }
    let (pair_api, pair_html) = queued_pairs(server, &team, &case, &person).await;
    let date = today();
    // The person agreed to sharing, so the office's partner sees them
    // (de-identified); `it::governance` covers a person who did not.
    let consent = team
        .post_form(&format!("{person}/consents"), &consent_form("", &date)[1..])
        .await;
    assert_eq!(consent.status(), 303, "consent recorded");
    team.post_form(
        &format!("{case}/events"),
        &[
            ("occurred_on", date.as_str()),
            ("kind", "Note"),
            ("title", "Call"),
            ("note", "IDMARK said so"),
        ],
    )
    .await;
    let csrf = team.csrf().await;
    let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(b"statement of IDMARK".to_vec()).file_name("statement.txt"),
    );
    team.client
        .post(team.url(&format!("{case}/attachments")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (_, page) = team.get_text(&case).await;
    let attachment = regex::Regex::new(r#"/attachments/[0-9a-f-]{36}"#)
        .unwrap()
        .find(&page)
        .unwrap()
        .as_str()
        .to_owned();
    let reference = regex::Regex::new(r"KOL-\d{4}-\d{6}")
        .unwrap()
        .find(&page)
        .unwrap()
        .as_str()
        .to_owned();

    let mut callers = Vec::new();
    let everyone = ACTORS.iter().zip(users.into_iter().map(Some).chain([None]));
    for (index, (name, user)) in everyone.enumerate() {
        // Each caller from its own loopback address, as from its own
        // computer, so the per-address sign-in limit does not interfere.
        let address = std::net::Ipv4Addr::new(127, 0, 0, 10 + index as u8);
        let (browser, token) = match &user {
            Some(u) => (
                server.sign_in_from(name, address).await,
                Some(server.token_for(u).await),
            ),
            None => (Browser::from_address(server, address), None),
        };
        callers.push(Caller {
            name,
            user,
            browser,
            token,
        });
    }
    (
        Fixture {
            case,
            person,
            attachment,
            reference,
            offices: [a, b.id],
            team_member: callers[1]
                .user
                .as_ref()
                .map(|u| u.id.to_string())
                .unwrap_or_default(),
            bystander: server.user("bystander", "case_worker").await.id.to_string(),
            pair_api,
            pair_html,
            entity_api: vehicles[0].clone(),
            entity_html: vehicles[1].clone(),
        },
        callers,
    )
}

/// A grant of consent to sharing, as the person page's form sends it.
fn consent_form<'a>(csrf: &'a str, date: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("purpose", "sharing"),
        ("decision", "granted"),
        ("given_by", "person"),
        ("informed", "purpose"),
        ("informed", "withdrawal"),
        ("decided_on", date),
    ]
}

/// Two look-alikes of the fixture person in the same case, each queued as
/// a probable pair with it (directly: the scan itself is tested elsewhere).
async fn queued_pairs(
    server: &TestServer,
    team: &Browser,
    case: &str,
    person: &str,
) -> (String, String) {
    use lantern_storage::{DuplicatePair, DuplicatePairId, PairStatus};
    let fixture_person: lantern_domain::PersonId =
        person.trim_start_matches("/people/").parse().unwrap();
    let mut ids = Vec::new();
    for pseudonym in ["Chameli two", "Chameli three"] {
        let created = team
            .post_form(
                &format!("{case}/people"),
                &[
                    ("role", "Victim"),
                    ("pseudonym", pseudonym),
                    ("gender", "Feminine"),
                    ("acknowledge_duplicates", "yes"),
                ],
            )
            .await;
        assert_eq!(created.status(), 303);
        let other: lantern_domain::PersonId = location(&created)
            .trim_start_matches("/people/")
            .parse()
            .unwrap();
        let (a, b) = if fixture_person.as_uuid() < other.as_uuid() {
            (fixture_person, other)
        } else {
            (other, fixture_person)
        };
        let pair = DuplicatePair {
            id: DuplicatePairId::random(),
            person_a: a,
            person_b: b,
            probability: 0.95,
            reasons: "family-name-same".into(),
            involves_suspect: false,
            status: PairStatus::Pending,
            found_at: chrono::Utc::now(),
            decided_at: None,
            decided_by: None,
        };
        server
            .storage
            .record_duplicate_pairs(std::slice::from_ref(&pair))
            .await
            .unwrap();
        ids.push(pair.id.to_string());
    }
    (ids[0].clone(), ids[1].clone())
}

fn fill(path: &str, f: &Fixture) -> String {
    path.replace(
        "/api/v1/duplicates/{pair}",
        &format!("/api/v1/duplicates/{}", f.pair_api),
    )
    .replace(
        "/duplicates/{pair}",
        &format!("/duplicates/{}", f.pair_html),
    )
    .replace(
        "/admin/users/{user}",
        &format!("/admin/users/{}", f.bystander),
    )
    .replace(
        "/account/tokens/{token}",
        &format!("/account/tokens/{}", uuid::Uuid::new_v4()),
    )
    .replace("/cases/{case}", &f.case)
    .replace("/people/{person}", &f.person)
    .replace("/attachments/{attachment}", &f.attachment)
}

async fn call(
    server: &TestServer,
    caller: &Caller,
    row: &Row,
    f: &Fixture,
    api: bool,
) -> (u16, String, String) {
    let mut path =
        fill(row.path, f).replace("{entity}", if api { &f.entity_api } else { &f.entity_html });
    if api {
        path = path
            .replace("/api/v1/cases/{case}", &format!("/api/v1{}", f.case))
            .replace("/api/v1/people/{person}", &format!("/api/v1{}", f.person))
            .replace(
                "/api/v1/attachments/{attachment}",
                &format!("/api/v1{}", f.attachment),
            );
    }
    let client = &caller.browser.client;
    let url = server.url(&path);
    let office = caller
        .user
        .as_ref()
        .map(|u| u.office_id)
        .unwrap_or(f.offices[0])
        .to_string();
    let date = today();
    let mut request = match row.method {
        "GET" => client.get(&url),
        "POST" => client.post(&url),
        "PUT" => client.put(&url),
        "DELETE" => client.delete(&url),
        other => panic!("method {other}"),
    };
    if api {
        if let Some(token) = &caller.token {
            request = request.bearer_auth(token);
        }
    }
    let csrf = if !api && caller.user.is_some() && row.method == "POST" {
        caller.browser.csrf().await
    } else {
        String::new()
    };
    let case_fields = vec![
        ("csrf", csrf.clone()),
        ("intake_date", date.clone()),
        ("intake_source", "Hotline".to_owned()),
        ("status", "Active".to_owned()),
        ("owning_office", office.clone()),
        ("team", f.team_member.clone()),
    ];
    request = match row.body {
        Body::None => request,
        Body::CsrfOnly => request.form(&[("csrf", csrf.as_str())]),
        Body::CaseForm => request.form(&case_fields),
        Body::EventForm => request.form(&[("csrf", csrf.as_str()), ("occurred_on", &date), ("kind", "Note"), ("title", "Entry")]),
        Body::PersonForm => request.form(&[("csrf", csrf.as_str()), ("role", "Witness"), ("pseudonym", "Bokul"), ("gender", "Masculine")]),
        Body::Reason => request.form(&[("csrf", csrf.as_str()), ("reason", "The survivor called the night line in distress")]),
        Body::Language => request.form(&[("csrf", csrf.as_str()), ("language", "en")]),
        Body::Login => request.form(&[("csrf", "x"), ("username", "nobody"), ("password", "wrong password")]),
        Body::Upload => request.multipart(
            reqwest::multipart::Form::new()
                .text("csrf", csrf.clone())
                .part("file", reqwest::multipart::Part::bytes(b"more".to_vec()).file_name("more.txt")),
        ),
        Body::CaseJson => request.json(&serde_json::json!({
            "intake_date": date, "intake_source": "Hotline", "status": "Active", "owning_office": office,
            "team": [f.team_member]
        })),
        Body::EventJson => request.json(&serde_json::json!({"occurred_on": date, "kind": "Note", "title": "Entry"})),
        Body::PersonJson => request.json(&serde_json::json!({"pseudonym": "Chameli", "gender": "Feminine", "legal_name": "Rupa IDMARK Mondal"})),
        Body::EntityForm => request.form(&[("csrf", csrf.as_str()), ("kind", "vehicle"), ("name", "WB 01 C 42")]),
        Body::EntityJson => request.json(&serde_json::json!({"kind": "vehicle", "name": "WB 01 C 42"})),
        Body::ParticipantJson => request.json(&serde_json::json!({"role": "Witness", "person": {"pseudonym": "Bokul", "gender": "Masculine"}})),
        Body::ConsentForm => request.form(&consent_form(&csrf, &date)),
        Body::ConsentJson => request.json(&serde_json::json!({
            "purpose": "sharing", "decision": "granted", "given_by": "person",
            "informed": ["purpose", "withdrawal"], "decided_on": date
        })),
        Body::DefaultPermissions => {
            let mut fields = vec![("csrf".to_owned(), csrf.clone())];
            for (role, permission) in lantern_domain::permission::RolePermissions::default().iter() {
                fields.push(("cell".to_owned(), format!("{role}:{permission}")));
            }
            request.form(&fields)
        }
        Body::KeepEverything => request.form(&[("csrf", csrf.as_str()), ("person_identity", ""), ("attachment", "")]),
        Body::LinkForm => request.form(&[("csrf", csrf.as_str()), ("person", f.person.trim_start_matches("/people/")), ("role", "Guardian")]),
        Body::LinkJson => request.json(&serde_json::json!({"person": f.person.trim_start_matches("/people/"), "role": "Official"})),
        Body::MergeForm => request.form(&[("csrf", csrf.as_str()), ("survivor", f.person.trim_start_matches("/people/"))]),
        Body::MergeJson => request.json(&serde_json::json!({"survivor": f.person.trim_start_matches("/people/")})),
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let location = location(&response);
    (status, location, response.text().await.unwrap_or_default())
}

fn check(
    row: &Row,
    caller: &Caller,
    expect: Expect,
    f: &Fixture,
    api: bool,
    (status, location, body): (u16, String, String),
) {
    let what = format!(
        "{} {} as {}: got {status} {location}",
        row.method, row.path, caller.name
    );
    let ok = (200..400).contains(&status);
    match expect {
        Full => {
            assert!(ok, "{what}, expected full access");
            if row.method == "GET"
                && !row.path.starts_with("/attachments")
                && !row.path.contains("/attachments/")
            {
                assert!(
                    body.contains(IDENTITY_MARK),
                    "{what}: identifying data missing"
                );
            }
        }
        Redacted => {
            assert!(
                (200..300).contains(&status),
                "{what}, expected a redacted view"
            );
            assert!(
                !body.contains(IDENTITY_MARK),
                "{what}: identifying data leaked"
            );
        }
        Allowed => assert!(ok, "{what}, expected it allowed"),
        Listed => assert!(
            ok && body.contains(&f.reference),
            "{what}, expected the case listed"
        ),
        Unlisted => {
            assert!(ok, "{what}");
            assert!(
                !body.contains(&f.reference),
                "{what}: a case outside need-to-know was listed"
            );
        }
        Forbidden => assert_eq!(status, 403, "{what}, expected 403"),
        Hidden => {
            assert_eq!(status, 404, "{what}, expected 404");
            assert!(
                !body.contains(IDENTITY_MARK) && !body.contains(&f.reference),
                "{what}: the 404 leaked"
            );
        }
        SignIn if api => assert_eq!(status, 401, "{what}, expected 401"),
        SignIn => assert!(
            status == 303 && location == "/login",
            "{what}, expected a redirect to sign in"
        ),
        Any => assert!(status < 500, "{what}: server error"),
    }
}

async fn every_route_as_every_user(server: &TestServer) {
    let (fixture, callers) = fixture(server).await;
    let (html, api) = (html_rows(), api_rows());

    let tabled: BTreeSet<(String, String)> = html
        .iter()
        .chain(api.iter())
        .map(|r| (r.method.to_owned(), normalise(r.path)))
        .collect();
    let declared = declared_routes();
    assert!(declared.len() > 30, "found {} routes", declared.len());
    let missing: Vec<_> = declared.difference(&tabled).collect();
    assert!(
        missing.is_empty(),
        "routes missing from the access table: {missing:?}"
    );

    for (rows, is_api) in [(&api, true), (&html, false)] {
        for row in rows.iter() {
            for (caller, expect) in callers.iter().zip(row.expect) {
                let outcome = call(server, caller, row, &fixture, is_api).await;
                check(row, caller, expect, &fixture, is_api, outcome);
            }
        }
    }

    // After giving a reason, the colleague outside the team sees the case
    // in full; the grant is listed for administrators.
    // (Sessions were ended above and sign-in is rate limited: the API
    // token and the application itself are asked instead.)
    let colleague = &callers[2];
    let file = reqwest::Client::new()
        .get(server.url(&format!("/api/v1{}", fixture.case)))
        .bearer_auth(colleague.token.as_ref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    assert!(file.text().await.unwrap().contains(IDENTITY_MARK));
    let root = server.app.console_actor(server.office.id);
    let log = server.app.break_glass_log(&root).await.unwrap();
    let colleague_id = colleague.user.as_ref().unwrap().id;
    assert!(log
        .iter()
        .any(|g| g.user_id == colleague_id && g.reason.contains("night line")));
}
on_both_backends!(
    every_route_as_every_user_and_none,
    every_route_as_every_user
);
