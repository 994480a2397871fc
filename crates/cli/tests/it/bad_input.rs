//! Bad input of every kind: a 4xx with a specific message, nothing written,
//! no internals, no identifying data echoed.

use serde_json::Value;

use crate::on_both_backends;
use crate::support::*;

async fn send_raw(
    server: &TestServer,
    token: &str,
    method: reqwest::Method,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (u16, Value) {
    let response = reqwest::Client::new()
        .request(method, server.url(path))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn api_bad_input(server: &TestServer) {
    let token = server.api_token("bad.input", "case_worker").await;
    let post = |content_type: &'static str, body: Vec<u8>| {
        send_raw(
            server,
            &token,
            reqwest::Method::POST,
            "/api/v1/cases",
            content_type,
            body,
        )
    };

    let (status, body) = post("application/json", b"{\"intake_date\": ".to_vec()).await;
    assert_eq!(status, 400);
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not well-formed JSON"));

    let (status, body) = post("application/json", b"{\"intake_date\": 5}".to_vec()).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "bad-request");

    let (status, _) = post("application/json", b"{\"surprise\": \"field\"}".to_vec()).await;
    assert_eq!(status, 400, "unknown fields are refused");

    let (status, body) = post("text/plain", b"{}".to_vec()).await;
    assert_eq!(status, 415);
    assert_eq!(body["error"]["code"], "unsupported-media-type");

    let (status, _) = post("application/json", vec![b'"', 0xff, 0xfe, b'"']).await;
    assert_eq!(status, 400);

    let (status, _) = post("application/json", vec![b' '; 2 * 1024 * 1024]).await;
    assert_eq!(status, 413);

    let office = server.office.id.to_string();
    let secret = "Secret Name 4711";
    let body = serde_json::json!({
        "intake_date": "1850-01-01", "intake_source": secret, "status": "Active", "owning_office": office,
        "place_of_recruitment": "x".repeat(201)
    });
    let (status, body) = post("application/json", serde_json::to_vec(&body).unwrap()).await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"intake_date")
            && fields.contains(&"intake_source")
            && fields.contains(&"place_of_recruitment")
    );
    assert!(
        !body.to_string().contains(secret),
        "the rejected value is not echoed"
    );

    let unknown_office = serde_json::json!({"intake_date": "2026-01-01", "intake_source": "Hotline", "status": "Active",
        "owning_office": uuid::Uuid::new_v4().to_string(), "team": [uuid::Uuid::new_v4().to_string()]});
    let (status, body) = post(
        "application/json",
        serde_json::to_vec(&unknown_office).unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(server.case_count().await, 0, "nothing was written");

    for path in [
        "/api/v1/cases/not-a-uuid",
        "/api/v1/cases/00000000-0000-4000-8000-000000000000",
        "/api/v1/people/7",
        "/api/v1/nothing",
    ] {
        let (status, body) = send_raw(
            server,
            &token,
            reqwest::Method::GET,
            path,
            "application/json",
            Vec::new(),
        )
        .await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["error"]["code"], "not-found");
    }
    let (status, _) = send_raw(
        server,
        &token,
        reqwest::Method::POST,
        "/api/v1/cases/00000000-0000-4000-8000-000000000000/events",
        "application/json",
        br#"{"occurred_on": "2026-01-01", "kind": "Note", "title": "x"}"#.to_vec(),
    )
    .await;
    assert_eq!(status, 404);
}
on_both_backends!(api_bad_input_is_refused_precisely, api_bad_input);

async fn form_bad_input(server: &TestServer) {
    let browser = server.signed_in("bad.forms", "case_worker").await;
    let csrf = browser.csrf().await;
    let mut body = format!("csrf={csrf}&intake_date=").into_bytes();
    body.extend_from_slice(b"%FF%FE");
    let invalid_utf8 = browser
        .client
        .post(browser.url("/cases"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(invalid_utf8.status(), 400);
    let page = invalid_utf8.text().await.unwrap();
    assert!(
        !page.contains("panicked") && !page.contains("src/"),
        "no internals"
    );

    let json_to_form = browser
        .client
        .post(browser.url("/cases"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(json_to_form.status(), 415);

    let huge = browser
        .client
        .post(browser.url("/cases"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "csrf={csrf}&summary={}",
            "a".repeat(2 * 1024 * 1024)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), 413);

    for path in [
        "/cases/zzz",
        "/cases/00000000-0000-4000-8000-000000000000",
        "/people/00000000-0000-4000-8000-000000000000",
        "/attachments/1",
    ] {
        let (status, page) = browser.get_text(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(page.contains("does not exist"));
    }
    let (status, page) = browser.get_text("/cases?from=2026-13-45").await;
    assert_eq!(status, 422);
    assert!(page.contains("YYYY-MM-DD"));
    let (status, _) = browser.get_text("/cases?page=-4&status=Nope").await;
    assert_eq!(status, 422);
    assert_eq!(server.case_count().await, 0);
}
on_both_backends!(form_bad_input_is_refused_precisely, form_bad_input);
