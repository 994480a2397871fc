//! The JSON API and its OpenAPI document.

use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::*;

struct Api<'a> {
    server: &'a TestServer,
    token: String,
    client: reqwest::Client,
}

impl Api<'_> {
    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self
            .client
            .request(method, self.server.url(path))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }
}

async fn api_round_trip(server: &TestServer) {
    let api = Api {
        server,
        token: server.api_token("svc", "case_worker").await,
        client: reqwest::Client::new(),
    };
    let (status, me) = api.send(reqwest::Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, 200);
    assert_eq!(me["username"], "svc");

    let (status, created) = api
        .send(
            reqwest::Method::POST,
            "/api/v1/cases",
            Some(json!({
                "intake_date": "2026-03-01", "intake_source": "OnlineTip", "status": "Active",
                "exploitation_types": ["SexualExploitation"], "owning_office": server.office.id.to_string(),
                "place_of_exploitation": "Cebu City"
            })),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["reference"], "KOL-2026-000001");
    let id = created["id"].as_str().unwrap().to_owned();

    let (status, person) = api
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/cases/{id}/people"),
            Some(json!({"role": "Victim", "person": {
                "pseudonym": "ดาว", "gender": "Feminine", "legal_name": "สมหญิง ใจดี",
                "phones": ["+66 81 234 5678"], "citizenships": ["TH"], "languages": ["th"], "estimated_age": 16
            }})),
        )
        .await;
    assert_eq!(status, 201, "{person}");
    let person_id = person["id"].as_str().unwrap().to_owned();

    let (status, event) = api
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/cases/{id}/events"),
            Some(json!({"occurred_on": "2026-03-02", "kind": "Screening", "title": "Screened"})),
        )
        .await;
    assert_eq!(status, 201, "{event}");

    let (status, file) = api
        .send(reqwest::Method::GET, &format!("/api/v1/cases/{id}"), None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        file["participants"][0]["person"]["identity"]["legal_name"],
        "สมหญิง ใจดี"
    );
    assert_eq!(file["participants"][0]["person"]["age_band"], "9-17");
    assert_eq!(file["events"][0]["title"], "Screened");

    let (status, list) = api
        .send(
            reqwest::Method::GET,
            "/api/v1/cases?q=%E0%B8%94&per_page=5",
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(list["total"], 1);
    assert_eq!(list["per_page"], 5);

    let (status, _) = api
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/people/{person_id}"),
            Some(json!({"pseudonym": "ดาวเหนือ", "gender": "Feminine"})),
        )
        .await;
    assert_eq!(status, 204);
    let (_, updated) = api
        .send(
            reqwest::Method::GET,
            &format!("/api/v1/people/{person_id}"),
            None,
        )
        .await;
    assert_eq!(updated["pseudonym"], "ดาวเหนือ");

    let (status, case) = api
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/cases/{id}"),
            Some(json!({"intake_date": "2026-03-01", "intake_source": "OnlineTip", "status": "FollowUp",
                        "owning_office": server.office.id.to_string()})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(case["status"], "FollowUp");

    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"%PDF-1.4 test".to_vec()).file_name("report.pdf"),
    );
    let upload = api
        .client
        .post(server.url(&format!("/api/v1/cases/{id}/attachments")))
        .bearer_auth(&api.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), 201);
    let attachment: Value = upload.json().await.unwrap();
    assert_eq!(attachment["content_type"], "application/pdf");
    let download = api
        .client
        .get(server.url(&format!(
            "/api/v1/attachments/{}",
            attachment["id"].as_str().unwrap()
        )))
        .bearer_auth(&api.token)
        .send()
        .await
        .unwrap();
    assert_eq!(download.bytes().await.unwrap().as_ref(), b"%PDF-1.4 test");
}
on_both_backends!(api_creates_reads_and_updates, api_round_trip);

async fn api_authentication_and_roles(server: &TestServer) {
    let client = reqwest::Client::new();
    let none = client
        .get(server.url("/api/v1/cases"))
        .send()
        .await
        .unwrap();
    assert_eq!(none.status(), 401);
    let body: Value = none.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthenticated");
    let bogus = client
        .get(server.url("/api/v1/cases"))
        .bearer_auth("lt_not-a-real-token")
        .send()
        .await
        .unwrap();
    assert_eq!(bogus.status(), 401);
    // A session cookie is no API credential.
    let browser = server.signed_in("cookie.user", "admin").await;
    assert_eq!(browser.get("/api/v1/cases").await.status(), 401);

    let analyst = Api {
        server,
        token: server.api_token("analyst", "me_analyst").await,
        client: client.clone(),
    };
    let (status, body) = analyst
        .send(
            reqwest::Method::POST,
            "/api/v1/cases",
            Some(json!({"intake_date": "2026-01-01"})),
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "forbidden");

    let user = server
        .storage
        .user_credentials("analyst")
        .await
        .unwrap()
        .unwrap()
        .user;
    let root = server.app.console_actor(server.office.id);
    server
        .app
        .set_user_disabled(&root, user.id, true)
        .await
        .unwrap();
    let (status, _) = analyst.send(reqwest::Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, 401, "disabling revokes tokens");
}
on_both_backends!(
    api_requires_live_tokens_and_respects_roles,
    api_authentication_and_roles
);

async fn openapi_document(server: &TestServer) {
    let doc: Value = reqwest::get(server.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/cases",
        "/api/v1/cases/{id}",
        "/api/v1/cases/{id}/people",
        "/api/v1/people/{id}",
        "/api/v1/attachments/{id}",
    ] {
        assert!(paths.contains_key(path), "{path} documented");
    }
    assert!(doc["components"]["schemas"]["CaseIn"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}
on_both_backends!(openapi_document_describes_the_api, openapi_document);
